package com.lstmautoml.core.events;

import com.lstmautoml.core.db.Backoff;
import com.lstmautoml.core.db.DatabaseOutage;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Hears what the database announces on {@link #CHANNEL} (the triggers of {@code V10__trial_notify.sql}, fired by any
 * process that writes trials) and publishes it on a {@link TrialEventBus}.
 *
 * <p>One thread holds one connection of its own (not a pooled one: it stays in LISTEN for good) and waits for
 * notifications {@link Config#poll} at a time. Every {@link Config#check} without a notification it runs
 * {@code SELECT 1}, so that a connection lost silently is noticed. When the connection fails it reconnects with
 * exponential backoff (the outage is logged once, like the workers'), and after each (re)connection it publishes
 * {@link TrialEventBus#publishEverything()}: what was announced while nobody listened is lost, so every view re-reads.
 */
public final class TrialNotifications implements AutoCloseable {

    /** The channel the triggers notify on. */
    public static final String CHANNEL = "trial_events";

    private static final Logger LOG = LoggerFactory.getLogger(TrialNotifications.class);

    /** Opens a new connection to the database (each call a new one). */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    /**
     * @param poll           longest single wait for notifications (also how long {@link #close()} may take)
     * @param check          a connection quiet for this long is tested with {@code SELECT 1}
     * @param backoffInitial first wait before reconnecting
     * @param backoffMax     longest wait between two connection attempts
     */
    public record Config(Duration poll, Duration check, Duration backoffInitial, Duration backoffMax) {

        public static final Config DEFAULTS = new Config(Duration.ofMillis(500), Duration.ofSeconds(15),
                Duration.ofMillis(100), Duration.ofSeconds(5));

        public Config {
            Objects.requireNonNull(poll, "poll");
            Objects.requireNonNull(check, "check");
            if (poll.isNegative() || poll.isZero()) {
                throw new IllegalArgumentException("poll must be positive, got " + poll);
            }
        }
    }

    /**
     * A notification's payload: experiment {@code experimentId}; the trial when a trial changed; whether that change
     * was an epoch recorded.
     */
    public record Payload(long experimentId, Long trialId, boolean epoch) {

        /**
         * {@code "<experiment id>"}, {@code "<experiment id>:<trial id>"} or {@code "<experiment id>:<trial id>:epoch"};
         * empty for anything else.
         */
        public static Optional<Payload> parse(String text) {
            if (text == null) {
                return Optional.empty();
            }
            String[] parts = text.split(":", -1);
            try {
                return switch (parts.length) {
                    case 1 -> Optional.of(new Payload(Long.parseLong(parts[0]), null, false));
                    case 2 -> Optional.of(new Payload(Long.parseLong(parts[0]), Long.parseLong(parts[1]), false));
                    case 3 -> "epoch".equals(parts[2])
                            ? Optional.of(new Payload(Long.parseLong(parts[0]), Long.parseLong(parts[1]), true))
                            : Optional.empty();
                    default -> Optional.empty();
                };
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    private final ConnectionSource source;
    private final TrialEventBus bus;
    private final Clock clock;
    private final Config config;
    private final Backoff backoff;
    private final DatabaseOutage outage;
    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;

    public TrialNotifications(ConnectionSource source, TrialEventBus bus, Clock clock, Config config) {
        this.source = Objects.requireNonNull(source, "source");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.config = Objects.requireNonNull(config, "config");
        this.backoff = new Backoff(config.backoffInitial(), config.backoffMax());
        this.outage = new DatabaseOutage(LOG, "trial events listener", clock);
    }

    /** Starts listening on a thread of its own. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        running = true;
        thread = new Thread(this::run, "trial-events-listener");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether a connection is in LISTEN now (health, tests). */
    public boolean listening() {
        return listening;
    }

    /** Stops listening and closes the connection; waits at most a few {@link Config#poll}s. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t == null) {
            return;
        }
        t.interrupt();
        try {
            t.join(config.poll().multipliedBy(4).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            try (Connection c = source.open()) {
                listen(c);
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (!running) {
                    break;
                }
                Duration pause = backoff.next();
                outage.failed("listen on " + CHANNEL, e, backoff.max());
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    // close(): the loop condition ends it
                }
            }
        }
        listening = false;
    }

    /** LISTENs on {@code c} and publishes what arrives until {@link #close()} or a failure of the connection. */
    private void listen(Connection c) throws SQLException {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + CHANNEL);
        }
        PGConnection pg = c.unwrap(PGConnection.class);
        listening = true;
        outage.recovered();
        backoff.reset();
        LOG.debug("listening on {}", CHANNEL);
        bus.publishEverything();
        Instant lastHeard = clock.instant();
        int waitMillis = (int) Math.min(Integer.MAX_VALUE, config.poll().toMillis());
        while (running) {
            PGNotification[] notifications = pg.getNotifications(waitMillis);
            Instant now = clock.instant();
            if (notifications != null && notifications.length > 0) {
                lastHeard = now;
                for (PGNotification n : notifications) {
                    Payload.parse(n.getParameter()).ifPresentOrElse(
                            p -> bus.publish(p.experimentId(), p.trialId(), p.epoch()),
                            () -> LOG.debug("ignored a notification on {} with payload {}", CHANNEL,
                                    n.getParameter()));
                }
            } else if (!Duration.between(lastHeard, now).minus(config.check()).isNegative()) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
                lastHeard = now;
            }
        }
    }
}
