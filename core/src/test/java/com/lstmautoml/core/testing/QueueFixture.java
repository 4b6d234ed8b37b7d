package com.lstmautoml.core.testing;

import com.lstmautoml.core.metrics.QueueMetrics;
import com.lstmautoml.core.queue.LeaseRescuer;
import com.lstmautoml.core.queue.QueueConfig;
import com.lstmautoml.core.queue.TrialQueue;
import com.lstmautoml.core.queue.WorkerInfo;
import com.lstmautoml.core.queue.WorkerRegistry;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import javax.sql.DataSource;

/**
 * A clean database with one dataset ("value", "aux" columns) and one experiment on it, plus the queue objects on a
 * {@link MutableClock}, counting on a fresh in-memory {@link #meters} registry. Create one per test
 * ({@code @BeforeEach}).
 */
public final class QueueFixture {

    public final MutableClock clock = MutableClock.atEpochPlusDays(0);
    public final DataSource dataSource = TestDatabase.dataSource();
    public final Rows rows = new Rows(dataSource);
    /** Where the queue and the rescuer count ({@link #metrics}); read it as the scrape would. */
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final QueueMetrics metrics = new QueueMetrics(meters);
    public final QueueConfig config;
    public final TrialQueue queue;
    public final LeaseRescuer rescuer;
    public final WorkerRegistry registry;
    public final long datasetId;
    public final long experimentId;

    public QueueFixture() {
        this(QueueConfig.DEFAULTS);
    }

    public QueueFixture(QueueConfig config) {
        TestDatabase.clean();
        this.config = config;
        this.queue = new TrialQueue(dataSource, clock, config, metrics);
        this.rescuer = new LeaseRescuer(dataSource, clock, config, metrics);
        this.registry = new WorkerRegistry(dataSource, clock);
        this.datasetId = rows.dataset("sine", Rows.sineTable(60));
        this.experimentId = rows.experiment(datasetId, "value", clock.instant());
    }

    /** Registers a worker (trials reference workers) and returns its id. */
    public String worker(String id) {
        registry.register(info(id));
        return id;
    }

    public static WorkerInfo info(String id) {
        return new WorkerInfo(id, "test-host", WorkerInfo.Backend.CPU, "test CPU (2 cores)");
    }
}
