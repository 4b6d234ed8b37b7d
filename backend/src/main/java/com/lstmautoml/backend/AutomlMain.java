package com.lstmautoml.backend;

import com.lstmautoml.backend.db.EmbeddedDatabase;
import com.lstmautoml.core.training.NativeMemory;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Entry point. Without a configured database ({@code QUARKUS_DATASOURCE_JDBC_URL} or
 * {@code -Dquarkus.datasource.jdbc.url}) it first starts the embedded PostgreSQL in the data folder
 * ({@code AUTOML_DATA_DIR}, default {@code ~/.lstm-automl}) and points Quarkus at it. Before anything, it bounds
 * ND4J's memory outside the Java heap ({@link NativeMemory}, {@code AUTOML_OFFHEAP}); the heap is the launcher's
 * {@code -Xmx} ({@code ./start.sh} passes {@code AUTOML_HEAP}).
 */
@QuarkusMain
public final class AutomlMain {

    private static final Logger LOG = Logger.getLogger(AutomlMain.class);

    AutomlMain() {
    }

    public static void main(String... args) {
        NativeMemory.Limits memory;
        try {
            memory = NativeMemory.applyDefaults(NativeMemory.SERVICE_OFF_HEAP);
        } catch (NativeMemory.BadSetting e) {
            System.err.println("lstm-automl: " + e.getMessage());
            System.exit(2);
            return;
        }
        LOG.infof("memory: %s", NativeMemory.describe(memory));
        if (setting("quarkus.datasource.jdbc.url", "QUARKUS_DATASOURCE_JDBC_URL") == null) {
            Path dataDir = Path.of(orDefault(setting("automl.data-dir", "AUTOML_DATA_DIR"),
                    Path.of(System.getProperty("user.home"), ".lstm-automl").toString()));
            int port = Integer.parseInt(orDefault(setting("automl.embedded-port", "AUTOML_EMBEDDED_PORT"),
                    String.valueOf(EmbeddedDatabase.DEFAULT_PORT)));
            EmbeddedDatabase db = EmbeddedDatabase.start(dataDir.resolve("pgdata"), port);
            embedded = db;
            // a signal (Ctrl-C, SIGTERM) stops Quarkus in its own shutdown hook, which runs beside ours: ours waits
            // until Quarkus has stopped (workers handed their trials back, HTTP and the pool closed) and the exit
            // handler below closed PostgreSQL, so PostgreSQL goes last
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    if (!DATABASE_CLOSED.await(60, TimeUnit.SECONDS)) {
                        LOG.warn("the service did not stop within 60 s; stopping the embedded PostgreSQL anyway");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                closeEmbedded();
            }, "embedded-postgres-stop"));
            System.setProperty("quarkus.datasource.jdbc.url", db.jdbcUrl());
            System.setProperty("quarkus.datasource.username", EmbeddedDatabase.USER);
            System.setProperty("quarkus.datasource.password", db.password());
            LOG.infof("embedded PostgreSQL in %s; external workers can join with --db-url '%s&password=<the "
                    + "password in %s>'", db.dataDirectory(), db.jdbcUrl(),
                    EmbeddedDatabase.passwordFile(db.dataDirectory()));
        }
        // Quarkus calls this once it has stopped, however it was asked to (signal, Quarkus.asyncExit, startup failure)
        Quarkus.run(null, (code, cause) -> {
            closeEmbedded();
            System.exit(code);
        }, args);
    }

    private static final CountDownLatch DATABASE_CLOSED = new CountDownLatch(1);
    private static volatile EmbeddedDatabase embedded;

    private static synchronized void closeEmbedded() {
        if (embedded != null) {
            embedded.close();
            embedded = null;
        }
        DATABASE_CLOSED.countDown();
    }

    private static String setting(String property, String env) {
        String value = System.getProperty(property);
        return value != null && !value.isBlank() ? value : blankToNull(System.getenv(env));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String orDefault(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
