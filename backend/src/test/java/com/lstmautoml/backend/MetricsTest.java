package com.lstmautoml.backend;

import com.lstmautoml.backend.testing.Api;
import com.lstmautoml.backend.testing.TestUsers;
import com.lstmautoml.core.testing.PrometheusText;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@code /q/metrics} over real HTTP: public Prometheus text with the queue's series, moved by a real experiment
 * trained by the in-process worker, and no label that names a team, an experiment, a model or a user.
 */
@QuarkusTest
@Tag("slow") // trains trials to count them: the second stage (see backend/pom.xml)
class MetricsTest {

    /** Tiny trials (see ExperimentLifecycleTest): well under a second each on 2 cores. */
    static final String TINY_SPACE = "{\"units\":{\"type\":\"choice\",\"values\":[4]},"
            + "\"layers\":{\"type\":\"choice\",\"values\":[1]},"
            + "\"lookBack\":{\"type\":\"choice\",\"values\":[3]},"
            + "\"dropout\":{\"type\":\"choice\",\"values\":[0]},"
            + "\"batchSize\":{\"type\":\"choice\",\"values\":[32]},"
            + "\"learningRate\":{\"type\":\"choice\",\"values\":[0.01]}}";

    /** Names in this test's data and requests that must never reach a label. */
    static final String SECRET = "zebra-metrics-secret";

    @Inject
    AgroalDataSource dataSource;

    /** The Prometheus text format (without an Accept header, Quarkus answers in OpenMetrics). */
    static String scrapeText() {
        return Api.anonymous().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
    }

