package com.lstmautoml.backend.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Tag;
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
@Tag("slow") // trains whole experiments: the second stage (see backend/pom.xml)
class ExperimentLifecycleTest {

    @org.junit.jupiter.api.BeforeAll
    static void doubles() {
        com.lstmautoml.backend.testing.RestAssuredJson.useDoubles();
    }

    /** Tiny model keys so CI (2 cores) trains each trial in well under a second; preprocessing left to defaults. */
    static final String TINY_MODEL = "\"units\":{\"type\":\"choice\",\"values\":[4]},"
            + "\"layers\":{\"type\":\"choice\",\"values\":[1]},"
            + "\"lookBack\":{\"type\":\"int\",\"min\":2,\"max\":4},"
            + "\"dropout\":{\"type\":\"choice\",\"values\":[0]},"
            + "\"batchSize\":{\"type\":\"choice\",\"values\":[32]},"
            + "\"learningRate\":{\"type\":\"float\",\"min\":0.005,\"max\":0.05,\"log\":true}";

    /** The tiny model on levels with min-max scaling, so the scaler's fitted range can be checked by hand. */
    static final String TINY_SPACE = "{" + TINY_MODEL + ",\"transform\":{\"type\":\"choice\",\"values\":[\"none\"]},"
            + "\"difference\":{\"type\":\"choice\",\"values\":[0]},"
            + "\"scaler\":{\"type\":\"choice\",\"values\":[\"minmax\"]}}";

    static long create(String name, int maxTrials, int parallelism) {
        return create(name, maxTrials, parallelism, TINY_SPACE);
    }

