package com.lstmautoml.backend.rest;

import com.lstmautoml.backend.testing.Api;
import com.lstmautoml.backend.testing.TestUsers;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.lstmautoml.backend.testing.Api.awaitExperiment;
import static com.lstmautoml.backend.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * The model registry over the REST API on the real database, with trials trained by the in-process worker: promotion
 * creates numbered versions that keep the promoted trial's metrics, champion follows the newest and can be moved back,
 * viewers read, other teams see nothing, bad names store nothing, and concurrent promotions never share a number.
 */
@QuarkusTest
@Tag("slow") // trains and refits models: the second stage (see backend/pom.xml)
class ModelRegistryTest {

    static final String NONCE = UUID.randomUUID().toString().substring(0, 8);

    @Inject
    AgroalDataSource dataSource;

    static long experiment;
    static long first;
    static long second;

    @BeforeAll
    static void doubles() {
        com.lstmautoml.backend.testing.RestAssuredJson.useDoubles();
    }

    /** One tiny experiment with two completed trials, trained once for the class. */
    private void experiment() throws InterruptedException {
        if (experiment != 0) {
            return;
        }
        long id = ExperimentLifecycleTest.create("registry-" + NONCE, 2, 2);
        awaitExperiment(id, x -> "COMPLETED".equals(x.getString("state")));
        JsonPath trials = given().get("/api/experiments/" + id + "/trials?sort=number").then().statusCode(200)
                .extract().jsonPath();
        assertThat(trials.getList("items.state", String.class)).containsOnly("COMPLETED").hasSize(2);
        first = trials.getLong("items[0].id");
        second = trials.getLong("items[1].id");
        experiment = id;
    }

    private static Response promote(String body) {
        return given().contentType("application/json").body(body).post("/api/experiments/" + experiment + "/promote");
    }

