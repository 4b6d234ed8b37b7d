package com.lstmautoml.core.queue;

import com.lstmautoml.core.training.TrainingResult;
import com.lstmautoml.core.testing.QueueFixture;
import com.lstmautoml.core.testing.Rows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The experiment's pruner answered through {@link TrialQueue#reportEpoch}, from what trial_epoch holds. */
class TrialQueuePruneTest {

    private QueueFixture f;
    private String worker;

    @BeforeEach
    void setUp() {
        f = new QueueFixture();
        worker = f.worker("w-1");
    }

    /** {@code n} COMPLETED trials of the fixture's experiment with falling curves of 10 epochs (about 1.0 to 0.1). */
    private void completedTrials(int n) {
        for (int i = 0; i < n; i++) {
            double[] curve = new double[10];
            for (int e = 0; e < curve.length; e++) {
                curve[e] = (1.0 + 0.1 * i) / (e + 1);
            }
            f.rows.finishedTrial(f.experimentId, "COMPLETED", f.clock.instant(), curve);
        }
    }

    private ClaimedTrial claimNew() {
        f.rows.queuedTrials(f.experimentId, 1, f.clock.instant());
        return f.queue.claim(worker, 1).get(0);
    }

    /** Reports {@code loss} at epochs 0..9 (or until an answer other than CONTINUE); the answers in order. */
    private List<HeartbeatAnswer> reportConstant(ClaimedTrial t, double loss) {
        List<HeartbeatAnswer> answers = new ArrayList<>();
        for (int e = 0; e < 10; e++) {
            HeartbeatAnswer a = f.queue.reportEpoch(t.token(), new TrainingResult.EpochLoss(e, loss, loss, loss));
            answers.add(a);
            if (a != HeartbeatAnswer.CONTINUE) {
                break;
            }
        }
        return answers;
    }

    @Test
    void medianPrunesAWorseRunningTrialAtTheFirstEpochAfterWarmUp() {
        f.rows.pruner(f.experimentId, "median");
        completedTrials(5);
        ClaimedTrial t = claimNew();

        List<HeartbeatAnswer> answers = reportConstant(t, 2.0);

        // epochs 0..4 are the warm-up (CONTINUE); epoch 5 is worse than the others' median: PRUNE
        assertThat(answers).containsExactly(HeartbeatAnswer.CONTINUE, HeartbeatAnswer.CONTINUE,
                HeartbeatAnswer.CONTINUE, HeartbeatAnswer.CONTINUE, HeartbeatAnswer.CONTINUE, HeartbeatAnswer.PRUNE);
        // the pruning epoch is recorded and the lease extended: the trial is still RUNNING, for complete() to end it
        assertThat(f.rows.epochs(t.trialId())).hasSize(6);
        assertThat(f.rows.trial(t.trialId()).state()).isEqualTo("RUNNING");
    }

    @Test
    void medianKeepsABetterTrialAndWaitsForStartupTrials() {
        f.rows.pruner(f.experimentId, "median");
        completedTrials(4);
        // a fifth trial pruned (not COMPLETED): it does not count towards the 5 startup trials
        f.rows.finishedTrial(f.experimentId, "PRUNED", f.clock.instant(), 5, 5, 5, 5, 5, 5);
        ClaimedTrial worse = claimNew();

        // 4 COMPLETED trials are fewer than the 5 startup trials: never pruned
        assertThat(reportConstant(worse, 2.0)).hasSize(10).containsOnly(HeartbeatAnswer.CONTINUE);

        completedTrials(1);
        ClaimedTrial better = claimNew();
        // a trial better than the others' median at every epoch is never pruned
        assertThat(reportConstant(better, 0.01)).hasSize(10).containsOnly(HeartbeatAnswer.CONTINUE);
    }

    @Test
    void trialsAreComparedOnTheValidationRmseNotTheScaledLoss() {
        f.rows.pruner(f.experimentId, "median");
        completedTrials(5); // validation RMSE about 1.0 down to 0.1, scaled loss the same
        ClaimedTrial tinyLossBadRmse = claimNew();
        ClaimedTrial bigLossGoodRmse = claimNew();
        List<HeartbeatAnswer> bad = new ArrayList<>();
        List<HeartbeatAnswer> good = new ArrayList<>();
        for (int e = 0; e < 6; e++) {
            // a differenced, standard-scaled trial can have a tiny scaled loss and a large error in the series' units
            bad.add(f.queue.reportEpoch(tinyLossBadRmse.token(), new TrainingResult.EpochLoss(e, 1e-4, 1e-4, 50.0)));
            good.add(f.queue.reportEpoch(bigLossGoodRmse.token(), new TrainingResult.EpochLoss(e, 9.0, 9.0, 0.01)));
        }
        // rule: the median pruner judges the RMSE in the series' units: the tiny scaled loss is pruned after warm-up
        assertThat(bad).last().isEqualTo(HeartbeatAnswer.PRUNE);
        // ... and the large scaled loss with the best RMSE goes on
        assertThat(good).containsOnly(HeartbeatAnswer.CONTINUE);
    }

