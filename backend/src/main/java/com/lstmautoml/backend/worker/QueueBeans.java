package com.lstmautoml.backend.worker;

import com.lstmautoml.backend.config.AutomlConfig;
import com.lstmautoml.core.queue.LeaseRescuer;
import com.lstmautoml.core.queue.QueueConfig;
import com.lstmautoml.core.queue.TrialQueue;
import com.lstmautoml.core.queue.WorkerRegistry;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The queue objects of core (final classes, hence singletons), on Quarkus' datasource and clock. */
@ApplicationScoped
public class QueueBeans {

    @Produces
    @Singleton
    QueueConfig queueConfig(AutomlConfig config) {
        return QueueConfig.DEFAULTS.withLeaseDuration(config.queue().leaseDuration())
                .withPollInterval(config.worker().pollInterval());
    }

    @Produces
    @Singleton
    TrialQueue trialQueue(AgroalDataSource dataSource, Clock clock, QueueConfig config) {
        return new TrialQueue(dataSource, clock, config);
    }

    @Produces
    @Singleton
    LeaseRescuer leaseRescuer(AgroalDataSource dataSource, Clock clock, QueueConfig config) {
        return new LeaseRescuer(dataSource, clock, config);
    }

    @Produces
    @Singleton
    WorkerRegistry workerRegistry(AgroalDataSource dataSource, Clock clock) {
        return new WorkerRegistry(dataSource, clock);
    }
}
