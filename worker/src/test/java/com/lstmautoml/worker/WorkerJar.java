package com.lstmautoml.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts the packaged {@code target/worker.jar} (with {@code target/lib/}) as a real process, its output in temporary
 * files. Used by the fault and load tests; {@link PackagedWorkerJarIT} tests the jar's own behaviour.
 */
public final class WorkerJar {

    /** {@code target/worker.jar} from the worker module (tests), or {@code worker/target/worker.jar} (benches). */
    public static final Path JAR = Files.exists(Path.of("worker", "target", "worker.jar"))
            && !Files.exists(Path.of("target", "worker.jar"))
            ? Path.of("worker", "target", "worker.jar") : Path.of("target", "worker.jar");

    /** A running (or ended) worker process and its output. */
    public record Handle(String name, Process process, Path stdout, Path stderr) {

        /** What it wrote to stderr so far (its log). */
        public String log() {
            try {
                return Files.readString(stderr, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** SIGKILL (on Linux {@link Process#destroyForcibly()} is {@code kill -9}); waits until it is gone. */
        public int kill() throws InterruptedException {
            process.destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError(name + " survived SIGKILL");
            }
            return process.exitValue();
        }

        /** SIGTERM, then waits for the exit status. */
        public int terminate(long timeoutSeconds) throws InterruptedException {
            process.destroy();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(name + " did not exit within " + timeoutSeconds + " s of SIGTERM; log:\n"
                        + log());
            }
            return process.exitValue();
        }

        /** Kills it if it is still running (for finally blocks). */
        public void ensureGone() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    private WorkerJar() {
    }

    /** {@code java -jar target/worker.jar args...}, without QUARKUS_/AUTOML_ variables of the build's environment. */
    public static Handle start(String name, List<String> args) {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: package the worker first "
                    + "(mvn verify runs these tests after package)");
        }
        try {
            Path out = Files.createTempFile(name + "-out", ".txt");
            Path err = Files.createTempFile(name + "-err", ".txt");
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-XX:+UseSerialGC"); // small heaps and no GC threads: several workers share 2 cores
            cmd.add("-Xmx512m");
            cmd.add("-jar");
            cmd.add(JAR.toString());
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("AUTOML_"));
            pb.environment().put("OMP_NUM_THREADS", "1");
            return new Handle(name, pb.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + JAR, e);
        }
    }
}
