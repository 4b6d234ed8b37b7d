package com.lstmautoml.backend.rest;

import com.lstmautoml.backend.testing.RestAssuredJson;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static com.lstmautoml.backend.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Upload a multivariate CSV, forecast one column from it and another: [samples, lookBack, 2] windows. */
@QuarkusTest
class MultivariateExperimentTest {

    @BeforeAll
    static void doubles() {
        RestAssuredJson.useDoubles();
    }

    static String csv(int rows) {
        StringBuilder sb = new StringBuilder("day,sales,temperature\n");
        for (int i = 0; i < rows; i++) {
            double temp = 20 + 5 * Math.sin(i / 4.0);
            sb.append(String.format(Locale.ROOT, "d%03d,%.3f,%.3f%n", i, 100 + 2 * temp + 0.5 * i, temp));
        }
        return sb.toString();
    }

    @Test
    void targetWithAnExtraFeatureTrainsAndRanks() throws Exception {
        given().contentType("text/csv").queryParam("name", "shop").body(csv(80)).post("/api/datasets")
                .then().statusCode(201);
        long id = given().contentType("application/json").body("{\"name\":\"multi\",\"dataset\":\"shop\","
                        + "\"target\":\"sales\",\"features\":[\"temperature\"],\"maxTrials\":2,\"parallelism\":2,"
                        + "\"maxEpochs\":2,\"patience\":1,\"searchSpace\":" + ExperimentLifecycleTest.TINY_SPACE + "}")
                .post("/api/experiments").then().statusCode(201)
                .body("features", equalTo(java.util.List.of("temperature")))
                .extract().jsonPath().getLong("id");
        JsonPath e = com.lstmautoml.backend.testing.Api.awaitExperiment(id, x -> "COMPLETED".equals(x.getString("state")));
        // both trials trained on two input columns
        assertThat(e.getInt("trialCounts.COMPLETED")).isEqualTo(2);
        long best = e.getLong("bestTrial.id");
        JsonPath detail = given().get("/api/trials/" + best).then().statusCode(200).extract().jsonPath();
        // the model's first layer takes both columns, the target first
        assertThat(detail.getInt("modelConfig.confs[0].layer.nin")).isEqualTo(2);
        assertThat(detail.getList("preprocessing.inputColumns", String.class)).containsExactly("sales", "temperature");
        // the workers that trained them are listed with their backend
        given().get("/api/workers").then().statusCode(200).body("backend", hasItem("CPU"));
    }

    @Test
    void unknownFeatureColumnAndTooShortSeriesAre400() {
        given().contentType("text/csv").queryParam("name", "tiny").body(csv(12)).post("/api/datasets")
                .then().statusCode(201);
        given().contentType("application/json").body("{\"name\":\"x\",\"dataset\":\"tiny\",\"target\":\"sales\","
                        + "\"features\":[\"humidity\"]}").post("/api/experiments")
                .then().statusCode(400).body("errors[0].field", equalTo("features[0]"))
                .body("errors[0].message", containsString("temperature"));
        // 12 rows leave 8 for training: look_back 12 cannot make two training windows
        given().contentType("application/json").body("{\"name\":\"x\",\"dataset\":\"tiny\",\"target\":\"sales\","
                        + "\"searchSpace\":{\"lookBack\":{\"type\":\"choice\",\"values\":[12]}}}")
                .post("/api/experiments").then().statusCode(400)
                .body("errors.field", hasItem("searchSpace.lookBack"));
    }
}
