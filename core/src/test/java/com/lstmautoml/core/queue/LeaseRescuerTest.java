package com.lstmautoml.core.queue;

import com.lstmautoml.core.training.TrainingResult;
import com.lstmautoml.core.testing.QueueFixture;
import com.lstmautoml.core.testing.Rows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LeaseRescuerTest {

    private static final Duration PAST_LEASE = QueueConfig.DEFAULT_LEASE.plusSeconds(1);

    private QueueFixture f;
    private String worker;

    @BeforeEach
    void setUp() {
        f = new QueueFixture();
        worker = f.worker("w-1");
    }

    @Test
    void anExpiredLeaseGoesBackToTheQueueKeepingItsPlace() {
        Instant queuedAt = f.clock.instant();
        long id = f.rows.queuedTrials(f.experimentId, 1, queuedAt).get(0);
        ClaimedTrial t = f.queue.claim(worker, 1).get(0);
        f.queue.reportEpoch(t.token(), new TrainingResult.EpochLoss(0, 1, 1, 1));
        f.queue.reportEpoch(t.token(), new TrainingResult.EpochLoss(1, 0.5, 0.5, 0.5));
        Instant lastBeat = f.clock.instant();
        f.clock.advance(PAST_LEASE);

        RescueResult r = f.rescuer.rescueOnce();

        // one trial requeued
        assertThat(r).isEqualTo(new RescueResult(1, 0, 0));
        Rows.TrialRow row = f.rows.trial(id);
        // back to QUEUED with the attempt kept, lease and worker cleared, queued_at kept (its place in line)
        assertThat(row.state()).isEqualTo("QUEUED");
        assertThat(row.attempt()).isEqualTo(1);
        assertThat(row.leaseExpiresAt()).isNull();
        assertThat(row.workerId()).isNull();
        assertThat(row.queuedAt()).isEqualTo(queuedAt);
        // the lost attempt is explained in attempt_errors
        assertThat(row.attemptErrors()).singleElement().asString()
                .startsWith("attempt 1: lease expired at " + lastBeat.plus(f.config.leaseDuration()))
                .contains("worker w-1");
        // the lost attempt's curve is gone
        assertThat(f.rows.epochs(id)).isEmpty();

        ClaimedTrial again = f.queue.claim(worker, 1).get(0);
        // the next claim is attempt 2
        assertThat(again.trialId()).isEqualTo(id);
        assertThat(again.attempt()).isEqualTo(2);
    }

    @Test
    void afterMaxAttemptsExpirationsTheTrialFails() {
        long id = f.rows.queuedTrials(f.experimentId, 1, f.clock.instant(), 2).get(0);

        f.queue.claim(worker, 1);
        f.clock.advance(PAST_LEASE);
        RescueResult first = f.rescuer.rescueOnce();
        f.queue.claim(worker, 1);
        Instant secondStart = f.clock.instant();
        f.clock.advance(PAST_LEASE);
        RescueResult second = f.rescuer.rescueOnce();

        // the first expiry requeues, the last attempt's expiry fails
        assertThat(first).isEqualTo(new RescueResult(1, 0, 0));
        assertThat(second).isEqualTo(new RescueResult(0, 1, 0));
        Rows.TrialRow row = f.rows.trial(id);
        // FAILED with the reason, attempt and last heartbeat named
        assertThat(row.state()).isEqualTo("FAILED");
        assertThat(row.attempt()).isEqualTo(2);
        assertThat(row.error()).isEqualTo("lease expired on attempt 2 of 2 (worker w-1, last heartbeat "
                + secondStart + "); giving up");
        assertThat(row.finishedAt()).isEqualTo(f.clock.instant());
        assertThat(row.leaseExpiresAt()).isNull();
        // every lost attempt has its line
        assertThat(row.attemptErrors()).hasSize(2);
        // a failed trial is never claimed again
        assertThat(f.queue.claim(worker, 1)).isEmpty();
    }

    @Test
    void aHeartbeatingTrialIsNotRescued() {
        long id = f.rows.queuedTrials(f.experimentId, 1, f.clock.instant()).get(0);
        ClaimedTrial t = f.queue.claim(worker, 1).get(0);

        for (int i = 0; i < 5; i++) {
            // less than a lease since the last beat each time, 5 leases' worth in total
            f.clock.advance(f.config.leaseDuration().minusSeconds(1));
            RescueResult r = f.rescuer.rescueOnce();
            // still within its lease: nothing to rescue
            assertThat(r.total()).isZero();
            assertThat(f.queue.heartbeat(t.token())).isEqualTo(HeartbeatAnswer.CONTINUE);
        }
        // it is still RUNNING on its first attempt
        assertThat(f.rows.trial(id).state()).isEqualTo("RUNNING");
        assertThat(f.rows.trial(id).attempt()).isEqualTo(1);

        f.clock.advance(PAST_LEASE);
        // once it stops beating for a lease, it is rescued
        assertThat(f.rescuer.rescueOnce().requeued()).isEqualTo(1);
    }

    @Test
    void exactlyAtTheLeaseEndItIsNotYetExpired() {
        f.rows.queuedTrials(f.experimentId, 1, f.clock.instant());
        f.queue.claim(worker, 1);
        f.clock.advance(f.config.leaseDuration());

        // expiry is lease_expires_at < now, strictly
        assertThat(f.rescuer.rescueOnce().total()).isZero();
    }

    @Test
    void anExpiredTrialWithAStopRequestIsCancelled() {
        long id = f.rows.queuedTrials(f.experimentId, 1, f.clock.instant()).get(0);
        ClaimedTrial t = f.queue.claim(worker, 1).get(0);
        f.queue.reportEpoch(t.token(), new TrainingResult.EpochLoss(0, 1, 1, 1));
        f.queue.cancelExperiment(f.experimentId);
        f.clock.advance(PAST_LEASE);

        RescueResult r = f.rescuer.rescueOnce();

        // a stop was requested: the rescuer cancels instead of retrying
        assertThat(r).isEqualTo(new RescueResult(0, 0, 1));
        Rows.TrialRow row = f.rows.trial(id);
        assertThat(row.state()).isEqualTo("CANCELLED");
        assertThat(row.finishedAt()).isEqualTo(f.clock.instant());
        // its curve is kept
        assertThat(f.rows.epochs(id)).hasSize(1);
    }

    @Test
    void rescuesEveryExpiredLeaseAcrossKeysetBatches() {
        QueueConfig small = f.config.withRescueBatchSize(3);
        LeaseRescuer rescuer = new LeaseRescuer(f.dataSource, f.clock, small);
        f.rows.queuedTrials(f.experimentId, 10, f.clock.instant());
        for (int i = 0; i < 10; i++) {
            f.queue.claim(worker, 1);
            // different lease ends, some equal
            if (i % 2 == 0) {
                f.clock.advance(Duration.ofSeconds(1));
            }
        }
        long fresh = f.rows.queuedTrials(f.experimentId, 1, f.clock.instant()).get(0);
        f.clock.advance(PAST_LEASE);
        f.queue.claim(worker, 1); // a fresh lease that must survive

        RescueResult r = rescuer.rescueOnce();

        // all 10 expired leases, in batches of 3, and not the fresh one
        assertThat(r.requeued()).isEqualTo(10);
        assertThat(f.rows.count("SELECT count(*) FROM trial WHERE state = 'QUEUED'")).isEqualTo(10);
        assertThat(f.rows.trial(fresh).state()).isEqualTo("RUNNING");
    }

    @Test
    void concurrentRescuersNeverProcessATrialTwice() throws Exception {
        int n = 60;
        f.rows.queuedTrials(f.experimentId, n, f.clock.instant());
        f.queue.claim(worker, n);
        f.clock.advance(PAST_LEASE);
        int rescuers = 3;
        QueueConfig small = f.config.withRescueBatchSize(5);
        CyclicBarrier start = new CyclicBarrier(rescuers);
        ExecutorService pool = Executors.newFixedThreadPool(rescuers);
        List<Future<RescueResult>> results = new ArrayList<>();
        for (int i = 0; i < rescuers; i++) {
            LeaseRescuer r = new LeaseRescuer(f.dataSource, f.clock, small);
            results.add(pool.submit(() -> {
                start.await();
                return r.rescueOnce();
            }));
        }
        int total = 0;
        for (Future<RescueResult> res : results) {
            total += res.get(60, TimeUnit.SECONDS).requeued();
        }
        pool.shutdown();

        // each expired trial is requeued by exactly one rescuer
        assertThat(total).isEqualTo(n);
        // with exactly one attempt line each
        assertThat(f.rows.count("SELECT count(*) FROM trial WHERE cardinality(attempt_errors) = 1")).isEqualTo(n);
    }
}
