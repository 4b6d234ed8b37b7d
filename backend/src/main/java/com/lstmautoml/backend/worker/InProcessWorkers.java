package com.lstmautoml.backend.worker;

import com.lstmautoml.backend.config.AutomlConfig;
import com.lstmautoml.backend.service.ExperimentScheduler;
import com.lstmautoml.core.queue.TrialQueue;
import com.lstmautoml.core.queue.WorkerRegistry;
import com.lstmautoml.core.training.LstmTrainer;
import com.lstmautoml.core.training.NativeThreads;
import com.lstmautoml.core.worker.TrialInputRepository;
import com.lstmautoml.core.worker.TrialWorker;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Training workers inside the backend process (the embedded default; {@code automl.worker.in-process=false} turns
 * them off when external workers do the training). Same code as the standalone worker process.
 */
@ApplicationScoped
public class InProcessWorkers {

    private static final Logger LOG = Logger.getLogger(InProcessWorkers.class);

    private final List<TrialWorker> workers = new ArrayList<>();

    void start(@Observes StartupEvent event, AutomlConfig config, TrialQueue queue, WorkerRegistry registry,
               AgroalDataSource dataSource, Clock clock, ExperimentScheduler scheduler) {
        if (!config.worker().inProcess()) {
            LOG.info("in-process workers are off (automl.worker.in-process=false): waiting for external workers");
            return;
        }
        LOG.infof("ND4J native threads: %s", NativeThreads.configure(config.worker().nativeThreads()));
        String host = hostName();
        long pid = ProcessHandle.current().pid();
        TrialInputRepository inputs = new TrialInputRepository(dataSource);
        int threads = config.worker().threads() > 0 ? config.worker().threads() : TrialWorker.perCore();
        for (int i = 0; i < threads; i++) {
            TrialWorker worker = new TrialWorker(queue, inputs, new LstmTrainer(), registry, clock,
                    host + "-" + pid + "-inproc-" + i);
            // a trial's end queues the next one at once, and queued trials wake the idle workers: no poll or tick
            // between trials (measured: about 1 s per trial with one worker before)
            worker.afterEachTrial(scheduler::nudge);
            worker.start();
            workers.add(worker);
        }
        scheduler.onTrialsQueued(() -> workers.forEach(TrialWorker::wake));
        LOG.infof("%d in-process training worker(s) started", workers.size());
    }

    /**
     * First thing at shutdown, while HTTP and the database are still up: the workers stop claiming, and each trial in
     * training stops at its next epoch and goes back to the queue at once ({@link TrialWorker#interrupt()}), so the
     * next start (or another worker) trains it again right away instead of after its lease.
     */
    void stop(@Observes ShutdownEvent event) {
        workers.forEach(TrialWorker::interrupt);
        for (TrialWorker w : workers) {
            try {
                if (!w.awaitStopped(Duration.ofSeconds(30))) {
                    LOG.warnf("worker %s still in an epoch 30 s after the stop; its lease will expire and the trial "
                            + "be retried", w.workerId());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
