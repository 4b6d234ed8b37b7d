package com.lstmautoml.core.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One real, embedded PostgreSQL per test JVM, migrated with the project's Flyway scripts (db-migrations).
 * Tests call {@link #clean()} in {@code @BeforeEach} instead of starting a server each time.
 */
public final class TestDatabase {

    private static EmbeddedPostgres postgres;

    private TestDatabase() {
    }

    public static synchronized DataSource dataSource() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start embedded PostgreSQL", e);
            }
            Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration")
                    .load().migrate();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return postgres.getPostgresDatabase();
    }

    /** JDBC URL of the running server (for worker processes started by tests). */
    public static String jdbcUrl() {
        dataSource();
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /**
     * A new, empty database {@code name} (lower-case letters, digits, underscores) on the same server, dropped first if
     * it exists: for tests that migrate a schema of their own, such as the upgrade tests.
     */
    public static DataSource freshDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the test database " + name, e);
        }
        return postgres.getDatabase("postgres", name);
    }

    /** Empties every table of the application schema. */
    public static void clean() {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE trial_epoch, trial_model, trial, experiment, dataset_column, dataset, worker "
                    + "RESTART IDENTITY CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("could not clean the test database", e);
        }
    }
}
