package com.lstmautoml.backend.events;

import com.lstmautoml.backend.testing.EmbeddedPostgresResource;
import com.lstmautoml.backend.testing.SyntheticExperiments;
import com.lstmautoml.core.api.TrialEvents;
import com.lstmautoml.core.api.TrialEvents.Changes;
import com.lstmautoml.core.queue.ClaimToken;
import com.lstmautoml.core.queue.HeartbeatAnswer;
import com.lstmautoml.core.queue.TrialQueue;
import com.lstmautoml.core.training.TrainingResult;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's TrialEvents end to end: a trial changed through the real queue (as any worker process changes it, by
 * its own database transaction) is announced by PostgreSQL and reaches a subscriber of that experiment; the listener
 * reconnects after the database restarts.
 */
@QuarkusTest
class TrialEventsTest {

    @Inject
    TrialEvents events;

    @Inject
    TrialEventsBeans beans;

    @Inject
    TrialQueue queue;

    @Inject
    AgroalDataSource dataSource;

    /** The running trial of a synthetic experiment, and its claim (the synthetic row's attempt 1). */
    private ClaimToken runningTrial(long experimentId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT id, attempt FROM trial WHERE experiment_id = ? AND state = 'RUNNING'")) {
            ps.setLong(1, experimentId);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return new ClaimToken(rs.getLong(1), rs.getInt(2), "events-test");
            }
        }
    }

    /**
     * The first delivery within {@code within} that names trial {@code trialId}, or null (others, such as the inserts
     * of the synthetic rows and the re-read-everything after a (re)connection, are skipped).
     */
    private static Changes naming(LinkedBlockingQueue<Changes> heard, long trialId, Duration within)
            throws InterruptedException {
        return first(heard, within, c -> c.trials().contains(trialId));
    }

    /** The first delivery within {@code within} that records an epoch of trial {@code trialId}, or null. */
    private static Changes epochOf(LinkedBlockingQueue<Changes> heard, long trialId, Duration within)
            throws InterruptedException {
        return first(heard, within, c -> c.epochs().contains(trialId));
    }

    /** The first delivery within {@code within} that is not a re-read-everything and matches, or null. */
    private static Changes first(LinkedBlockingQueue<Changes> heard, Duration within,
                                 java.util.function.Predicate<Changes> matches) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            Changes c = heard.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (c != null && !c.everything() && matches.test(c)) {
                return c;
            }
        }
        return null;
    }

    @Test
    void aTrialChangedThroughTheQueueIsAnnouncedToItsExperimentsSubscribers() throws Exception {
        long mine = SyntheticExperiments.insertRunning(dataSource, "events-" + System.nanoTime(), 2);
        long other = SyntheticExperiments.insertRunning(dataSource, "events-other-" + System.nanoTime(), 2);
        LinkedBlockingQueue<Changes> heard = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<Changes> heardByOther = new LinkedBlockingQueue<>();
        TrialEvents.Subscription s = events.subscribe(mine, heard::add);
        TrialEvents.Subscription so = events.subscribe(other, heardByOther::add);
        try {
            ClaimToken token = runningTrial(mine);

            HeartbeatAnswer answer = queue.reportEpoch(token, new TrainingResult.EpochLoss(0, 0.5, 0.6, 30.0));
            assertThat(answer).isEqualTo(HeartbeatAnswer.CONTINUE);
            Changes epoch = epochOf(heard, token.trialId(), Duration.ofSeconds(10));
            // an epoch recorded by the queue reaches the experiment's subscriber, naming the trial among those that
            // recorded epochs (whether the trial's own insert is merged into the same delivery depends on timing)
            assertThat(epoch).isNotNull();
            // an epoch alone changes no experiment row: the delivery names experiments only when rows changed too
            assertThat(epoch.experiments()).isSubsetOf(mine);

            assertThat(queue.fail(token, "failed on purpose")).isTrue();
            // so does the change of state
            assertThat(naming(heard, token.trialId(), Duration.ofSeconds(10))).isNotNull();
            // another experiment's subscriber heard neither (only its own experiment, if anything)
            assertThat(naming(heardByOther, token.trialId(), Duration.ofMillis(500))).isNull();
            assertThat(heardByOther).allSatisfy(c -> assertThat(c.experiments()).doesNotContain(mine));
        } finally {
            s.cancel();
            so.cancel();
            SyntheticExperiments.end(dataSource, mine);
            SyntheticExperiments.end(dataSource, other);
        }
    }

    @Test
    void afterADatabaseRestartTheListenerTellsEveryoneToReReadAndHearsChangesAgain() throws Exception {
        long id = SyntheticExperiments.insertRunning(dataSource, "events-restart-" + System.nanoTime(), 1);
        LinkedBlockingQueue<Changes> heard = new LinkedBlockingQueue<>();
        TrialEvents.Subscription s = events.subscribe(id, heard::add);
        try {
            EmbeddedPostgresResource.restart(Duration.ofSeconds(1));
            Changes everything = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (everything == null && System.nanoTime() < deadline) {
                Changes c = heard.poll(1, TimeUnit.SECONDS);
                everything = c != null && c.everything() ? c : null;
            }
            // once it listens again, the listener tells every view that changes may have been missed
            assertThat(everything).isNotNull();
            assertThat(beans.listening()).isTrue();

            ClaimToken token = runningTrial(id);
            assertThat(queue.fail(token, "after the restart")).isTrue();
            // and changes are announced again
            assertThat(naming(heard, token.trialId(), Duration.ofSeconds(10))).isNotNull();
        } finally {
            s.cancel();
            SyntheticExperiments.end(dataSource, id);
        }
    }
}
