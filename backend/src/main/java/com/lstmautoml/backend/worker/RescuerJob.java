package com.lstmautoml.backend.worker;

import com.lstmautoml.core.queue.LeaseRescuer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Returns trials whose worker stopped heartbeating to the queue (or fails them after maxAttempts). The rescuer logs
 * what it did.
 */
@ApplicationScoped
public class RescuerJob {

    private final LeaseRescuer rescuer;

    public RescuerJob(LeaseRescuer rescuer) {
        this.rescuer = rescuer;
    }

    @Scheduled(every = "${automl.rescuer.interval:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void rescue() {
        rescuer.rescueOnce();
    }
}
