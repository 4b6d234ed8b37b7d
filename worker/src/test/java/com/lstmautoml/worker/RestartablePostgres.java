package com.lstmautoml.worker;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An embedded PostgreSQL that a test stops and starts again on the same data directory and port, as a database
 * restart looks to its clients: connections break, new ones are refused, then accepted again with the data intact.
 * Migrated with the project's Flyway scripts. Not the shared {@code TestDatabase}: that one must stay up.
 */
final class RestartablePostgres implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres postgres;

    private RestartablePostgres(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    static RestartablePostgres startMigrated() throws IOException {
        Path parent = Files.createTempDirectory("restartable-pg");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RestartablePostgres pg = new RestartablePostgres(parent.resolve("data"), port);
        pg.start();
        Flyway.configure().dataSource(pg.dataSource()).locations("classpath:db/migration").load().migrate();
        return pg;
    }

    /** Starts the server on the same data directory and port (initdb only the first time). */
    synchronized void start() throws IOException {
        if (postgres != null) {
            throw new IllegalStateException("already running");
        }
        postgres = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                .setPort(port).start();
    }

    /** Stops the server (pg_ctl stop -m fast: open connections are terminated), keeping its data. */
    synchronized void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }

    /** A data source opening a new connection per call, so it works again as soon as the server is back. */
    DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl());
        return ds;
    }

    @Override
    public void close() throws IOException {
        stop();
        try (Stream<Path> files = Files.walk(dataDirectory.getParent())) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (UncheckedIOException | IOException ignored) {
            // a temporary directory
        }
    }
}
