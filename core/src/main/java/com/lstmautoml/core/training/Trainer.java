package com.lstmautoml.core.training;

/** Trains one trial. The real one is DL4J's ({@code LstmTrainer}); queue tests use a scripted one. */
public interface Trainer {

    /**
     * Trains to the end (early stopping, max epochs, or a non-CONTINUE verdict of the listener).
     *
     * @throws IllegalArgumentException when the job cannot be trained (data too short for the window, bad config)
     */
    TrainingResult train(TrainingJob job, EpochListener listener);
}
