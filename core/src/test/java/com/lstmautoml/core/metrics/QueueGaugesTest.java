package com.lstmautoml.core.metrics;

import com.lstmautoml.core.queue.QueueConfig;
import com.lstmautoml.core.testing.QueueFixture;
import com.lstmautoml.core.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The gauges read from the real PostgreSQL: trials per state and kind, workers alive, one read per max age. */
class QueueGaugesTest {

    private static final Duration MAX_AGE = Duration.ofSeconds(5);

    private QueueFixture f;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void setUp() {
        f = new QueueFixture();
        registry = new SimpleMeterRegistry();
        new QueueGauges(f.dataSource, f.clock, QueueConfig.DEFAULT_LEASE, MAX_AGE).bindTo(registry);
    }

    private double trials(String state, String kind) {
        return registry.get(QueueMetrics.TRIALS).tags("state", state, "kind", kind).gauge().value();
    }

    private double workersAlive() {
        return registry.get(QueueMetrics.WORKERS_ALIVE).gauge().value();
    }

    @Test
    void trialsAreCountedPerStateAndKind() {
        String w = f.worker("w-1");
        f.rows.queuedTrials(f.experimentId, 4, f.clock.instant());
        f.queue.claim(w, 1);
        long done = f.rows.finishedTrial(f.experimentId, "COMPLETED", f.clock.instant(), 0.5);
        f.rows.finishedTrial(f.experimentId, "PRUNED", f.clock.instant(), 0.9);
        f.rows.queuedRefit(done, 3, f.clock.instant());

        // one gauge per state and kind, zero where there is none
        assertThat(registry.get(QueueMetrics.TRIALS).gauges()).hasSize(12);
        assertThat(trials("queued", "search")).isEqualTo(3);
        assertThat(trials("running", "search")).isEqualTo(1);
        assertThat(trials("completed", "search")).isEqualTo(1);
        assertThat(trials("pruned", "search")).isEqualTo(1);
        assertThat(trials("failed", "search")).isZero();
        assertThat(trials("cancelled", "search")).isZero();
        assertThat(trials("queued", "refit")).isEqualTo(1);
        assertThat(trials("running", "refit")).isZero();
    }

    @Test
    void oneReadServesTheGaugesForTheirMaxAge() {
        f.rows.queuedTrials(f.experimentId, 1, f.clock.instant());
        assertThat(trials("queued", "search")).isEqualTo(1);

        f.rows.queuedTrials(f.experimentId, 2, f.clock.instant());
        f.clock.advance(MAX_AGE.minusMillis(1));

        // within the max age the gauges show the last read
        assertThat(trials("queued", "search")).isEqualTo(1);

        f.clock.advance(Duration.ofMillis(1));

        // then a new one
        assertThat(trials("queued", "search")).isEqualTo(3);
    }

    @Test
    void aWorkerIsAliveWhileItBeatsOrHoldsALeasedTrial() {
        f.worker("idle");
        String busy = f.worker("busy");
        f.rows.queuedTrials(f.experimentId, 1, f.clock.instant());
        f.queue.claim(busy, 1);
        assertThat(workersAlive()).isEqualTo(2);

        // a lease later without a beat: the idle worker is gone, the busy one's lease was extended
        f.clock.advance(QueueConfig.DEFAULT_LEASE.minusSeconds(10));
        f.rows.execute("UPDATE trial SET lease_expires_at = ? WHERE worker_id = 'busy'",
                f.clock.instant().plus(QueueConfig.DEFAULT_LEASE));
        f.clock.advance(Duration.ofSeconds(11));

        assertThat(workersAlive()).isEqualTo(1);

        f.registry.beat("idle");
        f.clock.advance(MAX_AGE);

        // a beat brings it back
        assertThat(workersAlive()).isEqualTo(2);
    }

    @Test
    void withoutTheDatabaseTheGaugesAreNaN() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        // the embedded server's URL on a port nobody listens on
        nowhere.setUrl(TestDatabase.jdbcUrl().replaceFirst(":\\d+/", ":1/"));
        SimpleMeterRegistry offline = new SimpleMeterRegistry();
        new QueueGauges(nowhere, f.clock, QueueConfig.DEFAULT_LEASE, MAX_AGE).bindTo(offline);

        // unknown, not zero: a dashboard shows a gap, not an empty queue
        assertThat(offline.get(QueueMetrics.TRIALS).gauges()).allSatisfy(g -> assertThat(g.value()).isNaN());
        assertThat(offline.get(QueueMetrics.WORKERS_ALIVE).gauge().value()).isNaN();
    }
}
