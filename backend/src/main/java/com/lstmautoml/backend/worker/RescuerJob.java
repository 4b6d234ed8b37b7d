package com.lstmautoml.backend.worker;

import com.lstmautoml.core.queue.LeaseRescuer;
import com.lstmautoml.core.queue.RescueResult;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Returns trials whose worker stopped heartbeating to the queue (or fails them after maxAttempts). */
@ApplicationScoped
public class RescuerJob {

    private static final Logger LOG = Logger.getLogger(RescuerJob.class);

    private final LeaseRescuer rescuer;

    public RescuerJob(LeaseRescuer rescuer) {
        this.rescuer = rescuer;
    }

    @Scheduled(every = "${automl.rescuer.interval:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void rescue() {
        RescueResult result = rescuer.rescueOnce();
        if (result.total() > 0) {
            LOG.infof("lease rescuer: %d trial(s) back in the queue, %d failed after their last attempt, %d cancelled",
                    result.requeued(), result.failed(), result.cancelled());
        }
    }
}
