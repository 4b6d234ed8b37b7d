package com.lstmautoml.core.testing;

import com.lstmautoml.core.data.Table;
import com.lstmautoml.core.queue.TrialParamsJson;
import com.lstmautoml.core.trial.TrialParams;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inserts test rows (datasets, experiments, QUEUED trials) the way the backend would, and reads trial rows back for
 * assertions. Everything takes explicit times so tests stay on their {@link MutableClock}.
 *
 * <pre>{@code
 * Rows rows = new Rows(TestDatabase.dataSource());
 * long dataset = rows.dataset("air", Rows.sineTable(48));
 * long experiment = rows.experiment(dataset, "value", clock.instant());
 * List<Long> trials = rows.queuedTrials(experiment, 10, clock.instant());
 * }</pre>
 */
public final class Rows {

    public static final TrialParams PARAMS = new TrialParams(16, 1, 6, 0.0, 8, 0.01);
    public static final String MODEL_CONFIG = "{\"test\":\"model config\"}";

    private final DataSource dataSource;

    public Rows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** A small table: time column "month", numeric columns "value" (a sine) and "aux" (a ramp). */
    public static Table sineTable(int rows) {
        List<String> times = new ArrayList<>();
        double[] value = new double[rows];
        double[] aux = new double[rows];
        for (int i = 0; i < rows; i++) {
            times.add(String.format("2020-%02d-%02d", 1 + (i / 28) % 12, 1 + i % 28));
            value[i] = 100 + 10 * Math.sin(i / 3.0);
            aux[i] = i;
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("value", value);
        cols.put("aux", aux);
        return new Table("month", times, cols);
    }

    /** Inserts a dataset and its columns (in the table's column order). */
    public long dataset(String name, Table table) {
        return tx(c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO dataset (name, time_column, time_values, "
                    + "row_count, created_at, team_id) VALUES (?, ?, ?, ?, ?, (SELECT min(id) FROM team)) RETURNING id")) {
                ps.setString(1, name);
                ps.setString(2, table.timeColumn());
                ps.setArray(3, c.createArrayOf("text", table.times().toArray()));
                ps.setInt(4, table.rows());
                ps.setObject(5, ts(Instant.parse("2026-01-01T00:00:00Z")));
                id = single(ps);
            }
            int position = 0;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO dataset_column (dataset_id, position, name, vals) VALUES (?, ?, ?, ?)")) {
                for (Map.Entry<String, double[]> col : table.columns().entrySet()) {
                    ps.setLong(1, id);
                    ps.setInt(2, position++);
                    ps.setString(3, col.getKey());
                    ps.setArray(4, c.createArrayOf("float8",
                            Arrays.stream(col.getValue()).boxed().toArray(Double[]::new)));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return id;
        });
    }

