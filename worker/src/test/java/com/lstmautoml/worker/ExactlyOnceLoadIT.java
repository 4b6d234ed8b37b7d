package com.lstmautoml.worker;

import com.lstmautoml.core.testing.Rows;
import com.lstmautoml.core.testing.TestDatabase;
import com.lstmautoml.worker.bench.LoadBench;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The small, asserted version of {@link LoadBench}: 60 one-epoch trials queued at once for 3 real worker processes
 * racing for them. Runs in {@code mvn verify} (failsafe, after package).
 */
class ExactlyOnceLoadIT {

    @Test
    void everyTrialIsClaimedAndRecordedExactlyOnceByCompetingWorkerProcesses() throws Exception {
        TestDatabase.clean();
        Rows rows = new Rows(TestDatabase.dataSource());
        List<WorkerJar.Handle> fleet = LoadBench.startWorkers(TestDatabase.jdbcUrl(), "once", 3, "50ms");
        try {
            LoadBench.awaitRegistered(rows, fleet);
            long experiment = LoadBench.experiment(rows, "exactly-once");

            LoadBench.Result r = LoadBench.runBacklog(rows, experiment, 60, fleet, Duration.ofMinutes(3));

            // all 60 COMPLETED, each claimed once (attempt 1, no lost attempt), one model and one epoch row each
            assertThat(r.completed()).as("COMPLETED; a trial's error: %s", rows.trial(rows.count(
                    "SELECT min(id) FROM trial WHERE experiment_id = ?", experiment)).error()).isEqualTo(60);
            assertThat(r.firstAttempt()).isEqualTo(60);
            assertThat(r.models()).isEqualTo(60);
            assertThat(r.epochRows()).isEqualTo(60);
            assertThat(rows.count("SELECT count(*) FROM trial WHERE experiment_id = ? AND (epochs_run <> 1 "
                    + "OR worker_id IS NULL OR finished_at IS NULL)", experiment)).isZero();
            // the three processes all took part (they competed for the same rows)
            assertThat(r.distinctWorkers()).isEqualTo(3);
            for (WorkerJar.Handle w : fleet) {
                assertThat(w.process().isAlive()).as(w.log()).isTrue();
                assertThat(w.log()).doesNotContain("lease lost").doesNotContain("queue error");
            }
        } finally {
            for (WorkerJar.Handle w : fleet) {
                w.ensureGone();
            }
        }
    }
}
