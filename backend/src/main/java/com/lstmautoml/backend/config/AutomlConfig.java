package com.lstmautoml.backend.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the service, prefix {@code automl}. Each is also an environment variable (AUTOML_WORKER_THREADS...). */
@ConfigMapping(prefix = "automl")
public interface AutomlConfig {

    /** Folder of the embedded PostgreSQL's data (read before Quarkus starts, see AutomlMain). */
    @WithDefault("${user.home}/.lstm-automl")
    String dataDir();

    /** Port of the embedded PostgreSQL. */
    @WithDefault("54329")
    int embeddedPort();

    Worker worker();

    Scheduler scheduler();

    Rescuer rescuer();

    Queue queue();

    Limits limits();

    Security security();

    interface Security {
        /** bcrypt cost of password hashes (2^cost rounds; 10 takes about 60 ms here). */
        @WithDefault("10")
        int bcryptCost();

        /** Username of the admin made at the first start (when there are no users yet). */
        @WithDefault("admin")
        String adminUsername();

        /**
         * That admin's password (at least 10 characters). Unset: a generated one is printed once at the first start.
         * Only read while there are no users: change it later in the dashboard.
         */
        java.util.Optional<String> adminPassword();

        /**
         * An API token ({@code lsa_} and 16+ characters) with the admin role in the first team, created at startup
         * unless it exists: lets scripts and CI call the API on a fresh install without the dashboard.
         */
        java.util.Optional<String> adminToken();
    }

    interface Worker {
        /** Run training workers inside this process (the embedded default). Off when only external workers train. */
        @WithDefault("true")
        boolean inProcess();

        /**
         * How many in-process workers (each trains one trial at a time); 0, the default, is one per core the JVM
         * sees ({@code TrialWorker.perCore()}).
         */
        @WithDefault("0")
        int threads();

        /**
         * Native (ND4J/OpenBLAS) threads per operation; 1 is fastest for these small LSTMs. 0 leaves ND4J's default.
         * Ignored when OMP_NUM_THREADS is set.
         */
        @WithDefault("1")
        int nativeThreads();

        /** How long an idle worker waits before polling the queue again. */
        @WithDefault("PT1S")
        Duration pollInterval();
    }

    interface Scheduler {
        /** How often running experiments get new trials and finished ones are closed. */
        @WithDefault("1s")
        String interval();
    }

    interface Rescuer {
        /** How often expired leases are looked for (a quarter of the lease or less is sensible). */
        @WithDefault("15s")
        String interval();
    }

    interface Queue {
        /** A claim's lease; a worker extends it with every heartbeat (each epoch). */
        @WithDefault("PT2M")
        Duration leaseDuration();

        /** Claims per trial before a trial whose worker keeps dying is FAILED. */
        @WithDefault("3")
        int maxAttempts();
    }

    interface Limits {
        /** Largest maxTrials one experiment may ask for. */
        @WithDefault("1000")
        int maxTrials();

        /** Largest parallelism one experiment may ask for. */
        @WithDefault("64")
        int maxParallelism();

        /** Largest maxEpochs one experiment may ask for. */
        @WithDefault("1000")
        int maxEpochs();

        /** Largest LSTM width in a search space. */
        @WithDefault("1024")
        int maxUnits();

        /** Most stacked LSTM layers in a search space. */
        @WithDefault("8")
        int maxLayers();

        /** Largest forecast horizon (steps ahead) one forecast request may ask for. */
        @WithDefault("1000")
        int maxHorizon();

        /** Longest look_back window in a search space. */
        @WithDefault("512")
        int maxLookBack();

        /** Largest minibatch in a search space. */
        @WithDefault("4096")
        int maxBatchSize();

        /** Most rows an uploaded CSV may have. */
        @WithDefault("1000000")
        int maxCsvRows();

        /** Most columns an uploaded CSV may have. */
        @WithDefault("100")
        int maxCsvColumns();

        /**
         * Largest CSV upload body (POST /api/datasets and /api/datasets/preview, text/csv or multipart), e.g. 20M.
         * quarkus.http.limits.max-body-size caps every body first, whatever this says.
         */
        @WithDefault("20M")
        MemorySize maxCsvBytes();

        /** Largest JSON request body (every other POST/PUT/PATCH under /api), e.g. 1M. */
        @WithDefault("1M")
        MemorySize maxJsonBytes();
    }
}
