package com.lstmautoml.backend.worker;

import com.lstmautoml.backend.testing.EmbeddedPostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static com.lstmautoml.backend.testing.Api.awaitExperiment;
import static com.lstmautoml.backend.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL restarts under the running service while its in-process worker trains: the scheduler, the rescuer, the
 * worker and the API reconnect by themselves, the experiment finishes with every trial trained exactly once, and
 * during the outage the API answers 503 (never a bare 500).
 */
@QuarkusTest
@Tag("slow") // restarts the database under the service: the second stage (see backend/pom.xml)
class DatabaseRestartTest {

    static final String SPACE = "{\"units\":{\"type\":\"choice\",\"values\":[4]},"
            + "\"layers\":{\"type\":\"choice\",\"values\":[1]},\"lookBack\":{\"type\":\"int\",\"min\":2,\"max\":5},"
            + "\"batchSize\":{\"type\":\"choice\",\"values\":[32]}}";

    @Test
    void trialsCarryOnAfterTheDatabaseRestarts() throws Exception {
        long id = given().contentType("application/json").body("{\"name\":\"db-restart\",\"dataset\":"
                        + "\"airline-passengers\",\"target\":\"Passengers\",\"strategy\":\"grid\",\"pruner\":\"none\",\"maxTrials\":4,"
                        + "\"parallelism\":1,\"maxEpochs\":25,\"patience\":25,\"searchSpace\":" + SPACE + "}")
                .post("/api/experiments").then().statusCode(201).extract().jsonPath().getLong("id");
        // restart while a trial is training
        awaitExperiment(id, e -> e.getInt("trialCounts.RUNNING") > 0, Duration.ofSeconds(60));

        CompletableFuture<Void> restart = CompletableFuture.runAsync(() -> {
            try {
                EmbeddedPostgresResource.restart(Duration.ofSeconds(3));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<Integer> statuses = new ArrayList<>();
        while (!restart.isDone()) {
            Response r = given().get("/api/experiments/" + id);
            statuses.add(r.statusCode());
            if (r.statusCode() != 200) {
                assertThat(r.statusCode()).as("status during the outage: %s", r.asString()).isEqualTo(503);
                assertThat(r.contentType()).contains("application/problem+json");
                assertThat(r.header("Retry-After")).isNotBlank();
            }
        }
        restart.get();

        // everything carries on: the experiment completes, each trial trained once, none left RUNNING
        awaitExperiment(id, e -> "COMPLETED".equals(e.getString("state")), Duration.ofSeconds(120));
        JsonPath trials = given().get("/api/experiments/" + id + "/trials?sort=number").then().statusCode(200)
                .extract().jsonPath();
        assertThat(trials.getList("items.state", String.class)).containsOnly("COMPLETED").hasSize(4);
        assertThat(trials.getList("items.number", Integer.class)).containsExactly(0, 1, 2, 3);
        // the trial in flight during the outage kept its claim (its lease outlived the outage)
        assertThat(trials.getList("items.attempt", Integer.class)).containsOnly(1);
        assertThat(statuses).isNotEmpty();
    }
}
