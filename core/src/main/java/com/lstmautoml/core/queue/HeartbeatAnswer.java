package com.lstmautoml.core.queue;

/** What the queue answers a worker's heartbeat or epoch report. */
public enum HeartbeatAnswer {
    /** the lease was extended; go on */
    CONTINUE,
    /** the lease was extended but a stop was requested (the experiment was cancelled): stop and report CANCELLED */
    STOP,
    /** the trial is not ours any more (the lease was rescued, or the trial was finished): stop and report nothing */
    LOST
}
