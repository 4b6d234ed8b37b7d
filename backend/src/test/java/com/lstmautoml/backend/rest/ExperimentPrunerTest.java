package com.lstmautoml.backend.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static com.lstmautoml.backend.testing.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The experiment's {@code pruner}: a name or an object with settings, stored at create, shown in the view in the
 * object form with every setting filled in, validated setting by setting.
 */
@QuarkusTest
class ExperimentPrunerTest {

    private static String body(String name, String pruner) {
        return "{\"name\":\"" + name + "\",\"dataset\":\"airline-passengers\",\"target\":\"Passengers\","
                + "\"maxTrials\":1,\"maxEpochs\":50,\"patience\":50,"
                + (pruner == null ? "" : "\"pruner\":" + pruner + ",")
                + "\"searchSpace\":" + ExperimentLifecycleTest.TINY_SPACE + "}";
    }

    @Test
    void anAshaExperimentIsCreatedAndShowsItsPrunerWithEverySetting() {
        Map<String, Object> asha = Map.of("type", "asha", "minEpochs", 3, "reductionFactor", 3, "bootstrapCount", 0);
        long id = given().contentType("application/json").body(body("pruned-asha", "\"asha\""))
                .post("/api/experiments")
                // a known name is accepted: 201 with the view, which shows the pruner with its default settings
                .then().statusCode(201).body("pruner", equalTo(asha))
                .extract().jsonPath().getLong("id");
        // stored: reading the experiment back shows it too
        given().get("/api/experiments/" + id).then().statusCode(200).body("pruner", equalTo(asha));
        // and the history lists it with its pruner
        given().get("/api/experiments?name=pruned-asha").then().statusCode(200)
                .body("items.pruner.type", hasItem("asha"));
        given().post("/api/experiments/" + id + "/cancel").then().statusCode(200);
    }

    @Test
    void settingsGivenAreStoredAndTheRestTakeTheirDefaults() {
        long id = given().contentType("application/json")
                .body(body("pruned-median", "{\"type\":\"median\",\"warmupEpochs\":10}")).post("/api/experiments")
                // the setting given, the other at its default
                .then().statusCode(201)
                .body("pruner", equalTo(Map.of("type", "median", "startupTrials", 5, "warmupEpochs", 10)))
                .extract().jsonPath().getLong("id");
        given().get("/api/experiments/" + id).then().statusCode(200).body("pruner.warmupEpochs", equalTo(10));
        given().post("/api/experiments/" + id + "/cancel").then().statusCode(200);
    }

    @Test
    void anOmittedPrunerIsAshaWithItsDefaultsAndNoneHasNoSettings() {
        long id = given().contentType("application/json").body(body("pruned-default", null))
                .post("/api/experiments")
                // an omitted pruner is the default, ASHA, with every setting filled in
                .then().statusCode(201).body("pruner", equalTo(Map.of("type", "asha", "minEpochs", 3,
                        "reductionFactor", 3, "bootstrapCount", 0)))
                .extract().jsonPath().getLong("id");
        given().post("/api/experiments/" + id + "/cancel").then().statusCode(200);
        long none = given().contentType("application/json").body(body("pruned-none", "\"none\""))
                .post("/api/experiments")
                // "none" never prunes and has no settings
                .then().statusCode(201).body("pruner", equalTo(Map.of("type", "none")))
                .extract().jsonPath().getLong("id");
        given().post("/api/experiments/" + none + "/cancel").then().statusCode(200);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "\"hyperband\"                                        | pruner                 | none, median, asha",
            "{\"type\":\"hyperband\"}                             | pruner.type            | none, median, asha",
            "{\"minEpochs\":3}                                    | pruner.type            | is required",
            "{\"type\":\"asha\",\"reductionFactor\":1}            | pruner.reductionFactor | from 2 to 10",
            "{\"type\":\"asha\",\"minEpochs\":51}                 | pruner.minEpochs       | from 1 to 50 (maxEpochs)",
            "{\"type\":\"asha\",\"bootstrapCount\":1001}          | pruner.bootstrapCount  | from 0 to 1000",
            "{\"type\":\"median\",\"warmupEpochs\":50}            | pruner.warmupEpochs    | from 0 to 49",
            "{\"type\":\"median\",\"startupTrials\":-1}           | pruner.startupTrials   | from 0 to 1000",
            "{\"type\":\"median\",\"minEpochs\":3}                | pruner.minEpochs       | startupTrials, warmupEpochs",
            "{\"type\":\"asha\",\"eta\":3}                        | pruner.eta             | unknown setting",
    })
    void aBadPrunerIs400NamingTheFieldAndNothingIsStored(String pruner, String field, String says) {
        String name = "pruned-bad-" + Math.abs(pruner.hashCode());
        given().contentType("application/json").body(body(name, pruner.strip())).post("/api/experiments")
                // 400 whose error names the field and what to fix
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(field.strip()))
                .body("errors.find { it.field == '" + field.strip() + "' }.message", containsString(says.strip()));
        // nothing was created
        given().get("/api/experiments?name=" + name).then().statusCode(200).body("total", equalTo(0));
    }
}
