package com.lstmautoml.worker;

import com.lstmautoml.core.training.NativeMemory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Arrays;

/**
 * {@code java -jar worker.jar --db-url jdbc:postgresql://host:5432/db [options]} (see {@link WorkerOptions#usage()}).
 * Only wires the environment, the shutdown hook and exit codes; the work is in {@link WorkerProcess}.
 *
 * <p>Its first act is to bound ND4J's memory outside the Java heap ({@link NativeMemory}, {@code AUTOML_OFFHEAP}),
 * before anything loads ND4J; the Java heap itself is the launcher's {@code -Xmx} ({@code ./start.sh --worker} and the
 * container image pass one).
 *
 * <p>Exit status: 0 when {@code --max-trials} is reached, 1 when it cannot start or a worker thread died, 2 for bad
 * options or a bad memory setting; after SIGTERM/SIGINT the JVM's own status (143/130) once the shutdown hook returned.
 *
 * <p>{@code java -jar worker.jar forecast ...} is another command in the same jar, which has DL4J and core already:
 * an offline forecast with an exported model ({@link ForecastCommand}), no database.
 */
public final class WorkerMain {

    /** Longest wait for running trials after SIGTERM/SIGINT when the lease is shorter. */
    static final Duration MIN_SHUTDOWN_GRACE = Duration.ofSeconds(30);

    private WorkerMain() {
    }

    public static void main(String[] args) {
        NativeMemory.Limits memory;
        try {
            memory = NativeMemory.applyDefaults(NativeMemory.WORKER_OFF_HEAP);
        } catch (NativeMemory.BadSetting e) {
            System.err.println("worker: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (args.length > 0 && args[0].equals(ForecastCommand.NAME)) {
            System.exit(ForecastCommand.run(Arrays.asList(args).subList(1, args.length), System.out, System.err));
            return;
        }
        WorkerOptions options;
        try {
            options = WorkerOptions.parse(Arrays.asList(args), System.getenv());
        } catch (WorkerOptions.UsageException e) {
            System.err.println("worker: " + e.getMessage());
            System.err.println("Run with --help for the options.");
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(WorkerOptions.usage());
            System.exit(0);
            return;
        }
        Logger log = LoggerFactory.getLogger(WorkerMain.class);
        log.info("memory: {}", NativeMemory.describe(memory));
        WorkerProcess process = new WorkerProcess(options);
        // after a signal: claim nothing more and let running trials finish, within the lease (or 30 s), because an
        // unfinished trial is requeued by the backend's lease rescuer once the lease ran out anyway
        Duration grace = options.lease().compareTo(MIN_SHUTDOWN_GRACE) > 0 ? options.lease() : MIN_SHUTDOWN_GRACE;
        Thread hook = new Thread(() -> {
            log.info("shutdown requested: claiming no more trials, waiting up to {} for running ones", grace);
            process.stop();
            try {
                if (!process.awaitDone(grace)) {
                    log.warn("trials still running after {}; exiting, the lease rescuer will requeue them", grace);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "worker-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int status;
        try {
            process.run();
            status = 0;
        } catch (WorkerProcess.StartupException e) {
            log.debug("startup failed", e);
            System.err.println("worker: " + e.getMessage());
            status = 1;
        } catch (RuntimeException e) {
            log.error("worker failed", e);
            status = 1;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // a signal started the JVM's shutdown: it exits once the hook returned; exit() would block here
            return;
        }
        System.exit(status);
    }
}
