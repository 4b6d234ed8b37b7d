package com.lstmautoml.core.db;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff between retries of a failed database call: {@code initial}, then twice as long after each
 * further failure, never more than {@code max}, each wait stretched by up to a quarter at random so that workers cut
 * off together do not all come back in the same millisecond. {@link #reset()} after a success. Thread-safe.
 */
public final class Backoff {

    /** Default first wait after a failure. */
    public static final Duration DEFAULT_INITIAL = Duration.ofMillis(100);
    /** Default longest wait between two tries. */
    public static final Duration DEFAULT_MAX = Duration.ofSeconds(30);

    private final Duration initial;
    private final Duration max;
    private Duration next;

    public Backoff(Duration initial, Duration max) {
        this.initial = Objects.requireNonNull(initial, "initial");
        this.max = Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive, got " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max backoff " + max + " is shorter than the initial " + initial);
        }
        this.next = initial;
    }

    public static Backoff defaults() {
        return new Backoff(DEFAULT_INITIAL, DEFAULT_MAX);
    }

    /** The wait before the next try (in [d, 1.25 d] for the current step d, capped at max); doubles the step. */
    public synchronized Duration next() {
        Duration step = next;
        Duration doubled = step.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        long millis = step.toMillis();
        long jittered = millis + ThreadLocalRandom.current().nextLong(millis / 4 + 1);
        return Duration.ofMillis(Math.min(jittered, max.toMillis()));
    }

    /** Back to {@code initial} (after a success). */
    public synchronized void reset() {
        next = initial;
    }

    public Duration max() {
        return max;
    }
}
