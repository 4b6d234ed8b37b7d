package com.lstmautoml.backend.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.lstmautoml.backend.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/experiments/validate: the rules of create, nothing stored. */
@QuarkusTest
class ExperimentValidateTest {

    static final String VALID = "{\"name\":\"validate-only\",\"dataset\":\"airline-passengers\","
            + "\"target\":\"Passengers\",\"maxTrials\":2,\"maxEpochs\":2,\"searchSpace\":"
            + ExperimentLifecycleTest.TINY_SPACE + "}";

    @Test
    void validBodyIs204AndCreatesNothing() {
        long before = total();
        // a valid request passes with no content
        given().contentType("application/json").body(VALID).post("/api/experiments/validate")
                .then().statusCode(204);
        // validate stores no experiment
        assertThat(total()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // parser rules: several fields at once
            "{\"dataset\":\"airline-passengers\",\"target\":\"Passengers\",\"maxEpochs\":0,\"maxTrials\":0}",
            // dataset rules: unknown target and feature columns
            "{\"name\":\"x\",\"dataset\":\"airline-passengers\",\"target\":\"Nope\",\"features\":[\"Nix\"]}",
            // the dataset must exist
            "{\"name\":\"x\",\"dataset\":\"no-such-dataset\",\"target\":\"Passengers\"}",
            // data requirements: the look-back does not fit the split
            "{\"name\":\"x\",\"dataset\":\"airline-passengers\",\"target\":\"Passengers\","
                    + "\"searchSpace\":{\"lookBack\":{\"type\":\"choice\",\"values\":[120]}}}"})
    void invalidBodyIs400WithTheErrorsOfCreate(String body) {
        long before = total();
        JsonPath validate = given().contentType("application/json").body(body).post("/api/experiments/validate")
                .then().statusCode(400).contentType("application/problem+json").extract().jsonPath();
        JsonPath create = given().contentType("application/json").body(body).post("/api/experiments")
                .then().statusCode(400).extract().jsonPath();
        // validate reports at least one field to fix
        assertThat(validate.getList("errors")).isNotEmpty();
        // exactly the errors create reports (one set of rules)
        assertThat(validate.getList("errors")).isEqualTo(create.getList("errors"));
        // neither stored anything
        assertThat(total()).isEqualTo(before);
    }

    private static long total() {
        return given().get("/api/experiments?size=1").then().statusCode(200).extract().jsonPath().getLong("total");
    }
}
