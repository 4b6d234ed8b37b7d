package com.lstmautoml.backend.db;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded default keeps its data across restarts, and survives a postmaster orphaned by a killed JVM. */
@Tag("slow") // starts JVMs and databases of its own: the second stage (see backend/pom.xml)
class EmbeddedDatabaseTest {

    @Test
    void dataSurvivesARestartOnTheSameFolder(@TempDir Path dir) throws Exception {
        int port = freePort();
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pgdata"), port);
             Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", db.password())) {
            c.createStatement().execute("create table kept (v text); insert into kept values ('still here')");
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pgdata"), port);
             Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", db.password());
             ResultSet rs = c.createStatement().executeQuery("select v from kept")) {
            // the row written before the restart is read back after it
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("still here");
        }
    }

    @Test
    void itIsDurableAndAdmitsOnlyThePasswordFromItsOwnerOnlyFile(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path passwordFile = dir.resolve("db-password");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pgdata"), port)) {
            // the generated password is kept next to the data folder, readable by its owner only
            assertThat(passwordFile).exists();
            assertThat(java.nio.file.Files.getPosixFilePermissions(passwordFile))
                    .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            assertThat(java.nio.file.Files.readString(passwordFile).strip()).isEqualTo(db.password())
                    .hasSizeGreaterThanOrEqualTo(32);
            assertRefusals(db);
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", db.password());
                 var st = c.createStatement()) {
                // commits reach the disk: fsync and synchronous_commit are on, and only loopback is listened on
                assertThat(show(st, "fsync")).isEqualTo("on");
                assertThat(show(st, "synchronous_commit")).isEqualTo("on");
                assertThat(show(st, "listen_addresses")).isEqualTo("localhost");
            }
        }
        // a restart on the same folder keeps the password and the rules
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pgdata"), port)) {
            assertThat(db.password()).isEqualTo(java.nio.file.Files.readString(passwordFile).strip());
            assertRefusals(db);
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", db.password())) {
                assertThat(c.isValid(5)).isTrue();
            }
        }
    }

    private static void assertRefusals(EmbeddedDatabase db) {
        // no password, a wrong one, or the old default "postgres": refused (no trust rule is left)
        assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl()).close())
                .isInstanceOf(java.sql.SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), "postgres", "postgres").close())
                .isInstanceOf(java.sql.SQLException.class).hasMessageContaining("password authentication failed");
        // no replication connections either
        assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl() + "&replication=database&"
                + "assumeMinServerVersion=9.4&preferQueryMode=simple", "postgres", "wrong").close())
                .isInstanceOf(java.sql.SQLException.class);
    }

    private static String show(java.sql.Statement st, String setting) throws Exception {
        try (ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void anOrphanedPostmasterOnTheFolderIsStoppedAndTheClusterReopened(@TempDir Path dir) throws Exception {
        int port = freePort();
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OrphanMaker.class.getName(),
                dir.resolve("pgdata").toString(), String.valueOf(port)).redirectErrorStream(true).start();
        String line;
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(jvm.getInputStream()))) {
            do {
                line = out.readLine();
            } while (line != null && !line.equals("READY"));
            // the child JVM started its database and wrote a row
            assertThat(line).isEqualTo("READY");
            // SIGKILL: no shutdown hook runs, the postmaster is orphaned with its pid file and port
            jvm.destroyForcibly().waitFor();
        }
        try (EmbeddedDatabase second = EmbeddedDatabase.start(dir.resolve("pgdata"), port);
             Connection c = DriverManager.getConnection(second.jdbcUrl(), "postgres", second.password());
             ResultSet rs = c.createStatement().executeQuery("select v from kept")) {
            // a second start on the same folder works and sees the data
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }

    /** Child JVM: starts the database on a folder, writes a row, says READY and waits to be killed. */
    public static final class OrphanMaker {
        public static void main(String[] args) throws Exception {
            EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(args[0]), Integer.parseInt(args[1]));
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", db.password())) {
                c.createStatement().execute("create table kept (v int); insert into kept values (42)");
            }
            System.out.println("READY");
            System.out.flush();
            Thread.sleep(600_000); // waits to be killed: the database it leaves behind is what is under test
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
