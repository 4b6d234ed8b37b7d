package com.lstmautoml.core.events;

import com.lstmautoml.core.api.TrialEvents.Changes;
import com.lstmautoml.core.queue.ClaimedTrial;
import com.lstmautoml.core.testing.QueueFixture;
import com.lstmautoml.core.training.StopReason;
import com.lstmautoml.core.training.TrainingResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The triggers of V10__trial_notify.sql and the listener together, on the real queue: what the queue commits is
 * heard, heartbeats and rolled-back work are not, and the listener comes back after its connection is killed.
 */
class TrialNotificationsTest {

    private QueueFixture f;
    private String worker;
    private final TrialEventBus bus = new TrialEventBus(Duration.ZERO, 1);
    private final List<Connection> opened = new ArrayList<>();
    private TrialNotifications listener;
    private final LinkedBlockingQueue<Changes> heard = new LinkedBlockingQueue<>();

    @BeforeEach
    void setUp() throws InterruptedException {
        f = new QueueFixture();
        worker = f.worker("w-1");
        listener = new TrialNotifications(() -> {
            Connection c = f.dataSource.getConnection();
            opened.add(c);
            return c;
        }, bus, Clock.systemUTC(), new TrialNotifications.Config(Duration.ofMillis(100), Duration.ofSeconds(5),
                Duration.ofMillis(50), Duration.ofMillis(500)));
        // the listener tells every subscriber to re-read everything once it LISTENs: that delivery is the signal
        CountDownLatch connected = new CountDownLatch(1);
        var first = bus.subscribeAll(c -> {
            if (c.everything()) {
                connected.countDown();
            }
        });
        listener.start();
        assertThat(connected.await(10, TimeUnit.SECONDS)).as("listening").isTrue();
        first.cancel();
        assertThat(listener.listening()).as("listening").isTrue();
        bus.subscribe(f.experimentId, heard::add);
    }

    @AfterEach
    void tearDown() {
        listener.close();
        bus.close();
    }

    /** The next delivery that is not a re-read-everything (sent on every (re)connection). */
    private Changes next() throws InterruptedException {
        while (true) {
            Changes c = heard.poll(5, TimeUnit.SECONDS);
            if (c == null || !c.everything()) {
                return c;
            }
        }
    }

