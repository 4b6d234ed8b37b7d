package com.lstmautoml.core.trial;

/**
 * Life cycle of a trial. The database enforces the same set with a CHECK constraint
 * (db-migrations V1), together with the timestamps each state requires.
 */
public enum TrialState {
    QUEUED, RUNNING, COMPLETED, PRUNED, FAILED, CANCELLED;

    /** A final state is never left again. */
    public boolean isFinal() {
        return this == COMPLETED || this == PRUNED || this == FAILED || this == CANCELLED;
    }
}
