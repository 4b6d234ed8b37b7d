package com.lstmautoml.core.training;

/**
 * What a worker trains for one claimed trial: a forecast's {@link TrainingJob} or a text's {@link TextTrainingJob}.
 * Each hands itself to the {@link Trainer}'s method for its kind, so the worker's loop is the same for both.
 */
public sealed interface TrialJob permits TrainingJob, TextTrainingJob {

    /** Trains this job with {@code trainer}; see {@link Trainer}. */
    TrainingResult trainWith(Trainer trainer, EpochListener listener);
}
