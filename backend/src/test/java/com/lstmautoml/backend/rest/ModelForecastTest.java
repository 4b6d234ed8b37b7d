package com.lstmautoml.backend.rest;

import com.lstmautoml.backend.testing.Api;
import com.lstmautoml.backend.testing.TestUsers;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static com.lstmautoml.backend.testing.Api.awaitExperiment;
import static com.lstmautoml.backend.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Forecasts of a promoted version over the REST API: recursive means with split-conformal bands, time labels that
 * continue the series, appended history, bad input as 400s naming the field, other teams 404, viewers 200.
 */
@QuarkusTest
class ModelForecastTest {

    static final String NONCE = UUID.randomUUID().toString().substring(0, 8);
    static final String MODEL = "fc-" + NONCE;
    static final String PATH = "/api/models/" + MODEL;

    @Inject
    AgroalDataSource dataSource;

    static boolean promoted;

    @BeforeAll
    static void doubles() {
        com.lstmautoml.backend.testing.RestAssuredJson.useDoubles();
    }

    /** One tiny trial (maxEpochs 3), promoted once for the class. */
    private void promoted() throws InterruptedException {
        if (promoted) {
            return;
        }
        long id = ExperimentLifecycleTest.create("forecast-" + NONCE, 1, 1);
        awaitExperiment(id, x -> "COMPLETED".equals(x.getString("state")));
        given().contentType("application/json").body("{\"model\":\"" + MODEL + "\", \"refit\": false}")
                .post("/api/experiments/" + id + "/promote").then().statusCode(200);
        promoted = true;
    }

    private static Response forecast(String body) {
        return given().contentType("application/json").body(body).post(PATH + "/forecast");
    }

