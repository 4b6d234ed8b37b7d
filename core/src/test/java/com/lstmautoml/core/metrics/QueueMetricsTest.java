package com.lstmautoml.core.metrics;

import com.lstmautoml.core.queue.ClaimToken;
import com.lstmautoml.core.queue.ClaimedTrial;
import com.lstmautoml.core.queue.QueueConfig;
import com.lstmautoml.core.testing.QueueFixture;
import com.lstmautoml.core.testing.ScriptedTrainer;
import com.lstmautoml.core.training.StopReason;
import com.lstmautoml.core.training.TrainingResult;
import com.lstmautoml.core.worker.TrialInputRepository;
import com.lstmautoml.core.worker.TrialWorker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue's events as the metrics count them, on the real PostgreSQL with the clock moved by hand: each test drives
 * the queue, the rescuer or a worker and reads the in-memory registry the fixture's queue counts on.
 */
class QueueMetricsTest {

    private static final Duration PAST_LEASE = QueueConfig.DEFAULT_LEASE.plusSeconds(1);

    private QueueFixture f;
    private String worker;

    @BeforeEach
    void setUp() {
        f = new QueueFixture();
        worker = f.worker("w-1");
    }

    private double finished(String outcome, String kind) {
        Counter c = f.meters.find(QueueMetrics.FINISHED).tags("outcome", outcome, "kind", kind).counter();
        return c == null ? 0 : c.count();
    }

    private double finishedTotal() {
        return f.meters.find(QueueMetrics.FINISHED).counters().stream().mapToDouble(Counter::count).sum();
    }

    private Timer timer(String name, String... tags) {
        return f.meters.find(name).tags(tags).timer();
    }

    private double rescues(String result) {
        return f.meters.get(QueueMetrics.RESCUES).tag("result", result).counter().count();
    }

    private static TrainingResult result(StopReason reason) {
        List<TrainingResult.EpochLoss> curve = new ArrayList<>();
        curve.add(new TrainingResult.EpochLoss(0, 1, 1, 1));
        return new TrainingResult(1, 1, 1, 1, 1, 0, reason, curve, null, null, null, null, null);
    }

    @Test
    void everyOutcomeCounterExistsAtZeroBeforeTheFirstTrial() {
        // a rate over them starts with the first trial: search trials end 4 ways, refits 3 (never pruned)
        assertThat(f.meters.find(QueueMetrics.FINISHED).counters()).hasSize(7)
                .allSatisfy(c -> assertThat(c.count()).isZero());
        // the rescuer's counters too
        assertThat(List.of("requeued", "failed", "cancelled")).allSatisfy(r -> assertThat(rescues(r)).isZero());
    }

    @Test
    void aFirstClaimRecordsHowLongTheTrialWaited() {
        f.rows.queuedTrials(f.experimentId, 2, f.clock.instant());
        f.clock.advance(Duration.ofSeconds(90));

        f.queue.claim(worker, 2);

        Timer wait = timer(QueueMetrics.QUEUE_WAIT, "kind", "search");
        // both claims recorded, each 90 s after its queueing
        assertThat(wait.count()).isEqualTo(2);
        assertThat(wait.totalTime(TimeUnit.SECONDS)).isEqualTo(180);
        assertThat(wait.max(TimeUnit.SECONDS)).isEqualTo(90);
    }

    @Test
    void anEmptyClaimRecordsNothing() {
        f.queue.claim(worker, 1);

        // no trial claimed, no wait recorded
        assertThat(timer(QueueMetrics.QUEUE_WAIT, "kind", "search")).isNull();
    }

    @Test
    void aRetriedTrialsClaimIsNotAWait() {
        f.rows.queuedTrials(f.experimentId, 1, f.clock.instant());
        f.queue.claim(worker, 1);
        f.clock.advance(PAST_LEASE);
        f.rescuer.rescueOnce();

        ClaimedTrial again = f.queue.claim(worker, 1).get(0);

        // attempt 2 kept the first queueing time: only the first claim counts as a wait
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(timer(QueueMetrics.QUEUE_WAIT, "kind", "search").count()).isEqualTo(1);
    }

