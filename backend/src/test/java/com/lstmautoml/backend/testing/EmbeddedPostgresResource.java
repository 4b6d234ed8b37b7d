package com.lstmautoml.backend.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The one test resource every {@code @QuarkusTest} shares: a real embedded PostgreSQL (no Docker), started once
 * for the test run. Flyway migrates it when Quarkus boots. It keeps its data directory and port so that a test can
 * {@link #restart} it under the running service, as a database restart looks to the service.
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgres postgres;
    private static Path dataDirectory;
    private static int port;

    @Override
    public Map<String, String> start() {
        try {
            dataDirectory = Files.createTempDirectory("automl-test-pg").resolve("data");
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            startServer();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL for tests", e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    private static synchronized void startServer() throws IOException {
        postgres = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                .setPort(port).start();
    }

    /**
     * Stops the server (open connections are terminated, new ones refused), waits {@code down}, and starts it again on
     * the same data and port.
     */
    public static synchronized void restart(Duration down) throws IOException, InterruptedException {
        postgres.close();
        postgres = null;
        Thread.sleep(down.toMillis()); // the outage itself: the service under test meets a database away this long
        startServer();
    }

    @Override
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException ignored) {
                // test JVM is ending
            }
        }
    }
}