    @Test
    void horizon12ContinuesTheMonthsWithNestedBands() throws Exception {
        promoted();
        JsonPath f = forecast("{\"horizon\":12}").then().statusCode(200).body("model", equalTo(MODEL))
                .body("version", equalTo(1)).extract().jsonPath();
        List<Map<String, Object>> rows = f.getList("forecast");
        assertThat(rows).hasSize(12);
        assertThat(f.getList("forecast.time", String.class)).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 12).mapToObj(m -> String.format("1961-%02d", m)).toList());
        int with95 = 0;
        for (int k = 0; k < 12; k++) {
            double mean = f.getDouble("forecast[" + k + "].mean");
            assertThat(mean).isFinite();
            Double lo80 = f.getObject("forecast[" + k + "].lower.'80'", Double.class);
            Double hi80 = f.getObject("forecast[" + k + "].upper.'80'", Double.class);
            Double lo95 = f.getObject("forecast[" + k + "].lower.'95'", Double.class);
            Double hi95 = f.getObject("forecast[" + k + "].upper.'95'", Double.class);
            int n = f.getInt("forecast[" + k + "].calibrationErrors");
            // AirPassengers: 21 validation origins, step k has an actual inside the validation rows from 22 - k
            assertThat(n).isEqualTo(21 - k);
            // the 80 % rank ceil((n+1)0.8) <= n for every n >= 4
            assertThat(lo80).isNotNull();
            assertThat(lo80).isLessThanOrEqualTo(mean);
            assertThat(hi80).isGreaterThanOrEqualTo(mean);
            assertThat(hi80 - mean).isCloseTo(mean - lo80, org.assertj.core.data.Offset.offset(1e-6));
            if (Math.ceil((n + 1) * 0.95 - 1e-9) > n) {
                // too few errors for 95 %: no invented bounds
                assertThat(lo95).isNull();
                assertThat(hi95).isNull();
            } else {
                with95++;
                assertThat(lo95).isLessThanOrEqualTo(lo80);
                assertThat(hi95).isGreaterThanOrEqualTo(hi80);
            }
        }
        assertThat(with95).isGreaterThan(0);
        // the version path gives the same numbers (cached model and calibration)
        JsonPath v1 = given().contentType("application/json").body("{\"horizon\":12}")
                .post(PATH + "/versions/1/forecast").then().statusCode(200).extract().jsonPath();
        assertThat(v1.getList("forecast.mean", Double.class))
                .containsExactlyElementsOf(f.getList("forecast.mean", Double.class));

        // levels of choice, keyed as given
        forecast("{\"horizon\":2,\"levels\":[50,99.5]}").then().statusCode(200)
                .body("forecast[0].lower.'50'", org.hamcrest.Matchers.notNullValue())
                .body("forecast[0].upper", org.hamcrest.Matchers.hasKey("99.5"));
    }

    @Test
    void theTailIsTheStoredSeriesLastRows() throws Exception {
        promoted();
        given().get(PATH + "/tail?rows=3").then().statusCode(200).body("timeColumn", equalTo("Month"))
                .body("target", equalTo("Passengers"))
                .body("times", org.hamcrest.Matchers.contains("1960-10", "1960-11", "1960-12"))
                .body("values", org.hamcrest.Matchers.contains(461.0, 390.0, 432.0));
        given().get(PATH + "/tail?rows=3&version=1").then().statusCode(200)
                .body("times", org.hamcrest.Matchers.hasSize(3));
        given().get(PATH + "/tail?rows=0").then().statusCode(400).body(containsString("rows"))
                .body(containsString("1 (minimum)"));
        given().get(PATH + "/tail?version=9").then().statusCode(404);
        given().get("/api/models/no-such-" + NONCE + "/tail").then().statusCode(404);
    }

    @Test
    void appendedAndReplacedHistoryMoveTheFirstLabel() throws Exception {
        promoted();
        forecast("{\"horizon\":3,\"history\":[{\"time\":\"1961-01\",\"Passengers\":420},"
                + "{\"time\":\"1961-02\",\"Passengers\":400}]}").then().statusCode(200)
                .body("forecast.time", org.hamcrest.Matchers.contains("1961-03", "1961-04", "1961-05"));
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            rows.append(i == 0 ? "" : ",").append("{\"time\":\"2000-0").append(i + 1).append("\",\"Passengers\":")
                    .append(100 + 10 * i).append('}');
        }
        JsonPath r = forecast("{\"horizon\":2,\"replace\":true,\"history\":[" + rows + "]}").then().statusCode(200)
                .body("forecast.time", org.hamcrest.Matchers.contains("2000-07", "2000-08")).extract().jsonPath();
        assertThat(r.getDouble("forecast[0].mean")).isFinite();
    }

    @Test
    void badInputIsA400NamingTheFieldAndStoresNothing() throws Exception {
        promoted();
        long versions = count("SELECT count(*) FROM model_version");
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("{\"horizon\":0}", "horizon");
        bad.put("{\"horizon\":1001}", "horizon");
        bad.put("{\"horizon\":\"x\"}", "horizon");
        bad.put("{}", "horizon");
        bad.put("{\"horizon\":2,\"levels\":[0]}", "levels[0]");
        bad.put("{\"horizon\":2,\"levels\":[80,100]}", "levels[1]");
        bad.put("{\"horizon\":2,\"levels\":[-5]}", "levels[0]");
        bad.put("{\"horizon\":2,\"history\":[{\"time\":\"1961-01\"}]}", "history[0]");
        bad.put("{\"horizon\":2,\"history\":[{\"time\":\"1961-01\",\"Passengers\":1,\"extra\":2}]}", "history[0]");
        bad.put("{\"horizon\":2,\"history\":[{\"time\":\"1961-01\",\"Passengers\":\"many\"}]}",
                "history[0].Passengers");
        bad.put("{\"horizon\":2,\"replace\":true,\"history\":[{\"time\":\"1961-01\",\"Passengers\":1}]}", "history");
        bad.put("{\"horizon\":2,\"future\":[{\"x\":1},{\"x\":2}]}", "future");
        // not a list: never taken for "no history" (the stored series' path)
        bad.put("{\"horizon\":2,\"history\":\"x\"}", "history");
        bad.put("{\"horizon\":2,\"history\":{}}", "history");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            forecast(e.getKey()).then().statusCode(400).contentType(containsString("application/problem+json"))
                    .body("errors[0].field", equalTo(e.getValue()));
        }
        forecast("{\"horizon\":0}").then().body("errors[0].message", containsString("1000"));
        forecast("{\"horizon\":2,\"replace\":true,\"history\":[{\"time\":\"1961-01\",\"Passengers\":1}]}").then()
                .body("errors[0].message", containsString("at least"));
        assertThat(count("SELECT count(*) FROM model_version")).isEqualTo(versions);
        // unknown model or version
        given().contentType("application/json").body("{\"horizon\":1}").post("/api/models/no-such-" + NONCE
                + "/forecast").then().statusCode(404);
        given().contentType("application/json").body("{\"horizon\":1}").post(PATH + "/versions/9/forecast").then()
                .statusCode(404);
        given().contentType("application/json").body("{\"horizon\":1}").post(PATH + "/versions/x/forecast").then()
                .statusCode(404);
    }

    @Test
    void viewersForecastAndOtherTeamsGetNotFound() throws Exception {
        promoted();
        String viewer = TestUsers.token(dataSource, "default", "fc-viewer-" + NONCE, "viewer");
        Api.as(viewer).contentType("application/json").body("{\"horizon\":2}").post(PATH + "/forecast").then()
                .statusCode(200).body("forecast.time", org.hamcrest.Matchers.contains("1961-01", "1961-02"));
        String other = TestUsers.token(dataSource, "fc-other-" + NONCE, "fc-admin-b-" + NONCE, "admin");
        for (String p : List.of(PATH + "/forecast", PATH + "/versions/1/forecast")) {
            Api.as(other).contentType("application/json").body("{\"horizon\":2}").post(p).then().statusCode(404)
                    .contentType(containsString("application/problem+json"));
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