    @Test
    void aRefitJobIsLabelledRefit() {
        long source = f.rows.finishedTrial(f.experimentId, "COMPLETED", f.clock.instant(), 0.5);
        f.rows.queuedRefit(source, 3, f.clock.instant());
        f.clock.advance(Duration.ofSeconds(5));

        ClaimedTrial refit = f.queue.claim(worker, 1).get(0);
        f.clock.advance(Duration.ofSeconds(20));
        f.queue.complete(refit.token(), result(StopReason.MAX_EPOCHS));

        // its wait, its outcome and its duration carry kind=refit, and no search series moved
        assertThat(timer(QueueMetrics.QUEUE_WAIT, "kind", "refit").totalTime(TimeUnit.SECONDS)).isEqualTo(5);
        assertThat(finished("completed", "refit")).isEqualTo(1);
        assertThat(finished("completed", "search")).isZero();
        assertThat(timer(QueueMetrics.TRIAL_DURATION, "outcome", "completed", "kind", "refit")
                .totalTime(TimeUnit.SECONDS)).isEqualTo(20);
    }

    @Test
    void completeCountsEachStopReasonsOutcomeWithTheTrialsDuration() {
        f.rows.queuedTrials(f.experimentId, 4, f.clock.instant());
        List<ClaimedTrial> claimed = f.queue.claim(worker, 4);
        f.clock.advance(Duration.ofSeconds(42));

        f.queue.complete(claimed.get(0).token(), result(StopReason.PATIENCE));
        f.queue.complete(claimed.get(1).token(), result(StopReason.PRUNED));
        f.queue.complete(claimed.get(2).token(), result(StopReason.DIVERGED));
        f.queue.complete(claimed.get(3).token(), result(StopReason.CANCELLED));

        // one trial per outcome: PATIENCE completes, DIVERGED fails
        assertThat(finished("completed", "search")).isEqualTo(1);
        assertThat(finished("pruned", "search")).isEqualTo(1);
        assertThat(finished("failed", "search")).isEqualTo(1);
        assertThat(finished("cancelled", "search")).isEqualTo(1);
        // each ran 42 s from its claim
        for (String outcome : List.of("completed", "pruned", "failed", "cancelled")) {
            Timer duration = timer(QueueMetrics.TRIAL_DURATION, "outcome", outcome, "kind", "search");
            assertThat(duration.count()).as(outcome).isEqualTo(1);
            assertThat(duration.totalTime(TimeUnit.SECONDS)).as(outcome).isEqualTo(42);
        }
    }

    @Test
    void aWriteTheFenceRefusedCountsNothing() {
        f.rows.queuedTrials(f.experimentId, 1, f.clock.instant());
        ClaimedTrial t = f.queue.claim(worker, 1).get(0);
        ClaimToken stale = new ClaimToken(t.trialId(), t.attempt() + 1, worker);

        boolean completed = f.queue.complete(stale, result(StopReason.MAX_EPOCHS));
        boolean failed = f.queue.fail(stale, "boom");

        // nothing was written, nothing counted
        assertThat(completed).isFalse();
        assertThat(failed).isFalse();
        assertThat(finishedTotal()).isZero();
        assertThat(f.meters.find(QueueMetrics.TRIAL_DURATION).timers()).isEmpty();
    }

    @Test
    void failCountsAFailureWithItsDuration() {
        f.rows.queuedTrials(f.experimentId, 1, f.clock.instant());
        ClaimedTrial t = f.queue.claim(worker, 1).get(0);
        f.clock.advance(Duration.ofMinutes(3));

        f.queue.fail(t.token(), "could not prepare the training job");

        assertThat(finished("failed", "search")).isEqualTo(1);
        assertThat(timer(QueueMetrics.TRIAL_DURATION, "outcome", "failed", "kind", "search")
                .totalTime(TimeUnit.SECONDS)).isEqualTo(180);
    }

