package com.lstmautoml.worker;

import com.lstmautoml.core.testing.Rows;
import com.lstmautoml.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker process killed with SIGKILL in the middle of a trial: real worker processes (the packaged jar) on the real
 * embedded PostgreSQL, real (tiny) DL4J training. Runs in {@code mvn verify} (failsafe, after package).
 */
class WorkerKillIT {

    /** Short, so the killed worker's lease runs out within seconds; long enough that a loaded 2-core CI machine never
     * lets the live worker's own lease lapse between its heartbeats (each epoch and a timer). */
    private static final String LEASE = "8s";
    private static final int EPOCHS = 25;

    @Test
    void aTrialWhoseWorkerWasKilledIsRescuedAndFinishedOnceByAnotherWorker() throws Exception {
        TestDatabase.clean();
        // 3 trials of exactly 25 epochs (seconds each): long enough to be killed in the middle of one
        try (QueueRun run = new QueueRun(TestDatabase.dataSource(), "kill", 3, EPOCHS)) {
            Rows rows = run.rows;
            List<String> common = List.of("--db-url", TestDatabase.jdbcUrl(), "--threads", "1", "--lease", LEASE,
                    "--poll", "100ms");
            WorkerJar.Handle a = WorkerJar.start("kill-a", concat(common, "--id", "kill-a"));
            WorkerJar.Handle b = WorkerJar.start("kill-b", concat(common, "--id", "kill-b"));
            try {
                // worker a is some epochs into a trial
                long victim = awaitTrialInTraining(rows, run.experimentId, "kill-a", a);

                int status = a.kill();

                // it died by SIGKILL (128 + 9) with its trial RUNNING on attempt 1: killed mid-trial, nothing reported
                assertThat(status).isEqualTo(137);
                Rows.TrialRow atKill = rows.trial(victim);
                assertThat(atKill.state()).isEqualTo("RUNNING");
                assertThat(atKill.attempt()).isEqualTo(1);
                assertThat(atKill.workerId()).isEqualTo("kill-a");
                assertThat(rows.epochs(victim)).isNotEmpty().hasSizeLessThan(EPOCHS);

                run.awaitAllFinal(Duration.ofSeconds(120), a, b);

                // every trial COMPLETED exactly once, one model each, curves not duplicated, counts add up
                run.assertEveryTrialCompletedOnce();
                Rows.TrialRow rescued = rows.trial(victim);
                // the killed trial was rescued after its lease and finished by the other worker, on attempt 2, its
                // full curve that of attempt 2 only
                assertThat(rescued.attempt()).isEqualTo(2);
                assertThat(rescued.workerId()).isEqualTo("kill-b");
                assertThat(rescued.epochsRun()).isEqualTo(EPOCHS);
                assertThat(rescued.attemptErrors()).singleElement().asString()
                        .startsWith("attempt 1: lease expired at ").contains("on worker kill-a");
                // the other trials were claimed once
                for (long id : run.trialIds) {
                    if (id != victim) {
                        assertThat(rows.trial(id).attempt()).as("attempt of trial %d", id).isEqualTo(1);
                        assertThat(rows.trial(id).attemptErrors()).isEmpty();
                    }
                }
                assertThat(run.rescued()).isEqualTo(1);
                assertThat(b.log()).contains("claimed trial " + victim + " (experiment " + run.experimentId)
                        .contains("attempt 2)");
                assertThat(b.process().isAlive()).isTrue();
            } finally {
                a.ensureGone();
                b.ensureGone();
            }
        }
    }

    /** The id of the RUNNING trial of {@code worker} once it has reported at least 3 epochs. */
    static long awaitTrialInTraining(Rows rows, long experimentId, String worker, WorkerJar.Handle process)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline && process.process().isAlive()) {
            long id = rows.count("""
                    SELECT coalesce(min(t.id), 0) FROM trial t
                     WHERE t.experiment_id = ? AND t.state = 'RUNNING' AND t.worker_id = ?
                       AND (SELECT count(*) FROM trial_epoch e WHERE e.trial_id = t.id) >= 3
                    """, experimentId, worker);
            if (id > 0) {
                return id;
            }
            Thread.sleep(20); // polls: the worker is another process, the database all it shares
        }
        throw new AssertionError(worker + " never got 3 epochs into a trial; log:\n" + process.log());
    }

    static List<String> concat(List<String> head, String... tail) {
        List<String> out = new java.util.ArrayList<>(head);
        out.addAll(List.of(tail));
        return out;
    }
}
