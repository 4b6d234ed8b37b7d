package com.lstmautoml.backend.service;


import com.lstmautoml.backend.config.AutomlConfig;
import com.lstmautoml.backend.config.Json;
import com.lstmautoml.backend.domain.Experiment;
import com.lstmautoml.backend.domain.ExperimentState;
import com.lstmautoml.backend.domain.Trial;
import com.lstmautoml.core.experiment.ExperimentStopReason;
import com.lstmautoml.core.db.Jdbc;
import com.lstmautoml.core.queue.TrialQueue;
import com.lstmautoml.core.search.Proposal;
import com.lstmautoml.core.search.SearchContext;
import com.lstmautoml.core.search.SearchStrategies;
import com.lstmautoml.core.search.SearchStrategy;
import com.lstmautoml.core.search.TrialRecord;
import com.lstmautoml.core.space.SearchSpace;
import com.lstmautoml.core.queue.TrialParamsJson;
import com.lstmautoml.core.trial.TrialState;
import com.lstmautoml.core.db.DatabaseOutage;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.hibernate.LockOptions;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Keeps each running experiment supplied: up to {@code parallelism} trials QUEUED or RUNNING, new candidates from
 * the experiment's search strategy as trials finish, until it has a reason to stop queueing
 * ({@link ExperimentStopReason}: {@code maxTrials} queued, the space exhausted, or its {@code timeBudget} spent, from
 * its {@code createdAt} on the injected clock); that reason is recorded the moment queueing stops, and the experiment
 * becomes COMPLETED once no trial of it is QUEUED or RUNNING. When the time budget runs out, its QUEUED trials are
 * cancelled (then and at every later pass: a trial requeued after an interrupted attempt does not run either) and its
 * RUNNING ones finish; the reason is TIME_BUDGET unless queueing had stopped for another reason before and no trial
 * was waiting. Runs on a timer and right after an experiment is created. The experiment row is locked (SKIP
 * LOCKED) while topping up, so several backends never create the same trial.
 */
@ApplicationScoped
public class ExperimentScheduler {

    private static final Logger LOG = Logger.getLogger(ExperimentScheduler.class);

    private final Clock clock;
    private final AutomlConfig config;
    private final SearchSpaces spaces;
    private final TrialQueue queue;
    private final AgroalDataSource dataSource;

