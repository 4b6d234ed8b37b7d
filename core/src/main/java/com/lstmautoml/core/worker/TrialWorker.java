package com.lstmautoml.core.worker;

import com.lstmautoml.core.db.Backoff;
import com.lstmautoml.core.db.DatabaseOutage;
import com.lstmautoml.core.metrics.QueueMetrics;
import com.lstmautoml.core.queue.ClaimToken;
import com.lstmautoml.core.queue.ClaimedTrial;
import com.lstmautoml.core.queue.HeartbeatAnswer;
import com.lstmautoml.core.db.Jdbc;
import com.lstmautoml.core.queue.QueueConfig;
import com.lstmautoml.core.queue.TrialQueue;
import com.lstmautoml.core.queue.WorkerInfo;
import com.lstmautoml.core.queue.WorkerRegistry;
import com.lstmautoml.core.training.EpochListener;
import com.lstmautoml.core.training.EpochVerdict;
import com.lstmautoml.core.training.StopReason;
import com.lstmautoml.core.training.Trainer;
import com.lstmautoml.core.training.TrialJob;
import com.lstmautoml.core.training.TrainingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Claims trials one at a time and trains them. Usable in-process (the backend runs one: {@link #start()} /
 * {@link #stop()}) and in a standalone worker process (its main builds the queue on a
 * {@code PGSimpleDataSource} and calls {@link #run(ClaimBudget)} or {@link #start()}).
 *
 * <p>While a trial trains, every epoch of every validation window is reported with {@link TrialQueue#reportEpoch}
 * (which also extends the lease) and a timer extends the lease every {@link QueueConfig#heartbeatInterval()} during long epochs. The queue's
 * answer steers the trainer: STOP cancels (the trial ends CANCELLED), PRUNE prunes (the trial ends PRUNED with its
 * curve and best-so-far RMSE), LOST abandons (another worker owns the trial,
 * nothing more is reported). A trainer exception fails the trial with a readable message. A worker that dies
 * mid-trial leaves it to the {@link com.lstmautoml.core.queue.LeaseRescuer}.
 *
 * <p>The database may go away (restart, network) at any point; {@link Jdbc#isTransient transient} failures never
 * end the worker. While training, failed epoch reports and lease extensions are skipped as long as the lease the
 * worker last obtained lasts (the whole curve goes with the result), and the trial is abandoned at the first epoch
 * after it ran out. Loading the trial's inputs and recording its result or failure are retried with {@link Backoff}
 * until the database answers; the answer is fenced by the claim's attempt, so the result is recorded when the trial
 * is still this attempt's and dropped when the rescuer handed it on meanwhile. A claim that fails is retried by the
 * loop after {@link #backoffAfter}. Each outage is logged once ({@link DatabaseOutage}).
 *
 * <p>Each epoch's training time (from the end of the previous epoch's report, or the start of training, to this
 * epoch's report) is recorded on the queue's {@link QueueMetrics}, by the injected clock.
 */
public final class TrialWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrialWorker.class);

    private final TrialQueue queue;
    private final TrialInputRepository inputs;
    private final Trainer trainer;
    private final WorkerRegistry registry;
    private final Clock clock;
    private final String workerId;
    private final Supplier<WorkerInfo> info;
    private final QueueConfig config;

    private final Object idle = new Object();
    /** A {@link #wake()} not yet consumed by an idle wait (guarded by {@code idle}). */
    private boolean woken;
    /** False when the host refreshes the registry row on a timer of its own (a worker process). */
    private volatile boolean beatsRegistryInLoop = true;
    /** Called after each trial this worker trained, once its outcome is recorded (or given up). */
    private volatile Runnable afterEachTrial = () -> { };
    private final DatabaseOutage outage;
    private final Backoff backoff = Backoff.defaults();
    private volatile boolean stopRequested;
    /** {@link #interrupt()}: also stop the trial in progress at its next epoch and hand it back to the queue. */
    private volatile boolean interruptRequested;
    private volatile boolean registered;
    private Instant lastRegistryBeat = Instant.MIN;
    private Thread loopThread;
    private ScheduledExecutorService heartbeats;

    /** A worker whose registry row is described by {@link WorkerInfo#detect(String)} at its first claim. */
    public TrialWorker(TrialQueue queue, TrialInputRepository inputs, Trainer trainer, WorkerRegistry registry,
                       Clock clock, String workerId) {
        this(queue, inputs, trainer, registry, clock, workerId, () -> WorkerInfo.detect(workerId));
    }

    /** A worker registered with the given description. */
    public TrialWorker(TrialQueue queue, TrialInputRepository inputs, Trainer trainer, WorkerRegistry registry,
                       Clock clock, WorkerInfo info) {
        this(queue, inputs, trainer, registry, clock, Objects.requireNonNull(info, "info").id(), () -> info);
    }

    private TrialWorker(TrialQueue queue, TrialInputRepository inputs, Trainer trainer, WorkerRegistry registry,
                        Clock clock, String workerId, Supplier<WorkerInfo> info) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.inputs = Objects.requireNonNull(inputs, "inputs");
        this.trainer = Objects.requireNonNull(trainer, "trainer");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.workerId = Objects.requireNonNull(workerId, "workerId");
        this.info = info;
        this.config = queue.config();
        this.outage = new DatabaseOutage(LOG, "worker " + workerId, clock);
    }

    public String workerId() {
        return workerId;
    }

    /**
     * Registers this worker if it is not yet, claims one trial and trains it to its end.
     *
     * @return false when no trial was available
     * @throws com.lstmautoml.core.db.DatabaseException when the database cannot be reached (an unfinished trial is
     *                                                  left to the lease rescuer)
     */
    public boolean runOnce() {
        ensureRegistered();
        List<ClaimedTrial> claimed = queue.claim(workerId, 1);
        databaseAnswered();
        if (claimed.isEmpty()) {
            return false;
        }
        try {
            runTrial(claimed.get(0));
        } finally {
            try {
                afterEachTrial.run();
            } catch (RuntimeException e) {
                LOG.warn("worker {}: the after-trial hook failed", workerId, e);
            }
        }
        return true;
    }

    /**
     * How many workers a process runs unless told otherwise: one per core the JVM sees (each trains with one native
     * thread; 2 workers on 2 cores finish 1.4x the trials per hour of one, TimeToQualityBench).
     */
    public static int perCore() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Leaves the refreshing of this worker's registry row to the host: a worker process beats all its workers' rows
     * on one timer, which also runs while a long trial trains, so {@link #run(ClaimBudget)} does not beat it again.
     */
    public void registryBeatenElsewhere() {
        this.beatsRegistryInLoop = false;
    }

    /**
     * Runs {@code hook} after each trial this worker trains, once its outcome is recorded: the service's scheduler
     * queues the experiment's next trial then, instead of at its next tick.
     */
    public void afterEachTrial(Runnable hook) {
        this.afterEachTrial = java.util.Objects.requireNonNull(hook, "hook");
    }

    /**
     * Ends the current idle wait at once (or the next one, if the loop is not waiting now), so the worker claims
     * again without waiting out {@link QueueConfig#pollInterval()}: the service calls it when it queued trials.
     */
    public void wake() {
        synchronized (idle) {
            woken = true;
            idle.notifyAll();
        }
    }

    /**
     * What a claim loop waits after {@link #runOnce()} threw: exponential {@link Backoff} from 100 ms to 30 s, reset
     * by the next call the database answers. A transient failure (database unreachable) is logged once per outage;
     * anything else is logged with its stack trace every time.
     */
    public Duration backoffAfter(RuntimeException e) {
        Duration wait = backoff.next();
        if (Jdbc.isTransient(e)) {
            outage.failed("claim", e, backoff.max());
        } else {
            LOG.error("worker {}: queue error; retrying in {}", workerId, wait, e);
        }
        return wait;
    }

    private void databaseAnswered() {
        outage.recovered();
        backoff.reset();
    }

    /**
     * Runs {@code call} until the database answers it: a transient failure is retried after {@link #backoff}, other
     * failures are thrown.
     *
     * @return the answer, or null when the worker was {@link #stop() stopped} while the database was unreachable
     */
    private <T> T untilAnswered(String what, Supplier<T> call) {
        while (true) {
            try {
                T answer = call.get();
                databaseAnswered();
                return answer;
            } catch (RuntimeException e) {
                if (!Jdbc.isTransient(e)) {
                    throw e;
                }
                outage.failed(what, e, backoff.max());
                if (stopRequested || !pause(backoff.next())) {
                    return null;
                }
            }
        }
    }

    /**
     * THE wait of this worker: up to {@code d} (at least 1 ms), cut short by {@link #stop()} or a {@link #wake()} (one
     * sent before is kept until a wait consumes it); false when stopped.
     */
    private boolean pause(Duration d) {
        synchronized (idle) {
            if (stopRequested) {
                return false;
            }
            if (woken) {
                woken = false;
                return true;
            }
            try {
                idle.wait(Math.max(1, d.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopRequested = true;
            }
            woken = false;
            return !stopRequested;
        }
    }

    private void ensureRegistered() {
        if (!registered) {
            registry.register(info.get());
            registered = true;
            lastRegistryBeat = clock.instant();
        }
    }

    private void runTrial(ClaimedTrial trial) {
        ClaimToken token = trial.token();
        LOG.info("worker {} claimed trial {} (experiment {}, #{}, attempt {})", workerId, trial.trialId(),
                trial.experimentId(), trial.number(), trial.attempt());
        Attempt attempt = new Attempt(token, trial.leaseExpiresAt(), QueueMetrics.kind(trial.refit()));
        ScheduledFuture<?> timer = heartbeatTimer().scheduleAtFixedRate(attempt::beat,
                config.heartbeatInterval().toMillis(), config.heartbeatInterval().toMillis(), TimeUnit.MILLISECONDS);
        TrialJob job;
        try {
            job = untilAnswered("load the inputs of " + token, () -> inputs.jobFor(trial));
        } catch (RuntimeException e) {
            timer.cancel(false);
            LOG.warn("{}: could not prepare its training job", token, e);
            recordFailure(token, "could not prepare the training job: " + describe(e));
            return;
        }
        if (job == null) {
            timer.cancel(false);
            LOG.warn("{}: stopped while the database was unavailable; left to the lease rescuer", token);
            return;
        }
        TrainingResult result;
        try {
            attempt.epochStartedAt = clock.instant();
            result = job.trainWith(trainer, attempt);
        } catch (RuntimeException | OutOfMemoryError e) {
            timer.cancel(false);
            if (attempt.lost) {
                LOG.warn("{}: training failed after the lease was lost; reporting nothing", token, e);
                return;
            }
            LOG.warn("{}: training failed", token, e);
            recordFailure(token, "training failed: " + describe(e));
            return;
        } finally {
            timer.cancel(false);
        }
        if (attempt.interrupted && !attempt.lost) {
            String line = "attempt " + token.attempt() + ": interrupted at " + clock.instant() + " on worker " + workerId
                    + " (worker stopping); handed back to the queue";
            Boolean released = untilAnswered("hand back " + token, () -> queue.release(token, line));
            LOG.info("{}: {}", token, Boolean.TRUE.equals(released) ? "interrupted by the worker's stop; handed back "
                    + "to the queue" : "interrupted by the worker's stop; left to the lease rescuer");
            return;
        }
        if (result.stopReason() == StopReason.LEASE_LOST || attempt.lost) {
            LOG.warn("{}: lease lost during training (taken over, or run out while the database was unavailable); "
                    + "reporting nothing", token);
            return;
        }
        Boolean recorded = untilAnswered("record the result of " + token, () -> queue.complete(token, result));
        if (recorded == null) {
            LOG.warn("{}: stopped while the database was unavailable; result dropped, left to the lease rescuer",
                    token);
        } else if (recorded) {
            LOG.info("{}: {} after {} epochs (over its validation windows), val RMSE {}; time: {}", token,
                    result.stopReason(), result.epochsRun(), result.valRmse(), result.times());
        } else {
            LOG.warn("{}: lease lost before the result could be recorded; result dropped", token);
        }
    }

    private void recordFailure(ClaimToken token, String message) {
        Boolean recorded = untilAnswered("record the failure of " + token, () -> queue.fail(token, message));
        if (recorded == null) {
            LOG.warn("{}: stopped while the database was unavailable; failure not recorded, left to the lease "
                    + "rescuer", token);
        } else if (!recorded) {
            LOG.warn("{}: lease lost before the failure could be recorded", token);
        }
    }

    /** The trial's listener: reports epochs, tracks the lease, maps the queue's answers to verdicts. */
    private final class Attempt implements EpochListener {
        private final ClaimToken token;
        private final String kind;
        private volatile Instant leaseExpiresAt;
        private volatile boolean lost;
        private volatile boolean interrupted;
        /** When the epoch being trained started: training's start, then the end of the last epoch's report. */
        private Instant epochStartedAt;

        Attempt(ClaimToken token, Instant leaseExpiresAt, String kind) {
            this.token = token;
            this.leaseExpiresAt = leaseExpiresAt;
            this.kind = kind;
        }

        @Override
        public EpochVerdict onEpoch(int epoch, double trainLoss, double valLoss, double valRmse) {
            return onEpoch(new TrainingResult.EpochLoss(epoch, trainLoss, valLoss, valRmse));
        }

        /** Every epoch of every validation window, reported with its window (the pruner compares like windows). */
        @Override
        public EpochVerdict onEpoch(TrainingResult.EpochLoss loss) {
            Instant before = clock.instant();
            if (epochStartedAt != null) {
                queue.metrics().epoch(kind, Duration.between(epochStartedAt, before));
            }
            try {
                return report(loss, before);
            } finally {
                epochStartedAt = clock.instant();
            }
        }

        private EpochVerdict report(TrainingResult.EpochLoss loss, Instant before) {
            String epoch = loss.window() == 0 ? String.valueOf(loss.epoch())
                    : loss.epoch() + " of window " + loss.window();
            if (interruptRequested) {
                interrupted = true;
                return EpochVerdict.ABANDON;
            }
            HeartbeatAnswer answer;
            try {
                answer = queue.reportEpoch(token, loss);
            } catch (RuntimeException e) {
                // the database is unreachable: keep training while the lease lasts (the result is reported at the
                // end, curve included), give up once it ran out because the rescuer may have handed the trial on
                if (!clock.instant().isBefore(leaseExpiresAt)) {
                    LOG.warn("{}: cannot report epoch {} and the lease ran out at {}; abandoning ({})", token,
                            epoch, leaseExpiresAt, DatabaseOutage.rootMessage(e));
                    lost = true;
                    return EpochVerdict.ABANDON;
                }
                if (!Jdbc.isTransient(e)) {
                    LOG.warn("{}: cannot report epoch {} (lease valid until {}); going on", token, epoch,
                            leaseExpiresAt, e);
                } else {
                    outage.failed("report epoch " + epoch + " of " + token + " (going on while the lease lasts, "
                            + "until " + leaseExpiresAt + ")", e, backoff.max());
                }
                return EpochVerdict.CONTINUE;
            }
            databaseAnswered();
            return verdict(answer, before);
        }

        void beat() {
            if (lost) {
                return;
            }
            Instant before = clock.instant();
            try {
                HeartbeatAnswer answer = queue.heartbeat(token);
                outage.recovered();
                verdict(answer, before);
            } catch (RuntimeException e) {
                if (Jdbc.isTransient(e)) {
                    outage.failed("heartbeat of " + token + " (lease valid until " + leaseExpiresAt + ")", e,
                            backoff.max());
                } else {
                    LOG.warn("{}: heartbeat failed (lease valid until {})", token, leaseExpiresAt, e);
                }
            }
        }

        private EpochVerdict verdict(HeartbeatAnswer answer, Instant before) {
            switch (answer) {
                case CONTINUE:
                    leaseExpiresAt = before.plus(config.leaseDuration());
                    return EpochVerdict.CONTINUE;
                case STOP:
                    leaseExpiresAt = before.plus(config.leaseDuration());
                    LOG.info("{}: stop requested; cancelling", token);
                    return EpochVerdict.CANCEL;
                case PRUNE:
                    leaseExpiresAt = before.plus(config.leaseDuration());
                    LOG.info("{}: pruned by the experiment's pruner; stopping", token);
                    return EpochVerdict.PRUNE;
                case LOST:
                default:
                    if (!lost) {
                        LOG.warn("{}: lease lost; abandoning", token);
                    }
                    lost = true;
                    return EpochVerdict.ABANDON;
            }
        }
    }

    private synchronized ScheduledExecutorService heartbeatTimer() {
        if (heartbeats == null) {
            heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "trial-heartbeat-" + workerId);
                t.setDaemon(true);
                return t;
            });
        }
        return heartbeats;
    }

    /** "IllegalArgumentException: too short; caused by ..." for the trial's error column. */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        Throwable t = e;
        for (int depth = 0; t != null && depth < 5; depth++, t = t.getCause()) {
            if (depth > 0) {
                sb.append("; caused by ");
            }
            sb.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                sb.append(": ").append(t.getMessage());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return sb.toString();
    }

    /**
     * THE claim loop, of the service's workers and of a worker process's threads alike: claims and trains trials
     * until {@link #stop()} is called or {@code budget} is spent. It waits {@link QueueConfig#pollInterval()} (or until
     * {@link #wake()}) whenever the queue is empty or the budget is held by trials in progress on other threads, and
     * {@link #backoffAfter} when the database failed; it refreshes the worker's registry row every
     * {@link QueueConfig#heartbeatInterval()}. A trial in progress is finished before it returns.
     */
    public void run(ClaimBudget budget) {
        LOG.info("worker {} started", workerId);
        while (!stopRequested) {
            if (!budget.tryReserve()) {
                if (budget.isSpent()) {
                    break;
                }
                pause(config.pollInterval());
                continue;
            }
            boolean worked = false;
            Duration failed = null;
            try {
                if (beatsRegistryInLoop) {
                    beatRegistryIfDue();
                }
                worked = runOnce();
            } catch (RuntimeException e) {
                // database unreachable (logged once per outage) or a queue error (logged each time)
                failed = backoffAfter(e);
            }
            if (worked) {
                if (budget.trialFinished()) {
                    LOG.info("{} trial(s) finished: the budget is spent", budget.finishedTrials());
                    break;
                }
            } else {
                budget.release();
                if (!stopRequested) {
                    pause(failed != null ? failed : config.pollInterval());
                }
            }
        }
        LOG.info("worker {} stopped", workerId);
    }

    private void beatRegistryIfDue() {
        if (!registered) {
            return;
        }
        Instant now = clock.instant();
        if (Duration.between(lastRegistryBeat, now).compareTo(config.heartbeatInterval()) >= 0) {
            if (!registry.beat(workerId)) {
                registered = false; // row deleted: register again before the next claim
            }
            lastRegistryBeat = now;
        }
    }

    /** Runs {@link #run(ClaimBudget)} without a budget on a new thread named {@code trial-worker-<id>}. */
    public synchronized void start() {
        if (loopThread != null) {
            throw new IllegalStateException("worker " + workerId + " was already started");
        }
        stopRequested = false;
        loopThread = new Thread(() -> run(ClaimBudget.unlimited()), "trial-worker-" + workerId);
        loopThread.start();
    }

    /**
     * Asks the loop to stop: it claims nothing more and returns once the trial in progress (if any) ended. A result
     * waiting for the database to come back is given up (the trial is left to the lease rescuer).
     */
    public void stop() {
        stopRequested = true;
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    /**
     * Stops as {@link #stop()} does, and the trial in progress at its next epoch: it is handed back to the queue at
     * once ({@link TrialQueue#release}), its attempt recorded as interrupted rather than failed, so another worker (or
     * this service after a restart) trains it again without waiting for its lease to run out. For a service or
     * worker process shutting down.
     */
    public void interrupt() {
        interruptRequested = true;
        stop();
    }

    /** Waits for a {@link #start() started} loop to return after {@link #stop()}. */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = loopThread;
        }
        if (t == null) {
            return true;
        }
        t.join(Math.max(1, timeout.toMillis()));
        return !t.isAlive();
    }

    /** Stops the loop (waiting for the trial in progress) and the heartbeat timer. */
    @Override
    public void close() throws InterruptedException {
        stop();
        awaitStopped(Duration.ofDays(1));
        synchronized (this) {
            if (heartbeats != null) {
                heartbeats.shutdownNow();
            }
        }
    }
}
