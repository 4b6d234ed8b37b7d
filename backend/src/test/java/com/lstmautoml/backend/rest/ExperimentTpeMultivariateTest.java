package com.lstmautoml.backend.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static com.lstmautoml.backend.testing.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The experiment's {@code tpeMultivariate}: stored at create, shown in the view, refused unless a boolean for tpe. */
@QuarkusTest
class ExperimentTpeMultivariateTest {

    private static String body(String name, String strategy, String multivariate) {
        return "{\"name\":\"" + name + "\",\"dataset\":\"airline-passengers\",\"target\":\"Passengers\","
                + "\"strategy\":\"" + strategy + "\",\"maxTrials\":1,\"maxEpochs\":50,\"patience\":50,"
                + (multivariate == null ? "" : "\"tpeMultivariate\":" + multivariate + ",")
                + "\"searchSpace\":" + ExperimentLifecycleTest.TINY_SPACE + "}";
    }

    @Test
    void aMultivariateTpeExperimentIsStoredAndShown() {
        long id = given().contentType("application/json").body(body("tpe-joint", "tpe", "true"))
                .post("/api/experiments")
                // accepted: 201 with the view, which shows the option
                .then().statusCode(201).body("tpeMultivariate", equalTo(true))
                .extract().jsonPath().getLong("id");
        // stored: reading the experiment back shows it too
        given().get("/api/experiments/" + id).then().statusCode(200).body("tpeMultivariate", equalTo(true))
                .body("strategy", equalTo("tpe"));
        given().post("/api/experiments/" + id + "/cancel").then().statusCode(200);
    }

    @Test
    void leftOutTheEstimatorIsUnivariate() {
        long id = given().contentType("application/json").body(body("tpe-plain", "tpe", null))
                .post("/api/experiments")
                .then().statusCode(201).body("tpeMultivariate", equalTo(false))
                .extract().jsonPath().getLong("id");
        given().post("/api/experiments/" + id + "/cancel").then().statusCode(200);
    }

    @Test
    void aNonBooleanOrAnotherStrategyIs400NamingTheField() {
        given().contentType("application/json").body(body("tpe-bad-type", "tpe", "\"yes\""))
                .post("/api/experiments")
                // not a boolean: 400 naming the field
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("tpeMultivariate"))
                .body("errors.message", hasItem(containsString("true or false")));
        given().contentType("application/json").body(body("tpe-bad-strategy", "random", "true"))
                .post("/api/experiments")
                // asked of random search: 400 naming the field and the strategy it needs
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("tpeMultivariate"))
                .body("errors.message", hasItem(containsString("'tpe'")));
        // nothing was created
        given().get("/api/experiments?name=tpe-bad-type").then().statusCode(200).body("total", equalTo(0));
        given().get("/api/experiments?name=tpe-bad-strategy").then().statusCode(200).body("total", equalTo(0));
    }
}
