package com.lstmautoml.core.experiment;

/**
 * Why the scheduler stopped queueing an experiment's trials ({@code experiment.stop_reason}). It is set the moment
 * queueing stops; the experiment stays RUNNING until its running trials end, then becomes COMPLETED (or it is
 * CANCELLED at once).
 */
public enum ExperimentStopReason {

    /** {@code maxTrials} trials were queued. */
    MAX_TRIALS("all trials queued"),
    /** The strategy had nothing left to propose (grid search went through its grid). */
    SPACE_EXHAUSTED("search space exhausted"),
    /** The {@code timeBudget} ran out: queued trials were cancelled, running ones finish. */
    TIME_BUDGET("time budget spent"),
    /** A user cancelled it. */
    CANCELLED("cancelled");

    private final String description;

    ExperimentStopReason(String description) {
        this.description = description;
    }

    /** A few words for people: "time budget spent". */
    public String description() {
        return description;
    }
}