    /** Reports {@code value} at epochs 0..{@code last} (every answer ignored); returns the trial's token. */
    private ClaimedTrial runningAt(int last, double value) {
        ClaimedTrial r = claimNew();
        for (int e = 0; e <= last; e++) {
            f.queue.reportEpoch(r.token(), new TrainingResult.EpochLoss(e, value, value, value));
        }
        return r;
    }

    @Test
    void medianComparesWithCompletedTrialsOnly() {
        f.rows.pruner(f.experimentId, "median");
        completedTrials(5); // at epoch 5: 1.0/6, 1.1/6, 1.2/6, 1.3/6, 1.4/6; their median is 1.2/6 = 0.2
        // six running trials and a pruned one already at epoch 5 with 0.01: the median of all twelve would be 0.01
        for (int i = 0; i < 6; i++) {
            runningAt(5, 0.01);
        }
        f.rows.finishedTrial(f.experimentId, "PRUNED", f.clock.instant(), 0.01, 0.01, 0.01, 0.01, 0.01, 0.01);
        ClaimedTrial better = runningAt(4, 0.15);
        ClaimedTrial worse = runningAt(4, 0.25);

        // rule: the median is over COMPLETED trials (Optuna): 0.15 beats their 0.2 and goes on, though the running
        // and pruned trials' 0.01 would have pruned it
        assertThat(f.queue.reportEpoch(better.token(), new TrainingResult.EpochLoss(5, 0.15, 0.15, 0.15)))
                .isEqualTo(HeartbeatAnswer.CONTINUE);
        // ... and 0.25 is worse than 0.2: pruned (so the CONTINUE above is the median's, not a pruner that sleeps)
        assertThat(f.queue.reportEpoch(worse.token(), new TrainingResult.EpochLoss(5, 0.25, 0.25, 0.25)))
                .isEqualTo(HeartbeatAnswer.PRUNE);
    }

    @Test
    void medianReadsItsSettingsFromTheExperiment() {
        f.rows.pruner(f.experimentId, "median", "{\"startupTrials\": 1, \"warmupEpochs\": 2}");
        completedTrials(1); // at epochs 0, 1, 2: 1.0, 0.5, 0.333...
        ClaimedTrial t = claimNew();

        // one completed trial is enough and epochs 0 and 1 are the warm-up: 0.4 > 0.333 is pruned at epoch 2
        assertThat(reportConstant(t, 0.4)).containsExactly(HeartbeatAnswer.CONTINUE, HeartbeatAnswer.CONTINUE,
                HeartbeatAnswer.PRUNE);
    }

    @Test
    void ashaComparesWithEveryTrialThatReachedTheRung() {
        f.rows.pruner(f.experimentId, "asha");
        // two running trials reached the first rung (3 epochs trained, epoch 2) with 0.1 and 0.3; none completed
        runningAt(2, 0.1);
        runningAt(2, 0.3);
        ClaimedTrial t = claimNew();

        // rule: ASHA's rung holds every trial that reached it, running ones too: 0.2 is not the best of
        // {0.1, 0.2, 0.3} (max(1, 3 / 3) = 1 continues): pruned at epoch 2
        assertThat(reportConstant(t, 0.2)).containsExactly(HeartbeatAnswer.CONTINUE, HeartbeatAnswer.CONTINUE,
                HeartbeatAnswer.PRUNE);
    }

    @Test
    void ashaWaitsForBootstrapCountOthersAtARung() {
        f.rows.pruner(f.experimentId, "asha", "{\"bootstrapCount\": 2}");
        f.rows.finishedTrial(f.experimentId, "COMPLETED", f.clock.instant(), 0.5, 0.4, 0.2, 0.2);
        ClaimedTrial first = claimNew();

        // one other trial at the rung is fewer than 2: no decision, the worse trial trains on (at the next rung,
        // epoch 8, no other trial has a value: no decision either)
        assertThat(reportConstant(first, 0.5)).hasSize(10).containsOnly(HeartbeatAnswer.CONTINUE);

        ClaimedTrial second = claimNew();
        // now two others have a value at epoch 2 (0.2 and the first's 0.5): 0.3 is not the best of three: pruned
        assertThat(reportConstant(second, 0.3)).containsExactly(HeartbeatAnswer.CONTINUE, HeartbeatAnswer.CONTINUE,
                HeartbeatAnswer.PRUNE);
    }

