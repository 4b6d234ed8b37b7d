package com.lstmautoml.backend.worker;

import com.lstmautoml.backend.config.AutomlConfig;
import com.lstmautoml.core.metrics.QueueGauges;
import com.lstmautoml.core.metrics.QueueMetrics;
import com.lstmautoml.core.queue.LeaseRescuer;
import com.lstmautoml.core.queue.QueueConfig;
import com.lstmautoml.core.queue.TrialQueue;
import com.lstmautoml.core.queue.WorkerRegistry;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The queue objects of core (final classes, hence singletons), on Quarkus' datasource and clock, counting on Quarkus'
 * meter registry ({@code /q/metrics}); and the queue's gauges, bound at startup.
 */
@ApplicationScoped
public class QueueBeans {

    @Produces
    @Singleton
    QueueMetrics queueMetrics(MeterRegistry registry) {
        return new QueueMetrics(registry);
    }

    /**
     * At startup: the gauges, trials per state and workers alive, read from the database at most every
     * {@link QueueGauges#DEFAULT_MAX_AGE} (a worker counts as alive within the lease); and the rescuer's counters at
     * zero, since the rescuer itself is made at its first run.
     */
    void registerMetrics(@Observes StartupEvent event, AgroalDataSource dataSource, Clock clock, QueueConfig config,
                    MeterRegistry registry, QueueMetrics metrics) {
        new QueueGauges(dataSource, clock, config.leaseDuration(), QueueGauges.DEFAULT_MAX_AGE).bindTo(registry);
        metrics.rescued(0, 0, 0);
    }

    @Produces
    @Singleton
    QueueConfig queueConfig(AutomlConfig config) {
        return QueueConfig.DEFAULTS.withLeaseDuration(config.queue().leaseDuration())
                .withPollInterval(config.worker().pollInterval());
    }

    @Produces
    @Singleton
    TrialQueue trialQueue(AgroalDataSource dataSource, Clock clock, QueueConfig config, QueueMetrics metrics) {
        return new TrialQueue(dataSource, clock, config, metrics);
    }

    @Produces
    @Singleton
    LeaseRescuer leaseRescuer(AgroalDataSource dataSource, Clock clock, QueueConfig config, QueueMetrics metrics) {
        return new LeaseRescuer(dataSource, clock, config, metrics);
    }

    @Produces
    @Singleton
    WorkerRegistry workerRegistry(AgroalDataSource dataSource, Clock clock) {
        return new WorkerRegistry(dataSource, clock);
    }
}
