package com.lstmautoml.worker.bench;

import com.lstmautoml.core.queue.ClaimedTrial;
import com.lstmautoml.core.queue.QueueConfig;
import com.lstmautoml.core.queue.TrialQueue;
import com.lstmautoml.core.queue.WorkerRegistry;
import com.lstmautoml.core.testing.QueueFixture;
import com.lstmautoml.core.testing.Rows;
import com.lstmautoml.core.testing.TestDatabase;
import com.lstmautoml.core.training.StopReason;
import com.lstmautoml.core.training.TrainingResult;
import com.lstmautoml.worker.WorkerOptions;
import com.lstmautoml.worker.WorkerProcess;
import io.agroal.api.AgroalDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The queue's own capacity, without training: {@code --threads} claimers (each its own TrialQueue on one Agroal pool,
 * as worker threads are) claim one trial at a time and complete it at once with a one-epoch result, until
 * {@code --trials} trials queued up front are drained. Prints claims per second and, from the database, how many
 * trials were claimed more than once (must be 0). LoadBench measures the whole path with real training; this
 * isolates the claim statement, the completion and PostgreSQL.
 *
 * <pre>
 * mvn -B -q -pl db-migrations,core,worker test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt \
 *     -Dmdep.includeScope=test
 * java -cp "worker/target/test-classes:worker/target/classes:$(cat worker/target/cp.txt)" \
 *     com.lstmautoml.worker.bench.QueueBench [--trials 5000 --threads 8]
 * </pre>
 */
public final class QueueBench {

    private QueueBench() {
    }

    public static void main(String[] args) throws Exception {
        int trials = 5000;
        int threads = 8;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--trials" -> trials = Integer.parseInt(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        TestDatabase.dataSource();
        WorkerOptions options = WorkerOptions.parse(List.of("--db-url", TestDatabase.jdbcUrl(), "--threads",
                String.valueOf(threads)), Map.of());
        try (AgroalDataSource pool = WorkerProcess.pool(options)) {
            Clock clock = Clock.systemUTC();
            Rows rows = new Rows(pool);
            long dataset = rows.dataset("queue-bench-" + System.nanoTime(), Rows.sineTable(30));
            long experiment = rows.experiment(dataset, "value", clock.instant());
            rows.queuedTrials(experiment, trials, clock.instant());
            WorkerRegistry registry = new WorkerRegistry(pool, clock);
            AtomicInteger claims = new AtomicInteger();
            ExecutorService executor = Executors.newFixedThreadPool(threads);
            long start = System.nanoTime();
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String worker = "bench-" + t;
                registry.register(QueueFixture.info(worker));
                TrialQueue queue = new TrialQueue(pool, clock, QueueConfig.DEFAULTS);
                done.add(executor.submit(() -> {
                    while (true) {
                        List<ClaimedTrial> got = queue.claim(worker, 1);
                        if (got.isEmpty()) {
                            return null;
                        }
                        claims.incrementAndGet();
                        queue.complete(got.get(0).token(), result());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            executor.shutdown();
            try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE state = 'COMPLETED'),"
                         + " count(*) FILTER (WHERE attempt <> 1), count(*) FROM trial WHERE experiment_id = "
                         + experiment)) {
                rs.next();
                System.out.printf(Locale.ROOT, "%d trials, %d claimer threads on one pool (%s cores): drained in "
                                + "%.2f s, %.0f claims/s (each claim + complete); %d COMPLETED, %d claimed more than"
                                + " once%n", trials, threads, Runtime.getRuntime().availableProcessors(), seconds,
                        claims.get() / seconds, rs.getLong(1), rs.getLong(2));
            }
        }
    }

    private static TrainingResult result() {
        return new TrainingResult(1.0, 1.0, 1.0, 1.0, 1, 0, StopReason.MAX_EPOCHS,
                List.of(new TrainingResult.EpochLoss(0, 1.0, 1.0, 1.0)), new byte[] {1}, "{}", List.of("t"),
                new double[] {1}, new double[] {1});
    }
}