    static long create(String name, int maxTrials, int parallelism, String space) {
        return ((Number) given().contentType("application/json").body("{\"name\":\"" + name + "\","
                        + "\"dataset\":\"airline-passengers\",\"target\":\"Passengers\",\"strategy\":\"random\","
                        + "\"maxTrials\":" + maxTrials + ",\"parallelism\":" + parallelism
                        + ",\"maxEpochs\":3,\"patience\":2,\"seed\":7,\"searchSpace\":" + space + "}")
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

        // the trial's MAE and sMAPE recomputed from the same stored predictions; MASE is MAE over the experiment's
        // scale, the in-sample MAE of seasonal naive (lag 12) on the training rows
        assertThat(detail.getDouble("trial.valMae")).isCloseTo(mae(actual, predicted), within(1e-6));
        assertThat(detail.getDouble("trial.valSmape")).isCloseTo(smape(actual, predicted), within(1e-6));
        double scale = seasonalNaiveScale(series, trainRows, 12);
        assertThat(e.getDouble("maseScale")).isCloseTo(scale, within(1e-9));
        assertThat(detail.getDouble("trial.valMase")).isCloseTo(mae(actual, predicted) / scale, within(1e-6));
        // one validation RMSE in passengers per epoch, and the trial keeps the epoch with the lowest
        List<Float> epochRmses = detail.getList("curve.valRmse", Float.class);
        assertThat(epochRmses).hasSize(epochs).doesNotContainNull();
        assertThat((double) epochRmses.get(detail.getInt("trial.bestEpoch")))
                .isCloseTo(detail.getDouble("trial.valRmse"), within(1e-3));

        // before promotion the test rows are scored by nobody
        assertThat(detail.getString("trial.testRmse")).isNull();
        assertThat(detail.getString("test")).isNull();
        // promote with no trialId takes the best completed trial
        JsonPath promoted = given().contentType("application/json").body("{}")
                .post("/api/experiments/" + id + "/promote").then().statusCode(200)
                .body("promotedTrial.id", equalTo((int) best)).extract().jsonPath();
        JsonPath scored = given().get("/api/trials/" + best).then().statusCode(200).extract().jsonPath();
        double[] testActual = toArray(scored.getList("test.actual", Double.class));
        double[] testPredicted = toArray(scored.getList("test.predicted", Double.class));
        // the held-out test rows (121..143), in passengers, forecast one step ahead by the stored model
        assertThat(testActual).containsExactly(Arrays.copyOfRange(series, trainRows + valRows, 144));
        assertThat(scored.getList("test.times", String.class).get(0)).isEqualTo("1959-02");
        // the promoted trial's test score recomputed independently from those forecasts
        assertThat(promoted.getDouble("promotedTrial.testRmse")).isCloseTo(rmse(testActual, testPredicted),
                within(1e-6));
        assertThat(promoted.getDouble("promotedTrial.testMae")).isCloseTo(mae(testActual, testPredicted),
                within(1e-6));
        assertThat(promoted.getDouble("promotedTrial.testSmape")).isCloseTo(smape(testActual, testPredicted),
                within(1e-6));
        assertThat(promoted.getDouble("promotedTrial.testMase")).isCloseTo(mae(testActual, testPredicted) / scale,
                within(1e-6));
        // its skill against seasonal naive on the same test rows
        double snTest = rmse(Arrays.copyOfRange(series, trainRows + valRows, 144),
                Arrays.copyOfRange(series, trainRows + valRows - 12, 144 - 12));
        assertThat(promoted.getDouble("promotedTrial.testSkill")).isCloseTo(1 - rmse(testActual, testPredicted)
                / snTest, within(1e-6));
        // the test score changes nothing about the ranking: promote best still picks the lowest validation RMSE
        given().contentType("application/json").body("{}").post("/api/experiments/" + id + "/promote")
                .then().statusCode(200).body("promotedTrial.id", equalTo((int) best))
                .body("bestTrial.id", equalTo((int) best));
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
        int createdAtCancel = given().post("/api/experiments/" + id + "/cancel").then().statusCode(200)
                .body("state", equalTo("CANCELLED")).extract().jsonPath().getInt("trialsCreated");
        JsonPath e = awaitExperiment(id, x -> x.getInt("trialCounts.RUNNING") == 0);
        // nothing is left queued or running, and no more trials get created after the cancel (a trial that ended
        // before it may have had its successor queued at once)
        assertThat(e.getInt("trialCounts.QUEUED")).isZero();
        assertThat(e.getInt("trialsCreated")).isEqualTo(createdAtCancel).isLessThan(40);
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

    @Test
    void everyExperimentHasItsSeasonItsDefaultPreprocessingAndItsBaselines() throws Exception {
        long id = create("baselines", 1, 1, "{" + TINY_MODEL + "}");
        JsonPath e = given().get("/api/experiments/" + id).then().statusCode(200).extract().jsonPath();
        // the season length comes from the monthly time column
        assertThat(e.getInt("seasonality")).isEqualTo(12);
        assertThat(e.getString("seasonalitySource")).isEqualTo("time column");
        // the request left the preprocessing out: the series' defaults are searched (AirPassengers is positive)
        assertThat(e.getList("searchSpace.transform.values", String.class)).containsExactly("none", "log");
        assertThat(e.getList("searchSpace.difference.values", Integer.class)).containsExactly(0, 1, 12);
        assertThat(e.getList("searchSpace.scaler.values", String.class)).containsExactly("minmax", "standard");

        double[] y = airPassengers();
        int trainEnd = 100;
        int valEnd = 121;
        // naive and seasonal naive on the validation and test rows, recomputed here from the raw series
        assertThat(e.getList("baselines.name", String.class))
                .containsExactly("naive", "seasonal naive", "Holt-Winters");
        assertThat(e.getDouble("baselines[0].valRmse")).isCloseTo(rmse(Arrays.copyOfRange(y, trainEnd, valEnd),
                Arrays.copyOfRange(y, trainEnd - 1, valEnd - 1)), within(1e-9)).isCloseTo(45.56, within(0.01));
        assertThat(e.getDouble("baselines[0].testRmse")).isCloseTo(52.68, within(0.01));
        assertThat(e.getDouble("baselines[1].valRmse")).isCloseTo(rmse(Arrays.copyOfRange(y, trainEnd, valEnd),
                Arrays.copyOfRange(y, trainEnd - 12, valEnd - 12)), within(1e-9)).isCloseTo(31.04, within(0.01));
        assertThat(e.getDouble("baselines[1].testRmse")).isCloseTo(50.89, within(0.01));
        assertThat(e.getDouble("baselines[1].valMae")).isCloseTo(mae(Arrays.copyOfRange(y, trainEnd, valEnd),
                Arrays.copyOfRange(y, trainEnd - 12, valEnd - 12)), within(1e-9));
        // seasonal naive's skill against itself is 0; MASE is its MAE over the training slice's scale
        assertThat(e.getDouble("baselines[1].valSkill")).isCloseTo(0, within(1e-12));
        assertThat(e.getDouble("baselines[1].valMase")).isCloseTo(e.getDouble("baselines[1].valMae")
                / seasonalNaiveScale(y, trainEnd, 12), within(1e-9));
        // Holt-Winters, fitted on the training slice, beats seasonal naive on both slices (statsmodels: 20.98, 16.02)
        assertThat(e.getDouble("baselines[2].valRmse")).isLessThan(31.04);
        assertThat(e.getDouble("baselines[2].testRmse")).isLessThan(50.89);
        assertThat(e.getString("baselines[2].description")).contains("season");
        // the history carries them too
        given().get("/api/experiments?name=baselines").then().statusCode(200)
                .body("items[0].baselines.size()", equalTo(3));
    }

    @Test
    void aSeasonLengthGivenIsKeptAndSearched() {
        long id = ((Number) given().contentType("application/json").body("{\"name\":\"season-4\","
                        + "\"dataset\":\"airline-passengers\",\"target\":\"Passengers\",\"maxTrials\":1,"
                        + "\"maxEpochs\":2,\"seasonality\":4,\"minEpochs\":2,\"searchSpace\":{" + TINY_MODEL + "}}")
                .post("/api/experiments").then().statusCode(201)
                .body("seasonality", equalTo(4)).body("seasonalitySource", equalTo("request"))
                .body("minEpochs", equalTo(2))
                .body("searchSpace.difference.values", org.hamcrest.Matchers.contains(0, 1, 4))
                .extract().jsonPath().getLong("id")).longValue();
        given().post("/api/experiments/" + id + "/cancel").then().statusCode(200);
    }

    static double rmse(double[] a, double[] p) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - p[i]) * (a[i] - p[i]);
        }
        return Math.sqrt(s / a.length);
    }

    static double mae(double[] a, double[] p) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i] - p[i]);
        }
        return s / a.length;
    }

    static double smape(double[] a, double[] p) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += 200 * Math.abs(a[i] - p[i]) / (Math.abs(a[i]) + Math.abs(p[i]));
        }
        return s / a.length;
    }

    /** Mean of |y[t] - y[t - m]| over the training rows t in [m, trainEnd). */
    static double seasonalNaiveScale(double[] y, int trainEnd, int m) {
        double s = 0;
        for (int t = m; t < trainEnd; t++) {
            s += Math.abs(y[t] - y[t - m]);
        }
        return s / (trainEnd - m);
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
