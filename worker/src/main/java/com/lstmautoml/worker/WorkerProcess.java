package com.lstmautoml.worker;

import com.lstmautoml.core.metrics.QueueMetrics;
import com.lstmautoml.core.db.Jdbc;
import com.lstmautoml.core.queue.QueueConfig;
import com.lstmautoml.core.queue.TrialQueue;
import com.lstmautoml.core.queue.WorkerInfo;
import com.lstmautoml.core.queue.WorkerRegistry;
import com.lstmautoml.core.training.LstmTrainer;
import com.lstmautoml.core.training.NativeThreads;
import com.lstmautoml.core.db.DatabaseOutage;
import com.lstmautoml.core.worker.TrialInputRepository;
import com.lstmautoml.core.worker.ClaimBudget;
import com.lstmautoml.core.worker.TrialWorker;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.exceptionsorter.PostgreSQLExceptionSorter;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A worker process without its {@code main}: {@link #run()} connects, checks the schema, registers
 * {@link WorkerOptions#threads()} {@link TrialWorker}s (each with its own {@link LstmTrainer}) and trains trials until
 * {@link WorkerOptions#maxTrials()} trials are finished or {@link #stop()} is called, then returns.
 *
 * <p>Each worker thread runs the one claim loop, {@link TrialWorker#run(ClaimBudget)}, with the process's
 * {@code --max-trials} as their shared {@link ClaimBudget} (a claim is only made while it has room, so exactly that
 * many trials finish). One timer refreshes
 * every worker's row in the {@code worker} table every {@link QueueConfig#heartbeatInterval()}, also while a long
 * trial is training.
 *
 * <p>The process outlives database outages: a failed claim is retried with exponential backoff
 * ({@link TrialWorker#backoffAfter}), a trial in progress finishes or is abandoned by its worker's own rules, and the
 * pool replaces the connections a restart broke (see {@link #pool}). Each outage is logged once per thread, not once
 * per retry.
 *
 * <p>With {@link WorkerOptions#metricsPort()} the process serves its metrics while it runs ({@link MetricsServer}):
 * its queue counts on that server's registry.
 */
public final class WorkerProcess {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerProcess.class);

    /** SQLSTATE undefined_table. */
    private static final String UNDEFINED_TABLE = "42P01";

    /** The process cannot start: database unreachable, no schema. The message says what to do. */
    public static final class StartupException extends RuntimeException {
        public StartupException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final WorkerOptions options;
    private final Clock clock;
    private final CountDownLatch done = new CountDownLatch(1);
    /** Counted down once every worker is registered and its thread started. */
    private final CountDownLatch running = new CountDownLatch(1);
    private final AtomicReference<Throwable> fatal = new AtomicReference<>();
    private final ClaimBudget budget;
    private volatile boolean stopping;
    private volatile boolean started;
    private volatile List<TrialWorker> workers = List.of();
    private volatile MetricsServer metricsServer;

    public WorkerProcess(WorkerOptions options) {
        this(options, Clock.systemUTC());
    }

    WorkerProcess(WorkerOptions options, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (options.help()) {
            throw new IllegalArgumentException("options are for --help, not for a run");
        }
        this.budget = ClaimBudget.of(options.maxTrials(), () -> {
            LOG.info("{} trial(s) finished: stopping", options.maxTrials());
            stop();
        });
    }

    /** The port the metrics are served on, once they are (with {@code --metrics-port}; until run() returned). */
    public OptionalInt metricsPort() {
        MetricsServer m = metricsServer;
        return m == null ? OptionalInt.empty() : OptionalInt.of(m.port());
    }

    /** Trials finished so far (completed, failed, cancelled or abandoned after a lost lease). */
    public int finishedTrials() {
        return budget.finishedTrials();
    }

    /**
     * Runs the workers until {@code --max-trials} trials finished or {@link #stop()} was called; a trial in progress
     * is always finished first.
     *
     * @return the number of trials finished
     * @throws StartupException when the database cannot be reached or has no schema
     */
    public int run() {
        synchronized (this) {
            if (started) {
                throw new IllegalStateException("a WorkerProcess runs once");
            }
            started = true;
        }
        try {
            return runWorkers();
        } finally {
            done.countDown();
        }
    }

    private int runWorkers() {
        NativeThreads.Applied nativeThreads = NativeThreads.configure(options.nativeThreads());
        QueueConfig config = QueueConfig.DEFAULTS.withLeaseDuration(options.lease())
                .withPollInterval(options.poll());
        try (AgroalDataSource dataSource = pool(options); MetricsServer metrics = startMetrics(options)) {
            metricsServer = metrics;
            checkSchema(dataSource, options);
            WorkerInfo detected = WorkerInfo.detect("probe");
            List<String> ids = options.workerIds(detected.host(), ProcessHandle.current().pid());
            LOG.info("LSTM AutoML worker on host {}: ND4J backend {}, device {}, {} trial thread(s) {}, "
                            + "native threads: {}, database {} as {}, lease {}, poll {}{}",
                    detected.host(), detected.backend(), detected.device(), ids.size(), ids, nativeThreads,
                    WorkerOptions.safeUrl(options.dbUrl()), options.dbUser() == null ? "(driver default user)"
                            : options.dbUser(), config.leaseDuration(), config.pollInterval(),
                    options.maxTrials() > 0 ? ", stopping after " + options.maxTrials() + " trial(s)" : "");

            TrialQueue queue = new TrialQueue(dataSource, clock, config,
                    metrics == null ? QueueMetrics.none() : metrics.queueMetrics());
            WorkerRegistry registry = new WorkerRegistry(dataSource, clock);
            TrialInputRepository inputs = new TrialInputRepository(dataSource);
            List<WorkerInfo> infos = new ArrayList<>();
            List<TrialWorker> workers = new ArrayList<>();
            for (String id : ids) {
                WorkerInfo info = new WorkerInfo(id, detected.host(), detected.backend(), detected.device());
                registry.register(info);
                infos.add(info);
                TrialWorker worker = new TrialWorker(queue, inputs, new LstmTrainer(), registry, clock, info);
                worker.registryBeatenElsewhere(); // by beatAll below, also while a trial trains
                workers.add(worker);
            }
            this.workers = List.copyOf(workers);
            if (stopping) {
                stop(); // a stop() that came before the workers existed
            }
            DatabaseOutage registryOutage = new DatabaseOutage(LOG, "worker registry timer", clock);
            ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "worker-registry-beat");
                t.setDaemon(true);
                return t;
            });
            long beatMillis = config.heartbeatInterval().toMillis();
            beats.scheduleAtFixedRate(() -> beatAll(registry, infos, registryOutage, config.heartbeatInterval()),
                    beatMillis, beatMillis, TimeUnit.MILLISECONDS);
            List<Thread> threads = new ArrayList<>();
            try {
                for (TrialWorker w : workers) {
                    Thread t = new Thread(() -> loop(w), "trial-worker-" + w.workerId());
                    threads.add(t);
                    t.start();
                }
                running.countDown();
                for (Thread t : threads) {
                    joinUninterruptibly(t);
                }
            } finally {
                beats.shutdownNow();
                for (TrialWorker w : workers) {
                    try {
                        w.close(); // loops have ended: only stops each worker's heartbeat timer
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            Throwable error = fatal.get();
            if (error != null) {
                throw new IllegalStateException("a worker thread died: " + error, error);
            }
            LOG.info("worker process done: {} trial(s) finished", budget.finishedTrials());
            return budget.finishedTrials();
        } catch (SQLException e) {
            throw new StartupException("cannot set up a connection pool for " + WorkerOptions.safeUrl(options.dbUrl())
                    + ": " + e.getMessage(), e);
        } finally {
            metricsServer = null;
        }
    }

    /** The metrics server of {@code --metrics-port}, started; null without the option. */
    private static MetricsServer startMetrics(WorkerOptions o) {
        if (o.metricsPort() == null) {
            return null;
        }
        try {
            MetricsServer server = MetricsServer.start(o.metricsPort());
            LOG.info("serving metrics in Prometheus text on port {} (GET {})", server.port(), MetricsServer.PATH);
            return server;
        } catch (IOException e) {
            throw new StartupException("cannot serve metrics on port " + o.metricsPort() + " (--metrics-port): "
                    + e.getMessage(), e);
        }
    }

    /** One worker's thread: the claim loop; an Error (out of memory, a native crash) ends the process. */
    private void loop(TrialWorker worker) {
        try {
            worker.run(budget);
        } catch (Error e) {
            LOG.error("worker {} died", worker.workerId(), e);
            fatal.compareAndSet(null, e);
            stop();
        }
    }

    private void beatAll(WorkerRegistry registry, List<WorkerInfo> infos, DatabaseOutage outage, Duration every) {
        for (WorkerInfo info : infos) {
            try {
                if (!registry.beat(info.id())) {
                    registry.register(info); // the row was deleted meanwhile: claims reference it
                }
                outage.recovered();
            } catch (RuntimeException e) {
                if (Jdbc.isTransient(e)) {
                    outage.failed("refresh the worker row of " + info.id(), e, every);
                    return; // the other rows would fail the same way
                }
                LOG.warn("could not refresh the worker row of {}", info.id(), e);
            }
        }
    }

    /**
     * Claims nothing more; {@link #run()} returns once the trials in progress have ended (a result waiting for an
     * unreachable database is given up and left to the lease rescuer). Safe from any thread.
     */
    public void stop() {
        stopping = true;
        for (TrialWorker w : workers) {
            w.stop();
        }
    }

    /** Waits until every worker is registered and its claim loop started; false on timeout. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return running.await(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Waits until {@code n} trials have finished on this process's workers; false on timeout. */
    public boolean awaitTrialsEnded(int n, Duration timeout) throws InterruptedException {
        return budget.awaitFinished(n, timeout);
    }

    /** Waits until {@link #run()} returned (or was never called and never will be: returns false on timeout). */
    public boolean awaitDone(Duration timeout) throws InterruptedException {
        return done.await(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A small Agroal pool: each worker needs one connection for its loop and one for its lease timer, plus one for
     * the registry timer. After a database restart every pooled connection is dead: a connection idle for more than a
     * second is validated before it is handed out (so the first call after the restart gets a new one instead of an
     * I/O error), and one that fails anyway is dropped (PostgreSQL exception sorter).
     */
    public static AgroalDataSource pool(WorkerOptions o) throws SQLException {
        int max = 2 * o.threads() + 2;
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool
                        .initialSize(0)
                        .minSize(0)
                        .maxSize(max)
                        .acquisitionTimeout(Duration.ofSeconds(30))
                        .idleValidationTimeout(Duration.ofSeconds(1))
                        .reapTimeout(Duration.ofMinutes(5))
                        .connectionValidator(ConnectionValidator.defaultValidator())
                        .exceptionSorter(new PostgreSQLExceptionSorter())
                        .connectionFactoryConfiguration(cf -> {
                            cf.jdbcUrl(o.dbUrl())
                                    .connectionProviderClass(org.postgresql.Driver.class)
                                    .loginTimeout(Duration.ofSeconds(10));
                            if (o.dbUser() != null) {
                                cf.principal(new NamePrincipal(o.dbUser()));
                            }
                            if (o.dbPassword() != null) {
                                cf.credential(new SimplePassword(o.dbPassword()));
                            }
                            return cf;
                        })));
    }

    /**
     * Fails with a message saying what to do when the database cannot be reached or lacks the tables (the backend
     * owns the schema and migrates it; a worker never does).
     */
    static void checkSchema(DataSource dataSource, WorkerOptions o) {
        String url = WorkerOptions.safeUrl(o.dbUrl());
        try (Connection c = dataSource.getConnection()) {
            String database = c.getCatalog();
            try (Statement s = c.createStatement()) {
                s.executeQuery("SELECT 1 FROM trial LIMIT 1").close();
                s.executeQuery("SELECT 1 FROM worker LIMIT 1").close();
            } catch (SQLException e) {
                if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                    throw new StartupException("database " + database + " (" + url
                            + ") has no LSTM AutoML schema; start the backend once against it", e);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StartupException("cannot use database " + url
                    + (o.dbUser() == null ? "" : " as user " + o.dbUser()) + ": " + e.getMessage(), e);
        }
    }
}
