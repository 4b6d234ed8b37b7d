package com.lstmautoml.core.metrics;

import com.lstmautoml.core.db.Jdbc;
import com.lstmautoml.core.trial.TrialState;
import com.lstmautoml.core.db.DatabaseOutage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The queue's state as gauges, read from the database (so they count every process's trials and workers): trials
 * per state and kind ({@value QueueMetrics#TRIALS}), and workers alive ({@value QueueMetrics#WORKERS_ALIVE}). One
 * read is two statements, a grouped count over {@code trial} and a count over {@code worker}, in one transaction; it
 * serves every gauge of a scrape and is kept for {@code maxAge} (by the injected clock), so scrapes cost at most one
 * read per {@code maxAge}. While the database cannot answer, the gauges are NaN (the outage is logged once).
 *
 * <p>Bound by the backend only: a worker process would report the same numbers again.
 */
public final class QueueGauges implements MeterBinder {

    /** How long one read serves the gauges: a few seconds, so a scrape every few seconds costs one query. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(5);

    static final String TRIALS_SQL = "SELECT state, kind, count(*) FROM trial GROUP BY state, kind";

    /**
     * A worker is alive when it refreshed its row within the window or holds a RUNNING trial whose lease has not run
     * out (an in-process worker refreshes its row between trials only). The subquery walks
     * {@code trial_lease_idx (lease_expires_at) WHERE state = 'RUNNING'}.
     */
    static final String WORKERS_SQL = """
            SELECT count(*) FROM worker
             WHERE last_heartbeat_at >= ?
                OR id IN (SELECT worker_id FROM trial WHERE state = 'RUNNING' AND lease_expires_at >= ?)
            """;

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration aliveWithin;
    private final Duration maxAge;
    private final DatabaseOutage outage;
    private Snapshot last;

    /**
     * @param aliveWithin a worker that refreshed its row within this window counts as alive (the queue's lease: a
     *                    worker silent for longer has its trials rescued)
     * @param maxAge      how long one read serves the gauges
     */
    public QueueGauges(DataSource dataSource, Clock clock, Duration aliveWithin, Duration maxAge) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.aliveWithin = Objects.requireNonNull(aliveWithin, "aliveWithin");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.outage = new DatabaseOutage(LoggerFactory.getLogger(QueueGauges.class), "queue gauges", clock);
    }

    /** Trial counts by (state, kind) label and the live workers, as read at {@code at}; null and -1: unknown. */
    record Snapshot(Instant at, Map<String, Long> trials, long workersAlive) {

        double trials(TrialState state, String kind) {
            return trials == null ? Double.NaN : trials.getOrDefault(key(label(state), kind), 0L);
        }

        double workers() {
            return workersAlive < 0 ? Double.NaN : workersAlive;
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (TrialState state : TrialState.values()) {
            for (String kind : QueueMetrics.KINDS) {
                // strong: the gauge is this object's only holder in the backend
                Gauge.builder(QueueMetrics.TRIALS, this, g -> g.snapshot().trials(state, kind))
                        .description("trials in the queue's table, by state (read from the database)")
                        .tag("state", label(state)).tag("kind", kind).strongReference(true).register(registry);
            }
        }
        Gauge.builder(QueueMetrics.WORKERS_ALIVE, this, g -> g.snapshot().workers())
                .description("workers that refreshed their row within a lease or hold a leased trial")
                .strongReference(true).register(registry);
    }

    /** The last read when younger than maxAge, else a new one (an unknown one while the database cannot answer). */
    synchronized Snapshot snapshot() {
        Instant now = clock.instant();
        if (last != null && Duration.between(last.at(), now).compareTo(maxAge) < 0) {
            return last;
        }
        try {
            last = read(now);
            outage.recovered();
        } catch (RuntimeException e) {
            if (!Jdbc.isTransient(e)) {
                LoggerFactory.getLogger(QueueGauges.class).warn("queue gauges: could not read the queue's state", e);
            } else {
                outage.failed("read the queue's state", e, maxAge);
            }
            // kept for maxAge too: a scrape during an outage does not wait for one failing read per gauge
            last = new Snapshot(now, null, -1);
        }
        return last;
    }

    private Snapshot read(Instant now) {
        return Jdbc.inTransaction(dataSource, "read the queue's gauges", c -> {
            Map<String, Long> trials = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(TRIALS_SQL); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    trials.put(key(label(TrialState.valueOf(rs.getString(1))), QueueMetrics.kind(rs.getString(2))),
                            rs.getLong(3));
                }
            }
            long workers;
            try (PreparedStatement ps = c.prepareStatement(WORKERS_SQL)) {
                Jdbc.setInstant(ps, 1, now.minus(aliveWithin));
                Jdbc.setInstant(ps, 2, now);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    workers = rs.getLong(1);
                }
            }
            return new Snapshot(now, Map.copyOf(trials), workers);
        });
    }

    private static String label(TrialState state) {
        return QueueMetrics.label(state);
    }

    private static String key(String state, String kind) {
        return state + "/" + kind;
    }
}
