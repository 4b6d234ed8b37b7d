package com.lstmautoml.backend.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static com.lstmautoml.backend.testing.Api.awaitExperiment;
import static com.lstmautoml.backend.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The spine end to end on the real embedded PostgreSQL with the in-process DL4J worker: create → trials queued →
 * trained → ranked → promoted; and cancel.
 */
@QuarkusTest
class ExperimentLifecycleTest {

    @org.junit.jupiter.api.BeforeAll
    static void doubles() {
        com.lstmautoml.backend.testing.RestAssuredJson.useDoubles();
    }

    /** Tiny space so CI (2 cores) trains each trial in well under a second. */
    static final String TINY_SPACE = "{\"units\":{\"type\":\"choice\",\"values\":[4]},"
            + "\"layers\":{\"type\":\"choice\",\"values\":[1]},"
            + "\"lookBack\":{\"type\":\"int\",\"min\":2,\"max\":4},"
            + "\"dropout\":{\"type\":\"choice\",\"values\":[0]},"
            + "\"batchSize\":{\"type\":\"choice\",\"values\":[32]},"
            + "\"learningRate\":{\"type\":\"float\",\"min\":0.005,\"max\":0.05,\"log\":true}}";

    static long create(String name, int maxTrials, int parallelism) {
        return ((Number) given().contentType("application/json").body("{\"name\":\"" + name + "\","
                        + "\"dataset\":\"airline-passengers\",\"target\":\"Passengers\",\"strategy\":\"random\","
                        + "\"maxTrials\":" + maxTrials + ",\"parallelism\":" + parallelism
                        + ",\"maxEpochs\":3,\"patience\":2,\"seed\":7,\"searchSpace\":" + TINY_SPACE + "}")
                .post("/api/experiments").then().statusCode(201)
                .body("state", equalTo("RUNNING"))
                .extract().jsonPath().getLong("id")).longValue();
    }

    @Test
    void trialsAreTrainedRankedAndTheBestIsPromoted() throws Exception {
        long id = create("lifecycle", 3, 2);

        JsonPath e = awaitExperiment(id, x -> "COMPLETED".equals(x.getString("state")));
        // every trial ran to a final state and all three completed
        assertThat(e.getInt("trialCounts.COMPLETED")).isEqualTo(3);
        assertThat(e.getInt("trialsFinished")).isEqualTo(3);

        JsonPath ranked = given().get("/api/experiments/" + id + "/trials?sort=valRmse").then().statusCode(200)
                .extract().jsonPath();
        List<Float> rmses = ranked.getList("items.valRmse", Float.class);
        // ranked best (lowest validation RMSE) first
        assertThat(rmses).hasSize(3).isSorted();
        // the experiment's best trial is the first of the ranking
        assertThat(e.getLong("bestTrial.id")).isEqualTo(ranked.getLong("items[0].id"));
        // workers record themselves on the trials they ran
        assertThat(ranked.getList("items.workerId", String.class)).allSatisfy(w -> assertThat(w).contains("inproc"));

        long best = ranked.getLong("items[0].id");
        JsonPath detail = given().get("/api/trials/" + best).then().statusCode(200).extract().jsonPath();
        int epochs = detail.getInt("trial.epochsRun");
        // one curve point per epoch trained, written as they happened
        assertThat(detail.getList("curve")).hasSize(epochs);
        assertThat(detail.getInt("trial.bestEpoch")).isBetween(0, epochs - 1);
        // the trial row holds the exact DL4J configuration it trained
        assertThat(detail.getString("modelConfig.confs[0].layer['@class']")).contains("LSTM");

        double[] actual = toArray(detail.getList("validation.actual", Double.class));
        double[] predicted = toArray(detail.getList("validation.predicted", Double.class));
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            sum += (actual[i] - predicted[i]) * (actual[i] - predicted[i]);
        }
        // valRmse recomputed independently from the stored predictions and actuals (original units)
        assertThat(Math.sqrt(sum / actual.length)).isCloseTo(detail.getDouble("trial.valRmse"), within(1e-6));

        double[] series = airPassengers();
        int trainRows = (int) Math.floor(144 * 0.70);
        int valRows = (int) Math.floor(144 * 0.15);
        // validation targets are exactly the raw validation slice (rows 100..120), in passengers, not scaled
        assertThat(actual).containsExactly(Arrays.copyOfRange(series, trainRows, trainRows + valRows));
        assertThat(detail.getList("validation.times", String.class).get(0)).isEqualTo("1957-05");

        double trainMin = Arrays.stream(series, 0, trainRows).min().orElseThrow();
        double trainMax = Arrays.stream(series, 0, trainRows).max().orElseThrow();
        Map<String, Object> scaler = detail.getMap("preprocessing.scalers.Passengers");
        // the scaler was fit on the training slice only (the series peaks at 622 in the test slice)
        assertThat(((Number) scaler.get("min")).doubleValue()).isEqualTo(trainMin);
        assertThat(((Number) scaler.get("max")).doubleValue()).isEqualTo(trainMax).isLessThan(622);

        // promote with no trialId takes the best completed trial
        given().contentType("application/json").body("{}").post("/api/experiments/" + id + "/promote")
                .then().statusCode(200).body("promotedTrial.id", equalTo((int) best));
        // an explicit trial of the experiment can be promoted too
        long second = ranked.getLong("items[1].id");
        given().contentType("application/json").body("{\"trialId\":" + second + "}")
                .post("/api/experiments/" + id + "/promote").then().statusCode(200)
                .body("promotedTrial.id", equalTo((int) second));
        // a trial of no such experiment is a 400 naming trialId
        given().contentType("application/json").body("{\"trialId\":987654}")
                .post("/api/experiments/" + id + "/promote").then().statusCode(400)
                .body("errors[0].field", equalTo("trialId"));
        // the history lists it
        given().get("/api/experiments").then().statusCode(200)
                .body("items.find { it.id == " + id + " }.promotedTrial.id", equalTo((int) second));
        // sorting only by allowed fields
        given().get("/api/experiments/" + id + "/trials?sort=dropTable").then().statusCode(400)
                .body("errors[0].field", equalTo("sort")).body("errors[0].message", containsString("valRmse"));
    }

    @Test
    void cancelStopsQueuedTrialsAtOnceAndRunningOnesAtTheirNextHeartbeat() throws Exception {
        long id = create("to-cancel", 40, 4);
        given().post("/api/experiments/" + id + "/cancel").then().statusCode(200)
                .body("state", equalTo("CANCELLED"));
        JsonPath e = awaitExperiment(id, x -> x.getInt("trialCounts.RUNNING") == 0);
        // nothing is left queued or running, and no more trials get created after the cancel
        assertThat(e.getInt("trialCounts.QUEUED")).isZero();
        assertThat(e.getInt("trialsCreated")).isLessThanOrEqualTo(4);
        assertThat(e.getInt("trialCounts.CANCELLED") + e.getInt("trialCounts.COMPLETED"))
                .isEqualTo(e.getInt("trialsCreated"));
        // a cancelled experiment has nothing to promote unless a trial completed before the cancel
        if (e.getInt("trialCounts.COMPLETED") == 0) {
            given().contentType("application/json").body("{}").post("/api/experiments/" + id + "/promote")
                    .then().statusCode(409);
        }
    }

    @Test
    void openApiDescribesTheApi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/experiments/{id}/trials"));
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double[] airPassengers() throws Exception {
        try (InputStream in = ExperimentLifecycleTest.class.getResourceAsStream("/datasets/airline-passengers.csv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().split("\n");
            return Arrays.stream(lines).skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[1].strip()))
                    .toArray();
        }
    }
}
