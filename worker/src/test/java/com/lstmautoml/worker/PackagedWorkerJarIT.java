package com.lstmautoml.worker;

import com.lstmautoml.core.testing.Rows;
import com.lstmautoml.core.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged {@code target/worker.jar} (with {@code target/lib/}) as a separate process. Runs in
 * {@code mvn verify} (failsafe, after package), not in {@code mvn test}.
 */
class PackagedWorkerJarIT {

    private static final Path JAR = Path.of("target", "worker.jar");

    private Rows rows;
    private long experimentId;

    @BeforeEach
    void setUp() {
        assertThat(JAR).as("run with mvn verify so the jar is packaged first").exists();
        TestDatabase.clean();
        rows = new Rows(TestDatabase.dataSource());
        long dataset = rows.dataset("sine", Rows.sineTable(60));
        experimentId = rows.experiment(dataset,
                new Rows.ExperimentRow("jar e2e", "value", List.of(), 2, 3, WorkerProcessTest.SEED, 0.7, 0.15, 3),
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    private record Result(int status, String stdout, String stderr) {
    }

    private static Process start(List<String> args, Path out, Path err) throws Exception {
        return start(args, Map.of(), out, err);
    }

    private static Process start(List<String> args, Map<String, String> env, Path out, Path err) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-jar");
        cmd.add(JAR.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("AUTOML_"));
        pb.environment().putAll(env);
        return pb.start();
    }

    private static Result run(long timeoutSeconds, String... args) throws Exception {
        return run(timeoutSeconds, Map.of(), args);
    }

    private static Result run(long timeoutSeconds, Map<String, String> env, String... args) throws Exception {
        Path out = Files.createTempFile("worker-out", ".txt");
        Path err = Files.createTempFile("worker-err", ".txt");
        Process p = start(List.of(args), env, out, err);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("worker.jar did not exit within " + timeoutSeconds + " s; stderr:\n"
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theJarTrainsATrialAndExitsZeroAfterMaxTrials() throws Exception {
        long id = WorkerProcessTest.queueTinyTrials(rows, experimentId, 1).get(0);

        Result r = run(180, Map.of("AUTOML_OFFHEAP", "300m"), "--db-url", TestDatabase.jdbcUrl(), "--id", "jar",
                "--threads", "1", "--max-trials", "1", "--poll", "50ms");

        // exit status 0 once the trial is done
        assertThat(r.status()).as(r.stderr()).isZero();
        // the trial was trained by the jar's worker
        assertThat(rows.trial(id).state()).isEqualTo("COMPLETED");
        assertThat(rows.trial(id).workerId()).isEqualTo("jar");
        // the start-up line names host, backend, device and threads; DL4J's per-epoch INFO lines are silenced
        assertThat(r.stderr()).contains("ND4J backend CPU", "1 trial thread(s) [jar]")
                .doesNotContain("INFO org.deeplearning4j");
        // JavaCPP took the memory limits main() set before ND4J loaded: the off-heap budget is its maxbytes
        assertThat(r.stderr()).contains("JavaCPP maxbytes 300 MiB, RSS limit ", "MiB, checked once per epoch",
                "(off-heap budget AUTOML_OFFHEAP=300m)").doesNotContain("NOT the limits set here");
    }

    @Test
    void aBadMemorySettingExitsTwoNamingIt() throws Exception {
        Result r = run(60, Map.of("AUTOML_OFFHEAP", "a lot"), "--db-url", TestDatabase.jdbcUrl());

        // status 2 before anything starts, with the variable and the form it takes
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("worker: AUTOML_OFFHEAP: expected a size such as 512m or 2g");
    }

    @Test
    void sigtermStopsAnIdleWorker() throws Exception {
        Path out = Files.createTempFile("worker-out", ".txt");
        Path err = Files.createTempFile("worker-err", ".txt");
        Process p = start(List.of("--db-url", TestDatabase.jdbcUrl(), "--id", "jar-idle", "--threads", "1", "--poll", "10m"),
                out, err);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (rows.count("SELECT count(*) FROM worker WHERE id = 'jar-idle'") == 0 && System.nanoTime() < deadline
                && p.isAlive()) {
            Thread.sleep(50); // polls: the worker is another process, its row the sign that it started
        }
        assertThat(p.isAlive()).as(Files.readString(err)).isTrue();

        p.destroy(); // SIGTERM

        // the shutdown hook wakes the idle worker: the JVM exits promptly with the SIGTERM status (128 + 15)
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(143);
        assertThat(Files.readString(err)).contains("shutdown requested", "worker jar-idle stopped");
    }

    @Test
    void badOptionsExitTwoNamingTheOption() throws Exception {
        Result r = run(60, "--db-url", TestDatabase.jdbcUrl(), "--threads", "many");

        // status 2 and a message naming the option and what it expects
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.stderr()).contains("worker: --threads: expected a whole number from 1 to 256, got 'many'");
    }

    @Test
    void helpPrintsUsageAndExitsZero() throws Exception {
        Result r = run(60, "--help");

        // usage on stdout, status 0
        assertThat(r.status()).isZero();
        assertThat(r.stdout()).startsWith("Usage: java -jar worker.jar --db-url");
    }

    @Test
    void theForecastCommandPrintsOnlyTheJsonAndExitsTwoOnBadArguments() throws Exception {
        Path model = Files.createTempFile("export", ".zip");
        Files.write(model, ForecastCommandTest.tinyExport(ForecastCommandTest.series(), List.of(), "jar-model", 1));
        Path history = Files.createTempFile("history", ".csv");
        Files.writeString(history, "month,y\n" + java.util.stream.IntStream.range(0, 30)
                .mapToObj(i -> String.format("%d-%02d,%s%n", 2000 + i / 12, 1 + i % 12, 10 + Math.sin(i / 2.0)))
                .collect(java.util.stream.Collectors.joining()));
        String[] args = {"forecast", "--model", model.toString(), "--history", history.toString(), "--horizon", "4"};

        Result r = run(120, args);

        // status 0, no database, and stdout is exactly the JSON the command prints in-process: no native or log
        // lines mixed in, so it can be piped into a JSON tool
        assertThat(r.status()).as(r.stderr()).isZero();
        ForecastCommandTest.Run inProcess = ForecastCommandTest.run(java.util.Arrays.copyOfRange(args, 1,
                args.length));
        assertThat(r.stdout()).isEqualTo(inProcess.out());
        assertThat(r.stdout()).startsWith("{").contains("\"model\" : \"jar-model\"", "\"time\" : \"2002-07\"");

        Result bad = run(60, "forecast", "--model", "no-such.zip", "--history", history.toString(), "--horizon", "4");

        // status 2, the message, no stack trace
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.stdout()).isEmpty();
        assertThat(bad.stderr()).contains("worker forecast: --model: no file 'no-such.zip'").doesNotContain("\tat ");
    }

    @Test
    void aMissingSchemaExitsOneWithTheMessage() throws Exception {
        String url = WorkerProcessTest.emptyDatabaseUrl("jar_empty");

        Result r = run(120, "--db-url", url);

        // status 1 and the instruction to start the backend
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).contains("has no LSTM AutoML schema; start the backend once against it");
    }
}
