package com.lstmautoml.core.queue;

import com.lstmautoml.core.db.Jdbc;
import com.lstmautoml.core.metrics.QueueMetrics;
import com.lstmautoml.core.pruners.IntermediateValues;
import com.lstmautoml.core.pruners.Pruner;
import com.lstmautoml.core.pruners.Pruners;
import com.lstmautoml.core.training.StopReason;
import com.lstmautoml.core.training.TrainingResult;
import com.lstmautoml.core.trial.TrialState;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The trial queue: the {@code trial} table is the queue and its {@code state} column the queue state
 * (modelled on River's {@code JobGetAvailable}).
 *
 * <ul>
 *   <li>{@link #claim} moves QUEUED trials to RUNNING in one statement ({@code FOR UPDATE SKIP LOCKED}, so concurrent
 *   workers never claim the same trial), increments {@code attempt} and grants a lease.</li>
 *   <li>Every later write is fenced by the {@link ClaimToken} ({@code id, attempt, state='RUNNING'}): a worker that
 *   lost its lease (see {@link LeaseRescuer}) cannot write anything any more, so a trial's result is recorded once.</li>
 *   <li>{@link #reportEpoch} also asks the experiment's pruner ({@link Pruners}) and may answer
 *   {@link HeartbeatAnswer#PRUNE}.</li>
 * </ul>
 * All times come from the injected {@link Clock} and are bound as parameters (never SQL {@code now()}), so tests move
 * time instead of sleeping. Each method runs in its own transaction on a connection from the {@link DataSource},
 * except {@link #cancelExperiment(Connection, long)} and {@link #cancelQueued}, which join the caller's.
 *
 * <p>What happened is counted on the {@link QueueMetrics} given, once the transaction committed: first claims with
 * their queue wait, and every trial that reached a final state here with its outcome and duration.
 */
public final class TrialQueue {

    /**
     * The claim. The inner ORDER BY is exactly {@code trial_claim_idx (priority, queued_at, id) WHERE state='QUEUED'},
     * so the planner walks the partial index and stops after LIMIT unlocked rows. A search trial of an experiment
     * whose time budget is spent is not claimed (a primary-key probe of its experiment): the scheduler cancels it at
     * its next pass, and until then no worker starts it, not even one requeued after a lost lease.
     */
    static final String CLAIM_SQL = """
            UPDATE trial
               SET state = 'RUNNING', attempt = attempt + 1, started_at = ?, heartbeat_at = ?,
                   lease_expires_at = ?, worker_id = ?
             WHERE id IN (SELECT id FROM trial
                           WHERE state = 'QUEUED'
                             AND (kind = 'REFIT' OR NOT EXISTS (
                                  SELECT 1 FROM experiment e
                                   WHERE e.id = trial.experiment_id AND e.time_budget_seconds IS NOT NULL
                                     AND e.created_at + make_interval(secs => e.time_budget_seconds) <= ?))
                           ORDER BY priority, queued_at, id
                           LIMIT ?
                           FOR UPDATE SKIP LOCKED)
            RETURNING id, experiment_id, number, attempt, params::text AS params, model_config, priority, queued_at,
                      refit_epochs, kind
            """;

    private static final String FENCE = " WHERE id = ? AND attempt = ? AND state = 'RUNNING'";

    private static final String HEARTBEAT_SQL =
            "UPDATE trial SET heartbeat_at = ?, lease_expires_at = ?" + FENCE + " RETURNING stop_requested";

    /**
     * The heartbeat of an epoch report: also returns the experiment's pruner with its settings in the object form of
     * {@link Pruners#fromJson} (a PK lookup on experiment); a refit job trains a fixed number of epochs, so its pruner
     * is 'none'.
     */
    private static final String REPORT_LEASE_SQL = "UPDATE trial SET heartbeat_at = ?, lease_expires_at = ?" + FENCE
            + " RETURNING stop_requested, experiment_id,"
            + " (SELECT e.max_epochs FROM experiment e WHERE e.id = trial.experiment_id) AS max_epochs,"
            + " CASE WHEN trial.kind = 'REFIT' THEN '{\"type\": \"none\"}'"
            + " ELSE (SELECT (e.pruner_settings || jsonb_build_object('type', e.pruner))::text FROM experiment e"
            + " WHERE e.id = trial.experiment_id) END AS pruner";

    /**
     * What a pruner needs when a trial reports epoch {@code e} of validation window {@code w}, in one statement: the
     * experiment's COMPLETED trial count (index-only on {@code trial_state_idx (experiment_id, state)}), the trial's
     * own best validation RMSE (series' units, so trials with different preprocessing compare on one scale) over
     * epochs {@code 0..e} of window {@code w} (a range of the {@code trial_epoch} primary key; min() skips NaN unless
     * all are NaN), and the other trials' RMSEs at epoch {@code e} of the same window {@code w} (epochs recorded before
     * the RMSE was measured have none and are left out) (the experiment's trials from {@code trial_state_idx}, each
     * probing the {@code trial_epoch} primary key {@code (trial_id, val_window, epoch)} once). Sorted, so the answer
     * does not depend on the plan. The others are those the pruner compares with ({@link Pruner#peers()}): the
     * last parameter is true for every trial whatever its state (ASHA), false for COMPLETED trials only (median).
     * Parameters: experiment, trial, w, e, w, e, experiment, trial, every trial.
     */
    static final String PRUNE_VALUES_SQL = """
            SELECT (SELECT count(*) FROM trial WHERE experiment_id = ? AND state = 'COMPLETED' AND kind = 'SEARCH')
                   AS completed,
                   (SELECT min(val_rmse) FROM trial_epoch WHERE trial_id = ? AND val_window = ? AND epoch <= ?) AS best,
                   ARRAY(SELECT te.val_rmse
                           FROM trial t JOIN trial_epoch te ON te.trial_id = t.id AND te.val_window = ? AND te.epoch = ?
                          WHERE t.experiment_id = ? AND t.id <> ? AND te.val_rmse IS NOT NULL AND t.kind = 'SEARCH'
                            AND (? OR t.state = 'COMPLETED')
                          ORDER BY te.val_rmse) AS others
            """;

    private static final String EPOCH_UPSERT_SQL = """
            INSERT INTO trial_epoch (trial_id, epoch, train_loss, val_loss, val_rmse, recorded_at, val_window)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (trial_id, val_window, epoch)
            DO UPDATE SET train_loss = EXCLUDED.train_loss, val_loss = EXCLUDED.val_loss,
                          val_rmse = EXCLUDED.val_rmse, recorded_at = EXCLUDED.recorded_at
            """;

    private static final String COMPLETE_SQL = """
            UPDATE trial
               SET state = ?, train_rmse = ?, val_rmse = CASE WHEN kind = 'REFIT' THEN NULL ELSE ? END,
                   epochs_run = ?, best_epoch = ?, stop_reason = ?, error = ?, finished_at = ?, heartbeat_at = ?, lease_expires_at = NULL, val_mae = ?, val_smape = ?,
                   val_rmse_windows = CASE WHEN kind = 'REFIT' THEN NULL ELSE CAST(? AS DOUBLE PRECISION[]) END
            """ + FENCE + " RETURNING kind, started_at";

    private static final String MODEL_INSERT_SQL = """
            INSERT INTO trial_model (trial_id, model_zip, preprocessing, val_times, val_actual, val_predicted)
            VALUES (?, ?, CAST(? AS jsonb), ?, ?, ?)
            """;

    /**
     * An interrupted attempt goes back to the queue at once, keeping its place ({@code queued_at}): lease and worker
     * cleared, its epochs deleted, a line in {@code attempt_errors}, and {@code max_attempts} raised by one, since an
     * attempt interrupted by a stopping worker is not one that failed. The next claim increments {@code attempt}.
     */
    private static final String RELEASE_SQL = """
            UPDATE trial
               SET state = 'QUEUED', started_at = NULL, heartbeat_at = NULL, lease_expires_at = NULL, worker_id = NULL,
                   max_attempts = max_attempts + 1, attempt_errors = array_append(attempt_errors, ?)
            """ + FENCE;

    private static final String FAIL_SQL = """
            UPDATE trial SET state = 'FAILED', error = ?, finished_at = ?, heartbeat_at = ?, lease_expires_at = NULL
            """ + FENCE + " RETURNING kind, started_at";

    /**
     * One statement, so a trial being claimed concurrently cannot slip through: when the claim holds the row lock,
     * this waits, re-reads the row (now RUNNING) and sets {@code stop_requested} on it instead. The last parameter
     * says whether RUNNING trials are stopped too (a cancelled experiment) or left to finish (a spent time budget:
     * a trial claimed meanwhile is then left alone).
     */
    private static final String CANCEL_SQL = """
            UPDATE trial
               SET state = CASE WHEN state = 'QUEUED' THEN 'CANCELLED' ELSE state END,
                   finished_at = CASE WHEN state = 'QUEUED' THEN ? ELSE finished_at END,
                   stop_requested = TRUE
             WHERE experiment_id = ? AND (state = 'QUEUED' OR (state = 'RUNNING' AND ?)) AND kind = 'SEARCH'
            RETURNING state
            """;

    private final DataSource dataSource;
    private final Clock clock;
    private final QueueConfig config;
    private final QueueMetrics metrics;

    /** A queue whose events are counted nowhere ({@link QueueMetrics#none()}). */
    public TrialQueue(DataSource dataSource, Clock clock, QueueConfig config) {
        this(dataSource, clock, config, QueueMetrics.none());
    }

    public TrialQueue(DataSource dataSource, Clock clock, QueueConfig config, QueueMetrics metrics) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.config = Objects.requireNonNull(config, "config");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    public QueueConfig config() {
        return config;
    }

    /** Where this queue counts its events; its workers time their epochs there too. */
    public QueueMetrics metrics() {
        return metrics;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Claims up to {@code limit} QUEUED trials for {@code workerId} (which must be registered in {@code worker}),
     * in claim order: priority, then queued_at, then id.
     *
     * @return the claimed trials, in claim order; empty when none is available
     */
    public List<ClaimedTrial> claim(String workerId, int limit) {
        Objects.requireNonNull(workerId, "workerId");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        Instant now = clock.instant();
        Instant leaseEnd = now.plus(config.leaseDuration());
        List<Claimed> claims = Jdbc.inTransaction(dataSource, "claim trials for worker " + workerId, c -> {
            List<Claimed> claimed = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(CLAIM_SQL)) {
                Jdbc.setInstant(ps, 1, now);
                Jdbc.setInstant(ps, 2, now);
                Jdbc.setInstant(ps, 3, leaseEnd);
                ps.setString(4, workerId);
                Jdbc.setInstant(ps, 5, now);
                ps.setInt(6, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(new Claimed(rs.getInt("priority"), Jdbc.getInstant(rs, "queued_at"),
                                rs.getString("kind"),
                                new ClaimedTrial(rs.getLong("id"), rs.getLong("experiment_id"), rs.getInt("number"),
                                        rs.getInt("attempt"), workerId, rs.getString("params"),
                                        rs.getString("model_config"), leaseEnd, refitEpochs(rs))));
                    }
                }
            }
            // RETURNING has no defined order; hand them out in claim order
            claimed.sort(Claimed.ORDER);
            return claimed;
        });
        for (Claimed cl : claims) {
            // a retried trial keeps its queued_at (its place in line): its wait would include the lost attempts
            if (cl.trial().attempt() == 1) {
                metrics.claimed(QueueMetrics.kind(cl.kind()), Duration.between(cl.queuedAt(), now));
            }
        }
        return claims.stream().map(Claimed::trial).toList();
    }

    private static int refitEpochs(ResultSet rs) throws SQLException {
        int epochs = rs.getInt("refit_epochs");
        return rs.wasNull() ? 0 : epochs;
    }

    private record Claimed(int priority, Instant queuedAt, String kind, ClaimedTrial trial) {
        static final java.util.Comparator<Claimed> ORDER = java.util.Comparator.comparingInt(Claimed::priority)
                .thenComparing(Claimed::queuedAt)
                .thenComparingLong(cl -> cl.trial().trialId());
    }

    /**
     * Extends the lease and records one epoch's losses (of its validation window), in one transaction; the epoch row
     * is written only when the token still owns the trial. Re-reporting an epoch overwrites it.
     *
     * <p>Then, unless a stop was requested (STOP wins), the experiment's {@link Pruner} is asked whether to stop the
     * trial, when it {@link Pruner#decidesAt decides at} this epoch of the first validation window (the only one
     * pruned: a trial that survived it trains its other windows to early stopping, so the pruner's cut is not
     * multiplied by the number of windows; the first window is judged against the other trials' first window):
     * the values it needs come from
     * {@code trial_epoch} with one more statement ({@link #PRUNE_VALUES_SQL}) in the same transaction, so the answer, PRUNE or CONTINUE,
     * is determined by the database state. Experiments with pruner {@code none} run no extra statement.
     */
    public HeartbeatAnswer reportEpoch(ClaimToken token, TrainingResult.EpochLoss report) {
        Objects.requireNonNull(token, "token");
        int epoch = report.epoch();
        Instant now = clock.instant();
        return Jdbc.inTransaction(dataSource, "report epoch " + epoch + " of " + token, c -> {
            long experimentId;
            String prunerJson;
            boolean stopRequested;
            int maxEpochs;
            try (PreparedStatement ps = c.prepareStatement(REPORT_LEASE_SQL)) {
                bindLeaseExtension(ps, token, now);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return HeartbeatAnswer.LOST;
                    }
                    stopRequested = rs.getBoolean("stop_requested");
                    experimentId = rs.getLong("experiment_id");
                    prunerJson = rs.getString("pruner");
                    maxEpochs = rs.getInt("max_epochs");
                }
            }
            try (PreparedStatement ps = c.prepareStatement(EPOCH_UPSERT_SQL)) {
                bindEpoch(ps, token.trialId(), report, now);
                ps.executeUpdate();
            }
            if (stopRequested) {
                return HeartbeatAnswer.STOP;
            }
            Pruner pruner = Pruners.fromJson(prunerJson);
            // pruning decides in the first (oldest) validation window only: a trial that survived it trains its
            // other windows to early stopping, so the pruner's cut is not multiplied by the number of windows; and
            // never at the window's last epoch (maxEpochs), where stopping saves nothing and would only turn a
            // trial that trained to the end into a PRUNED one
            if (report.window() > 0 || epoch + 1 >= maxEpochs || !pruner.decidesAt(epoch)) {
                return HeartbeatAnswer.CONTINUE;
            }
            return shouldPrune(c, pruner, experimentId, token.trialId(), report.window(), epoch, report.valRmse())
                    ? HeartbeatAnswer.PRUNE : HeartbeatAnswer.CONTINUE;
        });
    }

    private static boolean shouldPrune(Connection c, Pruner pruner, long experimentId, long trialId, int window,
                                       int epoch, double valRmse) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PRUNE_VALUES_SQL)) {
            ps.setLong(1, experimentId);
            ps.setLong(2, trialId);
            ps.setInt(3, window);
            ps.setInt(4, epoch);
            ps.setInt(5, window);
            ps.setInt(6, epoch);
            ps.setLong(7, experimentId);
            ps.setLong(8, trialId);
            ps.setBoolean(9, pruner.peers() == Pruner.Peers.EVERY_TRIAL);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int completed = rs.getInt("completed");
                double best = rs.getDouble("best");
                if (rs.wasNull()) {
                    best = valRmse;
                }
                double[] others = doubles(rs.getArray("others"));
                return pruner.shouldPrune(epoch, valRmse, best, new IntermediateValues(completed, others));
            }
        }
    }

    /** Extends the lease without an epoch (a worker's timer during long epochs). */
    public HeartbeatAnswer heartbeat(ClaimToken token) {
        Objects.requireNonNull(token, "token");
        Instant now = clock.instant();
        return Jdbc.inTransaction(dataSource, "heartbeat " + token, c -> extendLease(c, token, now));
    }

    /** Binds heartbeat_at, lease_expires_at and the fencing token (id, attempt) of both lease-extending statements. */
    private void bindLeaseExtension(PreparedStatement ps, ClaimToken token, Instant now) throws SQLException {
        Jdbc.setInstant(ps, 1, now);
        Jdbc.setInstant(ps, 2, now.plus(config.leaseDuration()));
        ps.setLong(3, token.trialId());
        ps.setInt(4, token.attempt());
    }

    private HeartbeatAnswer extendLease(Connection c, ClaimToken token, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(HEARTBEAT_SQL)) {
            bindLeaseExtension(ps, token, now);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return HeartbeatAnswer.LOST;
                }
                return rs.getBoolean(1) ? HeartbeatAnswer.STOP : HeartbeatAnswer.CONTINUE;
            }
        }
    }

    /**
     * Records a finished training, fenced by the token, in one transaction: the trial's final state from the stop
     * reason (PATIENCE, MAX_EPOCHS: COMPLETED; CANCELLED: CANCELLED; PRUNED: PRUNED; DIVERGED: FAILED with an error),
     * its metrics (with each validation window's RMSE in {@code val_rmse_windows}, unless it FAILED), the full curve
     * of every window (upserted, so epochs whose report was lost are filled in), and the model ({@code trial_model})
     * when the result carries one.
     *
     * @return false when the token no longer owns the trial (nothing was written)
     * @throws IllegalArgumentException for a LEASE_LOST result (a worker that lost its lease reports nothing)
     */
    public boolean complete(ClaimToken token, TrainingResult result) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(result, "result");
        TrialState state = finalState(result.stopReason());
        String error = result.stopReason() == StopReason.DIVERGED
                ? "training diverged: the loss became NaN or infinite after " + result.epochsRun() + " epochs"
                : null;
        boolean storeModel = result.modelZip() != null && result.preprocessingJson() != null
                && result.valTimes() != null && result.valActual() != null && result.valPredicted() != null
                && state != TrialState.FAILED;
        Instant now = clock.instant();
        Ended ended = Jdbc.inTransaction(dataSource, "complete " + token, c -> {
            Ended row;
            try (PreparedStatement ps = c.prepareStatement(COMPLETE_SQL)) {
                ps.setString(1, state.name());
                setFiniteOrNull(ps, 2, result.trainRmse());
                // COMPLETED and PRUNED require val_rmse (CHECK); NaN is stored as NaN there
                if (state == TrialState.COMPLETED || state == TrialState.PRUNED) {
                    ps.setDouble(3, result.valRmse());
                } else {
                    setFiniteOrNull(ps, 3, result.valRmse());
                }
                ps.setInt(4, result.epochsRun());
                ps.setInt(5, result.bestEpoch());
                ps.setString(6, result.stopReason().name());
                ps.setString(7, error);
                Jdbc.setInstant(ps, 8, now);
                Jdbc.setInstant(ps, 9, now);
                setFiniteOrNull(ps, 10, result.valMae());
                setFiniteOrNull(ps, 11, result.valSmape());
                if (result.valRmseWindows().length == 0 || state == TrialState.FAILED) {
                    ps.setNull(12, Types.ARRAY);
                } else {
                    ps.setArray(12, doubles(c, result.valRmseWindows()));
                }
                ps.setLong(13, token.trialId());
                ps.setInt(14, token.attempt());
                row = Ended.read(ps);
                if (row == null) {
                    return null;
                }
            }
            if (result.curve() != null && !result.curve().isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(EPOCH_UPSERT_SQL)) {
                    for (TrainingResult.EpochLoss e : result.curve()) {
                        bindEpoch(ps, token.trialId(), e, now);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            if (storeModel) {
                try (PreparedStatement ps = c.prepareStatement(MODEL_INSERT_SQL)) {
                    ps.setLong(1, token.trialId());
                    ps.setBytes(2, result.modelZip());
                    ps.setString(3, result.preprocessingJson());
                    ps.setArray(4, c.createArrayOf("text", result.valTimes().toArray()));
                    ps.setArray(5, doubles(c, result.valActual()));
                    ps.setArray(6, doubles(c, result.valPredicted()));
                    ps.executeUpdate();
                }
            }
            return row;
        });
        return recordEnd(ended, state, now);
    }

    /** The {@code RETURNING kind, started_at} of a fenced final write; null when the fence matched no row. */
    private record Ended(String kind, Instant startedAt) {

        static Ended read(PreparedStatement ps) throws SQLException {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Ended(rs.getString("kind"), Jdbc.getInstant(rs, "started_at")) : null;
            }
        }
    }

    /** Counts a committed final write; false when there was none. */
    private boolean recordEnd(Ended ended, TrialState state, Instant now) {
        if (ended == null) {
            return false;
        }
        metrics.finished(QueueMetrics.kind(ended.kind()), state,
                ended.startedAt() == null ? null : Duration.between(ended.startedAt(), now));
        return true;
    }

    /**
     * Hands a trial whose training was interrupted (its worker is stopping) back to the queue, fenced by the token,
     * in one transaction ({@link #RELEASE_SQL}): another worker claims it at once instead of after its lease.
     *
     * @param line the attempt's line for {@code attempt_errors} (NUL characters removed, truncated like errors)
     * @return false when the token no longer owns the trial (nothing was written)
     */
    public boolean release(ClaimToken token, String line) {
        Objects.requireNonNull(token, "token");
        String text = sanitizeError(line, config.maxErrorLength());
        return Jdbc.inTransaction(dataSource, "release " + token, c -> {
            try (PreparedStatement ps = c.prepareStatement(RELEASE_SQL)) {
                ps.setString(1, text);
                ps.setLong(2, token.trialId());
                ps.setInt(3, token.attempt());
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM trial_epoch WHERE trial_id = ?")) {
                ps.setLong(1, token.trialId());
                ps.executeUpdate();
            }
            return true;
        });
    }

    static TrialState finalState(StopReason reason) {
        return switch (Objects.requireNonNull(reason, "stopReason")) {
            case PATIENCE, MAX_EPOCHS -> TrialState.COMPLETED;
            case CANCELLED -> TrialState.CANCELLED;
            case PRUNED -> TrialState.PRUNED;
            case DIVERGED -> TrialState.FAILED;
            case LEASE_LOST -> throw new IllegalArgumentException(
                    "a LEASE_LOST result must not be reported: another worker owns the trial");
        };
    }

    /**
     * Marks the trial FAILED with {@code error} (NUL characters removed, truncated to
     * {@link QueueConfig#maxErrorLength()}), fenced by the token.
     *
     * @return false when the token no longer owns the trial
     */
    public boolean fail(ClaimToken token, String error) {
        Objects.requireNonNull(token, "token");
        String text = sanitizeError(error, config.maxErrorLength());
        Instant now = clock.instant();
        Ended ended = Jdbc.inTransaction(dataSource, "fail " + token, c -> {
            try (PreparedStatement ps = c.prepareStatement(FAIL_SQL)) {
                ps.setString(1, text);
                Jdbc.setInstant(ps, 2, now);
                Jdbc.setInstant(ps, 3, now);
                ps.setLong(4, token.trialId());
                ps.setInt(5, token.attempt());
                return Ended.read(ps);
            }
        });
        return recordEnd(ended, TrialState.FAILED, now);
    }

    /**
     * Cancels an experiment's trials in its own transaction: QUEUED ones become CANCELLED at once, RUNNING ones get
     * {@code stop_requested} and stop at their worker's next heartbeat. The experiment row itself is left alone.
     */
    public CancelCounts cancelExperiment(long experimentId) {
        CancelCounts counts = Jdbc.inTransaction(dataSource, "cancel experiment " + experimentId,
                c -> cancelStatement(c, experimentId, true));
        recordCancelled(counts);
        return counts;
    }

    /**
     * As {@link #cancelExperiment(long)}, inside the caller's transaction: runs one statement on {@code connection}
     * and neither commits, rolls back nor closes it. The trials it cancelled are counted when the statement ran (a
     * caller that rolls back afterwards leaves them counted).
     *
     * @throws SQLException as the statement threw it (the caller's transaction decides what to do)
     */
    public CancelCounts cancelExperiment(Connection connection, long experimentId) throws SQLException {
        CancelCounts counts = cancelStatement(Objects.requireNonNull(connection, "connection"), experimentId, true);
        recordCancelled(counts);
        return counts;
    }

    /** Priority of search trials; refit jobs ({@link #REFIT_PRIORITY}) are claimed before them. */
    public static final int SEARCH_PRIORITY = 1;
    /** Priority of refit jobs: claimed before any search trial. */
    public static final int REFIT_PRIORITY = 0;

    private static final String ENQUEUE_SQL = "INSERT INTO trial (experiment_id, number, state, priority, params,"
            + " model_config, max_attempts, queued_at, kind, refit_of, refit_epochs)"
            + " VALUES (?, ?, 'QUEUED', ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?) RETURNING id";

    /**
     * A row to queue: a search trial ({@code refitOf} null), or the refit job of the search trial {@code refitOf}
     * training {@code refitEpochs} epochs on train + validation.
     */
    public record NewTrial(long experimentId, int number, String paramsJson, String modelConfig, int maxAttempts,
                           Instant queuedAt, Long refitOf, Integer refitEpochs) {

        /** A search trial. */
        public static NewTrial search(long experimentId, int number, String paramsJson, String modelConfig,
                                      int maxAttempts, Instant queuedAt) {
            return new NewTrial(experimentId, number, paramsJson, modelConfig, maxAttempts, queuedAt, null, null);
        }
    }

    /**
     * Queues {@code t} inside the caller's transaction: the one statement that creates trial rows (the scheduler's
     * search trials and the registry's refit jobs alike). The row starts QUEUED with no attempt; the database's
     * checks hold the rest.
     *
     * @return the new trial's id
     * @throws SQLException as the statement threw it (the caller's transaction decides what to do)
     */
    public long enqueue(Connection connection, NewTrial t) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(ENQUEUE_SQL)) {
            ps.setLong(1, t.experimentId());
            ps.setInt(2, t.number());
            ps.setInt(3, t.refitOf() == null ? SEARCH_PRIORITY : REFIT_PRIORITY);
            ps.setString(4, t.paramsJson());
            ps.setString(5, t.modelConfig());
            ps.setInt(6, t.maxAttempts());
            Jdbc.setInstant(ps, 7, t.queuedAt());
            ps.setString(8, t.refitOf() == null ? "SEARCH" : "REFIT");
            ps.setObject(9, t.refitOf(), java.sql.Types.BIGINT);
            ps.setObject(10, t.refitEpochs(), java.sql.Types.INTEGER);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Cancels the experiment's QUEUED trials inside the caller's transaction (as {@link #cancelExperiment(Connection,
     * long)}) and leaves its RUNNING ones to finish: the scheduler's answer to a spent time budget. A trial a worker
     * claims meanwhile is left running.
     *
     * @return how many trials were cancelled ({@link CancelCounts#stopRequested()} is 0)
     * @throws SQLException as the statement threw it (the caller's transaction decides what to do)
     */
    public CancelCounts cancelQueued(Connection connection, long experimentId) throws SQLException {
        CancelCounts counts = cancelStatement(Objects.requireNonNull(connection, "connection"), experimentId, false);
        recordCancelled(counts);
        return counts;
    }

    /** QUEUED trials cancelled here never ran: counted, no duration. Only search trials are cancelled with them. */
    private void recordCancelled(CancelCounts counts) {
        for (int i = 0; i < counts.cancelled(); i++) {
            metrics.finished(QueueMetrics.SEARCH, TrialState.CANCELLED, null);
        }
    }

    private CancelCounts cancelStatement(Connection connection, long experimentId, boolean stopRunning)
            throws SQLException {
        int cancelled = 0;
        int stopping = 0;
        try (PreparedStatement ps = connection.prepareStatement(CANCEL_SQL)) {
            Jdbc.setInstant(ps, 1, clock.instant());
            ps.setLong(2, experimentId);
            ps.setBoolean(3, stopRunning);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (TrialState.CANCELLED.name().equals(rs.getString(1))) {
                        cancelled++;
                    } else {
                        stopping++;
                    }
                }
            }
        }
        return new CancelCounts(cancelled, stopping);
    }

    static String sanitizeError(String error, int maxLength) {
        String text = error == null || error.isBlank() ? "(no message)" : error.replace('\u0000', ' ');
        if (text.length() > maxLength) {
            String marker = "... [truncated, " + text.length() + " characters]";
            text = text.substring(0, maxLength - marker.length()) + marker;
        }
        return text;
    }

    private static void bindEpoch(PreparedStatement ps, long trialId, TrainingResult.EpochLoss e, Instant now)
            throws SQLException {
        ps.setLong(1, trialId);
        ps.setInt(2, e.epoch());
        ps.setDouble(3, e.trainLoss());
        ps.setDouble(4, e.valLoss());
        setFiniteOrNull(ps, 5, e.valRmse());
        Jdbc.setInstant(ps, 6, now);
        ps.setInt(7, e.window());
    }

    private static void setFiniteOrNull(PreparedStatement ps, int index, double value) throws SQLException {
        if (Double.isFinite(value)) {
            ps.setDouble(index, value);
        } else {
            ps.setNull(index, Types.DOUBLE);
        }
    }

    private static double[] doubles(Array array) throws SQLException {
        try {
            Object raw = array.getArray();
            if (raw instanceof double[] primitive) {
                return primitive;
            }
            Double[] boxed = (Double[]) raw;
            double[] values = new double[boxed.length];
            for (int i = 0; i < boxed.length; i++) {
                values[i] = boxed[i];
            }
            return values;
        } finally {
            array.free();
        }
    }

    private static Array doubles(Connection c, double[] values) throws SQLException {
        Double[] boxed = new Double[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return c.createArrayOf("float8", boxed);
    }
}
