package com.lstmautoml.backend.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.lstmautoml.backend.testing.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Bad experiment requests: 400 problem JSON whose errors name the field to fix; nothing is created. */
@QuarkusTest
class ExperimentValidationTest {

    private static String body(String extra) {
        return "{\"name\":\"v\",\"dataset\":\"airline-passengers\",\"target\":\"Passengers\",\"maxTrials\":2"
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "\"searchSpace\":{\"units\":{\"type\":\"int\",\"min\":64,\"max\":8}}      | searchSpace.units.min",
            "\"searchSpace\":{\"units\":{\"type\":\"int\",\"min\":0,\"max\":8}}       | searchSpace.units.min",
            "\"searchSpace\":{\"dropout\":{\"type\":\"float\",\"min\":0,\"max\":1}}   | searchSpace.dropout.max",
            "\"searchSpace\":{\"colour\":{\"type\":\"int\",\"min\":1,\"max\":2}}      | searchSpace.colour",
            "\"searchSpace\":{\"units\":{\"type\":\"gaussian\",\"min\":1,\"max\":2}}  | searchSpace.units.type",
            "\"strategy\":\"grid\",\"searchSpace\":{\"dropout\":{\"type\":\"float\",\"min\":0,\"max\":0.5}} | searchSpace.dropout",
            "\"maxTrials\":100000                                                     | maxTrials",
            "\"strategy\":\"annealing\"                                               | strategy",
            "\"pruner\":\"hyperband\"                                                 | pruner",
            "\"pruner\":{\"type\":\"asha\",\"reductionFactor\":11}                    | pruner.reductionFactor",
            "\"timeBudget\":\"-PT1M\"                                                  | timeBudget",
            "\"target\":\"Nope\"                                                      | target",
            "\"dataset\":\"missing-dataset\"                                          | dataset",
            "\"searchSpace\":{\"lookBack\":{\"type\":\"choice\",\"values\":[120]}}    | searchSpace.lookBack",
            "\"split\":{\"train\":0.9,\"validation\":0.2}                            | split",
            "\"color\":1                                                              | color",
            "\"seasonality\":0                                                        | seasonality",
            "\"seasonality\":\"monthly\"                                              | seasonality",
            "\"seasonality\":49                                                       | seasonality",
            "\"minEpochs\":0                                                          | minEpochs",
            "\"maxEpochs\":10,\"minEpochs\":11                                        | minEpochs",
            "\"searchSpace\":{\"difference\":{\"type\":\"choice\",\"values\":[90]}} | searchSpace.lookBack",
    })
    void invalidRequestNamesTheField(String extra, String field) {
        // JSON allows duplicate keys; the later one wins, so extra overrides the defaults above
        given().contentType("application/json").body(body(extra.strip())).post("/api/experiments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem(field.strip()));
    }

    @Test
    void nameIsRequiredAndAllProblemsComeAtOnce() {
        given().contentType("application/json")
                .body("{\"dataset\":\"airline-passengers\",\"target\":\"Passengers\",\"maxEpochs\":0,"
                        + "\"searchSpace\":{\"layers\":{\"type\":\"int\",\"min\":0,\"max\":2}}}")
                .post("/api/experiments").then().statusCode(400)
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("maxEpochs"))
                .body("errors.field", hasItem("searchSpace.layers.min"));
    }

    @Test
    void theSeasonLimitIsNamedAndNothingIsStored() {
        // AirPassengers has 144 rows: a season must fit three times, so at most 48
        given().contentType("application/json").body(body("\"name\":\"season-too-long\",\"seasonality\":49"))
                .post("/api/experiments").then().statusCode(400)
                .body("errors.find { it.field == 'seasonality' }.message", containsString("at most 48"));
        given().get("/api/experiments?name=season-too-long").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void logNeedsPositiveValuesAndTheDefaultLeavesItOut() {
        StringBuilder csv = new StringBuilder("t,y\n");
        for (int i = 0; i < 60; i++) {
            csv.append(i).append(',').append(Math.sin(i / 3.0)).append('\n'); // crosses zero
        }
        given().contentType("text/csv").queryParam("name", "crosses-zero").body(csv.toString())
                .post("/api/datasets").then().statusCode(201);
        String tiny = "\"units\":{\"type\":\"choice\",\"values\":[4]},\"lookBack\":{\"type\":\"int\",\"min\":2,\"max\":3}";
        // asking for log on values <= 0 is a 400 at searchSpace.transform, and nothing is stored
        given().contentType("application/json").body("{\"name\":\"log-on-zero\",\"dataset\":\"crosses-zero\","
                        + "\"target\":\"y\",\"searchSpace\":{" + tiny
                        + ",\"transform\":{\"type\":\"choice\",\"values\":[\"none\",\"log\"]}}}")
                .post("/api/experiments").then().statusCode(400)
                .body("errors.field", hasItem("searchSpace.transform"))
                .body("errors[0].message", containsString("positive"));
        given().get("/api/experiments?name=log-on-zero").then().statusCode(200).body("total", equalTo(0));
        // left out, the default transform of such a series is none alone
        given().contentType("application/json").body("{\"name\":\"default-on-zero\",\"dataset\":\"crosses-zero\","
                        + "\"target\":\"y\",\"maxTrials\":1,\"maxEpochs\":1,\"searchSpace\":{" + tiny + "}}")
                .post("/api/experiments/validate").then().statusCode(204);
    }

    @Test
    void malformedJsonIs400() {
        given().contentType("application/json").body("{\"name\": ").post("/api/experiments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    void unknownExperimentIs404() {
        given().get("/api/experiments/999999").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/experiments/999999/trials").then().statusCode(404);
        given().get("/api/trials/999999").then().statusCode(404);
    }
}
