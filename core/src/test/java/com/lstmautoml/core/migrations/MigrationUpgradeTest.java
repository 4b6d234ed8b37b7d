package com.lstmautoml.core.migrations;

import com.lstmautoml.core.queue.ClaimedTrial;
import com.lstmautoml.core.queue.LeaseRescuer;
import com.lstmautoml.core.queue.QueueConfig;
import com.lstmautoml.core.queue.RescueResult;
import com.lstmautoml.core.queue.TrialQueue;
import com.lstmautoml.core.queue.WorkerRegistry;
import com.lstmautoml.core.testing.MutableClock;
import com.lstmautoml.core.testing.QueueFixture;
import com.lstmautoml.core.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Upgrades from stored old schemas, as Optuna's storage upgrade tests do: a fresh database is migrated to an earlier
 * version ({@code target}), filled with the rows a service of that version wrote, then migrated to the latest
 * version; the rows must survive with the defaults and backfilled values the later migrations promise, and today's
 * queue must work on them. Hops: V3 (before teams) to the latest, V5 to the latest (V6's case-insensitive usernames
 * rename duplicates), and V13 to the latest (V14's generated ranking columns).
 */
class MigrationUpgradeTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static Flyway flyway(DataSource ds, String target) {
        return Flyway.configure().dataSource(ds).locations("classpath:db/migration").target(target).load();
    }

    /** A fresh database migrated to {@code version}. */
    private static DataSource databaseAt(String name, String version) {
        DataSource ds = TestDatabase.freshDatabase(name);
        flyway(ds, version).migrate();
        assertThat(flyway(ds, version).info().current().getVersion()).isEqualTo(MigrationVersion.fromVersion(version));
        return ds;
    }

    /** Migrates to the newest script and checks that it got there. */
    private static void upgradeToLatest(DataSource ds) {
        Flyway latest = flyway(ds, "latest");
        latest.migrate();
        MigrationVersion newest = Arrays.stream(latest.info().all()).map(m -> m.getVersion())
                .max(MigrationVersion::compareTo).orElseThrow();
        // every script ran: the schema is at the newest version
        assertThat(latest.info().current().getVersion()).isEqualTo(newest);
        assertThat(latest.info().pending()).isEmpty();
    }

    @Test
    void fromV3BeforeTeamsEveryRowSurvivesWithTheLaterDefaultsAndTodaysQueueRunsIt() throws SQLException {
        DataSource ds = databaseAt("upgrade_from_v3", "3");
        // V3's rows: a dataset, experiments in each state (one whose grid was exhausted, one RUNNING with every trial
        // created), the trials of a RUNNING experiment in every state, epochs, a stored model, a worker
        exec(ds, """
                INSERT INTO dataset (name, time_column, time_values, row_count, created_by, created_at)
                     VALUES ('air', 'month', '{2020-01,2020-02,2020-03}', 3, 'alice', '2026-01-01T00:00:00Z');
                INSERT INTO dataset_column (dataset_id, position, name, vals) VALUES (1, 0, 'passengers', '{112,118,132}');
                INSERT INTO worker (id, host, backend, device, started_at, last_heartbeat_at)
                     VALUES ('w-old', 'old-host', 'CPU', 'old CPU', '2026-01-01T00:00:00Z', '2026-01-01T00:05:00Z');
                """);
        long running = experimentV3(ds, "running", "RUNNING", 10, 6, false, "median");
        long done = experimentV3(ds, "done", "COMPLETED", 4, 4, false, "none");
        long exhausted = experimentV3(ds, "grid-exhausted", "COMPLETED", 10, 2, true, "none");
        long cancelled = experimentV3(ds, "cancelled", "CANCELLED", 10, 3, false, "asha");
        long full = experimentV3(ds, "running-full", "RUNNING", 2, 2, false, "none");
        exec(ds, """
                INSERT INTO trial (experiment_id, number, state, params, model_config, max_attempts, queued_at)
                     VALUES (%1$d, 0, 'QUEUED', '{"units":16}', '{}', 3, '2026-01-01T00:00:00Z');
                INSERT INTO trial (experiment_id, number, state, params, model_config, attempt, max_attempts, queued_at,
                                   started_at, heartbeat_at, lease_expires_at, worker_id)
                     VALUES (%1$d, 1, 'RUNNING', '{"units":32}', '{}', 1, 3, '2026-01-01T00:00:00Z',
                             '2026-01-01T00:01:00Z', '2026-01-01T00:05:00Z', '2026-01-01T00:10:00Z', 'w-old');
                INSERT INTO trial (experiment_id, number, state, params, model_config, attempt, max_attempts, queued_at,
                                   started_at, heartbeat_at, finished_at, train_rmse, val_rmse, epochs_run, best_epoch,
                                   stop_reason)
                     VALUES (%1$d, 2, 'COMPLETED', '{"units":8}', '{}', 1, 3, '2026-01-01T00:00:00Z',
                             '2026-01-01T00:01:00Z', '2026-01-01T00:02:00Z', '2026-01-01T00:02:00Z', 9.5, 12.5, 7, 5,
                             'early stopping');
                INSERT INTO trial (experiment_id, number, state, params, model_config, attempt, max_attempts, queued_at,
                                   started_at, heartbeat_at, finished_at, val_rmse, epochs_run, stop_reason)
                     VALUES (%1$d, 3, 'PRUNED', '{"units":4}', '{}', 1, 3, '2026-01-01T00:00:00Z',
                             '2026-01-01T00:01:00Z', '2026-01-01T00:02:00Z', '2026-01-01T00:02:00Z', 30.1, 3, 'pruned');
                INSERT INTO trial (experiment_id, number, state, params, model_config, attempt, max_attempts, queued_at,
                                   started_at, finished_at, error, attempt_errors)
                     VALUES (%1$d, 4, 'FAILED', '{"units":64}', '{}', 3, 3, '2026-01-01T00:00:00Z',
                             '2026-01-01T00:01:00Z', '2026-01-01T00:03:00Z', 'out of memory',
                             '{"attempt 1: lease expired","attempt 2: lease expired"}');
                INSERT INTO trial (experiment_id, number, state, params, model_config, max_attempts, queued_at, finished_at)
                     VALUES (%1$d, 5, 'CANCELLED', '{"units":2}', '{}', 3, '2026-01-01T00:00:00Z', '2026-01-01T00:04:00Z');
                INSERT INTO trial_epoch (trial_id, epoch, train_loss, val_loss, recorded_at)
                     VALUES (3, 0, 0.5, 0.6, '2026-01-01T00:01:10Z'), (3, 1, 0.3, 0.4, '2026-01-01T00:01:20Z');
                INSERT INTO trial_model (trial_id, model_zip, preprocessing, val_times, val_actual, val_predicted)
                     VALUES (3, '\\x504b', '{"scaler":"minmax"}', '{2020-03}', '{132}', '{130.5}');
                """.formatted(running));
        exec(ds, "UPDATE experiment SET promoted_trial_id = 3 WHERE id = " + running);

        upgradeToLatest(ds);

        // V4: everything from before teams belongs to the team 'default'; the owner's name stays, no user is linked
        long team = single(ds, "SELECT id FROM team WHERE name = 'default'");
        assertThat(rows(ds, "SELECT team_id, created_by, created_by_user_id FROM dataset"))
                .containsExactly(row(team, "alice", null));
        assertThat(column(ds, "SELECT DISTINCT team_id FROM experiment")).containsExactly(team);
        assertThat(column(ds, "SELECT count(*) FROM experiment WHERE created_by_user_id IS NULL")).containsExactly(5L);

        // V11: the stop reason backfilled from the state, space_exhausted and the trials created; a RUNNING experiment
        // still queueing has none; space_exhausted is gone
        assertThat(rows(ds, "SELECT id, state, stop_reason FROM experiment ORDER BY id")).containsExactly(
                row(running, "RUNNING", null),
                row(done, "COMPLETED", "MAX_TRIALS"),
                row(exhausted, "COMPLETED", "SPACE_EXHAUSTED"),
                row(cancelled, "CANCELLED", "CANCELLED"),
                row(full, "RUNNING", "MAX_TRIALS"));
        assertThat(column(ds, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'experiment'"
                + " AND column_name = 'space_exhausted'")).containsExactly(0L);

        // V5, V11, V12, V13: the defaults that keep old experiments running as they did (no season, early stopping from
        // epoch 1, no MASE scale, the pruner kept with its default settings, no budget, one window, univariate TPE)
        assertThat(rows(ds, """
                SELECT seasonality, seasonality_source, min_epochs, mase_scale, pruner, pruner_settings::text,
                       time_budget_seconds, validation_windows, tpe_multivariate, promoted_trial_id
                  FROM experiment WHERE id = ?""", running))
                .containsExactly(row(1, "none", 1, null, "median", "{}", null, 1, false, 3L));
        assertThat(column(ds, "SELECT pruner FROM experiment ORDER BY id"))
                .containsExactly("median", "none", "none", "asha", "none");

        // the trials: unchanged, all search trials (V9), ranked by state (V14), no window RMSEs (V12) or test score (V5)
        assertThat(rows(ds, """
                SELECT number, state, attempt, val_rmse, epochs_run, kind, refit_of, rank_group, rank_epochs,
                       val_rmse_windows, test_rmse, cardinality(attempt_errors)
                  FROM trial ORDER BY number""")).containsExactly(
                row(0, "QUEUED", 0, null, null, "SEARCH", null, 2, 0, null, null, 0),
                row(1, "RUNNING", 1, null, null, "SEARCH", null, 2, 0, null, null, 0),
                row(2, "COMPLETED", 1, 12.5, 7, "SEARCH", null, 0, 0, null, null, 0),
                row(3, "PRUNED", 1, 30.1, 3, "SEARCH", null, 1, -3, null, null, 0),
                row(4, "FAILED", 3, null, null, "SEARCH", null, 2, 0, null, null, 2),
                row(5, "CANCELLED", 0, null, null, "SEARCH", null, 2, 0, null, null, 0));
        // the curve is window 0 (V12) and has no RMSE in the series' units (V5: the pruners skip such epochs)
        assertThat(rows(ds, "SELECT epoch, val_window, train_loss, val_loss, val_rmse FROM trial_epoch ORDER BY epoch"))
                .containsExactly(row(0, 0, 0.5, 0.6, null), row(1, 0, 0.3, 0.4, null));
        // the stored model is kept, without test forecasts
        assertThat(rows(ds, "SELECT preprocessing::text, val_predicted::text, test_times FROM trial_model"))
                .containsExactly(row("{\"scaler\": \"minmax\"}", "{130.5}", null));

        // today's queue runs the old rows: the QUEUED trial is claimed (attempt 1) ...
        MutableClock clock = new MutableClock(T.plus(Duration.ofMinutes(30)));
        new WorkerRegistry(ds, clock).register(QueueFixture.info("w-new"));
        TrialQueue queue = new TrialQueue(ds, clock, QueueConfig.DEFAULTS);
        List<ClaimedTrial> claimed = queue.claim("w-new", 5);
        assertThat(claimed).extracting(ClaimedTrial::number, ClaimedTrial::attempt).containsExactly(tuple(0, 1));
        // ... and the RUNNING one, whose lease ran out long ago, is queued again with the lost attempt noted
        RescueResult rescued = new LeaseRescuer(ds, clock, QueueConfig.DEFAULTS).rescueOnce();
        assertThat(rescued).isEqualTo(new RescueResult(1, 0, 0));
        assertThat(rows(ds, "SELECT state, cardinality(attempt_errors) FROM trial WHERE number = 1"))
                .containsExactly(row("QUEUED", 1));

        // the later CHECKs hold on the old rows: a finished experiment must say why
        assertThatThrownBy(() -> exec(ds, "UPDATE experiment SET stop_reason = NULL WHERE id = " + done))
                .hasMessageContaining("experiment_finished_has_stop_reason");
    }

    private static long experimentV3(DataSource ds, String name, String state, int maxTrials, int created,
                                     boolean exhausted, String pruner) throws SQLException {
        return single(ds, """
                INSERT INTO experiment (name, dataset_id, target, strategy, max_trials, parallelism, max_epochs,
                                        patience, seed, train_fraction, val_fraction, search_space, state,
                                        trials_created, space_exhausted, created_by, created_at, finished_at, pruner)
                     VALUES (?, 1, 'passengers', 'random', ?, 2, 30, 5, 42, 0.7, 0.15, '{"units":[2,64]}', ?, ?, ?,
                             'alice', '2026-01-01T00:00:00Z',
                             CASE WHEN ? = 'RUNNING' THEN NULL ELSE TIMESTAMPTZ '2026-01-01T01:00:00Z' END, ?)
                RETURNING id""", name, maxTrials, state, created, exhausted, state, pruner);
    }

    @Test
    void fromV5UsernamesDifferingOnlyInCaseAreRenamedAndKeepTheirTeams() throws SQLException {
        DataSource ds = databaseAt("upgrade_from_v5", "5");
        // V5's users: 'Bob', 'bob' and 'BOB' could coexist; each is a member of the default team
        exec(ds, """
                INSERT INTO app_user (username, password_hash, created_at) VALUES
                    ('Bob', 'hash-1', '2026-01-01T00:00:00Z'), ('bob', 'hash-2', '2026-01-02T00:00:00Z'),
                    ('carol', 'hash-3', '2026-01-03T00:00:00Z'), ('BOB', 'hash-4', '2026-01-04T00:00:00Z');
                INSERT INTO team_member (team_id, user_id, role, added_at)
                     SELECT t.id, u.id, 'member', '2026-01-05T00:00:00Z' FROM team t, app_user u;
                INSERT INTO api_token (team_id, user_id, name, role, token_hash, prefix, created_at)
                     SELECT t.id, u.id, 'ci', 'admin', 'sha-of-bob', 'lsa_abcd', '2026-01-05T00:00:00Z'
                       FROM team t, app_user u WHERE u.username = 'bob';
                """);

        upgradeToLatest(ds);

        // V6: the oldest of each case-insensitive name keeps it, later ones become <name>.dup<id>, passwords kept;
        // every session is at version 0 and no last team is remembered (V7)
        assertThat(rows(ds, "SELECT id, username, password_hash, session_version, last_team_id FROM app_user ORDER BY id"))
                .containsExactly(
                        row(1L, "Bob", "hash-1", 0L, null),
                        row(2L, "bob.dup2", "hash-2", 0L, null),
                        row(3L, "carol", "hash-3", 0L, null),
                        row(4L, "BOB.dup4", "hash-4", 0L, null));
        // the renamed users keep their memberships and tokens
        assertThat(column(ds, "SELECT count(*) FROM team_member")).containsExactly(4L);
        assertThat(column(ds, "SELECT u.username FROM api_token t JOIN app_user u ON u.id = t.user_id"))
                .containsExactly("bob.dup2");
        // and a name differing only in case is refused from now on
        assertThatThrownBy(() -> exec(ds, "INSERT INTO app_user (username, password_hash, created_at)"
                + " VALUES ('CAROL', 'h', '2026-01-06T00:00:00Z')")).hasMessageContaining("app_user_username_lower_key");
    }

    @Test
    void fromV13TheRankingColumnsAreGeneratedForOldTrialsAndFollowLaterWrites() throws SQLException {
        DataSource ds = databaseAt("upgrade_from_v13", "13");
        // V13's rows: a team with two users, a dataset, a multivariate TPE experiment with 3 windows, ASHA and a budget,
        // its trials in several states, a refit of the best and the registered model it made
        exec(ds, """
                INSERT INTO team (name, created_at) VALUES ('analysts', '2026-01-01T00:00:00Z');
                INSERT INTO app_user (username, password_hash, created_at) VALUES
                    ('alice', 'hash-a', '2026-01-01T00:00:00Z'), ('bob', 'hash-b', '2026-01-01T00:00:00Z');
                INSERT INTO team_member (team_id, user_id, role, added_at)
                     SELECT t.id, u.id, CASE u.username WHEN 'alice' THEN 'admin' ELSE 'viewer' END, '2026-01-01T00:00:00Z'
                       FROM team t, app_user u WHERE t.name = 'analysts';
                INSERT INTO dataset (name, time_column, time_values, row_count, created_at, team_id, created_by_user_id)
                     SELECT 'air', 'month', '{2020-01,2020-02}', 2, '2026-01-01T00:00:00Z', id, 1 FROM team
                      WHERE name = 'analysts';
                INSERT INTO experiment (name, dataset_id, target, strategy, max_trials, parallelism, max_epochs,
                                        patience, seed, train_fraction, val_fraction, search_space, state, trials_created,
                                        created_at, team_id, created_by_user_id, seasonality, seasonality_source,
                                        min_epochs, mase_scale, pruner, pruner_settings, time_budget_seconds,
                                        validation_windows, tpe_multivariate)
                     SELECT 'tpe-mv', d.id, 'passengers', 'tpe', 40, 2, 30, 5, 7, 0.7, 0.15, '{}', 'RUNNING', 7,
                            '2026-01-01T00:00:00Z', d.team_id, 1, 12, 'time column', 5, 3.25, 'asha',
                            '{"minEpochs": 3, "reductionFactor": 3, "bootstrapCount": 0}', 600, 3, TRUE
                       FROM dataset d;
                """);
        long e = single(ds, "SELECT id FROM experiment");
        finishedV13(ds, e, 0, "COMPLETED", 11.0, 20);
        finishedV13(ds, e, 1, "COMPLETED", 9.5, 14);
        finishedV13(ds, e, 2, "PRUNED", 20.0, 3);
        finishedV13(ds, e, 3, "PRUNED", 15.0, 9);
        exec(ds, """
                INSERT INTO trial (experiment_id, number, state, params, model_config, attempt, max_attempts, queued_at,
                                   started_at, heartbeat_at, lease_expires_at)
                     VALUES (%1$d, 4, 'RUNNING', '{}', '{}', 1, 3, '2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z',
                             '2026-01-01T00:02:00Z', '2026-01-01T00:12:00Z');
                INSERT INTO trial (experiment_id, number, state, params, model_config, max_attempts, queued_at)
                     VALUES (%1$d, 5, 'QUEUED', '{}', '{}', 3, '2026-01-01T00:00:00Z');
                INSERT INTO trial (experiment_id, number, state, params, model_config, attempt, max_attempts, queued_at,
                                   started_at, finished_at, error)
                     VALUES (%1$d, 6, 'FAILED', '{}', '{}', 1, 1, '2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z',
                             '2026-01-01T00:02:00Z', 'diverged');
                INSERT INTO trial (experiment_id, number, state, priority, params, model_config, attempt, max_attempts,
                                   queued_at, started_at, finished_at, kind, refit_of, refit_epochs, epochs_run)
                     SELECT experiment_id, number, 'COMPLETED', 0, params, model_config, 1, 3, '2026-01-01T01:00:00Z',
                            '2026-01-01T01:00:00Z', '2026-01-01T01:05:00Z', 'REFIT', id, 14, 14
                       FROM trial WHERE experiment_id = %1$d AND number = 1;
                INSERT INTO registered_model (team_id, name, created_at)
                     SELECT team_id, 'air-passengers', '2026-01-01T01:00:00Z' FROM experiment WHERE id = %1$d;
                INSERT INTO model_version (model_id, version, experiment_id, trial_id, promoted_by_user_id, promoted_by,
                                           promoted_at, params, val_rmse, refit_trial_id)
                     SELECT 1, 1, %1$d, (SELECT id FROM trial WHERE number = 1 AND kind = 'SEARCH'), 1, 'alice',
                            '2026-01-01T01:00:00Z', '{}', 9.5, (SELECT id FROM trial WHERE kind = 'REFIT');
                UPDATE registered_model SET champion_version_id = 1;
                """.formatted(e));

        upgradeToLatest(ds);

        // V14: the ranking columns computed for the old rows (COMPLETED 0, PRUNED 1 with minus its epochs, others 2)
        assertThat(rows(ds, "SELECT number, kind, state, rank_group, rank_epochs FROM trial ORDER BY kind DESC, number"))
                .containsExactly(
                        row(0, "SEARCH", "COMPLETED", 0, 0),
                        row(1, "SEARCH", "COMPLETED", 0, 0),
                        row(2, "SEARCH", "PRUNED", 1, -3),
                        row(3, "SEARCH", "PRUNED", 1, -9),
                        row(4, "SEARCH", "RUNNING", 2, 0),
                        row(5, "SEARCH", "QUEUED", 2, 0),
                        row(6, "SEARCH", "FAILED", 2, 0),
                        row(1, "REFIT", "COMPLETED", 0, 0));
        // the ranking's order: COMPLETED by RMSE, then PRUNED trained further first, then the rest by number
        String ranking = "SELECT number FROM trial WHERE experiment_id = ? AND kind = 'SEARCH'"
                + " ORDER BY rank_group, rank_epochs, val_rmse NULLS LAST, number";
        assertThat(column(ds, ranking, e)).containsExactly(1, 0, 3, 2, 4, 5, 6);
        // the columns follow a later write: the RUNNING trial pruned after 12 epochs ranks first among the pruned
        exec(ds, "UPDATE trial SET state = 'PRUNED', val_rmse = 18.0, epochs_run = 12, finished_at = heartbeat_at,"
                + " lease_expires_at = NULL WHERE number = 4");
        assertThat(column(ds, ranking, e)).containsExactly(1, 0, 4, 3, 2, 5, 6);

        // everything V13 stored is unchanged
        assertThat(rows(ds, """
                SELECT strategy, tpe_multivariate, validation_windows, pruner, pruner_settings::text,
                       time_budget_seconds, seasonality, seasonality_source, min_epochs, mase_scale, trials_created
                  FROM experiment""")).containsExactly(row("tpe", true, 3, "asha",
                "{\"minEpochs\": 3, \"bootstrapCount\": 0, \"reductionFactor\": 3}", 600, 12, "time column", 5, 3.25, 7));
        assertThat(rows(ds, "SELECT u.username, m.role FROM team_member m JOIN app_user u ON u.id = m.user_id"
                + " ORDER BY u.username")).containsExactly(row("alice", "admin"), row("bob", "viewer"));
        assertThat(rows(ds, "SELECT r.name, v.version, v.val_rmse, v.refit_trial_id IS NOT NULL FROM registered_model r"
                + " JOIN model_version v ON v.id = r.champion_version_id"))
                .containsExactly(row("air-passengers", 1, 9.5, true));
        assertThat(rows(ds, "SELECT val_rmse_windows::text FROM trial WHERE number = 1 AND kind = 'SEARCH'"))
                .containsExactly(row("{9,9.5,10}"));
    }

    private static void finishedV13(DataSource ds, long experiment, int number, String state, double valRmse,
                                    int epochs) throws SQLException {
        exec(ds, """
                INSERT INTO trial (experiment_id, number, state, params, model_config, attempt, max_attempts, queued_at,
                                   started_at, heartbeat_at, finished_at, val_rmse, val_rmse_windows, epochs_run)
                     VALUES (?, ?, ?, '{}', '{}', 1, 3, '2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z',
                             '2026-01-01T00:02:00Z', '2026-01-01T00:02:00Z', ?, ARRAY[?::float8 - 0.5, ?, ?::float8 + 0.5],
                             ?)""", experiment, number, state, valRmse, valRmse, valRmse, valRmse, epochs);
    }

    // ---- plain JDBC: rows as lists of column values ----

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    /** Runs statements (several, separated by ';', when no parameters are given). */
    private static void exec(DataSource ds, String sql, Object... params) throws SQLException {
        try (Connection c = ds.getConnection()) {
            if (params.length == 0) {
                try (Statement s = c.createStatement()) {
                    s.execute(sql);
                }
            } else {
                try (PreparedStatement ps = prepare(c, sql, params)) {
                    ps.execute();
                }
            }
        }
    }

    private static long single(DataSource ds, String sql, Object... params) throws SQLException {
        return ((Number) rows(ds, sql, params).get(0).get(0)).longValue();
    }

    private static List<Object> column(DataSource ds, String sql, Object... params) throws SQLException {
        return rows(ds, sql, params).stream().map(r -> r.get(0)).toList();
    }

    private static List<List<Object>> rows(DataSource ds, String sql, Object... params) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = prepare(c, sql, params);
             ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            List<List<Object>> out = new ArrayList<>();
            while (rs.next()) {
                List<Object> r = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    r.add(rs.getObject(i));
                }
                out.add(r);
            }
            return out;
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps;
    }
}
