package com.lstmautoml.core.queue;

/**
 * What {@link TrialQueue#cancelExperiment(long)} (or {@link TrialQueue#cancelQueued}) did.
 *
 * @param cancelled     QUEUED trials that became CANCELLED at once
 * @param stopRequested RUNNING trials asked to stop (they end CANCELLED at their worker's next heartbeat, or when
 *                      the rescuer finds their lease expired)
 */
public record CancelCounts(int cancelled, int stopRequested) {
}
