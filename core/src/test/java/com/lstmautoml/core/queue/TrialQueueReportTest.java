package com.lstmautoml.core.queue;

import com.lstmautoml.core.testing.QueueFixture;
import com.lstmautoml.core.testing.Rows;
import com.lstmautoml.core.training.StopReason;
import com.lstmautoml.core.training.TrainingResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrialQueueReportTest {

    private QueueFixture f;
    private String worker;

    @BeforeEach
    void setUp() {
        f = new QueueFixture();
        worker = f.worker("w-1");
    }

    private ClaimedTrial claimOne() {
        return f.queue.claim(worker, 1).get(0);
    }

    static TrainingResult result(StopReason reason, int epochs) {
        List<TrainingResult.EpochLoss> curve = new java.util.ArrayList<>();
        for (int i = 0; i < epochs; i++) {
            curve.add(new TrainingResult.EpochLoss(i, 1.0 / (i + 1), 2.0 / (i + 1), 30.0 / (i + 1)));
        }
        return new TrainingResult(1.5, 2.5, 1.0 / 3, 200.0 / 7 / 3, epochs, epochs - 1, reason, curve, new byte[] {1, 2, 3},
                "{\"min\":0,\"max\":1}", List.of("a", "b", "c"), new double[] {1, 2, 3}, new double[] {1, 2, 4});
    }

    @Test
    void reportEpochExtendsTheLeaseAndRecordsTheEpoch() {
        f.rows.queuedTrials(f.experimentId, 1, f.clock.instant());
        ClaimedTrial t = claimOne();
        f.clock.advance(Duration.ofSeconds(90));

        HeartbeatAnswer answer = f.queue.reportEpoch(t.token(), new TrainingResult.EpochLoss(0, 0.5, 0.7, 31.5));

        // an owned trial answers CONTINUE
        assertThat(answer).isEqualTo(HeartbeatAnswer.CONTINUE);
        Rows.TrialRow row = f.rows.trial(t.trialId());
        // the lease runs from the report's time
        assertThat(row.heartbeatAt()).isEqualTo(f.clock.instant());
        assertThat(row.leaseExpiresAt()).isEqualTo(f.clock.instant().plus(f.config.leaseDuration()));
        // the epoch is recorded, the validation RMSE in the series' units next to the scaled losses
        assertThat(f.rows.epochs(t.trialId())).containsExactly(new Rows.EpochRow(0, 0.5, 0.7, 31.5));

        f.queue.reportEpoch(t.token(), new TrainingResult.EpochLoss(0, 0.4, 0.6, 29.0));
        // re-reporting an epoch overwrites it (upsert on (trial_id, epoch))
        assertThat(f.rows.epochs(t.trialId())).containsExactly(new Rows.EpochRow(0, 0.4, 0.6, 29.0));
    }

    @Test
    void heartbeatExtendsTheLeaseWithoutAnEpoch() {
        f.rows.queuedTrials(f.experimentId, 1, f.clock.instant());
        ClaimedTrial t = claimOne();
        f.clock.advance(Duration.ofSeconds(100));

        // an owned trial answers CONTINUE
        assertThat(f.queue.heartbeat(t.token())).isEqualTo(HeartbeatAnswer.CONTINUE);
        // the lease is extended from now
        assertThat(f.rows.trial(t.trialId()).leaseExpiresAt())
                .isEqualTo(f.clock.instant().plus(f.config.leaseDuration()));
        // no epoch is written by a bare heartbeat
        assertThat(f.rows.epochs(t.trialId())).isEmpty();
    }

    @Test
    void aStaleTokenIsRejectedEverywhere() {
        f.rows.queuedTrials(f.experimentId, 1, f.clock.instant());
        ClaimedTrial t = claimOne();
        ClaimToken stale = new ClaimToken(t.trialId(), t.attempt() + 1, worker);

        // a token with another attempt does not own the trial
        assertThat(f.queue.reportEpoch(stale, new TrainingResult.EpochLoss(0, 1, 1, 1))).isEqualTo(HeartbeatAnswer.LOST);
        assertThat(f.queue.heartbeat(stale)).isEqualTo(HeartbeatAnswer.LOST);
        assertThat(f.queue.complete(stale, result(StopReason.PATIENCE, 3))).isFalse();
        assertThat(f.queue.fail(stale, "boom")).isFalse();
        // and wrote nothing
        assertThat(f.rows.epochs(t.trialId())).isEmpty();
        assertThat(f.rows.count("SELECT count(*) FROM trial_model")).isZero();
        assertThat(f.rows.trial(t.trialId()).state()).isEqualTo("RUNNING");
    }

    @Test
    void completeRecordsResultCurveAndModelOnce() {
        f.rows.queuedTrials(f.experimentId, 1, f.clock.instant());
        ClaimedTrial t = claimOne();
        f.queue.reportEpoch(t.token(), new TrainingResult.EpochLoss(0, 1.0, 2.0, 2.0));
        f.clock.advance(Duration.ofSeconds(30));

        boolean first = f.queue.complete(t.token(), result(StopReason.PATIENCE, 4));
        boolean second = f.queue.complete(t.token(), result(StopReason.MAX_EPOCHS, 4));

        // the first completion is recorded, a second one is fenced off (state is no longer RUNNING)
        assertThat(first).isTrue();
        assertThat(second).isFalse();
        Rows.TrialRow row = f.rows.trial(t.trialId());
        // PATIENCE ends COMPLETED, with the metrics, finished now and the lease cleared
        assertThat(row.state()).isEqualTo("COMPLETED");
        assertThat(row.stopReason()).isEqualTo("PATIENCE");
        assertThat(row.trainRmse()).isEqualTo(1.5);
        assertThat(row.valRmse()).isEqualTo(2.5);
        assertThat(row.epochsRun()).isEqualTo(4);
        assertThat(row.bestEpoch()).isEqualTo(3);
        assertThat(row.finishedAt()).isEqualTo(f.clock.instant());
        assertThat(row.leaseExpiresAt()).isNull();
        // the scale-free validation metrics are stored with it
        assertThat(f.rows.count("SELECT count(*) FROM trial WHERE id = ? AND val_mae = 1.0 / 3"
                + " AND val_smape = 200.0 / 7 / 3", t.trialId())).isEqualTo(1);
        // the whole curve is stored, also epochs whose report never arrived, with each epoch's validation RMSE
        assertThat(f.rows.epochs(t.trialId())).extracting(Rows.EpochRow::epoch).containsExactly(0, 1, 2, 3);
        assertThat(f.rows.epochs(t.trialId())).extracting(Rows.EpochRow::valRmse).containsExactly(30.0, 15.0, 10.0,
                7.5);
        // exactly one model row, with its arrays
        assertThat(f.rows.count("SELECT count(*) FROM trial_model WHERE trial_id = ?", t.trialId())).isEqualTo(1);
        assertThat(f.rows.count("SELECT cardinality(val_predicted) FROM trial_model WHERE trial_id = ?",
                t.trialId())).isEqualTo(3);
        assertThat(f.rows.count("SELECT (preprocessing->>'max')::int FROM trial_model WHERE trial_id = ?",
                t.trialId())).isEqualTo(1);
    }

    @Test
    void completeStoresEveryWindowsRmseAndCurve() {
        f.rows.queuedTrials(f.experimentId, 1, f.clock.instant());
        ClaimedTrial t = claimOne();
        List<TrainingResult.EpochLoss> curve = List.of(new TrainingResult.EpochLoss(0, 1, 1, 12.0, 0),
                new TrainingResult.EpochLoss(1, 1, 1, 11.0, 0), new TrainingResult.EpochLoss(0, 1, 1, 14.0, 1),
                new TrainingResult.EpochLoss(1, 1, 1, 13.0, 1));
        TrainingResult twoWindows = new TrainingResult(1.5, 12.0, 1.0, 2.0, 4, 1, StopReason.MAX_EPOCHS, curve,
                new byte[] {1}, "{}", List.of("a"), new double[] {1}, new double[] {2}, new double[] {11.0, 13.0});

        assertThat(f.queue.complete(t.token(), twoWindows)).isTrue();

        // the ranked val_rmse is the result's (the windows' mean), and each window's RMSE is stored in order
        assertThat(f.rows.trial(t.trialId()).valRmse()).isEqualTo(12.0);
        assertThat(f.rows.count("SELECT count(*) FROM trial WHERE id = ? AND val_rmse_windows = '{11, 13}'",
                t.trialId())).isEqualTo(1);
        // both windows' epochs, each numbered from 0
        assertThat(f.rows.epochs(t.trialId())).containsExactly(new Rows.EpochRow(0, 1, 1, 12.0, 0),
                new Rows.EpochRow(1, 1, 1, 11.0, 0), new Rows.EpochRow(0, 1, 1, 14.0, 1),
                new Rows.EpochRow(1, 1, 1, 13.0, 1));
        // epochs_run counts both windows' epochs; the best epoch is the last window's
        assertThat(f.rows.trial(t.trialId()).epochsRun()).isEqualTo(4);
        assertThat(f.rows.trial(t.trialId()).bestEpoch()).isEqualTo(1);
    }

    @Test
    void stopReasonsMapToFinalStates() {
        f.rows.queuedTrials(f.experimentId, 4, f.clock.instant());
        ClaimedTrial maxEpochs = claimOne();
        ClaimedTrial cancelled = claimOne();
        ClaimedTrial pruned = claimOne();
        ClaimedTrial diverged = claimOne();

        f.queue.complete(maxEpochs.token(), result(StopReason.MAX_EPOCHS, 2));
        f.queue.complete(cancelled.token(), result(StopReason.CANCELLED, 2));
        f.queue.complete(pruned.token(), result(StopReason.PRUNED, 2));
        f.queue.complete(diverged.token(), result(StopReason.DIVERGED, 2));

        // MAX_EPOCHS -> COMPLETED, CANCELLED -> CANCELLED, PRUNED -> PRUNED
        assertThat(f.rows.trial(maxEpochs.trialId()).state()).isEqualTo("COMPLETED");
        assertThat(f.rows.trial(cancelled.trialId()).state()).isEqualTo("CANCELLED");
        assertThat(f.rows.trial(pruned.trialId()).state()).isEqualTo("PRUNED");
        // DIVERGED -> FAILED with an explanation and no model
        Rows.TrialRow d = f.rows.trial(diverged.trialId());
        assertThat(d.state()).isEqualTo("FAILED");
        assertThat(d.error()).contains("diverged");
        assertThat(f.rows.count("SELECT count(*) FROM trial_model WHERE trial_id = ?", diverged.trialId()))
                .isZero();
        // a worker that lost its lease must not report
        assertThatThrownBy(() -> f.queue.complete(claimOneOrNew().token(), result(StopReason.LEASE_LOST, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private ClaimedTrial claimOneOrNew() {
        f.rows.queuedTrials(f.experimentId, 1, f.clock.instant());
        return claimOne();
    }

    @Test
    void failKeepsTheErrorTruncatedAndWithoutNul() {
        f.rows.queuedTrials(f.experimentId, 2, f.clock.instant());
        ClaimedTrial small = claimOne();
        ClaimedTrial huge = claimOne();
        String longMessage = "x".repeat(50_000);

        // fail is fenced and succeeds for the owner
        assertThat(f.queue.fail(small.token(), "bad\u0000thing")).isTrue();
        assertThat(f.queue.fail(huge.token(), longMessage)).isTrue();

        Rows.TrialRow s = f.rows.trial(small.trialId());
        // FAILED with the message kept (NUL, which PostgreSQL text cannot hold, replaced)
        assertThat(s.state()).isEqualTo("FAILED");
        assertThat(s.error()).isEqualTo("bad thing");
        assertThat(s.finishedAt()).isNotNull();
        assertThat(s.leaseExpiresAt()).isNull();
        String stored = f.rows.trial(huge.trialId()).error();
        // huge messages are truncated to the configured maximum, saying so
        assertThat(stored).hasSize(f.config.maxErrorLength()).startsWith("xxxx").endsWith("50000 characters]");
    }

    @Test
    void cancelExperimentCancelsQueuedAndStopsRunning() {
        Instant t0 = f.clock.instant();
        List<Long> ids = f.rows.queuedTrials(f.experimentId, 3, t0);
        long otherExperiment = f.rows.experiment(f.datasetId, "value", t0);
        long other = f.rows.queuedTrials(otherExperiment, 1, t0).get(0);
        ClaimedTrial running = claimOne();
        f.clock.advance(Duration.ofSeconds(5));

        CancelCounts counts = f.queue.cancelExperiment(f.experimentId);

        // two queued trials cancelled at once, one running trial asked to stop
        assertThat(counts).isEqualTo(new CancelCounts(2, 1));
        assertThat(f.rows.trial(ids.get(1)).state()).isEqualTo("CANCELLED");
        assertThat(f.rows.trial(ids.get(1)).finishedAt()).isEqualTo(f.clock.instant());
        Rows.TrialRow r = f.rows.trial(running.trialId());
        assertThat(r.state()).isEqualTo("RUNNING");
        assertThat(r.stopRequested()).isTrue();
        // another experiment's trials are untouched
        assertThat(f.rows.trial(other).state()).isEqualTo("QUEUED");
        // the running trial learns it at its next heartbeat or report, whose epoch is still recorded
        assertThat(f.queue.reportEpoch(running.token(), new TrainingResult.EpochLoss(0, 1, 1, 1))).isEqualTo(HeartbeatAnswer.STOP);
        assertThat(f.queue.heartbeat(running.token())).isEqualTo(HeartbeatAnswer.STOP);
        assertThat(f.rows.epochs(running.trialId())).hasSize(1);
        // nothing of the cancelled experiment can be claimed any more
        assertThat(f.queue.claim(worker, 10)).extracting(ClaimedTrial::trialId).containsExactly(other);
    }

    @Test
    void cancelExperimentJoinsTheCallersTransaction() throws Exception {
        List<Long> ids = f.rows.queuedTrials(f.experimentId, 2, f.clock.instant());

        try (Connection c = f.dataSource.getConnection()) {
            c.setAutoCommit(false);
            CancelCounts counts = f.queue.cancelExperiment(c, f.experimentId);
            // counted within the caller's transaction
            assertThat(counts.cancelled()).isEqualTo(2);
            c.rollback();
            // the caller's rollback undoes it: the queue did not commit on its own
            assertThat(f.rows.trial(ids.get(0)).state()).isEqualTo("QUEUED");
            // and the connection is left open and usable for the caller
            assertThat(c.isClosed()).isFalse();
            f.queue.cancelExperiment(c, f.experimentId);
            c.commit();
        }
        // the caller's commit makes it stick
        assertThat(f.rows.trial(ids.get(0)).state()).isEqualTo("CANCELLED");
    }

    @Test
    void sanitizeErrorHandlesBlankAndKeepsShortMessages() {
        // a blank message still satisfies FAILED's error NOT NULL
        assertThat(TrialQueue.sanitizeError(null, 100)).isEqualTo("(no message)");
        // short messages are kept verbatim
        assertThat(TrialQueue.sanitizeError("short", 100)).isEqualTo("short");
    }
}
