package com.lstmautoml.core.queue;

import com.lstmautoml.core.testing.QueueFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Cancelling an experiment's trials: all of them (a cancelled experiment) or the queued ones (a spent time budget). */
class TrialQueueCancelTest {

    private QueueFixture f;
    private ClaimedTrial running;
    private List<Long> queued;

    @BeforeEach
    void setUp() {
        f = new QueueFixture();
        String worker = f.worker("w-1");
        f.rows.queuedTrials(f.experimentId, 1, f.clock.instant());
        running = f.queue.claim(worker, 1).get(0);
        f.clock.advance(Duration.ofSeconds(5));
        queued = f.rows.queuedTrials(f.experimentId, 2, f.clock.instant());
    }

    @Test
    void cancelQueuedCancelsTheQueuedTrialsAndLeavesTheRunningOneToFinish() throws Exception {
        CancelCounts counts;
        try (Connection c = f.dataSource.getConnection()) {
            counts = f.queue.cancelQueued(c, f.experimentId);
        }

        // the two queued trials are CANCELLED at once, with the time
        assertThat(counts).isEqualTo(new CancelCounts(2, 0));
        for (long id : queued) {
            assertThat(f.rows.trial(id).state()).isEqualTo("CANCELLED");
            assertThat(f.rows.trial(id).finishedAt()).isEqualTo(f.clock.instant());
        }
        // the running trial goes on: still RUNNING, no stop requested, its next heartbeat says CONTINUE
        assertThat(f.rows.trial(running.trialId()).state()).isEqualTo("RUNNING");
        assertThat(f.rows.trial(running.trialId()).stopRequested()).isFalse();
        assertThat(f.queue.heartbeat(running.token())).isEqualTo(HeartbeatAnswer.CONTINUE);
    }

    @Test
    void cancelExperimentAlsoStopsTheRunningTrial() {
        CancelCounts counts = f.queue.cancelExperiment(f.experimentId);

        // the queued ones are cancelled and the running one is asked to stop
        assertThat(counts).isEqualTo(new CancelCounts(2, 1));
        assertThat(f.rows.trial(running.trialId()).stopRequested()).isTrue();
        assertThat(f.queue.heartbeat(running.token())).isEqualTo(HeartbeatAnswer.STOP);
    }
}
