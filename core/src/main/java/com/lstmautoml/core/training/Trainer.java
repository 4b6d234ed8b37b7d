package com.lstmautoml.core.training;

/**
 * Trains one trial, a forecast's or a text's. The real one is DL4J's ({@link LstmTrainer}); queue tests use a
 * scripted one.
 */
public interface Trainer {

    /**
     * Trains a forecasting trial to the end (early stopping, max epochs, or a non-CONTINUE verdict of the listener).
     *
     * @throws IllegalArgumentException when the job cannot be trained (data too short for the window, bad config)
     */
    TrainingResult train(TrainingJob job, EpochListener listener);

    /**
     * Trains a character-level generation trial to the end, as {@link #train(TrainingJob, EpochListener)} does: its
     * result's RMSE fields hold bits per character.
     *
     * @throws IllegalArgumentException when the job cannot be trained (a text too short for its sequences)
     */
    TrainingResult train(TextTrainingJob job, EpochListener listener);
}
