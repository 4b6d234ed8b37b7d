package com.lstmautoml.core.queue;

/**
 * What one {@link LeaseRescuer#rescueOnce()} pass did with the expired leases it found.
 *
 * @param requeued  back to QUEUED for another attempt
 * @param failed    FAILED: their last attempt expired
 * @param cancelled CANCELLED: a stop had been requested
 */
public record RescueResult(int requeued, int failed, int cancelled) {

    public static final RescueResult NONE = new RescueResult(0, 0, 0);

    public int total() {
        return requeued + failed + cancelled;
    }

    RescueResult plus(RescueResult o) {
        return new RescueResult(requeued + o.requeued, failed + o.failed, cancelled + o.cancelled);
    }
}
