package com.lstmautoml.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged service on its embedded default, killed with SIGKILL in the middle of an experiment and started again
 * on the same data folder: every trial committed before the kill is still there, unchanged, and the experiment
 * finishes (the trial that was training is handed on after its lease). Runs after {@code package}
 * ({@code mvn verify}) against {@code target/quarkus-app/quarkus-run.jar}.
 */
class ServiceCrashIT {

    private static final String TOKEN = "lsa_crash-test-admin-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPACE = "{\"units\":{\"type\":\"choice\",\"values\":[4]},"
            + "\"layers\":{\"type\":\"choice\",\"values\":[1]},\"lookBack\":{\"type\":\"int\",\"min\":2,\"max\":6},"
            + "\"dropout\":{\"type\":\"choice\",\"values\":[0]},\"batchSize\":{\"type\":\"choice\",\"values\":[32]},"
            + "\"learningRate\":{\"type\":\"float\",\"min\":0.005,\"max\":0.05,\"log\":true}}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process service;
    private int httpPort;

    @AfterEach
    void stop() throws Exception {
        if (service != null && service.isAlive()) {
            service.destroy(); // SIGTERM: the shutdown hook stops the embedded PostgreSQL
            if (!service.waitFor(60, TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void aKilledServiceLosesNoCommittedTrial(@TempDir Path dataDir) throws Exception {
        httpPort = freePort();
        int dbPort = freePort();
        service = start(dataDir, dbPort, "first");
        long id = post("/api/experiments", "{\"name\":\"crash\",\"dataset\":\"airline-passengers\","
                + "\"target\":\"Passengers\",\"strategy\":\"random\",\"pruner\":\"none\",\"maxTrials\":6,"
                + "\"parallelism\":1,"
                + "\"maxEpochs\":4,\"seed\":3,\"searchSpace\":" + SPACE + "}").get("id").asLong();
        JsonNode before = await(id, trials -> count(trials, "COMPLETED") >= 2, Duration.ofSeconds(120));
        Map<Long, Double> committed = new HashMap<>();
        for (JsonNode t : before.get("items")) {
            if ("COMPLETED".equals(t.get("state").asText())) {
                committed.put(t.get("id").asLong(), t.get("valRmse").asDouble());
            }
        }

        // main() bounded ND4J's memory before anything loaded it: JavaCPP took the service's off-heap budget
        assertThat(Files.readString(dataDir.resolve("first.log"))).contains("JavaCPP maxbytes 768 MiB")
                .doesNotContain("NOT the limits set here");

        // SIGKILL: no shutdown hook, the embedded PostgreSQL is orphaned with its pid file
        service.destroyForcibly().waitFor();
        service = start(dataDir, dbPort, "second");

        JsonNode after = await(id, trials -> count(trials, "COMPLETED") == 6, Duration.ofSeconds(180));
        Map<Long, JsonNode> byId = new HashMap<>();
        after.get("items").forEach(t -> byId.put(t.get("id").asLong(), t));
        // every trial committed before the kill is still COMPLETED with the same validation RMSE
        committed.forEach((trialId, rmse) -> {
            assertThat(byId).containsKey(trialId);
            assertThat(byId.get(trialId).get("state").asText()).isEqualTo("COMPLETED");
            assertThat(byId.get(trialId).get("valRmse").asDouble()).isEqualTo(rmse);
        });
        // and the experiment went on to its six trials, each with one result
        assertThat(after.get("items")).hasSize(6);
        // the scheduler closes the experiment at its next round
        Instant deadline = Instant.now().plusSeconds(30);
        while (!"COMPLETED".equals(get("/api/experiments/" + id).get("state").asText())
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(500); // polls: the service is another process, its API all the test shares with it
        }
        assertThat(get("/api/experiments/" + id).get("state").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void aStoppedServiceExitsWithinSecondsAndItsTrialIsTrainedRightAfterTheRestart(@TempDir Path dataDir)
            throws Exception {
        httpPort = freePort();
        int dbPort = freePort();
        // the default lease (2 minutes): a trial left leased would wait that long after the restart; no admin password
        // configured, so the first start generates one, and its output is a file, not a terminal
        service = start(dataDir, dbPort, "first", Map.of("AUTOML_SECURITY_ADMIN_PASSWORD", ""));
        Path passwordFile = dataDir.resolve("first-start-password");
        String generated = Files.readString(passwordFile).lines().filter(l -> l.strip().startsWith("password:"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElseThrow();
        // the generated password is in an owner-only file of the data folder, and nowhere in the log
        assertThat(Files.getPosixFilePermissions(passwordFile))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(generated).hasSizeGreaterThanOrEqualTo(20);
        assertThat(Files.readString(dataDir.resolve("first.log"))).doesNotContain(generated)
                .contains(passwordFile.toString());
        long id = post("/api/experiments", "{\"name\":\"long\",\"dataset\":\"airline-passengers\","
                + "\"target\":\"Passengers\",\"maxTrials\":1,\"parallelism\":1,\"maxEpochs\":1000,"
                + "\"minEpochs\":1000,\"patience\":1000,\"searchSpace\":{\"units\":{\"type\":\"choice\","
                + "\"values\":[32]},\"layers\":{\"type\":\"choice\",\"values\":[2]},\"lookBack\":{\"type\":"
                + "\"choice\",\"values\":[12]}}}").get("id").asLong();
        await(id, trials -> count(trials, "RUNNING") == 1, Duration.ofSeconds(60));

        Instant stop = Instant.now();
        service.destroy(); // SIGTERM, what Ctrl-C on ./start.sh sends
        boolean exited = service.waitFor(30, TimeUnit.SECONDS);
        Duration took = Duration.between(stop, Instant.now());
        // the service stops in order and exits within seconds, not after a 30 s wait for the training
        assertThat(exited).isTrue();
        assertThat(took).isLessThan(Duration.ofSeconds(15));

        Instant restarted = Instant.now();
        service = start(dataDir, dbPort, "second", Map.of());
        JsonNode trials = await(id, t -> t.get("items").get(0).get("attempt").asInt() == 2,
                Duration.ofSeconds(30));
        // the trial was handed back at the stop: claimed again right after the restart, not after its 2-minute
        // lease, with the interrupted attempt on record
        assertThat(Duration.between(restarted, Instant.now())).isLessThan(Duration.ofSeconds(60));
        assertThat(trials.get("items").get(0).get("attemptErrors").toString()).contains("interrupted");
        System.out.printf("ServiceCrashIT: SIGTERM to exit %d ms; restart to the trial's second claim %d ms%n",
                took.toMillis(), Duration.between(restarted, Instant.now()).toMillis());
    }

    private Process start(Path dataDir, int dbPort, String name) throws Exception {
        return start(dataDir, dbPort, name, Map.of("AUTOML_QUEUE_LEASE_DURATION", "PT5S",
                "AUTOML_RESCUER_INTERVAL", "1s"));
    }

    private Process start(Path dataDir, int dbPort, String name, Map<String, String> extraEnv) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString())
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve(name + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("AUTOML_DATA_DIR", dataDir.toString());
        env.put("AUTOML_EMBEDDED_PORT", String.valueOf(dbPort));
        env.put("QUARKUS_HTTP_PORT", String.valueOf(httpPort));
        env.put("AUTOML_SECURITY_ADMIN_TOKEN", TOKEN);
        env.put("AUTOML_SECURITY_ADMIN_PASSWORD", "crash-test-admin-password");
        env.putAll(extraEnv);
        env.values().removeIf(String::isEmpty);
        env.put("OMP_NUM_THREADS", "1");
        env.remove("QUARKUS_DATASOURCE_JDBC_URL");
        Process p = pb.start();
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive()) {
                throw new AssertionError("the service exited: " + Files.readString(dataDir.resolve(name + ".log")));
            }
            try {
                if (http.send(HttpRequest.newBuilder(uri("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return p;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500); // polls: the service is another process, its readiness check the only signal
        }
        throw new AssertionError("the service did not get ready: " + Files.readString(dataDir.resolve(name + ".log")));
    }

    private JsonNode await(long experimentId, Predicate<JsonNode> done, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode trials = null;
        while (Instant.now().isBefore(deadline)) {
            trials = get("/api/experiments/" + experimentId + "/trials?sort=number&size=100");
            if (done.test(trials)) {
                return trials;
            }
            Thread.sleep(500); // polls: the service is another process, its API all the test shares with it
        }
        throw new AssertionError("timed out; trials: " + trials);
    }

    private static long count(JsonNode trials, String state) {
        long n = 0;
        for (JsonNode t : trials.get("items")) {
            n += state.equals(t.get("state").asText()) ? 1 : 0;
        }
        return n;
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(201);
        return JSON.readTree(r.body());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + httpPort + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
