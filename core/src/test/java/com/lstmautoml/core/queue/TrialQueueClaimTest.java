package com.lstmautoml.core.queue;

import com.lstmautoml.core.db.DatabaseException;
import com.lstmautoml.core.testing.QueueFixture;
import com.lstmautoml.core.testing.Rows;
import com.lstmautoml.core.trial.TrialParams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TrialQueueClaimTest {

    private QueueFixture f;

    @BeforeEach
    void setUp() {
        f = new QueueFixture();
    }

    @Test
    void concurrentClaimersClaimEveryTrialExactlyOnce() throws Exception {
        List<Long> ids = f.rows.queuedTrials(f.experimentId, 200, f.clock.instant());
        int claimers = 4;
        CyclicBarrier start = new CyclicBarrier(claimers);
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        Map<Long, String> owner = new ConcurrentHashMap<>();
        List<Long> allClaims = java.util.Collections.synchronizedList(new ArrayList<>());
        List<ClaimedTrial> claimedTrials = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Future<Integer>> done = new ArrayList<>();
        for (int i = 0; i < claimers; i++) {
            String worker = f.worker("w-" + i);
            // each claimer has its own queue object; every call takes its own connection
            TrialQueue queue = new TrialQueue(f.dataSource, f.clock, f.config);
            int batch = 1 + i; // mixed batch sizes: 1..4
            done.add(pool.submit(() -> {
                start.await();
                int claimed = 0;
                while (true) {
                    List<ClaimedTrial> got = queue.claim(worker, batch);
                    if (got.isEmpty()) {
                        return claimed;
                    }
                    for (ClaimedTrial t : got) {
                        allClaims.add(t.trialId());
                        claimedTrials.add(t);
                        owner.put(t.trialId(), worker);
                    }
                    claimed += got.size();
                }
            }));
        }
        int total = 0;
        for (Future<Integer> d : done) {
            total += d.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        // no trial is handed out twice
        assertThat(allClaims).doesNotHaveDuplicates();
        // none is missing
        assertThat(new HashSet<>(allClaims)).isEqualTo(new HashSet<>(ids));
        assertThat(total).isEqualTo(200);
        // the first claim of a trial is attempt 1
        assertThat(claimedTrials).allSatisfy(t -> assertThat(t.attempt()).isEqualTo(1));
        // the database agrees: all RUNNING, attempt 1, owned by the worker that got it
        assertThat(f.rows.count("SELECT count(*) FROM trial WHERE state = 'RUNNING' AND attempt = 1")).isEqualTo(200);
        for (long id : ids) {
            assertThat(f.rows.trial(id).workerId()).isEqualTo(owner.get(id));
        }
    }

    @Test
    void enqueueWritesQueuedRowsAndARefitJobIsClaimedBeforeTheSearchTrialQueuedFirst() throws Exception {
        String params = "{\"units\": 4, \"layers\": 1, \"lookBack\": 3, \"dropout\": 0.0, \"batchSize\": 16,"
                + " \"learningRate\": 0.01}";
        long search;
        long refit;
        try (java.sql.Connection c = f.dataSource.getConnection()) {
            search = f.queue.enqueue(c, TrialQueue.NewTrial.search(f.experimentId, 7, params, "{}", 2,
                    f.clock.instant()));
            refit = f.queue.enqueue(c, new TrialQueue.NewTrial(f.experimentId, 7, params, "{}", 2,
                    f.clock.instant().plusSeconds(1), search, 12));
        }
        // both rows are QUEUED, never attempted, with their kind, priority and refit columns
        assertThat(f.rows.count("SELECT count(*) FROM trial WHERE id = ? AND state = 'QUEUED' AND attempt = 0"
                + " AND kind = 'SEARCH' AND priority = 1 AND refit_of IS NULL AND number = 7 AND max_attempts = 2",
                search)).isEqualTo(1);
        assertThat(f.rows.count("SELECT count(*) FROM trial WHERE id = ? AND state = 'QUEUED' AND kind = 'REFIT'"
                + " AND priority = 0 AND refit_of = ? AND refit_epochs = 12", refit, search)).isEqualTo(1);
        // the refit job, queued a second later, is claimed first
        String w = f.worker("w-enqueue");
        assertThat(f.queue.claim(w, 1)).extracting(t -> t.trialId()).containsExactly(refit);
        assertThat(f.queue.claim(w, 1)).extracting(t -> t.trialId()).containsExactly(search);
    }

    @Test
    void claimsByPriorityThenQueuedAtThenId() {
        String w = f.worker("w-1");
        Instant t0 = f.clock.instant();
        // inserted in an order that differs from claim order
        long late = f.rows.queuedTrial(f.experimentId, 0, 1, t0.plusSeconds(20), Rows.PARAMS, 3);
        long lowPriority = f.rows.queuedTrial(f.experimentId, 1, 5, t0, Rows.PARAMS, 3);
        long earlyB = f.rows.queuedTrial(f.experimentId, 2, 1, t0, Rows.PARAMS, 3);
        long earlyA = f.rows.queuedTrial(f.experimentId, 3, 1, t0, Rows.PARAMS, 3);
        long urgent = f.rows.queuedTrial(f.experimentId, 4, 0, t0.plusSeconds(60), Rows.PARAMS, 3);

        List<Long> order = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            order.add(f.queue.claim(w, 1).get(0).trialId());
        }
        // priority first (smaller first), then queued_at, then id
        assertThat(order).containsExactly(urgent, earlyB, earlyA, late, lowPriority);
        // nothing left to claim
        assertThat(f.queue.claim(w, 1)).isEmpty();
    }

    @Test
    void batchClaimReturnsClaimOrderAndTheTrialsContents() {
        String w = f.worker("w-1");
        Instant t0 = f.clock.instant();
        TrialParams p = new TrialParams(64, 2, 24, 0.2, 32, 0.003);
        long second = f.rows.queuedTrial(f.experimentId, 7, 1, t0.plusSeconds(1), p, 4);
        long first = f.rows.queuedTrial(f.experimentId, 8, 1, t0, Rows.PARAMS, 3);

        List<ClaimedTrial> got = f.queue.claim(w, 10);

        // a batch comes back in claim order even though RETURNING is unordered
        assertThat(got).extracting(ClaimedTrial::trialId).containsExactly(first, second);
        ClaimedTrial t = got.get(1);
        // the claimed trial carries what the worker needs: ids, number, params, model config, lease
        assertThat(t.experimentId()).isEqualTo(f.experimentId);
        assertThat(t.number()).isEqualTo(7);
        assertThat(t.params()).isEqualTo(p);
        assertThat(t.modelConfig()).isEqualTo(Rows.MODEL_CONFIG);
        assertThat(t.leaseExpiresAt()).isEqualTo(t0.plus(f.config.leaseDuration()));
        assertThat(t.token()).isEqualTo(new ClaimToken(second, 1, w));
        // the row is RUNNING with the clock's times and the lease
        Rows.TrialRow row = f.rows.trial(second);
        assertThat(row.state()).isEqualTo("RUNNING");
        assertThat(row.startedAt()).isEqualTo(t0);
        assertThat(row.heartbeatAt()).isEqualTo(t0);
        assertThat(row.leaseExpiresAt()).isEqualTo(t0.plus(f.config.leaseDuration()));
    }

    @Test
    void runningAndFinishedTrialsAreNotClaimed() {
        String w = f.worker("w-1");
        List<Long> ids = f.rows.queuedTrials(f.experimentId, 3, f.clock.instant());
        f.queue.claim(w, 1);
        f.rows.execute("UPDATE trial SET state = 'CANCELLED', finished_at = ? WHERE id = ?", f.clock.instant(),
                ids.get(1));

        List<ClaimedTrial> got = f.queue.claim(w, 10);

        // only QUEUED trials are claimed
        assertThat(got).extracting(ClaimedTrial::trialId).containsExactly(ids.get(2));
    }

    @Test
    void searchTrialsOfAnExperimentWhoseTimeBudgetIsSpentAreNotClaimedButItsRefitsAre() {
        String w = f.worker("w-1");
        // a budget of 60 s from the experiment's creation (the fixture's clock instant)
        f.rows.execute("UPDATE experiment SET time_budget_seconds = 60 WHERE id = ?", f.experimentId);
        List<Long> ids = f.rows.queuedTrials(f.experimentId, 3, f.clock.instant());
        // one second before the end a worker still claims
        f.clock.advance(Duration.ofSeconds(59));
        assertThat(f.queue.claim(w, 1)).extracting(ClaimedTrial::trialId).containsExactly(ids.get(0));
        // at the end nothing more of that experiment starts, though the scheduler has not cancelled them yet
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(f.queue.claim(w, 10)).isEmpty();
        assertThat(f.rows.trial(ids.get(1)).state()).isEqualTo("QUEUED");
        // a refit job of the experiment is not a search trial: it still runs
        f.rows.execute("UPDATE trial SET state = 'COMPLETED', val_rmse = 1.0, finished_at = ?, lease_expires_at = NULL"
                + " WHERE id = ?", f.clock.instant(), ids.get(0));
        long refit = f.rows.queuedRefit(ids.get(0), 3, f.clock.instant());
        assertThat(f.queue.claim(w, 10)).extracting(ClaimedTrial::trialId).containsExactly(refit);
        // without a budget the same trials are claimed again
        f.rows.execute("UPDATE experiment SET time_budget_seconds = NULL WHERE id = ?", f.experimentId);
        assertThat(idsOf(f.queue.claim(w, 10))).containsExactlyInAnyOrder(ids.get(1), ids.get(2));
    }

    @Test
    void claimQueryWalksTheClaimIndexWithoutSorting() throws Exception {
        f.rows.queuedTrials(f.experimentId, 50, f.clock.instant());
        String sql = TrialQueue.CLAIM_SQL;
        String inner = sql.substring(sql.indexOf("SELECT id FROM trial"), sql.indexOf("FOR UPDATE SKIP LOCKED"))
                .replace("LIMIT ?", "LIMIT 10").replace("<= ?", "<= now()") + "FOR UPDATE SKIP LOCKED";
        StringBuilder plan = new StringBuilder();
        try (Connection c = f.dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET enable_seqscan = off");
            try (ResultSet rs = s.executeQuery("EXPLAIN " + inner)) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
        }
        // the claim's ORDER BY matches trial_claim_idx, so the index gives the order (no Sort node)
        assertThat(plan.toString()).contains("trial_claim_idx").doesNotContain("Sort");
    }

    @Test
    void claimOfAnUnregisteredWorkerFailsAndClaimsNothing() {
        long id = f.rows.queuedTrials(f.experimentId, 1, f.clock.instant()).get(0);

        // worker_id references worker: an unregistered worker cannot claim
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.queue.claim("ghost", 1))
                .isInstanceOf(DatabaseException.class);
        // and the failed claim rolled back
        assertThat(f.rows.trial(id).state()).isEqualTo("QUEUED");
        assertThat(f.rows.trial(id).attempt()).isZero();
    }

    @Test
    void leaseDurationComesFromTheConfig() {
        QueueConfig shortLease = QueueConfig.DEFAULTS.withLeaseDuration(Duration.ofSeconds(10));
        TrialQueue q = new TrialQueue(f.dataSource, f.clock, shortLease);
        String w = f.worker("w-1");
        f.rows.queuedTrials(f.experimentId, 1, f.clock.instant());

        ClaimedTrial t = q.claim(w, 1).get(0);

        // lease = now + configured lease duration
        assertThat(f.rows.trial(t.trialId()).leaseExpiresAt()).isEqualTo(f.clock.instant().plusSeconds(10));
    }

    static Set<Long> idsOf(List<ClaimedTrial> l) {
        Set<Long> s = new HashSet<>();
        l.forEach(t -> s.add(t.trialId()));
        return s;
    }
}
