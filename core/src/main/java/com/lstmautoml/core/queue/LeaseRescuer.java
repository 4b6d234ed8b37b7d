package com.lstmautoml.core.queue;

import com.lstmautoml.core.db.Jdbc;
import com.lstmautoml.core.metrics.QueueMetrics;
import com.lstmautoml.core.trial.TrialState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finds RUNNING trials whose lease expired (their worker died, hung, or lost the database) and decides their fate,
 * modelled on River's job rescuer. Each expired trial becomes
 * <ul>
 *   <li>CANCELLED when a stop had been requested (the experiment was cancelled);</li>
 *   <li>FAILED when it was its last attempt ({@code attempt >= max_attempts}), with the reason as its error;</li>
 *   <li>QUEUED again otherwise: lease and worker cleared, the lost attempt's {@code trial_epoch} rows deleted, a line
 *   appended to {@code attempt_errors}, {@code queued_at} kept so it keeps its place in the queue. The next claim
 *   increments {@code attempt}, which fences off the old worker's late writes.</li>
 * </ul>
 * Work goes in keyset batches of {@link QueueConfig#rescueBatchSize()}, one transaction each, locking with
 * {@code FOR UPDATE SKIP LOCKED}: two rescuers running at once never process the same trial, and a heartbeat that
 * extended the lease first wins (the locked re-check sees the new lease and drops the row).
 * Nothing schedules it here: whoever hosts it (the backend) calls {@link #rescueOnce()} periodically, e.g. every
 * quarter of the lease. Each committed batch is counted on the {@link QueueMetrics} given: the rescues by result, and
 * the trials it failed or cancelled as finished (without a duration: their worker stopped reporting long before).
 */
public final class LeaseRescuer {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseRescuer.class);

    private static final String SELECT_EXPIRED = """
            SELECT id, attempt, max_attempts, worker_id, heartbeat_at, lease_expires_at, stop_requested, kind
              FROM trial
             WHERE state = 'RUNNING' AND lease_expires_at < ?
               AND (lease_expires_at, id) > (?, ?)
             ORDER BY lease_expires_at, id
             LIMIT ?
               FOR UPDATE SKIP LOCKED
            """;

    private static final String FENCE = " WHERE id = ? AND attempt = ? AND state = 'RUNNING'";

    private static final String REQUEUE = """
            UPDATE trial
               SET state = 'QUEUED', started_at = NULL, heartbeat_at = NULL, lease_expires_at = NULL,
                   worker_id = NULL, attempt_errors = array_append(attempt_errors, ?)
            """ + FENCE;

    private static final String DELETE_EPOCHS = "DELETE FROM trial_epoch WHERE trial_id = ?";

    private static final String GIVE_UP = """
            UPDATE trial
               SET state = 'FAILED', error = ?, finished_at = ?, lease_expires_at = NULL,
                   attempt_errors = array_append(attempt_errors, ?)
            """ + FENCE;

    private static final String CANCEL = """
            UPDATE trial SET state = 'CANCELLED', finished_at = ?, lease_expires_at = NULL
            """ + FENCE;

    private final DataSource dataSource;
    private final Clock clock;
    private final QueueConfig config;
    private final QueueMetrics metrics;

    /** A rescuer whose work is counted nowhere ({@link QueueMetrics#none()}). */
    public LeaseRescuer(DataSource dataSource, Clock clock, QueueConfig config) {
        this(dataSource, clock, config, QueueMetrics.none());
    }

    public LeaseRescuer(DataSource dataSource, Clock clock, QueueConfig config, QueueMetrics metrics) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.config = Objects.requireNonNull(config, "config");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        metrics.rescued(0, 0, 0); // the counters exist at zero before the first rescue
    }

    private record Expired(long id, int attempt, int maxAttempts, String workerId, Instant heartbeatAt,
                           Instant leaseExpiresAt, boolean stopRequested, String kind) {
    }

    /** One pass over every lease expired at the clock's now. */
    public RescueResult rescueOnce() {
        Instant now = clock.instant();
        RescueResult total = RescueResult.NONE;
        // keyset cursor: (lease_expires_at, id) of the last row seen
        Instant afterLease = Instant.EPOCH;
        long afterId = 0;
        while (true) {
            Instant cursorLease = afterLease;
            long cursorId = afterId;
            BatchOutcome batch = Jdbc.inTransaction(dataSource, "rescue expired leases",
                    c -> rescueBatch(c, now, cursorLease, cursorId));
            total = total.plus(batch.result());
            RescueResult r = batch.result();
            metrics.rescued(r.requeued(), r.failed(), r.cancelled());
            batch.ended().forEach(e -> metrics.finished(QueueMetrics.kind(e.kind()), e.state(), null));
            if (batch.seen() < config.rescueBatchSize()) {
                break;
            }
            afterLease = batch.lastLease();
            afterId = batch.lastId();
        }
        if (total.total() > 0) {
            LOG.info("rescued expired trial leases: {} requeued, {} failed, {} cancelled",
                    total.requeued(), total.failed(), total.cancelled());
        }
        return total;
    }

    /** A trial the batch failed or cancelled. */
    private record Ended(String kind, TrialState state) {
    }

    private record BatchOutcome(int seen, Instant lastLease, long lastId, RescueResult result, List<Ended> ended) {
    }

    private BatchOutcome rescueBatch(Connection c, Instant now, Instant afterLease, long afterId)
            throws SQLException {
        List<Expired> expired = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_EXPIRED)) {
            Jdbc.setInstant(ps, 1, now);
            Jdbc.setInstant(ps, 2, afterLease);
            ps.setLong(3, afterId);
            ps.setInt(4, config.rescueBatchSize());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    expired.add(new Expired(rs.getLong("id"), rs.getInt("attempt"), rs.getInt("max_attempts"),
                            rs.getString("worker_id"), Jdbc.getInstant(rs, "heartbeat_at"),
                            Jdbc.getInstant(rs, "lease_expires_at"), rs.getBoolean("stop_requested"),
                            rs.getString("kind")));
                }
            }
        }
        int requeued = 0;
        int failed = 0;
        int cancelled = 0;
        List<Ended> ended = new ArrayList<>();
        for (Expired e : expired) {
            if (e.stopRequested()) {
                try (PreparedStatement ps = c.prepareStatement(CANCEL)) {
                    Jdbc.setInstant(ps, 1, now);
                    fence(ps, 2, e);
                    if (ps.executeUpdate() > 0) {
                        cancelled++;
                        ended.add(new Ended(e.kind(), TrialState.CANCELLED));
                    }
                }
                LOG.info("trial {}: lease expired on attempt {} after a stop request; cancelled", e.id(), e.attempt());
            } else if (e.attempt() >= e.maxAttempts()) {
                String reason = "lease expired on attempt " + e.attempt() + " of " + e.maxAttempts() + " (worker "
                        + describeWorker(e.workerId()) + ", last heartbeat " + e.heartbeatAt() + "); giving up";
                try (PreparedStatement ps = c.prepareStatement(GIVE_UP)) {
                    ps.setString(1, reason);
                    Jdbc.setInstant(ps, 2, now);
                    ps.setString(3, attemptLine(e));
                    fence(ps, 4, e);
                    if (ps.executeUpdate() > 0) {
                        failed++;
                        ended.add(new Ended(e.kind(), TrialState.FAILED));
                    }
                }
                LOG.warn("trial {}: {}", e.id(), reason);
            } else {
                int n;
                try (PreparedStatement ps = c.prepareStatement(REQUEUE)) {
                    ps.setString(1, attemptLine(e));
                    fence(ps, 2, e);
                    n = ps.executeUpdate();
                }
                if (n > 0) {
                    try (PreparedStatement ps = c.prepareStatement(DELETE_EPOCHS)) {
                        ps.setLong(1, e.id());
                        ps.executeUpdate();
                    }
                }
                requeued += n;
                LOG.info("trial {}: {}; queued again", e.id(), attemptLine(e));
            }
        }
        Expired last = expired.isEmpty() ? null : expired.get(expired.size() - 1);
        return new BatchOutcome(expired.size(), last == null ? null : last.leaseExpiresAt(),
                last == null ? 0 : last.id(), new RescueResult(requeued, failed, cancelled), ended);
    }

    private static void fence(PreparedStatement ps, int first, Expired e) throws SQLException {
        ps.setLong(first, e.id());
        ps.setInt(first + 1, e.attempt());
    }

    private static String attemptLine(Expired e) {
        return "attempt " + e.attempt() + ": lease expired at " + e.leaseExpiresAt() + " on worker "
                + describeWorker(e.workerId()) + " (last heartbeat " + e.heartbeatAt() + ")";
    }

    private static String describeWorker(String workerId) {
        return workerId == null ? "(unregistered)" : workerId;
    }
}