    /** Inserts a text dataset (kind text: no time column, its characters as rows, the content in dataset_text). */
    public long textDataset(String name, String text) {
        com.lstmautoml.core.text.TextCorpus corpus = com.lstmautoml.core.text.TextCorpus.of(text);
        return tx(c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO dataset (name, kind, row_count, created_at,"
                    + " team_id) VALUES (?, 'text', ?, ?, (SELECT min(id) FROM team)) RETURNING id")) {
                ps.setString(1, name);
                ps.setInt(2, corpus.length());
                ps.setObject(3, ts(Instant.parse("2026-01-01T00:00:00Z")));
                id = single(ps);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO dataset_text (dataset_id, content, bytes,"
                    + " vocabulary_size) VALUES (?, ?, ?, ?)")) {
                ps.setLong(1, id);
                ps.setString(2, text);
                ps.setInt(3, text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
                ps.setInt(4, corpus.vocabulary().size());
                ps.executeUpdate();
            }
            return id;
        });
    }

    /** Inserts a RUNNING generation experiment of a text dataset (target text, split 80/10/10). */
    public long textExperiment(long datasetId, Instant createdAt) {
        long id = experiment(datasetId, new ExperimentRow("text experiment", "text", List.of(), 20, 3, 42L, 0.8, 0.1,
                3), createdAt);
        execute("UPDATE experiment SET task = 'generate' WHERE id = ?", id);
        return id;
    }

    /** The settings of an experiment row; {@link #experiment(long, String, Instant)} uses {@link #defaults}. */
    public record ExperimentRow(String name, String target, List<String> features, int maxEpochs, int patience,
                                long seed, double trainFraction, double valFraction, int maxAttempts) {

        public static ExperimentRow defaults(String target) {
            return new ExperimentRow("test experiment", target, List.of(), 20, 3, 42L, 0.7, 0.15, 3);
        }

        public ExperimentRow withFeatures(List<String> f) {
            return new ExperimentRow(name, target, f, maxEpochs, patience, seed, trainFraction, valFraction,
                    maxAttempts);
        }

        public ExperimentRow withMaxAttempts(int attempts) {
            return new ExperimentRow(name, target, features, maxEpochs, patience, seed, trainFraction, valFraction,
                    attempts);
        }
    }

    public long experiment(long datasetId, String target, Instant createdAt) {
        return experiment(datasetId, ExperimentRow.defaults(target), createdAt);
    }

    /** Inserts a RUNNING experiment (random strategy, an empty search space object). */
    public long experiment(long datasetId, ExperimentRow e, Instant createdAt) {
        return tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO experiment (name, dataset_id, target, features, strategy, max_trials, parallelism,
                        max_epochs, patience, seed, train_fraction, val_fraction, max_attempts, search_space, state,
                        created_at, team_id)
                    VALUES (?, ?, ?, ?, 'RANDOM', 100, 2, ?, ?, ?, ?, ?, ?, '{}'::jsonb, 'RUNNING', ?,
                        (SELECT team_id FROM dataset WHERE id = ?)) RETURNING id
                    """)) {
                ps.setString(1, e.name());
                ps.setLong(2, datasetId);
                ps.setString(3, e.target());
                ps.setArray(4, c.createArrayOf("text", e.features().toArray()));
                ps.setInt(5, e.maxEpochs());
                ps.setInt(6, e.patience());
                ps.setLong(7, e.seed());
                ps.setDouble(8, e.trainFraction());
                ps.setDouble(9, e.valFraction());
                ps.setInt(10, e.maxAttempts());
                ps.setObject(11, ts(createdAt));
                ps.setLong(12, datasetId);
                return single(ps);
            }
        });
    }

    /**
     * Inserts one QUEUED trial.
     *
     * @param maxAttempts copied from the experiment by the real scheduler; given explicitly here
     */
    public long queuedTrial(long experimentId, int number, int priority, Instant queuedAt, TrialParams params,
                            int maxAttempts) {
        return tx(c -> insertTrial(c, experimentId, number, priority, queuedAt, params, maxAttempts));
    }

    /** {@code n} QUEUED trials numbered 0..n-1 (priority 1, all queued at {@code queuedAt}, {@link #PARAMS}). */
    public List<Long> queuedTrials(long experimentId, int n, Instant queuedAt) {
        return queuedTrials(experimentId, n, queuedAt, 3);
    }

    public List<Long> queuedTrials(long experimentId, int n, Instant queuedAt, int maxAttempts) {
        return tx(c -> {
            int first = nextNumber(c, experimentId);
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ids.add(insertTrial(c, experimentId, first + i, 1, queuedAt, PARAMS, maxAttempts));
            }
            return ids;
        });
    }

    private static int nextNumber(Connection c, long experimentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT coalesce(max(number) + 1, 0) FROM trial WHERE experiment_id = ?")) {
            ps.setLong(1, experimentId);
            return (int) single(ps);
        }
    }

    private static long insertTrial(Connection c, long experimentId, int number, int priority, Instant queuedAt,
                                    TrialParams params, int maxAttempts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO trial (experiment_id, number, state, priority, params, model_config, max_attempts,
                                   queued_at)
                VALUES (?, ?, 'QUEUED', ?, CAST(? AS jsonb), ?, ?, ?) RETURNING id
                """)) {
            ps.setLong(1, experimentId);
            ps.setInt(2, number);
            ps.setInt(3, priority);
            ps.setString(4, TrialParamsJson.write(params));
            ps.setString(5, MODEL_CONFIG);
            ps.setInt(6, maxAttempts);
            ps.setObject(7, ts(queuedAt));
            return single(ps);
        }
    }

    /**
     * Inserts a trial of attempt 1 that ended in {@code state} (COMPLETED, PRUNED, CANCELLED; FAILED gets an error)
     * at {@code at}, with its curve in {@code trial_epoch}: epoch i has val_loss {@code valLosses[i]} (train_loss and
     * the epoch's val_rmse, what the pruners compare, the same) and the trial's val_rmse is the square root of the
     * lowest.
     */
    public long finishedTrial(long experimentId, String state, Instant at, double... valLosses) {
        return tx(c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO trial (experiment_id, number, state, params, model_config, attempt, max_attempts,
                                       queued_at, started_at, heartbeat_at, finished_at, val_rmse, epochs_run, error)
                    VALUES (?, ?, ?, CAST(? AS jsonb), ?, 1, 3, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                    """)) {
                ps.setLong(1, experimentId);
                ps.setInt(2, nextNumber(c, experimentId));
                ps.setString(3, state);
                ps.setString(4, TrialParamsJson.write(PARAMS));
                ps.setString(5, MODEL_CONFIG);
                for (int i = 6; i <= 9; i++) {
                    ps.setObject(i, ts(at));
                }
                ps.setDouble(10, Math.sqrt(Arrays.stream(valLosses).min().orElse(1.0)));
                ps.setInt(11, valLosses.length);
                ps.setString(12, "FAILED".equals(state) ? "test failure" : null);
                id = single(ps);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO trial_epoch (trial_id, epoch, train_loss, "
                    + "val_loss, val_rmse, recorded_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int e = 0; e < valLosses.length; e++) {
                    ps.setLong(1, id);
                    ps.setInt(2, e);
                    ps.setDouble(3, valLosses[e]);
                    ps.setDouble(4, valLosses[e]);
                    ps.setDouble(5, valLosses[e]);
                    ps.setObject(6, ts(at));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return id;
        });
    }

    /**
     * Inserts a QUEUED refit job (kind REFIT, priority 0, as the service queues one) of trial {@code source},
     * training {@code epochs} epochs.
     */
    public long queuedRefit(long source, int epochs, Instant queuedAt) {
        return tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO trial (experiment_id, number, state, priority, params, model_config, max_attempts,
                                       queued_at, kind, refit_of, refit_epochs)
                    SELECT experiment_id, number, 'QUEUED', 0, params, model_config, 3, ?, 'REFIT', id, ?
                      FROM trial WHERE id = ? RETURNING id
                    """)) {
                ps.setObject(1, ts(queuedAt));
                ps.setInt(2, epochs);
                ps.setLong(3, source);
                return single(ps);
            }
        });
    }

    /** Sets an experiment's pruner (none, median, asha) with its default settings. */
    public void pruner(long experimentId, String pruner) {
        pruner(experimentId, pruner, "{}");
    }

    /** Sets an experiment's pruner and its {@code pruner_settings} (JSON, e.g. {@code {"bootstrapCount": 2}}). */
    public void pruner(long experimentId, String pruner, String settingsJson) {
        execute("UPDATE experiment SET pruner = ?, pruner_settings = CAST(? AS jsonb) WHERE id = ?", pruner,
                settingsJson, experimentId);
    }

    /** Sets an experiment's maxEpochs (and minEpochs to at most that). */
    public void maxEpochs(long experimentId, int maxEpochs) {
        execute("UPDATE experiment SET max_epochs = ?, min_epochs = LEAST(min_epochs, ?) WHERE id = ?", maxEpochs,
                maxEpochs, experimentId);
    }

    /** A trial row as stored, for assertions. */
    public record TrialRow(long id, long experimentId, int number, String state, int attempt, int maxAttempts,
                           Instant queuedAt, Instant startedAt, Instant heartbeatAt, Instant leaseExpiresAt,
                           Instant finishedAt, String workerId, boolean stopRequested, Double trainRmse,
                           Double valRmse, Integer epochsRun, Integer bestEpoch, String stopReason, String error,
                           List<String> attemptErrors) {
    }

    public TrialRow trial(long id) {
        return tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM trial WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalArgumentException("no trial " + id);
                    }
                    Array errors = rs.getArray("attempt_errors");
                    return new TrialRow(rs.getLong("id"), rs.getLong("experiment_id"), rs.getInt("number"),
                            rs.getString("state"), rs.getInt("attempt"), rs.getInt("max_attempts"),
                            instant(rs, "queued_at"), instant(rs, "started_at"), instant(rs, "heartbeat_at"),
                            instant(rs, "lease_expires_at"), instant(rs, "finished_at"), rs.getString("worker_id"),
                            rs.getBoolean("stop_requested"), rs.getObject("train_rmse", Double.class),
                            rs.getObject("val_rmse", Double.class), rs.getObject("epochs_run", Integer.class),
                            rs.getObject("best_epoch", Integer.class), rs.getString("stop_reason"),
                            rs.getString("error"), List.of((String[]) errors.getArray()));
                }
            }
        });
    }

    /** An epoch row: losses of one epoch of a validation window and its validation RMSE (NaN where NULL). */
    public record EpochRow(int epoch, double trainLoss, double valLoss, double valRmse, int window) {

        /** An epoch of window 0. */
        public EpochRow(int epoch, double trainLoss, double valLoss, double valRmse) {
            this(epoch, trainLoss, valLoss, valRmse, 0);
        }
    }

    /** The trial's trial_epoch rows, by window, then epoch. */
    public List<EpochRow> epochs(long trialId) {
        return tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT epoch, train_loss, val_loss, coalesce(val_rmse, 'NaN'), val_window FROM trial_epoch"
                            + " WHERE trial_id = ? ORDER BY val_window, epoch")) {
                ps.setLong(1, trialId);
                List<EpochRow> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new EpochRow(rs.getInt(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
                                rs.getInt(5)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Adds the curve of validation window {@code window} to a trial: epoch i has train_loss, val_loss and val_rmse
     * {@code valRmses[i]}.
     */
    public void windowCurve(long trialId, int window, Instant at, double... valRmses) {
        tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO trial_epoch (trial_id, val_window, epoch, "
                    + "train_loss, val_loss, val_rmse, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (int e = 0; e < valRmses.length; e++) {
                    ps.setLong(1, trialId);
                    ps.setInt(2, window);
                    ps.setInt(3, e);
                    ps.setDouble(4, valRmses[e]);
                    ps.setDouble(5, valRmses[e]);
                    ps.setDouble(6, valRmses[e]);
                    ps.setObject(7, ts(at));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** Runs one SELECT returning a single number (e.g. a count). */
    public long count(String sql, Object... params) {
        return tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                return single(ps);
            }
        });
    }

    /** Runs one statement (for setting up odd states directly). */
    public int execute(String sql, Object... params) {
        return tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i] instanceof Instant t ? ts(t) : params[i]);
                }
                return ps.executeUpdate();
            }
        });
    }

    public static OffsetDateTime ts(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static long single(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T tx(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T out = work.run(c);
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
