package com.lstmautoml.core.queue;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing and sizing of the trial queue, shared by {@link TrialQueue}, {@link LeaseRescuer} and the worker loop.
 *
 * @param leaseDuration     how long a claim (and every heartbeat or epoch report) keeps a trial owned by its worker;
 *                          a RUNNING trial whose lease is older than this is rescued by {@link LeaseRescuer}.
 *                          Must comfortably exceed the longest expected epoch unless the worker's heartbeat timer runs.
 * @param heartbeatInterval how often a worker extends its lease from a timer while an epoch is running, and how often
 *                          it refreshes its row in the {@code worker} table; must be shorter than the lease
 * @param pollInterval      how long an idle worker waits before trying to claim again when the queue was empty
 * @param rescueBatchSize   expired leases the rescuer locks and processes per transaction (keyset batches)
 * @param maxErrorLength    longest error text stored in {@code trial.error}; longer messages are truncated
 */
public record QueueConfig(Duration leaseDuration, Duration heartbeatInterval, Duration pollInterval,
                          int rescueBatchSize, int maxErrorLength) {

    /** Default lease: 2 minutes. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(2);
    /** Default heartbeat timer and worker-row refresh: 30 seconds (a quarter of the lease). */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(30);
    /** Default idle poll: 2 seconds. */
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(2);
    /** Default rescuer batch: 100 trials per transaction. */
    public static final int DEFAULT_RESCUE_BATCH = 100;
    /** Default cap on stored error text: 8000 characters. */
    public static final int DEFAULT_MAX_ERROR_LENGTH = 8000;

    public static final QueueConfig DEFAULTS = new QueueConfig(DEFAULT_LEASE, DEFAULT_HEARTBEAT, DEFAULT_POLL,
            DEFAULT_RESCUE_BATCH, DEFAULT_MAX_ERROR_LENGTH);

    public QueueConfig {
        Objects.requireNonNull(leaseDuration, "leaseDuration");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (leaseDuration.isNegative() || leaseDuration.isZero()) {
            throw new IllegalArgumentException("leaseDuration must be positive, got " + leaseDuration);
        }
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()
                || heartbeatInterval.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException("heartbeatInterval must be positive and shorter than the lease ("
                    + leaseDuration + "), got " + heartbeatInterval);
        }
        if (pollInterval.isNegative()) {
            throw new IllegalArgumentException("pollInterval must not be negative, got " + pollInterval);
        }
        if (rescueBatchSize < 1) {
            throw new IllegalArgumentException("rescueBatchSize must be at least 1, got " + rescueBatchSize);
        }
        if (maxErrorLength < 100) {
            throw new IllegalArgumentException("maxErrorLength must be at least 100, got " + maxErrorLength);
        }
    }

    public QueueConfig withLeaseDuration(Duration lease) {
        Duration beat = heartbeatInterval.compareTo(lease) < 0 ? heartbeatInterval : lease.dividedBy(4);
        return new QueueConfig(lease, beat, pollInterval, rescueBatchSize, maxErrorLength);
    }

    public QueueConfig withPollInterval(Duration poll) {
        return new QueueConfig(leaseDuration, heartbeatInterval, poll, rescueBatchSize, maxErrorLength);
    }

    public QueueConfig withRescueBatchSize(int batch) {
        return new QueueConfig(leaseDuration, heartbeatInterval, pollInterval, batch, maxErrorLength);
    }
}
