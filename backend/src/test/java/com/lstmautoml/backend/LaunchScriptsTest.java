package com.lstmautoml.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The memory caps travel with every launch: {@code start.sh} (run against a stand-in {@code java} first on the PATH
 * that writes down its arguments and environment) and the compose file (as {@code docker-compose config} resolves
 * it). What the caps do to the RSS is measured by {@code MemoryBench}, not here.
 */
class LaunchScriptsTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private record Launch(int status, List<String> javaArgs, Map<String, String> javaEnv, String stderr) {
    }

    @Test
    void startShStartsTheServiceWithItsHeapCapAndLeavesTheOffHeapBudgetToTheService(@TempDir Path tmp)
            throws Exception {
        Launch l = startSh(tmp, Map.of(), "--no-build");

        // the service's heap cap comes first, so JAVA_OPTS can still override it
        assertThat(l.javaArgs()).containsExactly("-Xmx768m", "-jar", "backend/target/quarkus-app/quarkus-run.jar");
        // one native thread per op; no AUTOML_OFFHEAP: the service's own default applies
        assertThat(l.javaEnv()).containsEntry("OMP_NUM_THREADS", "1").containsEntry("AUTOML_OFFHEAP", "");
    }

    @Test
    void startShTakesTheCapsFromTheEnvironment(@TempDir Path tmp) throws Exception {
        Launch l = startSh(tmp, Map.of("AUTOML_HEAP", "2g", "AUTOML_OFFHEAP", "1g", "JAVA_OPTS", "-XX:+UseSerialGC"),
                "--no-build");

        // AUTOML_HEAP becomes -Xmx, JAVA_OPTS follows it
        assertThat(l.javaArgs()).containsExactly("-Xmx2g", "-XX:+UseSerialGC", "-jar",
                "backend/target/quarkus-app/quarkus-run.jar");
        // AUTOML_OFFHEAP reaches the JVM unchanged
        assertThat(l.javaEnv()).containsEntry("AUTOML_OFFHEAP", "1g");
    }

    @Test
    void startShWorkerStartsTheWorkerJarWithItsCapsOnTheEmbeddedDatabase(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("db-password"), "secret");

        Launch l = startSh(tmp, Map.of("AUTOML_EMBEDDED_PORT", "54400"), "--worker", "--threads", "2");

        // a worker's smaller heap and the serial collector, the embedded database's URL, then the given options
        assertThat(l.javaArgs()).containsExactly("-Xmx512m", "-XX:+UseSerialGC", "-jar", "worker/target/worker.jar",
                "--db-url", "jdbc:postgresql://localhost:54400/postgres?user=postgres&password=secret", "--threads",
                "2");
    }

    @Test
    void startShRefusesASizeItCannotPassOnAndNamesTheVariable(@TempDir Path tmp) throws Exception {
        Launch heap = startSh(tmp, Map.of("AUTOML_HEAP", "lots"), "--no-build");
        Launch offHeap = startSh(tmp, Map.of("AUTOML_OFFHEAP", "1.5g"), "--no-build");

        // exit status 2 before anything is built or started, with the variable and the expected form
        assertThat(heap.status()).isEqualTo(2);
        assertThat(heap.javaArgs()).isNull();
        assertThat(heap.stderr()).isEqualTo("start.sh: AUTOML_HEAP: expected a size such as 768m or 2g (k, m, g or t;"
                + " bytes without a unit), got 'lots'\n");
        assertThat(offHeap.status()).isEqualTo(2);
        assertThat(offHeap.stderr()).contains("AUTOML_OFFHEAP: expected a size such as 768m or 2g", "got '1.5g'");
    }

    @Test
    void composeGivesTheBackendAndTheWorkerTheirCaps() throws Exception {
        JsonNode defaults = composeConfig(Map.of());
        JsonNode chosen = composeConfig(Map.of("AUTOML_HEAP", "1g", "AUTOML_OFFHEAP", "2g"));

        // the backend: a 512m heap and its 768m off-heap budget
        JsonNode backend = defaults.at("/services/backend/environment");
        assertThat(backend.get("JAVA_OPTS").asText()).isEqualTo("-Xmx512m");
        assertThat(backend.get("AUTOML_OFFHEAP").asText()).isEqualTo("768m");
        // the worker: a 512m heap with the serial collector, a 512m off-heap budget
        JsonNode worker = defaults.at("/services/worker/environment");
        assertThat(worker.get("JAVA_OPTS").asText()).isEqualTo("-Xmx512m -XX:+UseSerialGC");
        assertThat(worker.get("AUTOML_OFFHEAP").asText()).isEqualTo("512m");
        // both follow AUTOML_HEAP and AUTOML_OFFHEAP from the environment docker-compose runs in
        assertThat(chosen.at("/services/backend/environment/JAVA_OPTS").asText()).isEqualTo("-Xmx1g");
        assertThat(chosen.at("/services/worker/environment/JAVA_OPTS").asText()).isEqualTo("-Xmx1g -XX:+UseSerialGC");
        assertThat(chosen.at("/services/worker/environment/AUTOML_OFFHEAP").asText()).isEqualTo("2g");
    }

    /**
     * Runs {@code start.sh} with a {@code java} that records its arguments (one a line) and a few variables, then
     * exits; the data folder is {@code tmp}, the HTTP port a free one (nothing answers there).
     */
    private static Launch startSh(Path tmp, Map<String, String> env, String... args) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path record = tmp.resolve("java-called");
        Files.deleteIfExists(record);
        Path fakeJava = bin.resolve("java");
        Files.writeString(fakeJava, "#!/bin/sh\n{ for a in \"$@\"; do printf '%s\\n' \"$a\"; done; echo ---;"
                + " echo \"OMP_NUM_THREADS=$OMP_NUM_THREADS\";"
                + " echo \"AUTOML_OFFHEAP=$AUTOML_OFFHEAP\"; } > '" + record + "'\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwx------"));

        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("start.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("AUTOML_") || k.startsWith("QUARKUS_") || k.equals("JAVA_OPTS")
                || k.equals("OMP_NUM_THREADS"));
        e.put("PATH", bin + ":" + e.get("PATH"));
        e.put("AUTOML_DATA_DIR", tmp.toString());
        e.put("QUARKUS_HTTP_PORT", String.valueOf(freePort()));
        e.putAll(env);
        Path err = tmp.resolve("stderr");
        // the dashboard opener stops polling once the (stand-in) service has exited
        pb.redirectOutput(tmp.resolve("stdout").toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("start.sh exited").isTrue();
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        if (!Files.exists(record)) {
            return new Launch(p.exitValue(), null, null, stderr);
        }
        List<String> lines = Files.readAllLines(record, StandardCharsets.UTF_8);
        int sep = lines.indexOf("---");
        Map<String, String> javaEnv = new HashMap<>();
        for (String line : lines.subList(sep + 1, lines.size())) {
            javaEnv.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
        }
        return new Launch(p.exitValue(), lines.subList(0, sep), javaEnv, stderr);
    }

    /** {@code docker-compose config} of the repository's compose file, parsed; skipped without docker-compose. */
    private static JsonNode composeConfig(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("docker-compose", "-f", ROOT.resolve("docker-compose.yml").toString(),
                "config");
        pb.environment().keySet().removeIf(k -> k.startsWith("AUTOML_"));
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException notInstalled) {
            assumeThat(false).as("docker-compose is installed (.ci/run installs it)").isTrue();
            return null;
        }
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(err).isZero();
        return new ObjectMapper(new YAMLFactory()).readTree(out);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