    @Test
    void cancellingCountsTheQueuedTrialsItCancelledAndNotTheRunningOnes() {
        f.rows.queuedTrials(f.experimentId, 3, f.clock.instant());
        f.queue.claim(worker, 1);

        f.queue.cancelExperiment(f.experimentId);

        // two queued trials became CANCELLED; the running one only got a stop request (counted when it ends)
        assertThat(finished("cancelled", "search")).isEqualTo(2);
        assertThat(finishedTotal()).isEqualTo(2);
        // they never ran: no duration
        assertThat(f.meters.find(QueueMetrics.TRIAL_DURATION).timers()).isEmpty();
    }

    @Test
    void theRescuerCountsRequeuesAndTrialsItFailedAfterTheirLastAttempt() {
        long requeued = f.rows.queuedTrials(f.experimentId, 1, f.clock.instant()).get(0);
        f.rows.queuedTrials(f.experimentId, 1, f.clock.instant(), 1); // one attempt only
        f.queue.claim(worker, 2);
        f.clock.advance(PAST_LEASE);

        f.rescuer.rescueOnce();

        // one lease expiry requeued, the other was the trial's last attempt
        assertThat(f.rows.trial(requeued).state()).isEqualTo("QUEUED");
        assertThat(rescues("requeued")).isEqualTo(1);
        assertThat(rescues("failed")).isEqualTo(1);
        assertThat(rescues("cancelled")).isZero();
        // the failed one finished (its worker reported no end: no duration)
        assertThat(finished("failed", "search")).isEqualTo(1);
        assertThat(f.meters.find(QueueMetrics.TRIAL_DURATION).timers()).isEmpty();
    }

    @Test
    void theRescuerCountsATrialWhoseStopWasRequestedAsCancelled() {
        f.rows.queuedTrials(f.experimentId, 1, f.clock.instant());
        f.queue.claim(worker, 1);
        f.queue.cancelExperiment(f.experimentId); // RUNNING: stop requested
        f.clock.advance(PAST_LEASE);

        f.rescuer.rescueOnce();

        assertThat(rescues("cancelled")).isEqualTo(1);
        assertThat(finished("cancelled", "search")).isEqualTo(1);
    }

    @Test
    void aWorkerTimesEveryEpochItTrains() {
        f.rows.queuedTrials(f.experimentId, 1, f.clock.instant());
        // each epoch takes 3 s of the test's clock
        ScriptedTrainer trainer = ScriptedTrainer.falling(4).beforeEpoch(e -> f.clock.advance(Duration.ofSeconds(3)));
        TrialWorker w = new TrialWorker(f.queue, new TrialInputRepository(f.dataSource), trainer, f.registry, f.clock,
                QueueFixture.info("w-2"));

        w.runOnce();

        Timer epochs = timer(QueueMetrics.EPOCH_DURATION, "kind", "search");
        // four epochs of 3 s, and the trial: completed after 12 s
        assertThat(epochs.count()).isEqualTo(4);
        assertThat(epochs.totalTime(TimeUnit.SECONDS)).isEqualTo(12);
        assertThat(epochs.max(TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(finished("completed", "search")).isEqualTo(1);
        assertThat(timer(QueueMetrics.TRIAL_DURATION, "outcome", "completed", "kind", "search")
                .totalTime(TimeUnit.SECONDS)).isEqualTo(12);
    }

    @Test
    void noLabelNamesAnExperimentATeamOrAWorker() {
        f.rows.queuedTrials(f.experimentId, 2, f.clock.instant());
        List<ClaimedTrial> claimed = f.queue.claim(worker, 2);
        f.queue.complete(claimed.get(0).token(), result(StopReason.MAX_EPOCHS));
        f.clock.advance(PAST_LEASE);
        f.rescuer.rescueOnce();

        // the metrics are public: their labels are kind, outcome and result only (and the buckets' bounds, le)
        assertThat(f.meters.getMeters()).flatExtracting(m -> m.getId().getTags())
                .extracting(io.micrometer.core.instrument.Tag::getKey).containsOnly("kind", "outcome", "result", "le");
        assertThat(f.meters.getMeters()).extracting(Meter::getId).extracting(Meter.Id::getName)
                .allMatch(name -> name.startsWith("automl."));
    }
}
