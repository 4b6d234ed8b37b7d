package com.lstmautoml.core.worker;

import com.lstmautoml.core.trial.TrialParams;
import com.lstmautoml.core.queue.ClaimedTrial;
import com.lstmautoml.core.queue.HeartbeatAnswer;
import com.lstmautoml.core.queue.QueueConfig;
import com.lstmautoml.core.queue.TrialQueue;
import com.lstmautoml.core.testing.QueueFixture;
import com.lstmautoml.core.testing.Rows;
import com.lstmautoml.core.testing.ScriptedTrainer;
import com.lstmautoml.core.training.StopReason;
import com.lstmautoml.core.training.TrainingJob;
import com.lstmautoml.core.training.TrainingResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class TrialWorkerTest {

    private QueueFixture f;

    @BeforeEach
    void setUp() {
        f = new QueueFixture();
    }

    private TrialWorker worker(String id, ScriptedTrainer trainer) {
        return new TrialWorker(f.queue, new TrialInputRepository(f.dataSource), trainer, f.registry, f.clock,
                QueueFixture.info(id));
    }

    @Test
    void aGenerationTrialTrainsOnItsExperimentsTextThroughTheSameQueue() {
        String text = "the quick brown fox jumps over the lazy dog. ".repeat(10);
        long dataset = f.rows.textDataset("text-" + System.nanoTime(), text);
        long experiment = f.rows.textExperiment(dataset, f.clock.instant());
        TrialParams params = com.lstmautoml.core.testing.TextParams.of(8, 20, 10);
        long id = f.rows.queuedTrial(experiment, 0, 1, f.clock.instant(), params, 3);
        ScriptedTrainer trainer = ScriptedTrainer.falling(3);

        assertThat(worker("w-text", trainer).runOnce()).isTrue();

        // the trainer got a text job: the experiment's text, split 80/10/10, with the trial's params
        assertThat(trainer.jobs).isEmpty();
        assertThat(trainer.textJobs).hasSize(1);
        var job = trainer.textJobs.get(0);
        assertThat(job.corpus().text()).isEqualTo(text);
        assertThat(job.corpus().trainEnd()).isEqualTo(Math.round(text.length() * 0.8));
        assertThat(job.params()).isEqualTo(params);
        assertThat(job.maxEpochs()).isEqualTo(20);
        assertThat(job.patience()).isEqualTo(3);
        // and the queue recorded it as any trial: COMPLETED, its epochs, its model with the vocabulary
        Rows.TrialRow row = f.rows.trial(id);
        assertThat(row.state()).isEqualTo("COMPLETED");
        assertThat(f.rows.epochs(id)).hasSize(3);
        assertThat(f.rows.count("SELECT count(*) FROM trial_model WHERE trial_id = ?"
                + " AND preprocessing ->> 'characters' IS NOT NULL", id)).isEqualTo(1);
    }

    @Test
    void runOnceTrainsAClaimedTrialToCompletion() {
        long id = f.rows.queuedTrials(f.experimentId, 1, f.clock.instant()).get(0);
        ScriptedTrainer trainer = ScriptedTrainer.falling(4);
        TrialWorker w = worker("w-1", trainer);

        // a trial was available
        assertThat(w.runOnce()).isTrue();

        Rows.TrialRow row = f.rows.trial(id);
        // trained to its end: COMPLETED, MAX_EPOCHS, by this worker
        assertThat(row.state()).isEqualTo("COMPLETED");
        assertThat(row.stopReason()).isEqualTo("MAX_EPOCHS");
        assertThat(row.workerId()).isEqualTo("w-1");
        // every epoch was reported
        assertThat(f.rows.epochs(id)).hasSize(4);
        // one model row
        assertThat(f.rows.count("SELECT count(*) FROM trial_model WHERE trial_id = ?", id)).isEqualTo(1);
        // the worker registered itself before claiming
        assertThat(f.rows.count("SELECT count(*) FROM worker WHERE id = 'w-1'")).isEqualTo(1);
        // the queue is now empty
        assertThat(w.runOnce()).isFalse();
    }

    @Test
    void theJobIsBuiltFromTheExperimentDatasetAndTrialRow() {
        long dataset = f.rows.dataset("two-cols", Rows.sineTable(40));
        long exp = f.rows.experiment(dataset, new Rows.ExperimentRow("e", "aux", List.of("value"), 7, 2, 99L, 0.6,
                0.2, 3), f.clock.instant());
        f.rows.execute("UPDATE experiment SET validation_windows = 2 WHERE id = ?", exp);
        f.rows.queuedTrials(exp, 1, f.clock.instant());
        ScriptedTrainer trainer = ScriptedTrainer.falling(1);

        worker("w-1", trainer).runOnce();

        TrainingJob job = trainer.jobs.get(0);
        // experiment settings are carried over
        assertThat(job.validationWindows()).isEqualTo(2);
        assertThat(job.target()).isEqualTo("aux");
        assertThat(job.features()).containsExactly("value");
        assertThat(job.maxEpochs()).isEqualTo(7);
        assertThat(job.patience()).isEqualTo(2);
        assertThat(job.seed()).isEqualTo(99L);
        assertThat(job.split().train()).isEqualTo(0.6);
        assertThat(job.split().validation()).isEqualTo(0.2);
        // the trial's params and model config
        assertThat(job.params()).isEqualTo(Rows.PARAMS);
        assertThat(job.modelConfigJson()).isEqualTo(Rows.MODEL_CONFIG);
        // the dataset's time labels and used columns, values in row order
        assertThat(job.table().timeColumn()).isEqualTo("month");
        assertThat(job.table().times()).isEqualTo(Rows.sineTable(40).times());
        assertThat(job.table().column("value")).containsExactly(Rows.sineTable(40).column("value"));
        assertThat(job.table().column("aux")).containsExactly(Rows.sineTable(40).column("aux"));
    }

    @Test
    void everyValidationWindowIsReportedAndRecorded() {
        f.rows.execute("UPDATE experiment SET validation_windows = 2 WHERE id = ?", f.experimentId);
        long id = f.rows.queuedTrials(f.experimentId, 1, f.clock.instant()).get(0);
        // 4 epochs per window; window 1 plays the curve doubled: best val losses 1.5 / 4 and 3 / 4
        ScriptedTrainer trainer = ScriptedTrainer.falling(4);

        worker("w-1", trainer).runOnce();

        Rows.TrialRow row = f.rows.trial(id);
        assertThat(row.state()).isEqualTo("COMPLETED");
        // every epoch of both windows reached the queue, keyed by window, each window's epochs from 0
        assertThat(f.rows.epochs(id)).extracting(Rows.EpochRow::window, Rows.EpochRow::epoch).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0, 0), org.assertj.core.groups.Tuple.tuple(0, 1),
                org.assertj.core.groups.Tuple.tuple(0, 2), org.assertj.core.groups.Tuple.tuple(0, 3),
                org.assertj.core.groups.Tuple.tuple(1, 0), org.assertj.core.groups.Tuple.tuple(1, 1),
                org.assertj.core.groups.Tuple.tuple(1, 2), org.assertj.core.groups.Tuple.tuple(1, 3));
        // epochs_run counts both windows; val_rmse is the mean of the windows' RMSEs, each stored
        assertThat(row.epochsRun()).isEqualTo(8);
        double w0 = Math.sqrt(1.5 / 4);
        double w1 = Math.sqrt(3.0 / 4);
        assertThat(row.valRmse()).isCloseTo((w0 + w1) / 2, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(f.rows.count("SELECT count(*) FROM trial WHERE id = ? AND val_rmse_windows = ARRAY[?, ?]",
                id, w0, w1)).isEqualTo(1);
    }

    @Test
    void aPrunedTrialEndsPrunedWithItsCurveAndBestSoFarRmse() {
        f.rows.pruner(f.experimentId, "median");
        // five COMPLETED trials whose losses fall from about 1.0 to 0.1 over 10 epochs
        for (int i = 0; i < 5; i++) {
            double[] curve = new double[10];
            for (int e = 0; e < curve.length; e++) {
                curve[e] = (1.0 + 0.1 * i) / (e + 1);
            }
            f.rows.finishedTrial(f.experimentId, "COMPLETED", f.clock.instant(), curve);
        }
        long id = f.rows.queuedTrials(f.experimentId, 1, f.clock.instant()).get(0);
        // a much worse trial: its best so far at epoch 5 (1.6) is above the others' median there (0.2)
        ScriptedTrainer trainer = new ScriptedTrainer(new double[][] {{3.0, 3.0}, {2.5, 2.5}, {2.0, 2.0}, {1.6, 1.6},
                {1.8, 1.8}, {1.9, 1.9}, {1.0, 1.0}, {0.5, 0.5}, {0.1, 0.1}, {0.05, 0.05}});

        worker("w-1", trainer).runOnce();

        Rows.TrialRow row = f.rows.trial(id);
        // the report of epoch 5 (the first after the 5 warm-up epochs) answered PRUNE: the trainer stopped there
        assertThat(trainer.epochsTrained()).isEqualTo(6);
        // the trial ends PRUNED, stop reason PRUNED, finished, lease released
        assertThat(row.state()).isEqualTo("PRUNED");
        assertThat(row.stopReason()).isEqualTo("PRUNED");
        assertThat(row.finishedAt()).isNotNull();
        assertThat(row.leaseExpiresAt()).isNull();
        // its curve up to the pruning epoch is kept
        assertThat(f.rows.epochs(id)).extracting(Rows.EpochRow::valLoss).containsExactly(3.0, 2.5, 2.0, 1.6, 1.8, 1.9);
        // val_rmse is the best-so-far one (epoch 3's loss 1.6 → the scripted RMSE sqrt(1.6)), with its epoch
        assertThat(row.valRmse()).isEqualTo(Math.sqrt(1.6));
        assertThat(row.bestEpoch()).isEqualTo(3);
        assertThat(row.epochsRun()).isEqualTo(6);
        // the best-so-far model is stored, as for a cancelled trial
        assertThat(f.rows.count("SELECT count(*) FROM trial_model WHERE trial_id = ?", id)).isEqualTo(1);
    }

    @Test
    void aCancelledExperimentStopsItsRunningTrialAtTheNextEpoch() {
        List<Long> ids = f.rows.queuedTrials(f.experimentId, 3, f.clock.instant());
        long running = ids.get(0);
        ScriptedTrainer trainer = ScriptedTrainer.falling(10).beforeEpoch(epoch -> {
            if (epoch == 3) {
                // the user cancels between epochs 2 and 3
                f.queue.cancelExperiment(f.experimentId);
            }
        });

        worker("w-1", trainer).runOnce();

        Rows.TrialRow row = f.rows.trial(running);
        // the report of epoch 3 answered STOP, the trainer cancelled, the trial ends CANCELLED
        assertThat(row.state()).isEqualTo("CANCELLED");
        assertThat(row.stopReason()).isEqualTo("CANCELLED");
        assertThat(row.finishedAt()).isNotNull();
        // its curve up to the cancel is kept (epochs 0..3), and the best-so-far model
        assertThat(f.rows.epochs(running)).extracting(Rows.EpochRow::epoch).containsExactly(0, 1, 2, 3);
        assertThat(f.rows.count("SELECT count(*) FROM trial_model WHERE trial_id = ?", running)).isEqualTo(1);
        // the experiment's queued trials were cancelled at once
        assertThat(f.rows.trial(ids.get(1)).state()).isEqualTo("CANCELLED");
        assertThat(f.rows.trial(ids.get(2)).state()).isEqualTo("CANCELLED");
    }

    @Test
    void aTrialWhoseWorkerDiedIsFinishedByAnotherWorkerExactlyOnce() {
        long id = f.rows.queuedTrials(f.experimentId, 1, f.clock.instant()).get(0);
        // worker A claims and reports two epochs, then dies (stops calling)
        String a = f.worker("w-a");
        ClaimedTrial claimA = f.queue.claim(a, 1).get(0);
        f.queue.reportEpoch(claimA.token(), new TrainingResult.EpochLoss(0, 9.0, 9.0, 9.0));
        f.queue.reportEpoch(claimA.token(), new TrainingResult.EpochLoss(1, 8.0, 8.0, 8.0));
        f.clock.advance(f.config.leaseDuration().plusSeconds(1));
        // the rescuer requeues it
        assertThat(f.rescuer.rescueOnce().requeued()).isEqualTo(1);

        // worker B runs it to completion
        TrialWorker b = worker("w-b", ScriptedTrainer.falling(3));
        assertThat(b.runOnce()).isTrue();

        // A comes back with its stale token: everything is rejected
        assertThat(f.queue.reportEpoch(claimA.token(), new TrainingResult.EpochLoss(2, 7.0, 7.0, 7.0))).isEqualTo(HeartbeatAnswer.LOST);
        assertThat(f.queue.heartbeat(claimA.token())).isEqualTo(HeartbeatAnswer.LOST);
        TrainingResult lateResult = new TrialInputRepository(f.dataSource).jobFor(claimA).trainWith(
                ScriptedTrainer.falling(3), (e, t, v, rmse) -> null);
        assertThat(f.queue.complete(claimA.token(), lateResult)).isFalse();
        assertThat(f.queue.fail(claimA.token(), "late failure")).isFalse();

        Rows.TrialRow row = f.rows.trial(id);
        // COMPLETED by B on attempt 2
        assertThat(row.state()).isEqualTo("COMPLETED");
        assertThat(row.attempt()).isEqualTo(2);
        assertThat(row.workerId()).isEqualTo("w-b");
        // exactly one model
        assertThat(f.rows.count("SELECT count(*) FROM trial_model WHERE trial_id = ?", id)).isEqualTo(1);
        // the epochs are B's (A's losses 9, 8, 7 are gone)
        assertThat(f.rows.epochs(id)).extracting(Rows.EpochRow::trainLoss).containsExactly(1.0, 0.5, 1.0 / 3);
        // A's lost attempt is on record
        assertThat(row.attemptErrors()).singleElement().asString().contains("attempt 1").contains("w-a");
    }

    @Test
    void aWorkerThatLosesItsLeaseMidTrainingAbandonsAndReportsNothing() {
        long id = f.rows.queuedTrials(f.experimentId, 1, f.clock.instant()).get(0);
        ScriptedTrainer trainer = ScriptedTrainer.falling(6).beforeEpoch(epoch -> {
            if (epoch == 2) {
                // the worker stalls past its lease; the rescuer requeues and worker B claims the trial
                f.clock.advance(f.config.leaseDuration().plusSeconds(1));
                f.rescuer.rescueOnce();
                f.queue.claim(f.worker("w-b"), 1);
            }
        });

        worker("w-a", trainer).runOnce();

        Rows.TrialRow row = f.rows.trial(id);
        // A's epoch-2 report was answered LOST: A abandoned and reported no result; B owns it (attempt 2)
        assertThat(row.state()).isEqualTo("RUNNING");
        assertThat(row.attempt()).isEqualTo(2);
        assertThat(row.workerId()).isEqualTo("w-b");
        // none of A's epochs survive (0, 1 deleted by the rescuer, 2 rejected)
        assertThat(f.rows.epochs(id)).isEmpty();
        assertThat(f.rows.count("SELECT count(*) FROM trial_model")).isZero();
        // the trainer stopped at the LOST answer instead of training all 6 epochs
        assertThat(trainer.epochsTrained()).isEqualTo(3);
    }

    @Test
    void anInterruptedWorkerHandsItsTrialBackAtTheNextEpoch() {
        long id = f.rows.queuedTrials(f.experimentId, 1, f.clock.instant()).get(0);
        Instant queuedAt = f.rows.trial(id).queuedAt();
        TrialWorker[] self = new TrialWorker[1];
        ScriptedTrainer trainer = ScriptedTrainer.falling(6).beforeEpoch(epoch -> {
            if (epoch == 2) {
                self[0].interrupt(); // the service is shutting down
            }
        });
        self[0] = worker("w-a", trainer);

        self[0].runOnce();

        Rows.TrialRow row = f.rows.trial(id);
        // the trainer stopped at the next epoch instead of training all 6
        assertThat(trainer.epochsTrained()).isEqualTo(3);
        // the trial is QUEUED again at once, in its old place, with no lease, worker or epochs left
        assertThat(row.state()).isEqualTo("QUEUED");
        assertThat(row.queuedAt()).isEqualTo(queuedAt);
        assertThat(row.leaseExpiresAt()).isNull();
        assertThat(row.workerId()).isNull();
        assertThat(f.rows.epochs(id)).isEmpty();
        // the attempt is on record as interrupted, and it does not count against the attempts allowed
        assertThat(row.attemptErrors()).singleElement().asString().contains("attempt 1").contains("interrupted")
                .contains("w-a");
        assertThat(row.maxAttempts()).isEqualTo(4);
        // another worker claims it right away (no lease to wait for) and trains it to completion
        worker("w-b", ScriptedTrainer.falling(3)).runOnce();
        assertThat(f.rows.trial(id).state()).isEqualTo("COMPLETED");
        assertThat(f.rows.trial(id).attempt()).isEqualTo(2);
    }

    @Test
    void aTrainerExceptionFailsTheTrialWithItsMessage() {
        long id = f.rows.queuedTrials(f.experimentId, 1, f.clock.instant()).get(0);
        ScriptedTrainer trainer = ScriptedTrainer.falling(5).throwAt(2,
                new IllegalArgumentException("lookBack 24 needs at least 30 training rows, got 20"));

        // the worker survives the exception and reports that it worked on a trial
        assertThat(worker("w-1", trainer).runOnce()).isTrue();

        Rows.TrialRow row = f.rows.trial(id);
        // FAILED with a readable message naming the exception
        assertThat(row.state()).isEqualTo("FAILED");
        assertThat(row.error()).isEqualTo(
                "training failed: IllegalArgumentException: lookBack 24 needs at least 30 training rows, got 20");
        // the epochs before the failure are kept for diagnosis
        assertThat(f.rows.epochs(id)).hasSize(2);
    }

    @Test
    void aTrialWhoseInputsCannotBeLoadedFails() {
        long exp = f.rows.experiment(f.datasetId, "no_such_column", f.clock.instant());
        long id = f.rows.queuedTrials(exp, 1, f.clock.instant()).get(0);
        ScriptedTrainer trainer = ScriptedTrainer.falling(2);

        worker("w-1", trainer).runOnce();

        Rows.TrialRow row = f.rows.trial(id);
        // FAILED, naming the missing column; the trainer never ran
        assertThat(row.state()).isEqualTo("FAILED");
        assertThat(row.error()).contains("could not prepare the training job").contains("no_such_column");
        assertThat(trainer.jobs).isEmpty();
    }

    @Test
    void badParamsJsonFailsTheTrialInsteadOfBlockingTheQueue() {
        long id = f.rows.queuedTrials(f.experimentId, 1, f.clock.instant()).get(0);
        f.rows.execute("UPDATE trial SET params = '{\"units\": 8}'::jsonb WHERE id = ?", id);

        worker("w-1", ScriptedTrainer.falling(2)).runOnce();

        // the claim succeeded, the worker failed the trial with the parse error
        assertThat(f.rows.trial(id).state()).isEqualTo("FAILED");
        assertThat(f.rows.trial(id).error()).contains("invalid trial params");
    }

    @Test
    void runLoopDrainsTheQueueAndBeatsTheRegistry() {
        QueueConfig cfg = QueueConfig.DEFAULTS.withPollInterval(Duration.ZERO);
        TrialQueue q = new TrialQueue(f.dataSource, f.clock, cfg);
        List<Long> ids = f.rows.queuedTrials(f.experimentId, 3, f.clock.instant());
        // each epoch takes 20 s of clock time: registry beats fall due during the run
        ScriptedTrainer trainer = ScriptedTrainer.falling(3).beforeEpoch(e -> f.clock.advance(Duration.ofSeconds(20)));
        TrialWorker w = new TrialWorker(q, new TrialInputRepository(f.dataSource), trainer, f.registry, f.clock,
                QueueFixture.info("w-loop"));

        w.run(ClaimBudget.of(3, () -> { }));

        // all queued trials were trained
        assertThat(ids).allSatisfy(id -> assertThat(f.rows.trial(id).state()).isEqualTo("COMPLETED"));
        // the worker's row was refreshed after registration
        assertThat(f.rows.count("SELECT count(*) FROM worker WHERE id = 'w-loop' AND last_heartbeat_at > started_at"))
                .isEqualTo(1);
    }

    /** A worker polling every 10 minutes, with {@code hook} after each trial, started and gone idle. */
    private TrialWorker idleWorker(String id, int epochs, Runnable hook) {
        QueueConfig cfg = QueueConfig.DEFAULTS.withPollInterval(Duration.ofMinutes(10));
        TrialQueue q = new TrialQueue(f.dataSource, f.clock, cfg);
        TrialWorker w = new TrialWorker(q, new TrialInputRepository(f.dataSource), ScriptedTrainer.falling(epochs),
                f.registry, f.clock, QueueFixture.info(id));
        w.afterEachTrial(hook);
        w.start();
        // wait until it registered (it then found the queue empty and went idle for 10 minutes)
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (f.rows.count("SELECT count(*) FROM worker WHERE id = ?", id) == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return w;
    }

    @Test
    void stopWakesAnIdleStartedWorker() throws Exception {
        TrialWorker w = idleWorker("w-idle", 1, () -> { });

        w.stop();

        // stop wakes the idle wait: the loop ends long before its poll interval
        assertThat(w.awaitStopped(Duration.ofSeconds(10))).isTrue();
        w.close();
    }

    @Test
    void wakeMakesAnIdleWorkerClaimATrialQueuedMeanwhileAndTheHookRunsAfterIt() throws Exception {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        List<String> stateWhenHooked = new java.util.concurrent.CopyOnWriteArrayList<>();
        long[] id = new long[1];
        TrialWorker w = idleWorker("w-wake", 2, () -> {
            stateWhenHooked.add(f.rows.trial(id[0]).state());
            done.countDown();
        });
        id[0] = f.rows.queuedTrials(f.experimentId, 1, f.clock.instant()).get(0);

        w.wake();

        // the trial is trained long before the poll interval, and the hook ran once, after its result was recorded
        assertThat(done.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(stateWhenHooked).containsExactly("COMPLETED");
        w.stop();
        assertThat(w.awaitStopped(Duration.ofSeconds(10))).isTrue();
        w.close();
    }

    @Test
    void theHeartbeatTimerKeepsTheLeaseDuringALongEpoch() {
        // a timer beat every 20 ms (real time); the lease is 2 minutes of clock time
        QueueConfig cfg = new QueueConfig(Duration.ofMinutes(2), Duration.ofMillis(20), Duration.ZERO, 100, 8000);
        TrialQueue q = new TrialQueue(f.dataSource, f.clock, cfg);
        long id = f.rows.queuedTrials(f.experimentId, 1, f.clock.instant()).get(0);
        List<Integer> rescuedDuringEpoch = new java.util.ArrayList<>();
        ScriptedTrainer trainer = ScriptedTrainer.falling(3).beforeEpoch(epoch -> {
            if (epoch == 1) {
                // epoch 1 takes 3 minutes of clock time, longer than the lease; the timer beats meanwhile
                for (int minute = 0; minute < 3; minute++) {
                    f.clock.advance(Duration.ofMinutes(1));
                    awaitHeartbeatAt(id, f.clock.instant());
                    rescuedDuringEpoch.add(f.rescuer.rescueOnce().total());
                }
            }
        });
        TrialWorker w = new TrialWorker(q, new TrialInputRepository(f.dataSource), trainer, f.registry, f.clock,
                QueueFixture.info("w-1"));

        w.runOnce();

        // the rescuer never found the lease expired during the long epoch
        assertThat(rescuedDuringEpoch).containsExactly(0, 0, 0);
        // and the trial completed on its first attempt
        assertThat(f.rows.trial(id).state()).isEqualTo("COMPLETED");
        assertThat(f.rows.trial(id).attempt()).isEqualTo(1);
    }

    /** Waits (bounded) for the worker's timer thread to write a heartbeat at {@code t}: an event, not time. */
    private void awaitHeartbeatAt(long trialId, java.time.Instant t) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!t.equals(f.rows.trial(trialId).heartbeatAt())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no heartbeat at " + t + " within 20 s");
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void describeChainsCauses() {
        RuntimeException e = new IllegalStateException("outer", new IllegalArgumentException("inner"));
        // the error text names each exception in the chain with its message
        assertThat(TrialWorker.describe(e))
                .isEqualTo("IllegalStateException: outer; caused by IllegalArgumentException: inner");
    }

    @Test
    void aLeaseLostResultIsNeverReported() {
        // sanity of the scripted trainer contract used above: ABANDON -> LEASE_LOST
        TrainingResult r = new TrialInputRepository(f.dataSource).load(f.experimentId).jobFor(claimFor()).trainWith(
                ScriptedTrainer.falling(3), (e, t, v, rmse) -> com.lstmautoml.core.training.EpochVerdict.ABANDON);
        // the trainer stops at the first ABANDON with LEASE_LOST
        assertThat(r.stopReason()).isEqualTo(StopReason.LEASE_LOST);
        assertThat(r.epochsRun()).isEqualTo(1);
    }

    private ClaimedTrial claimFor() {
        f.rows.queuedTrials(f.experimentId, 1, f.clock.instant());
        return f.queue.claim(f.worker("w-x"), 1).get(0);
    }
}