    @Test
    void ashaReadsItsRungsFromTheExperiment() {
        f.rows.pruner(f.experimentId, "asha", "{\"minEpochs\": 2, \"reductionFactor\": 2, \"bootstrapCount\": 0}");
        f.rows.finishedTrial(f.experimentId, "COMPLETED", f.clock.instant(), 0.5, 0.1, 0.1, 0.1);
        ClaimedTrial t = claimNew();

        // the first rung is at 2 epochs trained (epoch 1): 0.3 is worse than 0.1 there, max(1, 2 / 2) = 1 goes on
        assertThat(reportConstant(t, 0.3)).containsExactly(HeartbeatAnswer.CONTINUE, HeartbeatAnswer.PRUNE);
    }

    @Test
    void theFirstValidationWindowIsComparedWithTheOthersFirstWindowAndLaterWindowsAreNotPruned() {
        f.rows.pruner(f.experimentId, "median");
        // five COMPLETED trials of two windows: window 0 is easy for them (1.0 at every epoch), window 1 hard (10.0)
        for (int i = 0; i < 5; i++) {
            long done = f.rows.finishedTrial(f.experimentId, "COMPLETED", f.clock.instant(),
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1); // window 0
            f.rows.windowCurve(done, 1, f.clock.instant(), 10, 10, 10, 10, 10, 10, 10, 10, 10, 10);
        }
        ClaimedTrial weak = claimNew();
        List<HeartbeatAnswer> weak0 = new ArrayList<>();
        for (int e = 0; e < 10 && !weak0.contains(HeartbeatAnswer.PRUNE); e++) {
            weak0.add(f.queue.reportEpoch(weak.token(), new TrainingResult.EpochLoss(e, 2.0, 2.0, 2.0, 0)));
        }
        // window 0: after the 5 warm-up epochs its best (2.0) is worse than the others' window 0 (1.0): PRUNE at
        // epoch 5. Mixing the windows would have kept it: the others' values at epoch 5 over both have the median 5.5
        assertThat(weak0).containsExactly(HeartbeatAnswer.CONTINUE, HeartbeatAnswer.CONTINUE,
                HeartbeatAnswer.CONTINUE, HeartbeatAnswer.CONTINUE, HeartbeatAnswer.CONTINUE, HeartbeatAnswer.PRUNE);

        ClaimedTrial good = claimNew();
        List<HeartbeatAnswer> answers = new ArrayList<>();
        for (int e = 0; e < 10; e++) {
            answers.add(f.queue.reportEpoch(good.token(), new TrainingResult.EpochLoss(e, 0.5, 0.5, 0.5, 0)));
        }
        // window 1: its epochs count from 0 again, and 50.0 is far worse than the others' window 1 (10.0), but a
        // trial that survived the first window trains the others to early stopping: pruning again in every window
        // would multiply the pruner's cut (ASHA keeping a third at each rung would complete ~1 trial in 27 with 3)
        for (int e = 0; e < 10; e++) {
            answers.add(f.queue.reportEpoch(good.token(), new TrainingResult.EpochLoss(e, 50.0, 50.0, 50.0, 1)));
        }
        assertThat(answers).hasSize(20).containsOnly(HeartbeatAnswer.CONTINUE);
        // both windows' epochs are recorded, keyed by (window, epoch)
        assertThat(f.rows.epochs(good.trialId())).extracting(Rows.EpochRow::window).containsOnly(0, 1).hasSize(20);
    }

    @Test
    void pruningNoneNeverPrunes() {
        // the default pruner is none
        assertThat(f.rows.count("SELECT count(*) FROM experiment WHERE id = ? AND pruner = 'none'", f.experimentId))
                .isEqualTo(1);
        completedTrials(5);
        ClaimedTrial t = claimNew();

        // with pruner none the worst trial is never pruned
        assertThat(reportConstant(t, 50.0)).hasSize(10).containsOnly(HeartbeatAnswer.CONTINUE);
    }