    static PrometheusText scrape() {
        return PrometheusText.parse(scrapeText());
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long runExperiment(String name, int trials) throws InterruptedException {
        long id = Api.given().contentType("application/json").body("{\"name\":\"" + name + "\","
                        + "\"dataset\":\"airline-passengers\",\"target\":\"Passengers\",\"strategy\":\"random\","
                        + "\"maxTrials\":" + trials + ",\"parallelism\":1,\"maxEpochs\":2,\"patience\":2,\"seed\":7,"
                        + "\"searchSpace\":" + TINY_SPACE + "}")
                .post("/api/experiments").then().statusCode(201).body("state", equalTo("RUNNING"))
                .extract().jsonPath().getLong("id");
        Api.awaitExperiment(id, e -> "COMPLETED".equals(e.getString("state")));
        return id;
    }

    @Test
    void theMetricsArePublicPrometheusTextWithTheQueuesSeries() {
        Api.given().get("/api/me").then().statusCode(200);

        // no token needed, like /q/health
        Response r = Api.anonymous().accept("text/plain").get("/q/metrics").then().statusCode(200).extract()
                .response();

        assertThat(r.contentType()).startsWith("text/plain; version=0.0.4");
        assertThat(r.asString()).contains("# TYPE automl_trials gauge", "# TYPE automl_workers_alive gauge");
        PrometheusText text = PrometheusText.parse(r.asString());
        // trials by state (gauges from the database), for every state and kind, and workers alive
        assertThat(text.samples()).filteredOn(s -> s.name().equals("automl_trials")).hasSize(12);
        assertThat(text.value("automl_trials", "kind", "refit", "state", "running")).isNotNegative();
        assertThat(text.value("automl_workers_alive")).isNotNegative();
        // the outcome counters and the rescuer's, at zero or more from the start
        assertThat(text.value("automl_trials_finished_total", "kind", "search", "outcome", "pruned")).isNotNegative();
        assertThat(text.value("automl_lease_rescues_total", "result", "requeued")).isNotNegative();
        assertThat(text.value("automl_lease_rescues_total", "result", "failed")).isNotNegative();
        // the extension's HTTP server and JVM metrics
        assertThat(text.value("http_server_requests_seconds_count", "method", "GET", "outcome", "SUCCESS",
                "status", "200", "uri", "/api/me")).isPositive();
        assertThat(text.has("jvm_memory_used_bytes", "area", "heap")).isTrue();
    }

    @Test
    void anExperimentsTrialsMoveTheQueuesSeries() throws Exception {
        PrometheusText before = scrape();

        runExperiment("metrics " + SECRET, 2);

        PrometheusText after = scrape();
        // its two trials were claimed (first claims: a wait each), trained (at least one epoch each) and completed
        // (other tests' trials may add to the counts, never take away)
        assertThat(after.value("automl_trials_finished_total", "kind", "search", "outcome", "completed")
                - before.value("automl_trials_finished_total", "kind", "search", "outcome", "completed"))
                .isGreaterThanOrEqualTo(2);
        assertThat(after.value("automl_trial_queue_wait_seconds_count", "kind", "search")
                - before.value(0, "automl_trial_queue_wait_seconds_count", "kind", "search"))
                .isGreaterThanOrEqualTo(2);
        assertThat(after.value("automl_trial_epoch_duration_seconds_count", "kind", "search")
                - before.value(0, "automl_trial_epoch_duration_seconds_count", "kind", "search"))
                .isGreaterThanOrEqualTo(2);
        assertThat(after.value("automl_trial_duration_seconds_count", "kind", "search", "outcome", "completed")
                - before.value(0, "automl_trial_duration_seconds_count", "kind", "search", "outcome", "completed"))
                .isGreaterThanOrEqualTo(2);
        assertThat(after.value("automl_trial_duration_seconds_sum", "kind", "search", "outcome", "completed"))
                .isPositive();
        // every epoch is in a bucket
        assertThat(after.value("automl_trial_epoch_duration_seconds_bucket", "kind", "search", "le", "+Inf"))
                .isEqualTo(after.value("automl_trial_epoch_duration_seconds_count", "kind", "search"));
        // the in-process worker is alive
        assertThat(after.value("automl_workers_alive")).isGreaterThanOrEqualTo(1);

        // the gauge counts the table: it agrees with the database once its few seconds' cache has expired
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        long completed;
        double gauge;
        do {
            completed = count("SELECT count(*) FROM trial WHERE state = 'COMPLETED' AND kind = 'SEARCH'");
            gauge = scrape().value("automl_trials", "kind", "search", "state", "completed");
            if (gauge != completed) {
                Thread.sleep(500); // the gauge's cache expires on the service's real clock: nothing to move
            }
        } while (gauge != completed && Instant.now().isBefore(deadline));
        assertThat(gauge).isEqualTo(completed).isGreaterThanOrEqualTo(2);
    }

    @Test
    void noLabelNamesATeamAnExperimentAModelOrAUser() throws Exception {
        String token = TestUsers.token(dataSource, "team-" + SECRET, "user-" + SECRET, "admin");
        Api.as(token).get("/api/me").then().statusCode(200);
        // requests that carry names in their paths: templated, unauthenticated, unknown, and the dashboard's
        Api.given().get("/api/models/model-" + SECRET).then().statusCode(404);
        Api.anonymous().get("/api/models/model-" + SECRET).then().statusCode(401);
        Api.given().get("/api/models/model-" + SECRET + "/tail").then().statusCode(404);
        Api.given().get("/api/nothing-" + SECRET).then().statusCode(404);
        Api.anonymous().get("/models/model-" + SECRET).then().statusCode(200);
        Api.anonymous().get("/q/nothing-" + SECRET).then().statusCode(404);
        runExperiment("experiment-" + SECRET, 1);

        String raw = scrapeText();
        PrometheusText text = PrometheusText.parse(raw);

        // no name of this test's team, user, experiment, model or paths appears anywhere in the scrape
        assertThat(raw).doesNotContain(SECRET);
        // the queue's series carry kind, state, outcome and result labels only (and the histograms' le)
        Set<String> keys = text.samples().stream().filter(s -> s.name().startsWith("automl_"))
                .flatMap(s -> s.labels().keySet().stream()).collect(Collectors.toSet());
        assertThat(keys).containsExactlyInAnyOrder("kind", "state", "outcome", "result", "le");
        // the HTTP series name paths by their templates, never by what a client sent: a request answered before
        // any resource matched it by its area, an unknown one NOT_FOUND, the dashboard's by its own
        assertThat(text.has("http_server_requests_seconds_count", "uri", "/api/models/{name}", "status", "404"))
                .isTrue();
        assertThat(text.has("http_server_requests_seconds_count", "uri", "/api/models/{name}/tail")).isTrue();
        assertThat(text.has("http_server_requests_seconds_count", "uri", "/api/*", "status", "401")).isTrue();
        assertThat(text.has("http_server_requests_seconds_count", "uri", "NOT_FOUND", "status", "404")).isTrue();
        assertThat(text.has("http_server_requests_seconds_count", "uri", "/*", "status", "200")).isTrue();
    }
}
