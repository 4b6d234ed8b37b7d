package com.lstmautoml.backend.worker;

import com.lstmautoml.core.db.Jdbc;
import com.lstmautoml.core.queue.LeaseRescuer;
import com.lstmautoml.core.db.DatabaseOutage;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * Returns trials whose worker stopped heartbeating to the queue (or fails them after maxAttempts). The rescuer logs
 * what it did. While the database is unavailable each run fails; the outage is logged once (and its end), not as a
 * stack trace per run, and the next run after it catches up on every lease that expired meanwhile.
 */
@ApplicationScoped
public class RescuerJob {

    private final LeaseRescuer rescuer;
    private final DatabaseOutage outage;

    public RescuerJob(LeaseRescuer rescuer, Clock clock) {
        this.rescuer = rescuer;
        this.outage = new DatabaseOutage(LoggerFactory.getLogger(RescuerJob.class), "lease rescuer", clock);
    }

    @Scheduled(every = "${automl.rescuer.interval:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void rescue() {
        try {
            rescuer.rescueOnce();
            outage.recovered();
        } catch (RuntimeException e) {
            if (!Jdbc.isTransient(e)) {
                throw e;
            }
            // runs again at its next tick (automl.rescuer.interval, 15 s by default)
            outage.failed("rescue expired leases", e, Duration.ofSeconds(15));
        }
    }
}
