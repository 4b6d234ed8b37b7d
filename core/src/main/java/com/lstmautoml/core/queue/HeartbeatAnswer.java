package com.lstmautoml.core.queue;

/** What the queue answers a worker's heartbeat or epoch report. */
public enum HeartbeatAnswer {
    /** the lease was extended; go on */
    CONTINUE,
    /** the lease was extended but a stop was requested (the experiment was cancelled): stop and report CANCELLED */
    STOP,
    /**
     * the lease was extended and the epoch recorded, but the experiment's pruner judged the trial unpromising: stop and
     * report PRUNED (only an epoch report answers this, never a bare heartbeat)
     */
    PRUNE,
    /** the trial is not ours any more (the lease was rescued, or the trial was finished): stop and report nothing */
    LOST
}