    @Test
    void promotionsCreateVersionsChampionMovesAndOnlyTheTeamSeesThem() throws Exception {
        experiment();
        String model = "reg-" + NONCE;
        String path = "/api/models/" + model;

        Response p1 = promote("{\"trialId\":" + first + ",\"model\":\"" + model + "\"}");
        p1.then().statusCode(200).header("Location", endsWith(path + "/versions/1"))
                .body("id", equalTo((int) experiment)).body("promotedTrial.id", equalTo((int) first));
        double test1 = p1.jsonPath().getDouble("promotedTrial.testRmse");
        double val1 = p1.jsonPath().getDouble("promotedTrial.valRmse");
        Response p2 = promote("{\"trialId\":" + second + ",\"model\":\"" + model + "\"}");
        p2.then().statusCode(200).header("Location", endsWith(path + "/versions/2"))
                .body("promotedTrial.id", equalTo((int) second));
        double test2 = p2.jsonPath().getDouble("promotedTrial.testRmse");
        double mae2 = p2.jsonPath().getDouble("promotedTrial.testMae");
        double mase2 = p2.jsonPath().getDouble("promotedTrial.testMase");

        JsonPath m = given().get(path).then().statusCode(200).body("name", equalTo(model))
                .body("aliases.champion", equalTo(2)).extract().jsonPath();
        assertThat(m.getList("versions.version", Integer.class)).containsExactly(2, 1);
        assertThat(m.getList("versions.trialId", Long.class)).containsExactly(second, first);
        assertThat(m.getList("versions.champion", Boolean.class)).containsExactly(true, false);
        assertThat(m.getDouble("versions[0].testRmse")).isEqualTo(test2);
        assertThat(m.getDouble("versions[1].testRmse")).isEqualTo(test1);

        JsonPath v1 = given().get(path + "/versions/1").then().statusCode(200).body("version", equalTo(1))
                .body("model", equalTo(model)).body("trialId", equalTo((int) first))
                .body("experimentId", equalTo((int) experiment)).body("promotedBy", equalTo("admin"))
                .body("champion", equalTo(false)).extract().jsonPath();
        assertThat(v1.getDouble("testRmse")).isEqualTo(test1);
        assertThat(v1.getDouble("valRmse")).isEqualTo(val1);
        assertThat(v1.getString("promotedAt")).isNotNull();
        assertThat(v1.getMap("params")).isNotEmpty();
        JsonPath v2 = given().get(path + "/versions/2").then().statusCode(200).extract().jsonPath();
        assertThat(v2.getDouble("testMae")).isEqualTo(mae2);
        // MASE and skill as for trials: the same figures the experiment's promoted trial shows
        assertThat(v2.getDouble("testMase")).isEqualTo(mase2);
        assertThat(v2.getDouble("testSkill")).isEqualTo(p2.jsonPath().getDouble("promotedTrial.testSkill"));
        // the baselines' test metrics at promotion, equal to the experiment's
        assertThat(v2.getList("baselines.name", String.class))
                .containsExactlyElementsOf(p2.jsonPath().getList("baselines.name", String.class));
        assertThat(v2.getList("baselines.testRmse", Double.class))
                .containsExactlyElementsOf(p2.jsonPath().getList("baselines.testRmse", Double.class));
        assertThat(v2.getDouble("baselines.find { it.name == 'seasonal naive' }.testSkill")).isEqualTo(0.0);

        given().get("/api/models").then().statusCode(200)
                .body("find { it.name == '" + model + "' }.versions", equalTo(2))
                .body("find { it.name == '" + model + "' }.championVersion", equalTo(2))
                .body("find { it.name == '" + model + "' }.latestTestRmse", equalTo(test2));

        // rollback: champion back to 1
        given().contentType("application/json").body("{\"version\":1}").put(path + "/aliases/champion").then()
                .statusCode(200).body("aliases.champion", equalTo(1)).body("versions[1].champion", equalTo(true));
        given().get(path).then().body("aliases.champion", equalTo(1));
        given().get("/api/models").then().body("find { it.name == '" + model + "' }.championVersion", equalTo(1));
        // a version that does not exist, and one that is not a version number
        given().contentType("application/json").body("{\"version\":99}").put(path + "/aliases/champion").then()
                .statusCode(404).contentType(containsString("application/problem+json"));
        for (String bad : List.of("{\"version\":\"x\"}", "{\"version\":1.5}", "{}", "{\"version\":0}")) {
            given().contentType("application/json").body(bad).put(path + "/aliases/champion").then()
                    .statusCode(400).body("errors[0].field", equalTo("version"));
        }
        given().get(path + "/versions/99").then().statusCode(404);
        given().get(path + "/versions/x").then().statusCode(404);
        given().get("/api/models/no-such-" + NONCE).then().statusCode(404);
        given().get(path).then().body("aliases.champion", equalTo(1));

        // a viewer reads but does not move aliases
        String viewer = TestUsers.token(dataSource, "default", "reg-viewer-" + NONCE, "viewer");
        Api.as(viewer).get("/api/models").then().statusCode(200).body("name", hasItem(model));
        Api.as(viewer).get(path).then().statusCode(200);
        Api.as(viewer).get(path + "/versions/2").then().statusCode(200);
        Api.as(viewer).contentType("application/json").body("{\"version\":2}").put(path + "/aliases/champion")
                .then().statusCode(403).body("detail", containsString("viewer"));
        // another team: every model path is not found, its list does not show the model
        String other = TestUsers.token(dataSource, "reg-other-" + NONCE, "reg-admin-b-" + NONCE, "admin");
        for (String p : List.of(path, path + "/versions/1", path + "/versions/2")) {
            Api.as(other).get(p).then().statusCode(404).contentType(containsString("application/problem+json"));
        }
        Api.as(other).contentType("application/json").body("{\"version\":2}").put(path + "/aliases/champion")
                .then().statusCode(404);
        Api.as(other).get("/api/models").then().statusCode(200).body("name", not(hasItem(model)));
        given().get(path).then().body("aliases.champion", equalTo(1));

        // a bad model name: a 400 at model, and nothing stored (no version, the promoted trial unchanged)
        long versionsBefore = count("SELECT count(*) FROM model_version");
        long modelsBefore = count("SELECT count(*) FROM registered_model");
        for (String bad : List.of("\"-bad\"", "\"has space\"", "\"x/y\"", "\"" + "a".repeat(101) + "\"", "12")) {
            promote("{\"trialId\":" + first + ",\"model\":" + bad + "}").then().statusCode(400)
                    .contentType(containsString("application/problem+json")).body("errors[0].field", equalTo("model"));
        }
        assertThat(count("SELECT count(*) FROM model_version")).isEqualTo(versionsBefore);
        assertThat(count("SELECT count(*) FROM registered_model")).isEqualTo(modelsBefore);
        given().get("/api/experiments/" + experiment).then().body("promotedTrial.id", equalTo((int) second));

        // no name: <dataset>-<target>, lower-case
        promote("{}").then().statusCode(200)
                .header("Location", containsString("/api/models/airline-passengers-passengers/versions/"));
        given().get("/api/models/airline-passengers-passengers").then().statusCode(200)
                .body("versions[0].experimentId", equalTo((int) experiment));
    }

    @Test
    void concurrentPromotionsNeverShareAVersionNumber() throws Exception {
        experiment();
        String model = "race-" + NONCE;
        // scored on the test rows once, beforehand (the race is about version numbers)
        promote("{\"trialId\":" + first + "}").then().statusCode(200);
        promote("{\"trialId\":" + second + "}").then().statusCode(200);
        int rounds = 10;
        List<Integer> versions = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < rounds; round++) {
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Integer>> both = new ArrayList<>();
                for (long trial : new long[]{first, second}) {
                    both.add(pool.submit(() -> {
                        start.await();
                        Response r = promote("{\"trialId\":" + trial + ",\"model\":\"" + model + "\"}");
                        r.then().statusCode(200);
                        String location = r.getHeader("Location");
                        return Integer.parseInt(location.substring(location.lastIndexOf('/') + 1));
                    }));
                }
                for (Future<Integer> f : both) {
                    versions.add(f.get());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(new HashSet<>(versions)).hasSize(2 * rounds);
        Set<Integer> expected = new HashSet<>();
        for (int i = 1; i <= 2 * rounds; i++) {
            expected.add(i);
        }
        assertThat(new HashSet<>(versions)).isEqualTo(expected);
        assertThat(count("SELECT count(*) FROM model_version v JOIN registered_model m ON m.id = v.model_id"
                + " WHERE m.name = '" + model + "'")).isEqualTo(2L * rounds);
        given().get("/api/models/" + model).then().statusCode(200).body("aliases.champion", equalTo(2 * rounds));
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
