package com.lstmautoml.backend.service;

import com.lstmautoml.backend.config.AutomlConfig;
import com.lstmautoml.backend.config.Json;
import com.lstmautoml.core.queue.TrialQueue;
import com.lstmautoml.core.search.Proposal;
import com.lstmautoml.core.search.SearchContext;
import com.lstmautoml.core.search.SearchStrategy;
import com.lstmautoml.core.search.TrialRecord;
import com.lstmautoml.core.testing.MutableClock;
import com.lstmautoml.core.trial.TrialParams;
import com.lstmautoml.core.trial.TrialState;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@link ExperimentScheduler#topUp}, driven pass by pass as its timer drives it ({@code tick()}: every RUNNING
 * experiment, its row locked), on rows built in the database, a clock the test moves and a stub strategy whose
 * proposals are known; the asserts read the trial and experiment rows. The service runs with neither its timer nor its
 * in-process workers (the profile below), so nothing but the test's passes touches the rows.
 */
@QuarkusTest
@TestProfile(ExperimentSchedulerTopUpTest.ByHand.class)
class ExperimentSchedulerTopUpTest {

    /** No scheduler tick, rescuer or in-process worker: the test runs every pass itself. */
    public static class ByHand implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.scheduler.enabled", "false", "automl.worker.in-process", "false");
        }
    }

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    /** A valid stored space (the stub ignores it; the scheduler reads it back). */
    private static final String SPACE = "{\"units\":{\"type\":\"choice\",\"values\":[4]},"
            + "\"layers\":{\"type\":\"choice\",\"values\":[1]},\"lookBack\":{\"type\":\"int\",\"min\":2,\"max\":4},"
            + "\"dropout\":{\"type\":\"choice\",\"values\":[0]},\"batchSize\":{\"type\":\"choice\",\"values\":[32]},"
            + "\"learningRate\":{\"type\":\"float\",\"min\":0.005,\"max\":0.05,\"log\":true}}";

    @Inject
    AutomlConfig config;
    @Inject
    SearchSpaces spaces;
    @Inject
    TrialQueue queue;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    TransactionSynchronizationRegistry transactions;

    private final MutableClock clock = new MutableClock(CREATED);
    private StubStrategy stub;
    private ExperimentScheduler scheduler;

    @BeforeEach
    void cleanAndBuild() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM experiment"); // trials go with them (ON DELETE CASCADE)
        }
        stub = new StubStrategy(Integer.MAX_VALUE);
        scheduler = scheduler(stub);
    }

    private ExperimentScheduler scheduler(StubStrategy strategy) {
        return new ExperimentScheduler(clock, config, spaces, queue, dataSource, transactions)
                .withStrategies(name -> {
                    assertThat(name).isEqualTo(StubStrategy.NAME);
                    return strategy;
                });
    }

    @Test
    void aPassQueuesUpToParallelismTheStrategysProposalsInOrder() throws SQLException {
        long e = insert(ExperimentRow.running("fill").parallelism(3).maxTrials(10).maxAttempts(2));

        scheduler.tick();

        // parallelism 3: three trials, numbered from 0, each the stub's k-th proposal, queued now with the
        // experiment's max attempts
        assertThat(trials(e)).containsExactly(
                new TrialRow(0, "QUEUED", 10, "{\"stub\":0}", 2, CREATED),
                new TrialRow(1, "QUEUED", 11, "{\"stub\":1}", 2, CREATED),
                new TrialRow(2, "QUEUED", 12, "{\"stub\":2}", 2, CREATED));
        // each proposal was asked with the trials queued before it in the history, the seed and the cap
        assertThat(stub.asked).extracting(Asked::historyNumbers, Asked::seed, Asked::maxTrials, Asked::inputs)
                .containsExactly(tuple(List.of(), 42L, 10, 1), tuple(List.of(0), 42L, 10, 1),
                        tuple(List.of(0, 1), 42L, 10, 1));
        // still queueing: no reason to stop, still RUNNING, the count of created trials kept
        assertThat(experiment(e)).isEqualTo(new ExperimentRowState("RUNNING", 3, null, null));

        // a second pass with all three still waiting adds nothing and asks nothing
        scheduler.tick();
        assertThat(trials(e)).hasSize(3);
        assertThat(stub.asked).hasSize(3);
    }

    @Test
    void queuedAndRunningTrialsCountAgainstParallelismAndTheStrategySeesTheWholeHistory() throws SQLException {
        long e = insert(ExperimentRow.running("history").parallelism(2).maxTrials(10).trialsCreated(4));
        trial(e, 0, "COMPLETED", 4.5, 12);
        trial(e, 1, "PRUNED", 9.0, 3);
        trial(e, 2, "RUNNING", null, null);
        trial(e, 3, "FAILED", null, null);

        scheduler.tick();

        // one RUNNING of parallelism 2: one new trial, the next number
        assertThat(trials(e)).filteredOn(t -> t.number() >= 4)
                .containsExactly(new TrialRow(4, "QUEUED", 14, "{\"stub\":4}", 3, CREATED));
        // the strategy saw every trial with its state, RMSE and epochs
        assertThat(stub.asked).hasSize(1);
        assertThat(stub.asked.get(0).history()).extracting(TrialRecord::number, TrialRecord::state,
                TrialRecord::valRmse, TrialRecord::epochsRun).containsExactly(
                tuple(0, TrialState.COMPLETED, 4.5, 12), tuple(1, TrialState.PRUNED, 9.0, 3),
                tuple(2, TrialState.RUNNING, null, null), tuple(3, TrialState.FAILED, null, null));
        assertThat(experiment(e).trialsCreated()).isEqualTo(5);
    }

    @Test
    void atMaxTrialsQueueingStopsAndTheExperimentCompletesWhenItsLastTrialEnds() throws SQLException {
        long e = insert(ExperimentRow.running("capped").parallelism(3).maxTrials(2));

        scheduler.tick();

        // the cap, not parallelism, limits the pass; the reason is recorded at once, the experiment still runs
        assertThat(trials(e)).extracting(TrialRow::number).containsExactly(0, 1);
        assertThat(experiment(e)).isEqualTo(new ExperimentRowState("RUNNING", 2, "MAX_TRIALS", null));

        // one trial ends: still RUNNING, nothing queued
        finish(e, 0);
        clock.advance(Duration.ofMinutes(1));
        scheduler.tick();
        assertThat(experiment(e).state()).isEqualTo("RUNNING");
        assertThat(trials(e)).hasSize(2);

        // the last one ends: COMPLETED at the clock's now, with its reason
        finish(e, 1);
        clock.advance(Duration.ofMinutes(1));
        scheduler.tick();
        assertThat(experiment(e)).isEqualTo(new ExperimentRowState("COMPLETED", 2, "MAX_TRIALS",
                CREATED.plus(Duration.ofMinutes(2))));
        assertThat(trials(e)).hasSize(2);
        assertThat(stub.asked).hasSize(2);
    }

    @Test
    void anExhaustedSpaceStopsQueueing() throws SQLException {
        StubStrategy oneOnly = new StubStrategy(1);
        long e = insert(ExperimentRow.running("exhausted").parallelism(3).maxTrials(10));

        scheduler(oneOnly).tick();

        // one proposal, then none: one trial and the reason; the experiment runs until that trial ends
        assertThat(trials(e)).extracting(TrialRow::number).containsExactly(0);
        assertThat(experiment(e)).isEqualTo(new ExperimentRowState("RUNNING", 1, "SPACE_EXHAUSTED", null));
        finish(e, 0);
        scheduler(oneOnly).tick();
        assertThat(experiment(e).state()).isEqualTo("COMPLETED");
        // the stub is not asked again once the space is exhausted
        assertThat(oneOnly.asked).hasSize(2);
    }

    @Test
    void atTheEndOfTheTimeBudgetQueuedTrialsAreCancelledRunningOnesFinishAndNothingIsQueued() throws SQLException {
        long e = insert(ExperimentRow.running("budget").parallelism(2).maxTrials(10).timeBudgetSeconds(600));

        // a second before the end the scheduler still queues
        clock.advance(Duration.ofSeconds(599));
        scheduler.tick();
        assertThat(trials(e)).extracting(TrialRow::state).containsExactly("QUEUED", "QUEUED");
        assertThat(experiment(e).stopReason()).isNull();
        // a worker takes trial 0
        start(e, 0);

        // at the end: the queued trial is cancelled, the running one goes on, the budget is the reason, nothing new
        clock.advance(Duration.ofSeconds(1));
        scheduler.tick();
        assertThat(trials(e)).extracting(TrialRow::number, TrialRow::state)
                .containsExactly(tuple(0, "RUNNING"), tuple(1, "CANCELLED"));
        assertThat(experiment(e)).isEqualTo(new ExperimentRowState("RUNNING", 2, "TIME_BUDGET", null));

        // the running trial ends: the experiment completes, saying why, without another trial
        finish(e, 0);
        clock.advance(Duration.ofSeconds(5));
        scheduler.tick();
        assertThat(experiment(e)).isEqualTo(new ExperimentRowState("COMPLETED", 2, "TIME_BUDGET",
                CREATED.plusSeconds(605)));
        assertThat(trials(e)).hasSize(2);
        assertThat(stub.asked).hasSize(2);
    }

    @Test
    void cancelledAndFinishedExperimentsGetNoTrials() throws SQLException {
        long cancelled = insert(ExperimentRow.running("cancelled").parallelism(2).maxTrials(10)
                .finished("CANCELLED", "CANCELLED"));
        long completed = insert(ExperimentRow.running("completed").parallelism(2).maxTrials(10)
                .finished("COMPLETED", "SPACE_EXHAUSTED"));

        scheduler.tick();

        // neither is RUNNING: no pass touches them, the strategy is never asked
        assertThat(trials(cancelled)).isEmpty();
        assertThat(trials(completed)).isEmpty();
        assertThat(stub.asked).isEmpty();
        assertThat(experiment(cancelled)).isEqualTo(new ExperimentRowState("CANCELLED", 0, "CANCELLED",
                CREATED.plusSeconds(60)));
        assertThat(experiment(completed)).isEqualTo(new ExperimentRowState("COMPLETED", 0, "SPACE_EXHAUSTED",
                CREATED.plusSeconds(60)));
    }

    // ---- the stub strategy ----

    /** What the strategy was asked with: a copy of the history at that moment. */
    record Asked(List<TrialRecord> history, long seed, int maxTrials, int inputs) {
        List<Integer> historyNumbers() {
            return history.stream().map(TrialRecord::number).toList();
        }
    }

    /**
     * Proposes units {@code 10 + k} for the k-th trial (k = the history's size) with a model config naming k, until
     * {@code proposals} were made; records every question.
     */
    static final class StubStrategy implements SearchStrategy {
        static final String NAME = "stub";
        final List<Asked> asked = new ArrayList<>();
        private final int proposals;

        StubStrategy(int proposals) {
            this.proposals = proposals;
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Optional<Proposal> propose(SearchContext ctx) {
            asked.add(new Asked(List.copyOf(ctx.history()), ctx.seed(), ctx.maxTrials(), ctx.nInputs()));
            int k = ctx.history().size();
            if (k >= proposals) {
                return Optional.empty();
            }
            return Optional.of(new Proposal(new TrialParams(10 + k, 1, 4, 0.0, 32, 0.01), "{\"stub\":" + k + "}"));
        }
    }

    // ---- the row factory ----

    /** An experiment row of the stub strategy on the bundled dataset, created at {@link #CREATED}. */
    record ExperimentRow(String name, int parallelism, int maxTrials, int trialsCreated, int maxAttempts,
                         Integer timeBudgetSeconds, String state, String stopReason) {

        static ExperimentRow running(String name) {
            return new ExperimentRow(name, 2, 10, 0, 3, null, "RUNNING", null);
        }

        ExperimentRow parallelism(int p) {
            return new ExperimentRow(name, p, maxTrials, trialsCreated, maxAttempts, timeBudgetSeconds, state,
                    stopReason);
        }

        ExperimentRow maxTrials(int n) {
            return new ExperimentRow(name, parallelism, n, trialsCreated, maxAttempts, timeBudgetSeconds, state,
                    stopReason);
        }

        ExperimentRow trialsCreated(int n) {
            return new ExperimentRow(name, parallelism, maxTrials, n, maxAttempts, timeBudgetSeconds, state,
                    stopReason);
        }

        ExperimentRow maxAttempts(int n) {
            return new ExperimentRow(name, parallelism, maxTrials, trialsCreated, n, timeBudgetSeconds, state,
                    stopReason);
        }

        ExperimentRow timeBudgetSeconds(int s) {
            return new ExperimentRow(name, parallelism, maxTrials, trialsCreated, maxAttempts, s, state, stopReason);
        }

        /** Finished a minute after its creation, in {@code state} for {@code reason}. */
        ExperimentRow finished(String finalState, String reason) {
            return new ExperimentRow(name, parallelism, maxTrials, trialsCreated, maxAttempts, timeBudgetSeconds,
                    finalState, reason);
        }
    }

    private long insert(ExperimentRow r) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO experiment (name, dataset_id, team_id, target, strategy, max_trials, parallelism,
                                        max_epochs, patience, seed, train_fraction, val_fraction, max_attempts,
                                        search_space, state, trials_created, stop_reason, time_budget_seconds,
                                        created_at, finished_at)
                SELECT ?, d.id, d.team_id, 'Passengers', ?, ?, ?, 30, 5, 42, 0.7, 0.15, ?, CAST(? AS jsonb), ?, ?, ?, ?,
                       ?, ?
                  FROM dataset d WHERE d.name = 'airline-passengers' ORDER BY d.id LIMIT 1
                RETURNING id""")) {
            ps.setString(1, r.name());
            ps.setString(2, StubStrategy.NAME);
            ps.setInt(3, r.maxTrials());
            ps.setInt(4, r.parallelism());
            ps.setInt(5, r.maxAttempts());
            ps.setString(6, SPACE);
            ps.setString(7, r.state());
            ps.setInt(8, r.trialsCreated());
            ps.setString(9, r.stopReason());
            ps.setObject(10, r.timeBudgetSeconds());
            ps.setObject(11, ts(CREATED));
            ps.setObject(12, "RUNNING".equals(r.state()) ? null : ts(CREATED.plusSeconds(60)));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("the bundled dataset airline-passengers exists").isTrue();
                return rs.getLong(1);
            }
        }
    }

    /** A search trial in {@code state}, with the timestamps that state needs (attempt 1 unless QUEUED). */
    private void trial(long experiment, int number, String state, Double valRmse, Integer epochs) throws SQLException {
        boolean started = !state.equals("QUEUED") && !state.equals("CANCELLED");
        boolean finished = !state.equals("QUEUED") && !state.equals("RUNNING");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO trial (experiment_id, number, state, params, model_config, attempt, max_attempts, queued_at,
                                   started_at, heartbeat_at, lease_expires_at, finished_at, val_rmse, epochs_run, error)
                VALUES (?, ?, ?, CAST(? AS jsonb), '{}', ?, 3, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setLong(1, experiment);
            ps.setInt(2, number);
            ps.setString(3, state);
            ps.setString(4, Json.write(new TrialParams(number + 1, 1, 4, 0.0, 32, 0.01)));
            ps.setInt(5, started ? 1 : 0);
            ps.setObject(6, ts(CREATED));
            ps.setObject(7, started ? ts(CREATED) : null);
            ps.setObject(8, started && !finished ? ts(CREATED) : null);
            ps.setObject(9, state.equals("RUNNING") ? ts(CREATED.plus(Duration.ofHours(1))) : null);
            ps.setObject(10, finished ? ts(CREATED) : null);
            ps.setObject(11, valRmse);
            ps.setObject(12, epochs);
            ps.setString(13, state.equals("FAILED") ? "test failure" : null);
            ps.executeUpdate();
        }
    }

    /** A worker claimed the trial: RUNNING, attempt 1, leased for an hour. */
    private void start(long experiment, int number) throws SQLException {
        update("UPDATE trial SET state = 'RUNNING', attempt = 1, started_at = ?, heartbeat_at = ?, lease_expires_at = ?"
                + " WHERE experiment_id = ? AND number = ?", experiment, number, ts(clock.instant()),
                ts(clock.instant()), ts(clock.instant().plus(Duration.ofHours(1))));
    }

    /** The trial COMPLETED (from QUEUED or RUNNING) at the clock's now. */
    private void finish(long experiment, int number) throws SQLException {
        update("UPDATE trial SET state = 'COMPLETED', attempt = 1, started_at = coalesce(started_at, ?),"
                + " finished_at = ?, lease_expires_at = NULL, val_rmse = 1.0, epochs_run = 5"
                + " WHERE experiment_id = ? AND number = ?", experiment, number, ts(clock.instant()),
                ts(clock.instant()));
    }

    private void update(String sql, long experiment, int number, Object... times) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (Object t : times) {
                ps.setObject(i++, t);
            }
            ps.setLong(i++, experiment);
            ps.setInt(i, number);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    /** A trial as the assertions read it: number, state, the proposal's units and model config, attempts, queued. */
    record TrialRow(int number, String state, int units, String modelConfig, int maxAttempts, Instant queuedAt) {
    }

    private List<TrialRow> trials(long experiment) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT number, state, params::text, model_config, max_attempts, queued_at FROM trial"
                        + " WHERE experiment_id = ? AND kind = 'SEARCH' ORDER BY number")) {
            ps.setLong(1, experiment);
            List<TrialRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TrialRow(rs.getInt(1), rs.getString(2),
                            Json.read(rs.getString(3), TrialParams.class).units(), rs.getString(4), rs.getInt(5),
                            rs.getObject(6, OffsetDateTime.class).toInstant()));
                }
            }
            return out;
        }
    }

    /** The experiment's columns the scheduler writes. */
    record ExperimentRowState(String state, int trialsCreated, String stopReason, Instant finishedAt) {
    }

    private ExperimentRowState experiment(long id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT state, trials_created, stop_reason, finished_at FROM experiment WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                OffsetDateTime finished = rs.getObject(4, OffsetDateTime.class);
                return new ExperimentRowState(rs.getString(1), rs.getInt(2), rs.getString(3),
                        finished == null ? null : finished.toInstant());
            }
        }
    }

    private static OffsetDateTime ts(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
