package com.lstmautoml.worker;

import com.lstmautoml.core.queue.LeaseRescuer;
import com.lstmautoml.core.queue.QueueConfig;
import com.lstmautoml.core.testing.Rows;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One experiment of tiny trials for worker processes to train, the backend's part played by the test (the lease
 * rescuer, on the real clock, as the backend's {@code RescuerJob} runs it), and the checks in the database that every
 * trial was trained to its end and recorded exactly once.
 */
final class QueueRun implements AutoCloseable {

    final Rows rows;
    final long experimentId;
    final List<Long> trialIds;
    private final Thread rescuerThread;
    private final AtomicInteger rescued = new AtomicInteger();
    private volatile boolean closed;

    /**
     * @param maxEpochs each trial trains exactly this many epochs (patience = maxEpochs, so no early stop)
     */
    QueueRun(DataSource dataSource, String name, int trials, int maxEpochs) {
        rows = new Rows(dataSource);
        long dataset = rows.dataset("sine-" + name, Rows.sineTable(60));
        experimentId = rows.experiment(dataset, new Rows.ExperimentRow(name, "value", List.of(), maxEpochs,
                maxEpochs, WorkerProcessTest.SEED, 0.7, 0.15, 3), Instant.parse("2026-01-01T00:00:00Z"));
        trialIds = WorkerProcessTest.queueTinyTrials(rows, experimentId, trials);
        // what the scheduler counts when it creates trials
        rows.execute("UPDATE experiment SET trials_created = ? WHERE id = ?", trials, experimentId);
        LeaseRescuer rescuer = new LeaseRescuer(dataSource, Clock.systemUTC(), QueueConfig.DEFAULTS);
        rescuerThread = new Thread(() -> {
            while (!closed) {
                try {
                    rescued.addAndGet(rescuer.rescueOnce().total());
                } catch (RuntimeException databaseDown) {
                    // the backend's job logs it and runs again at its next tick
                }
                try {
                    Thread.sleep(200); // the rescuer's tick on the real clock, as the backend's RescuerJob runs
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "test-lease-rescuer");
        rescuerThread.setDaemon(true);
        rescuerThread.start();
    }

    /** Trials the rescuer requeued, failed or cancelled so far. */
    int rescued() {
        return rescued.get();
    }

    /** Trial count per state. */
    Map<String, Long> states() {
        Map<String, Long> out = new TreeMap<>();
        for (String s : List.of("QUEUED", "RUNNING", "COMPLETED", "PRUNED", "FAILED", "CANCELLED")) {
            long n = rows.count("SELECT count(*) FROM trial WHERE experiment_id = ? AND state = ?", experimentId, s);
            if (n > 0) {
                out.put(s, n);
            }
        }
        return out;
    }

    long count(String state) {
        return rows.count("SELECT count(*) FROM trial WHERE experiment_id = ? AND state = ?", experimentId, state);
    }

    /** Waits until no trial is QUEUED or RUNNING; fails with the states and the workers' logs after the timeout. */
    void awaitAllFinal(Duration timeout, WorkerJar.Handle... workers) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (rows.count("SELECT count(*) FROM trial WHERE experiment_id = ? AND state IN ('QUEUED', "
                        + "'RUNNING')", experimentId) == 0) {
                    return;
                }
            } catch (RuntimeException databaseDown) {
                // keep waiting
            }
            Thread.sleep(100); // polls: the workers are other processes, the database all they share
        }
        StringBuilder logs = new StringBuilder();
        for (WorkerJar.Handle w : workers) {
            logs.append("\n--- ").append(w.name()).append(" ---\n").append(w.log());
        }
        throw new AssertionError("trials not final after " + timeout + ": " + states() + logs);
    }

    /**
     * Every trial COMPLETED with exactly one model row and its full curve (epochs 0..epochs_run-1, each once), the
     * experiment's trial count equal to what was created, and the per-state counts adding up to it.
     */
    void assertEveryTrialCompletedOnce() {
        int n = trialIds.size();
        assertThat(states()).as("trials per state").isEqualTo(Map.of("COMPLETED", (long) n));
        assertThat(rows.count("SELECT trials_created FROM experiment WHERE id = ?", experimentId)).isEqualTo(n);
        assertThat(rows.count("SELECT count(*) FROM trial WHERE experiment_id = ?", experimentId)).isEqualTo(n);
        // exactly one model per completed trial, none for anything else
        assertThat(rows.count("SELECT count(*) FROM trial_model m JOIN trial t ON t.id = m.trial_id "
                + "WHERE t.experiment_id = ?", experimentId)).isEqualTo(n);
        assertThat(rows.count("SELECT count(*) FROM trial t WHERE t.experiment_id = ? AND NOT EXISTS "
                + "(SELECT 1 FROM trial_model m WHERE m.trial_id = t.id)", experimentId)).isZero();
        // each trial's curve is its last attempt's: as many epoch rows as epochs run, numbered 0..epochs_run-1
        assertThat(rows.count("""
                SELECT count(*) FROM trial t
                 WHERE t.experiment_id = ?
                   AND (t.epochs_run IS NULL
                        OR t.epochs_run <> (SELECT count(*) FROM trial_epoch e WHERE e.trial_id = t.id)
                        OR t.epochs_run - 1 <> (SELECT max(epoch) FROM trial_epoch e WHERE e.trial_id = t.id))
                """, experimentId)).as("trials whose epoch rows do not match epochs_run").isZero();
        // every result came with a validation RMSE and a finish time after its claim
        assertThat(rows.count("SELECT count(*) FROM trial WHERE experiment_id = ? AND (val_rmse IS NULL "
                + "OR finished_at < started_at OR worker_id IS NULL)", experimentId)).isZero();
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        rescuerThread.interrupt();
        rescuerThread.join(10_000);
    }
}