    @Test
    void aTrialIsNeverPrunedAtItsLastEpoch() {
        // the first ASHA rung (3 epochs trained) is the experiment's last epoch: nothing would be saved there
        f.rows.pruner(f.experimentId, "asha");
        f.rows.maxEpochs(f.experimentId, 3);
        f.rows.finishedTrial(f.experimentId, "COMPLETED", f.clock.instant(), 0.5, 0.4, 0.1);
        ClaimedTrial t = claimNew();

        // 0.3 is worse than 0.1 at the rung, but the trial has trained to its end: it is not pruned
        List<HeartbeatAnswer> answers = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            answers.add(f.queue.reportEpoch(t.token(), new TrainingResult.EpochLoss(e, 0.3, 0.3, 0.3)));
        }
        assertThat(answers).containsOnly(HeartbeatAnswer.CONTINUE);
        // one epoch more to go, the same values are pruned at the rung
        f.rows.maxEpochs(f.experimentId, 4);
        ClaimedTrial longer = claimNew();
        assertThat(reportConstant(longer, 0.3)).containsExactly(HeartbeatAnswer.CONTINUE, HeartbeatAnswer.CONTINUE,
                HeartbeatAnswer.PRUNE);
    }

    @Test
    void ashaPrunesAtTheFirstRung() {
        f.rows.pruner(f.experimentId, "asha");
        f.rows.finishedTrial(f.experimentId, "PRUNED", f.clock.instant(), 0.5, 0.4, 0.2);
        f.rows.finishedTrial(f.experimentId, "COMPLETED", f.clock.instant(), 0.5, 0.4, 0.3, 0.2);
        ClaimedTrial t = claimNew();

        // at 3 epochs trained (epoch 2) 0.25 is not in the top third of {0.2, 0.25, 0.3}: PRUNE exactly there
        assertThat(reportConstant(t, 0.25)).containsExactly(HeartbeatAnswer.CONTINUE, HeartbeatAnswer.CONTINUE,
                HeartbeatAnswer.PRUNE);
    }

    @Test
    void aStopRequestWinsOverPruning() {
        f.rows.pruner(f.experimentId, "median");
        completedTrials(5);
        ClaimedTrial t = claimNew();
        for (int e = 0; e < 5; e++) {
            f.queue.reportEpoch(t.token(), new TrainingResult.EpochLoss(e, 2.0, 2.0, 2.0));
        }
        f.queue.cancelExperiment(f.experimentId);

        // the experiment was cancelled: STOP (the trial ends CANCELLED), not PRUNE
        assertThat(f.queue.reportEpoch(t.token(), new TrainingResult.EpochLoss(5, 2.0, 2.0, 2.0))).isEqualTo(HeartbeatAnswer.STOP);
    }

    @Test
    void aStaleTokenIsLostBeforeThePrunerIsAsked() {
        f.rows.pruner(f.experimentId, "median");
        completedTrials(5);
        ClaimedTrial t = claimNew();
        f.rows.execute("UPDATE trial SET attempt = attempt + 1 WHERE id = ?", t.trialId());

        // a token that no longer owns the trial gets LOST and writes nothing
        assertThat(f.queue.reportEpoch(t.token(), new TrainingResult.EpochLoss(5, 2.0, 2.0, 2.0))).isEqualTo(HeartbeatAnswer.LOST);
        assertThat(f.rows.epochs(t.trialId())).isEmpty();
    }

    @ParameterizedTest(name = "every trial: {0}")
    @ValueSource(booleans = {false, true})
    void thePruneQueryReadsTheTrialsOfTheExperimentThroughIndexes(boolean everyTrial) throws Exception {
        f.rows.pruner(f.experimentId, "median");
        completedTrials(5);
        ClaimedTrial t = claimNew();
        String plan;
        try (Connection c = f.dataSource.getConnection()) {
            try (var s = c.createStatement()) {
                // the test tables are tiny: forbid sequential scans so the plan shows the indexes it can use
                s.execute("SET enable_seqscan = off");
            }
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + TrialQueue.PRUNE_VALUES_SQL)) {
                ps.setLong(1, f.experimentId);
                ps.setLong(2, t.trialId());
                ps.setInt(3, 0);
                ps.setInt(4, 5);
                ps.setInt(5, 0);
                ps.setInt(6, 5);
                ps.setLong(7, f.experimentId);
                ps.setLong(8, t.trialId());
                ps.setBoolean(9, everyTrial);
                StringBuilder sb = new StringBuilder();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sb.append(rs.getString(1)).append('\n');
                    }
                }
                plan = sb.toString();
            }
        }
        // every table is reached through an index (the trial_epoch primary key, an experiment_id index on trial)
        assertThat(plan).doesNotContain("Seq Scan").contains("trial_epoch_pkey");
    }
}
