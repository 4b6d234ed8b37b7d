package com.lstmautoml.core.worker;

import com.lstmautoml.core.db.DatabaseException;
import com.lstmautoml.core.queue.TrialQueue;
import com.lstmautoml.core.queue.WorkerRegistry;
import com.lstmautoml.core.testing.QueueFixture;
import com.lstmautoml.core.testing.Rows;
import com.lstmautoml.core.testing.ScriptedTrainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The worker's side of a database outage, on the real database with connections refused at chosen moments (the
 * end-to-end version with a real restart and real processes is the worker module's {@code DatabaseRestartIT}).
 */
class TrialWorkerOutageTest {

    /** The real data source, except that the next {@link #refuse} connection attempts fail as a refused connect. */
    static final class Refusing implements DataSource {
        private final DataSource real;
        private final AtomicInteger refusals = new AtomicInteger();
        private final Semaphore refused = new Semaphore(0);

        Refusing(DataSource real) {
            this.real = real;
        }

        void refuse(int next) {
            refusals.set(next);
        }

        /** Waits until {@code n} more connection attempts were refused. */
        boolean awaitRefusals(int n) throws InterruptedException {
            return refused.tryAcquire(n, 1, TimeUnit.MINUTES);
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (refusals.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                refused.release();
                throw new SQLException("Connection to localhost refused", "08001");
            }
            return real.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }

    private QueueFixture f;
    private Refusing db;

    @BeforeEach
    void setUp() {
        f = new QueueFixture();
        db = new Refusing(f.dataSource);
    }

    private TrialWorker worker(ScriptedTrainer trainer) {
        return new TrialWorker(new TrialQueue(db, f.clock, f.config), new TrialInputRepository(db), trainer,
                new WorkerRegistry(db, f.clock), f.clock, QueueFixture.info("w-1"));
    }

    @Test
    void aResultReadyDuringAnOutageIsRecordedOnceTheDatabaseIsBack() {
        long id = f.rows.queuedTrials(f.experimentId, 1, f.clock.instant()).get(0);
        // the database goes away before the last epoch: its report and the first 3 tries of the result fail
        ScriptedTrainer trainer = ScriptedTrainer.falling(3).beforeEpoch(e -> {
            if (e == 2) {
                db.refuse(4);
            }
        });

        assertThat(worker(trainer).runOnce()).isTrue();

        Rows.TrialRow row = f.rows.trial(id);
        // recorded on attempt 1 (the lease was still its own): not lost, not left to the rescuer
        assertThat(row.state()).isEqualTo("COMPLETED");
        assertThat(row.attempt()).isEqualTo(1);
        // the epoch whose report failed came with the result
        assertThat(f.rows.epochs(id)).extracting(Rows.EpochRow::epoch).containsExactly(0, 1, 2);
        assertThat(f.rows.count("SELECT count(*) FROM trial_model WHERE trial_id = ?", id)).isEqualTo(1);
    }

    @Test
    void anEpochReportFailingAfterTheLeaseRanOutAbandonsTheTrialToTheRescuer() {
        long id = f.rows.queuedTrials(f.experimentId, 1, f.clock.instant()).get(0);
        ScriptedTrainer trainer = ScriptedTrainer.falling(4).beforeEpoch(e -> {
            if (e == 1) {
                // the database is gone for good and the lease runs out during epoch 1
                db.refuse(Integer.MAX_VALUE);
                f.clock.advance(f.config.leaseDuration().plusSeconds(1));
            }
        });

        assertThat(worker(trainer).runOnce()).isTrue();

        // abandoned after epoch 1: nothing more was trained or reported, the trial is still RUNNING on attempt 1
        assertThat(trainer.epochsTrained()).isEqualTo(2);
        db.refuse(0);
        assertThat(f.rows.trial(id).state()).isEqualTo("RUNNING");
        assertThat(f.rows.epochs(id)).extracting(Rows.EpochRow::epoch).containsExactly(0);
        // and the rescuer queues it again
        assertThat(f.rescuer.rescueOnce().requeued()).isEqualTo(1);
        assertThat(f.rows.trial(id).state()).isEqualTo("QUEUED");
    }

    @Test
    void aWorkerStoppedWhileWaitingForTheDatabaseGivesTheResultUp() throws Exception {
        long id = f.rows.queuedTrials(f.experimentId, 1, f.clock.instant()).get(0);
        ScriptedTrainer trainer = ScriptedTrainer.falling(2).beforeEpoch(e -> {
            if (e == 1) {
                db.refuse(Integer.MAX_VALUE);
            }
        });
        TrialWorker w = worker(trainer);
        Thread stopper = new Thread(() -> {
            try {
                // the epoch report, the result, and a retry of the result were refused: the worker waits to retry
                if (!db.awaitRefusals(3)) {
                    return;
                }
            } catch (InterruptedException ignored) {
                return;
            }
            w.stop();
        });
        stopper.start();

        // runOnce returns although the database never came back
        assertThat(w.runOnce()).isTrue();
        stopper.join();

        // nothing recorded: the trial is left RUNNING for the rescuer
        db.refuse(0);
        assertThat(f.rows.trial(id).state()).isEqualTo("RUNNING");
        assertThat(f.rows.count("SELECT count(*) FROM trial_model WHERE trial_id = ?", id)).isZero();
    }

    @Test
    void failedClaimsBackOffExponentiallyAndTheBackoffResetsOnceTheDatabaseAnswers() {
        TrialWorker w = worker(ScriptedTrainer.falling(1));
        db.refuse(3);

        long[] waits = new long[3];
        for (int i = 0; i < 3; i++) {
            RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(DatabaseException.class, w::runOnce);
            waits[i] = w.backoffAfter(e).toMillis();
        }

        // 100, 200, 400 ms (plus up to a quarter)
        assertThat(waits[0]).isBetween(100L, 125L);
        assertThat(waits[1]).isBetween(200L, 250L);
        assertThat(waits[2]).isBetween(400L, 500L);
        // the database answers (an empty queue): the next failure waits the initial 100 ms again
        assertThat(w.runOnce()).isFalse();
        db.refuse(1);
        assertThatThrownBy(w::runOnce).isInstanceOf(DatabaseException.class)
                .satisfies(e -> assertThat(w.backoffAfter((RuntimeException) e).toMillis()).isBetween(100L, 125L));
    }
}
