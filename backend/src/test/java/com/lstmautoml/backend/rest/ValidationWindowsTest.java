package com.lstmautoml.backend.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static com.lstmautoml.backend.testing.Api.awaitExperiment;
import static com.lstmautoml.backend.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@code validationWindows}: rolling-origin validation. A bad count is a 400 naming the field and its range, with
 * nothing stored; an experiment of two windows trains each trial on both and shows each window's RMSE.
 */
@QuarkusTest
class ValidationWindowsTest {

    @BeforeAll
    static void doubles() {
        com.lstmautoml.backend.testing.RestAssuredJson.useDoubles();
    }

    /** AirPassengers with look-back 12 and no differencing: the oldest window needs 12 + 2 training rows. */
    private static final String LOOK_BACK_12 = "{\"units\":{\"type\":\"choice\",\"values\":[4]},"
            + "\"lookBack\":{\"type\":\"choice\",\"values\":[12]},"
            + "\"difference\":{\"type\":\"choice\",\"values\":[0]}}";

    private static String body(String name, String windows, String space) {
        return "{\"name\":\"" + name + "\",\"dataset\":\"airline-passengers\",\"target\":\"Passengers\","
                + "\"strategy\":\"random\",\"maxTrials\":1,\"parallelism\":1,\"maxEpochs\":3,\"patience\":2,"
                + "\"seed\":7,\"validationWindows\":" + windows + ",\"searchSpace\":" + space + "}";
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "0      | between 1 and 10",
            "-2     | between 1 and 10",
            "11     | between 1 and 10",
            "2.5    | between 1 and 10",
            "\"3\"  | between 1 and 10",
            // 144 rows: 100 train, 21 validation; 6 windows leave the oldest 100 - 5·21 = -5 rows, 5 leave it 16 >= 14
            "6      | between 1 and 5 for this series",
    })
    void aBadCountIsA400NamingTheFieldAndItsRangeAndStoresNothing(String windows, String range) {
        String name = "windows-bad-" + Math.abs(windows.strip().hashCode());
        given().contentType("application/json").body(body(name, windows.strip(), LOOK_BACK_12))
                .post("/api/experiments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.find { it.field == 'validationWindows' }.message", containsString(range.strip()));
        // nothing was created
        given().get("/api/experiments?name=" + name).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void theSeriesDefaultsFitTheOldestWindow() {
        // the default space leaves difference out: the series' default adds the seasonal lag 12 only where the
        // oldest window's 16 training rows hold look-back 12 + lag 12 + 2 (they do not), so 5 windows are accepted
        String defaults = "{\"units\":{\"type\":\"choice\",\"values\":[4]}}";
        given().contentType("application/json").body(body("windows-defaults", "5", defaults))
                .post("/api/experiments/validate").then().statusCode(204);
        // one window: the lag is searched, and the 21 validation rows are scored as before
        given().contentType("application/json").body(body("windows-defaults-1", "1", defaults))
                .post("/api/experiments/validate").then().statusCode(204);
        // a season given explicitly must fit the oldest window's training rows: 5 windows leave 16
        given().contentType("application/json").body(body("windows-season", "5", defaults).replace("\"seed\":7",
                        "\"seed\":7,\"seasonality\":24"))
                .post("/api/experiments/validate").then().statusCode(400)
                .body("errors.find { it.field == 'seasonality' }.message",
                        containsString("at most 16 for dataset 'airline-passengers' (144 rows, 16 of them training"
                                + " rows in the oldest validation window"));
    }

    @Test
    void theLargestCountTheSeriesHoldsIsAccepted() {
        // the same space with 5 windows: the oldest trains on 16 rows, enough for look-back 12
        given().contentType("application/json").body(body("windows-five", "5", LOOK_BACK_12))
                .post("/api/experiments/validate").then().statusCode(204);
    }

    @Test
    void aTwoWindowExperimentTrainsBothAndExposesEachWindowsRmse() throws Exception {
        long id = given().contentType("application/json")
                .body(body("windows-two", "2", ExperimentLifecycleTest.TINY_SPACE)).post("/api/experiments")
                .then().statusCode(201).body("validationWindows", equalTo(2))
                .extract().jsonPath().getLong("id");

        JsonPath e = awaitExperiment(id, x -> "COMPLETED".equals(x.getString("state")));
        assertThat(e.getInt("trialCounts.COMPLETED")).isEqualTo(1);
        assertThat(e.getInt("validationWindows")).isEqualTo(2);

        JsonPath trial = given().get("/api/experiments/" + id + "/trials").then().statusCode(200)
                .extract().jsonPath();
        List<Double> windows = trial.getList("items[0].valRmseWindows", Double.class);
        // one RMSE per window, the ranked valRmse their mean, the spread their sample standard deviation
        assertThat(windows).hasSize(2).doesNotContainNull();
        double a = windows.get(0);
        double b = windows.get(1);
        assertThat(trial.getDouble("items[0].valRmse")).isCloseTo((a + b) / 2, within(1e-9));
        assertThat(trial.getDouble("items[0].valRmseStd")).isCloseTo(Math.abs(a - b) / Math.sqrt(2), within(1e-9));

        JsonPath detail = given().get("/api/trials/" + trial.getLong("items[0].id")).then().statusCode(200)
                .extract().jsonPath();
        List<Integer> curveWindows = detail.getList("curve.window", Integer.class);
        List<Integer> epochs = detail.getList("curve.epoch", Integer.class);
        // both windows' epochs, window 0 first, each numbered from 0 (3 epochs at most per window)
        assertThat(curveWindows).containsOnly(0, 1).isSorted();
        assertThat(epochs.get(0)).isZero();
        assertThat(epochs.get(curveWindows.indexOf(1))).isZero();
        // epochsRun counts the epochs of both windows
        assertThat(detail.getInt("trial.epochsRun")).isEqualTo(curveWindows.size());
        // each window's RMSE is its best epoch's
        for (int w = 0; w < 2; w++) {
            int window = w;
            double best = java.util.stream.IntStream.range(0, curveWindows.size())
                    .filter(i -> curveWindows.get(i) == window)
                    .mapToDouble(i -> detail.getDouble("curve[" + i + "].valRmse")).min().orElseThrow();
            assertThat(best).isCloseTo(windows.get(w), within(windows.get(w) * 1e-5));
        }
        // the served model is the last window's, on the experiment's own split: its validation predictions are the
        // validation rows 100..120
        assertThat(detail.getList("validation.actual")).hasSize(21);
        assertThat(detail.getString("validation.times[0]")).isEqualTo("1957-05");

        // the baselines are scored over the same windows: seasonal naive's validation RMSE, y[t] forecast by
        // y[t - 12], is the mean of its RMSEs on rows [79, 100) and [100, 121)
        double[] y = ExperimentLifecycleTest.airPassengers();
        double expected = (seasonalNaiveRmse(y, 79, 100) + seasonalNaiveRmse(y, 100, 121)) / 2;
        assertThat(e.getDouble("baselines.find { it.name == 'seasonal naive' }.valRmse"))
                .isCloseTo(expected, within(1e-9));
    }

    private static double seasonalNaiveRmse(double[] y, int from, int to) {
        double ss = 0;
        for (int t = from; t < to; t++) {
            ss += (y[t] - y[t - 12]) * (y[t] - y[t - 12]);
        }
        return Math.sqrt(ss / (to - from));
    }
}
