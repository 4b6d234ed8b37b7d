package com.lstmautoml.backend.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static com.lstmautoml.backend.testing.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The experiment's {@code pruner}: stored at create, shown in the view, validated by name. */
@QuarkusTest
class ExperimentPrunerTest {

    private static String body(String name, String pruner) {
        return "{\"name\":\"" + name + "\",\"dataset\":\"airline-passengers\",\"target\":\"Passengers\","
                + "\"maxTrials\":1,\"maxEpochs\":50,\"patience\":50,"
                + (pruner == null ? "" : "\"pruner\":" + pruner + ",")
                + "\"searchSpace\":" + ExperimentLifecycleTest.TINY_SPACE + "}";
    }

    @Test
    void anAshaExperimentIsCreatedAndShowsItsPruner() {
        long id = given().contentType("application/json").body(body("pruned-asha", "\"asha\""))
                .post("/api/experiments")
                // a known pruner is accepted: 201 with the view, which shows it
                .then().statusCode(201).body("pruner", equalTo("asha"))
                .extract().jsonPath().getLong("id");
        // stored: reading the experiment back shows it too
        given().get("/api/experiments/" + id).then().statusCode(200).body("pruner", equalTo("asha"));
        // and the history lists it with its pruner
        given().get("/api/experiments?name=pruned-asha").then().statusCode(200)
                .body("items.pruner", hasItem("asha"));
        given().post("/api/experiments/" + id + "/cancel").then().statusCode(200);
    }

    @Test
    void withoutAPrunerTheExperimentPrunesNothing() {
        long id = given().contentType("application/json").body(body("pruned-default", null))
                .post("/api/experiments")
                // an omitted pruner is none
                .then().statusCode(201).body("pruner", equalTo("none"))
                .extract().jsonPath().getLong("id");
        given().post("/api/experiments/" + id + "/cancel").then().statusCode(200);
    }

    @Test
    void anUnknownPrunerIs400NamingTheField() {
        given().contentType("application/json").body(body("pruned-bad", "\"hyperband\"")).post("/api/experiments")
                // hyperband is not a pruner: 400 whose error names the field pruner and lists the names
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("pruner"))
                .body("errors.message", hasItem(containsString("none, median, asha")));
        // nothing was created
        given().get("/api/experiments?name=pruned-bad").then().statusCode(200).body("total", equalTo(0));
    }
}
