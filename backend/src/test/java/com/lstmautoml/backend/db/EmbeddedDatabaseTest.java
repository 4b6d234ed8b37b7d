package com.lstmautoml.backend.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded default keeps its data across restarts, and survives a postmaster orphaned by a killed JVM. */
class EmbeddedDatabaseTest {

    @Test
    void dataSurvivesARestartOnTheSameFolder(@TempDir Path dir) throws Exception {
        int port = freePort();
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pgdata"), port);
             Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", "postgres")) {
            c.createStatement().execute("create table kept (v text); insert into kept values ('still here')");
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pgdata"), port);
             Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", "postgres");
             ResultSet rs = c.createStatement().executeQuery("select v from kept")) {
            // the row written before the restart is read back after it
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("still here");
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
             Connection c = DriverManager.getConnection(second.jdbcUrl(), "postgres", "postgres");
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
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", "postgres")) {
                c.createStatement().execute("create table kept (v int); insert into kept values (42)");
            }
            System.out.println("READY");
            System.out.flush();
            Thread.sleep(600_000);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