    /** Logs a database outage once (and its end) instead of a stack trace per tick. */
    private final DatabaseOutage outage;
    /** Registers the after-commit calls of {@link #onTrialsQueued}'s listeners. */
    private final TransactionSynchronizationRegistry transactions;
    /** Called after a transaction that queued trials committed (the in-process workers wake up). */
    private final List<Runnable> queuedListeners = new CopyOnWriteArrayList<>();
    /** Runs the passes {@link #nudge()} asks for, one at a time; a nudge while one waits adds nothing. */
    private final ExecutorService nudges = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "experiment-scheduler-nudge");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean nudgePending = new AtomicBoolean();
    /** An experiment's strategy by its name; a test's scheduler gives a stub ({@link #withStrategies}). */
    private Function<String, SearchStrategy> strategies = SearchStrategies::forName;

    public ExperimentScheduler(Clock clock, AutomlConfig config, SearchSpaces spaces, TrialQueue queue,
                               AgroalDataSource dataSource, TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
        this.clock = clock;
        this.config = config;
        this.spaces = spaces;
        this.queue = queue;
        this.dataSource = dataSource;
        this.outage = new DatabaseOutage(LoggerFactory.getLogger(ExperimentScheduler.class), "experiment scheduler",
                clock);
    }

    /**
     * A pass now, on a thread of the scheduler's own, besides the ticks: a worker calls it when a trial ended, so the
     * experiment's next trial is queued at once rather than at the next tick (measured: about 1 s per trial with one
     * worker, TimeToQualityBench). Passes never overlap on one experiment: each locks the experiment's row and skips
     * it when another pass holds it.
     */
    public void nudge() {
        if (nudgePending.compareAndSet(false, true)) {
            try {
                nudges.execute(() -> {
                    nudgePending.set(false);
                    try {
                        tick();
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "a scheduler pass after a trial ended failed; the next tick tries again");
                    }
                });
            } catch (RejectedExecutionException stopping) {
                nudgePending.set(false);
            }
        }
    }

    /** This scheduler asking {@code lookup} for an experiment's strategy (tests: a stub's proposals). */
    ExperimentScheduler withStrategies(Function<String, SearchStrategy> lookup) {
        this.strategies = lookup;
        return this;
    }

    /** {@code listener} runs after each transaction that queued trials has committed. */
    public void onTrialsQueued(Runnable listener) {
        queuedListeners.add(listener);
    }

    @PreDestroy
    void stopNudges() {
        nudges.shutdownNow();
    }

    @Scheduled(every = "${automl.scheduler.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        List<Long> running;
        try {
            running = QuarkusTransaction.requiringNew().call(() -> Experiment.<Experiment>find(
                    "state", ExperimentState.RUNNING).project(IdOnly.class).list().stream().map(IdOnly::id).toList());
            outage.recovered();
        } catch (RuntimeException e) {
            if (!Jdbc.isTransient(e)) {
                throw e;
            }
            // the database is down or restarting: logged once, tried again at the next tick
            outage.failed("list running experiments", e, Duration.ofSeconds(1));
            return;
        }
        for (Long id : running) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    Experiment e = Experiment.getEntityManager().find(Experiment.class, id,
                            LockModeType.PESSIMISTIC_WRITE,
                            Map.of("jakarta.persistence.lock.timeout", LockOptions.SKIP_LOCKED));
                    if (e != null && e.state == ExperimentState.RUNNING) {
                        topUp(e);
                    }
                });
            } catch (RuntimeException ex) {
                if (Jdbc.isTransient(ex)) {
                    outage.failed("schedule trials of experiment " + id, ex, Duration.ofSeconds(1));
                    return;
                }
                LOG.errorf(ex, "could not schedule trials of experiment %d", id);
            }
        }
    }

    /**
     * Creates the trials the experiment lacks, stops queueing when it has a reason to (recording it in
     * {@code stop_reason}) and completes it when no trial is left to finish. Caller holds the row lock.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void topUp(Experiment e) {
        Instant now = clock.instant();
        Instant budgetEnd = e.budgetEndsAt();
        if (budgetEnd != null && !now.isBefore(budgetEnd)) {
            int cancelled = cancelQueued(e);
            // the budget is the reason unless queueing had stopped for another one and nothing waited to start
            if (e.stopReason == null || (cancelled > 0 && e.stopReason != ExperimentStopReason.TIME_BUDGET)) {
                e.stopReason = ExperimentStopReason.TIME_BUDGET;
                LOG.infof("experiment %d (%s): time budget %s spent, %d queued trials cancelled, no further trial"
                        + " is queued", e.id, e.name, e.timeBudget(), cancelled);
            }
        }
        long active = Trial.count("experimentId = ?1 and state in ?2", e.id,
                List.of(TrialState.QUEUED, TrialState.RUNNING));
        if (e.stopReason == null && active < e.parallelism && e.trialsCreated < e.maxTrials) {
            SearchSpace space = spaces.read(e);
            List<TrialRecord> history = history(e.id);
            var strategy = strategies.apply(e.strategy);
            // a forecast's network reads the target and its features; a text's, one input per vocabulary symbol
            int inputs = e.generates() ? DatasetService.vocabularySize(e.dataset) : 1 + e.features.length;
            if (!queuedListeners.isEmpty()) {
                wakeAfterCommit();
            }
            while (active < e.parallelism && e.trialsCreated < e.maxTrials) {
                Optional<Proposal> proposal = strategy.propose(
                        new SearchContext(space, inputs, e.seed, history, e.maxTrials, e.tpeMultivariate));
                if (proposal.isEmpty()) {
                    e.stopReason = ExperimentStopReason.SPACE_EXHAUSTED;
                    break;
                }
                int number = enqueue(e, proposal.get());
                history.add(new TrialRecord(number, proposal.get().params(), TrialState.QUEUED, null));
                active++;
            }
        }
        if (e.stopReason == null && e.trialsCreated >= e.maxTrials) {
            e.stopReason = ExperimentStopReason.MAX_TRIALS;
        }
        if (active == 0 && e.stopReason != null) {
            e.state = ExperimentState.COMPLETED;
            e.finishedAt = now;
            LOG.infof("experiment %d (%s) completed with %d trials (%s)", e.id, e.name, e.trialsCreated,
                    e.stopReason.description());
        }
    }

    /** Calls the {@link #onTrialsQueued} listeners once this transaction has committed. */
    private void wakeAfterCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    queuedListeners.forEach(Runnable::run);
                }
            }
        });
    }

    /** Cancels the experiment's QUEUED trials in this transaction (RUNNING ones finish); how many. */
    private int cancelQueued(Experiment e) {
        Trial.flush();
        try (Connection c = dataSource.getConnection()) {
            return queue.cancelQueued(c, e.id).cancelled();
        } catch (SQLException ex) {
            throw new IllegalStateException("could not cancel the queued trials of experiment " + e.id, ex);
        }
    }

    /** Queues the proposal as the experiment's next trial, through the queue, in this transaction; its number. */
    private int enqueue(Experiment e, Proposal p) {
        int number = e.trialsCreated;
        TrialQueue.NewTrial row = TrialQueue.NewTrial.search(e.id, number, TrialParamsJson.write(p.params()),
                p.modelConfigJson(), e.maxAttempts, clock.instant());
        Experiment.getEntityManager().unwrap(Session.class).doWork(c -> queue.enqueue(c, row));
        e.trialsCreated++;
        return number;
    }

    private static List<TrialRecord> history(long experimentId) {
        List<TrialRecord> history = new ArrayList<>();
        for (Trial t : Trial.<Trial>list("experimentId = ?1 order by number", experimentId)) {
            history.add(new TrialRecord(t.number, TrialParamsJson.parse(t.params), t.state, t.valRmse,
                    t.epochsRun));
        }
        return history;
    }

    /** Projection for the scan of running experiments. */
    public record IdOnly(Long id) {
    }
}
