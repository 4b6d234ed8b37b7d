package com.lstmautoml.worker.bench;

import com.lstmautoml.core.testing.Rows;
import com.lstmautoml.core.testing.TestDatabase;
import com.lstmautoml.worker.WorkerJar;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The queue under load: {@code --trials} tiny trials (1 epoch each) queued at once for {@code --workers} real worker
 * processes (the packaged {@code target/worker.jar}, one trial thread each) on the embedded PostgreSQL, after a
 * warm-up of 2 trials per process (not measured: the first trial of a process loads ND4J's native code), then a
 * trickle of {@code --trickle} trials queued one by one while the workers are idle. Prints claims per second, the
 * queue latency (queued → claimed: {@code started_at - queued_at}, set by the claim statement) as p50/p95/max, and
 * checks in the database that every trial was claimed and recorded exactly once. Figures only; nothing is asserted
 * about them ({@code ExactlyOnceLoadIT} is the test).
 *
 * <pre>
 * mvn -B -q -pl db-migrations,core,worker package -DskipTests
 * mvn -B -q -pl worker exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=com.lstmautoml.worker.bench.LoadBench [-Dexec.args="--trials 1000 --workers 8"]
 * </pre>
 * (run from the repository root; the worker jar is found at {@code worker/target/worker.jar}).
 */
public final class LoadBench {

    /** The figures of one load run, from the database. */
    public record Result(int trials, int workers, double drainSeconds, double claimsPerSecond,
                         double trialsPerSecond, double p50Ms, double p95Ms, double maxMs, long completed,
                         long firstAttempt, long models, long epochRows, long distinctWorkers, long minPerWorker,
                         long maxPerWorker) {

        public boolean exactlyOnce() {
            return completed == trials && firstAttempt == trials && models == trials && epochRows == trials;
        }

        String line(String phase) {
            return String.format(Locale.ROOT, "%-8s %5d trials, %d workers: drained in %.1f s, %.1f claims/s "
                            + "(%.1f trials/s finished); queued->claimed p50 %.0f ms, p95 %.0f ms, max %.0f ms; "
                            + "per worker %d..%d trials; exactly once: %s (%d COMPLETED, %d on attempt 1, %d models, "
                            + "%d epoch rows)", phase, trials, workers, drainSeconds, claimsPerSecond,
                    trialsPerSecond, p50Ms, p95Ms, maxMs, minPerWorker, maxPerWorker, exactlyOnce(), completed,
                    firstAttempt, models, epochRows);
        }
    }

    private LoadBench() {
    }

    public static void main(String[] args) throws Exception {
        int trials = 1000;
        int workers = 8;
        int trickle = 100;
        String poll = "200ms";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--trials" -> trials = Integer.parseInt(args[++i]);
                case "--workers" -> workers = Integer.parseInt(args[++i]);
                case "--trickle" -> trickle = Integer.parseInt(args[++i]);
                case "--poll" -> poll = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--trials N --workers N --trickle N --poll DURATION)");
            }
        }
        System.out.printf(Locale.ROOT, "LoadBench: %d trials at once, then %d one by one, %d worker processes "
                + "(1 thread each, --poll %s), %d CPU cores%n", trials, trickle, workers, poll,
                Runtime.getRuntime().availableProcessors());
        TestDatabase.clean();
        Rows rows = new Rows(TestDatabase.dataSource());
        List<WorkerJar.Handle> fleet = startWorkers(TestDatabase.jdbcUrl(), "load", workers, poll);
        try {
            awaitRegistered(rows, fleet);
            // warm-up, not measured: each process's first trial loads ND4J's native code (seconds)
            Result warm = runBacklog(rows, experiment(rows, "load-warm-up"), 2 * workers, fleet,
                    Duration.ofMinutes(5));
            System.out.println(warm.line("warm-up"));
            long backlog = experiment(rows, "load-backlog");
            Result r = runBacklog(rows, backlog, trials, fleet, Duration.ofMinutes(30));
            System.out.println(r.line("backlog"));
            if (trickle > 0) {
                long trickled = experiment(rows, "load-trickle");
                Result t = runTrickle(rows, trickled, trickle, Duration.ofMillis(100), fleet);
                System.out.println(t.line("trickle"));
            }
        } finally {
            for (WorkerJar.Handle w : fleet) {
                w.process().destroy();
            }
            for (WorkerJar.Handle w : fleet) {
                w.terminate(60);
            }
        }
        System.exit(0);
    }

    /** {@code n} worker processes named {@code <name>-1..n}, one trial thread each. */
    public static List<WorkerJar.Handle> startWorkers(String jdbcUrl, String name, int n, String poll) {
        List<WorkerJar.Handle> fleet = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            fleet.add(WorkerJar.start(name + "-" + i, List.of("--db-url", jdbcUrl, "--id", name + "-" + i,
                    "--threads", "1", "--poll", poll)));
        }
        return fleet;
    }

    /** Waits until every process registered its worker row (so JVM start-up is not counted as queue latency). */
    public static void awaitRegistered(Rows rows, List<WorkerJar.Handle> fleet) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            long n = 0;
            for (WorkerJar.Handle w : fleet) {
                if (!w.process().isAlive()) {
                    throw new IllegalStateException(w.name() + " exited: " + w.log());
                }
                n += rows.count("SELECT count(*) FROM worker WHERE id = ?", w.name());
            }
            if (n == fleet.size()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("workers did not register within 3 minutes");
    }

    /** A RUNNING experiment whose trials train exactly 1 epoch. */
    public static long experiment(Rows rows, String name) {
        long dataset = rows.dataset("sine-" + name, Rows.sineTable(60));
        return rows.experiment(dataset, new Rows.ExperimentRow(name, "value", List.of(), 1, 1, 42, 0.7, 0.15, 3),
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** Queues {@code n} tiny trials at once (one transaction, queued_at = now) and waits until all are final. */
    public static Result runBacklog(Rows rows, long experimentId, int n, List<WorkerJar.Handle> fleet,
                                    Duration timeout) throws InterruptedException {
        queue(rows, experimentId, n, Instant.now());
        awaitFinal(rows, experimentId, fleet, timeout);
        return measure(rows, experimentId, n, fleet.size());
    }

    /** Queues {@code n} tiny trials one at a time, {@code every} apart, and waits until all are final. */
    public static Result runTrickle(Rows rows, long experimentId, int n, Duration every, List<WorkerJar.Handle> fleet)
            throws InterruptedException {
        for (int i = 0; i < n; i++) {
            queue(rows, experimentId, 1, Instant.now());
            Thread.sleep(every.toMillis());
        }
        awaitFinal(rows, experimentId, fleet, Duration.ofMinutes(5));
        return measure(rows, experimentId, n, fleet.size());
    }

    /**
     * Inserts {@code n} QUEUED trials of the tiny model (its params and real DL4J configuration, as the scheduler
     * writes them) numbered on from the experiment's {@code trials_created}, in one statement: workers polling
     * meanwhile see all of them or none.
     */
    private static void queue(Rows rows, long experimentId, int n, Instant at) {
        rows.execute("""
                WITH e AS (UPDATE experiment SET trials_created = trials_created + ? WHERE id = ?
                           RETURNING id, trials_created)
                INSERT INTO trial (experiment_id, number, state, priority, params, model_config, max_attempts,
                                   queued_at)
                SELECT e.id, g, 'QUEUED', 1, CAST(? AS jsonb), ?, 3, ?
                  FROM e, generate_series(e.trials_created - ?, e.trials_created - 1) g
                """, n, experimentId, com.lstmautoml.core.queue.TrialParamsJson.write(TINY),
                com.lstmautoml.core.training.LstmNetwork.configurationJson(1, TINY, 42), at, n);
    }

    /** The worker tests' tiny model: 1 LSTM layer of 4 units, look-back 2, batch 8. */
    public static final com.lstmautoml.core.trial.TrialParams TINY =
            new com.lstmautoml.core.trial.TrialParams(4, 1, 2, 0.0, 8, 0.01);

    private static void awaitFinal(Rows rows, long experimentId, List<WorkerJar.Handle> fleet, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (rows.count("SELECT count(*) FROM trial WHERE experiment_id = ? AND state IN ('QUEUED', 'RUNNING')",
                experimentId) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("trials not final after " + timeout);
            }
            for (WorkerJar.Handle w : fleet) {
                if (!w.process().isAlive()) {
                    throw new IllegalStateException(w.name() + " exited: " + w.log());
                }
            }
            Thread.sleep(100);
        }
    }

    private static Result measure(Rows rows, long experimentId, int n, int workers) {
        double drainMs = millis(rows, "SELECT (extract(epoch FROM max(finished_at) - min(queued_at)) * 1000)::bigint "
                + "FROM trial WHERE experiment_id = ?", experimentId);
        double claimSpanMs = millis(rows, "SELECT (extract(epoch FROM max(started_at) - min(started_at)) * 1000)"
                + "::bigint FROM trial WHERE experiment_id = ?", experimentId);
        double p50 = latency(rows, experimentId, "0.5");
        double p95 = latency(rows, experimentId, "0.95");
        double max = latency(rows, experimentId, "1.0");
        long completed = rows.count("SELECT count(*) FROM trial WHERE experiment_id = ? AND state = 'COMPLETED'",
                experimentId);
        long firstAttempt = rows.count("SELECT count(*) FROM trial WHERE experiment_id = ? AND attempt = 1 "
                + "AND cardinality(attempt_errors) = 0", experimentId);
        long models = rows.count("SELECT count(*) FROM trial_model m JOIN trial t ON t.id = m.trial_id "
                + "WHERE t.experiment_id = ?", experimentId);
        long epochRows = rows.count("SELECT count(*) FROM trial_epoch e JOIN trial t ON t.id = e.trial_id "
                + "WHERE t.experiment_id = ?", experimentId);
        long distinct = rows.count("SELECT count(DISTINCT worker_id) FROM trial WHERE experiment_id = ?",
                experimentId);
        long minPer = rows.count("SELECT coalesce(min(c), 0) FROM (SELECT count(*) c FROM trial "
                + "WHERE experiment_id = ? GROUP BY worker_id) x", experimentId);
        long maxPer = rows.count("SELECT coalesce(max(c), 0) FROM (SELECT count(*) c FROM trial "
                + "WHERE experiment_id = ? GROUP BY worker_id) x", experimentId);
        double claimsPerSecond = claimSpanMs > 0 ? (n - 1) * 1000.0 / claimSpanMs : Double.NaN;
        return new Result(n, workers, drainMs / 1000.0, claimsPerSecond, n * 1000.0 / drainMs, p50, p95, max,
                completed, firstAttempt, models, epochRows, distinct, minPer, maxPer);
    }

    private static double latency(Rows rows, long experimentId, String fraction) {
        return millis(rows, "SELECT (percentile_cont(" + fraction + ") WITHIN GROUP (ORDER BY extract(epoch FROM "
                + "started_at - queued_at)) * 1000)::bigint FROM trial WHERE experiment_id = ?", experimentId);
    }

    private static double millis(Rows rows, String sql, long experimentId) {
        return rows.count(sql, experimentId);
    }
}
