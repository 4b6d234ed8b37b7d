package com.lstmautoml.core.db;

import org.slf4j.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Logs a database outage once instead of once per failed call: the first failure as one WARN line (what failed and
 * why, no stack trace; the stack trace of every failure goes to DEBUG), the end of the outage as one INFO line (how
 * long it lasted, how many calls failed). Shared by the threads of one worker (its claim loop and its lease timer).
 * Thread-safe.
 */
public final class DatabaseOutage {

    private final Logger log;
    private final String who;
    private final Clock clock;
    private Instant since;
    private int failures;

    /**
     * @param log   where to log
     * @param who   the subject of the lines, e.g. "worker w-1"
     * @param clock for the outage's duration
     */
    public DatabaseOutage(Logger log, String who, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.who = Objects.requireNonNull(who, "who");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Records a failed call ({@code what}, e.g. "claim"); logs it at WARN when it starts an outage.
     *
     * @param retryingWithin the longest wait between two tries (the backoff's cap, a timer's period), for the log
     *
     * @return true when it started an outage (it was logged)
     */
    public synchronized boolean failed(String what, Throwable e, Duration retryingWithin) {
        failures++;
        if (log.isDebugEnabled()) {
            log.debug("{}: {} failed (failure {} of this outage)", who, what, failures, e);
        }
        if (since != null) {
            return false;
        }
        since = clock.instant();
        log.warn("{}: database unavailable ({} failed: {}); retrying at most {} apart, logging again when it is "
                + "back", who, what, rootMessage(e), retryingWithin);
        return true;
    }

    /** A call succeeded: logs the end of the outage, if there was one. */
    public synchronized void recovered() {
        if (since == null) {
            return;
        }
        Duration down = Duration.between(since, clock.instant());
        log.info("{}: database available again after {} ({} failed call(s)); carrying on", who, down, failures);
        since = null;
        failures = 0;
    }

    /** The innermost message, which names the actual problem ("Connection refused"). */
    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m == null ? "" : ": " + m.strip().lines().findFirst().orElse(""));
    }
}