    /** Everything heard within {@code millis}, merged (re-read-everything deliveries left out). */
    private Changes heardWithin(long millis) throws InterruptedException {
        Set<Long> experiments = new HashSet<>();
        Set<Long> trials = new HashSet<>();
        Set<Long> epochs = new HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        Changes c;
        while ((c = heard.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
            if (!c.everything()) {
                experiments.addAll(c.experiments());
                trials.addAll(c.trials());
                epochs.addAll(c.epochs());
            }
        }
        return new Changes(experiments, trials, epochs, false);
    }

    @Test
    void everyCommittedStepOfATrialIsHeardAndHeartbeatsAreNot() throws InterruptedException {
        long trialId = f.rows.queuedTrials(f.experimentId, 1, f.clock.instant()).get(0);
        // a new trial is heard
        assertThat(next().trials()).containsExactly(trialId);

        ClaimedTrial t = f.queue.claim(worker, 1).get(0);
        // the claim (QUEUED to RUNNING) is heard
        assertThat(next()).isEqualTo(new Changes(Set.of(f.experimentId), Set.of(trialId), Set.of(), false));

        f.clock.advance(Duration.ofSeconds(10));
        f.queue.heartbeat(t.token());
        // a heartbeat only extends the lease: no one is told
        assertThat(heard.poll(400, TimeUnit.MILLISECONDS)).isNull();

        f.clock.advance(Duration.ofSeconds(10));
        f.queue.reportEpoch(t.token(), new TrainingResult.EpochLoss(0, 0.5, 0.7, 31.5));
        Changes epoch = next();
        // a recorded epoch is heard as an epoch of the trial (its lease extension is not a change of its row)
        assertThat(epoch.epochs()).containsExactly(trialId);
        assertThat(epoch.epochsOnly()).isTrue();
        assertThat(epoch.touchesTrial(trialId)).isTrue();
        assertThat(epoch.touchesExperiment(f.experimentId)).isFalse();

        f.queue.complete(t.token(), new TrainingResult(1.5, 2.5, 1.0, 3.0, 3, 2, StopReason.MAX_EPOCHS,
                List.of(new TrainingResult.EpochLoss(0, 0.5, 0.7, 31.5), new TrainingResult.EpochLoss(1, 0.4, 0.6, 30),
                        new TrainingResult.EpochLoss(2, 0.3, 0.5, 29)), null, null, null, null, null));
        // the completion (state, metrics and the whole curve in one transaction) is heard: the row and its epochs
        assertThat(heardWithin(700)).isEqualTo(new Changes(Set.of(f.experimentId), Set.of(trialId), Set.of(trialId),
                false));
    }

    @Test
    void anotherExperimentAndRolledBackWorkAreNotHeard() throws Exception {
        long mine = f.rows.queuedTrials(f.experimentId, 1, f.clock.instant()).get(0);
        assertThat(next().trials()).containsExactly(mine);

        long other = f.rows.experiment(f.datasetId, "value", f.clock.instant());
        f.rows.queuedTrials(other, 2, f.clock.instant());
        try (Connection c = f.dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("UPDATE trial SET state = 'CANCELLED', finished_at = now() WHERE id = " + mine);
            s.execute("INSERT INTO trial_epoch (trial_id, epoch, train_loss, val_loss, recorded_at)"
                    + " VALUES (" + mine + ", 0, 1, 1, now())");
            c.rollback();
        }
        // another experiment's changes reach its own subscribers only, and a rollback notifies no one
        assertThat(heardWithin(500)).isEqualTo(new Changes(Set.of(), Set.of(), Set.of(), false));

        f.rows.execute("UPDATE experiment SET state = 'CANCELLED', stop_reason = 'CANCELLED', finished_at = ?"
                + " WHERE id = ?", f.clock.instant(), f.experimentId);
        // a change of the experiment's own row is heard, naming no trial
        assertThat(next()).isEqualTo(new Changes(Set.of(f.experimentId), Set.of(), Set.of(), false));
        f.rows.execute("UPDATE experiment SET state = 'CANCELLED' WHERE id = ?", f.experimentId);
        // a write that changes nothing is not
        assertThat(heard.poll(400, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void theListenerComesBackAfterItsConnectionIsKilledAndSaysChangesMayHaveBeenMissed() throws Exception {
        int pid = opened.get(opened.size() - 1).unwrap(PGConnection.class).getBackendPID();
        heard.clear();
        f.rows.count("SELECT count(*) FROM (SELECT pg_terminate_backend(?)) t", pid);

        Changes reconnected = heard.poll(10, TimeUnit.SECONDS);
        // a new connection LISTENs again, and first tells every subscriber to re-read
        assertThat(reconnected).isNotNull();
        assertThat(reconnected.everything()).isTrue();
        assertThat(opened).hasSizeGreaterThanOrEqualTo(2);
        long trialId = f.rows.queuedTrials(f.experimentId, 1, f.clock.instant()).get(0);
        // and changes are heard again
        assertThat(next().trials()).containsExactly(trialId);
    }

    @Test
    void payloadsAreParsedAndOddOnesIgnored() {
        assertThat(TrialNotifications.Payload.parse("12:34"))
                .contains(new TrialNotifications.Payload(12, 34L, false));
        assertThat(TrialNotifications.Payload.parse("12:34:epoch"))
                .contains(new TrialNotifications.Payload(12, 34L, true));
        assertThat(TrialNotifications.Payload.parse("12")).contains(new TrialNotifications.Payload(12, null, false));
        assertThat(TrialNotifications.Payload.parse("x:1")).isEmpty();
        assertThat(TrialNotifications.Payload.parse("12:34:5")).isEmpty();
        assertThat(TrialNotifications.Payload.parse("1:2:3:4")).isEmpty();
        assertThat(TrialNotifications.Payload.parse("")).isEmpty();
        assertThat(TrialNotifications.Payload.parse(null)).isEmpty();
    }
}
