package com.lstmautoml.backend.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lstmautoml.backend.config.AutomlConfig;
import com.lstmautoml.backend.testing.Api;
import com.lstmautoml.core.experiment.ExperimentLimits;
import com.lstmautoml.core.space.SpaceLimits;
import com.lstmautoml.core.testing.hostile.Abbrev;
import com.lstmautoml.core.testing.hostile.CsvFiles;
import com.lstmautoml.core.testing.hostile.ExperimentBodies;
import com.lstmautoml.core.testing.hostile.HostileBody;
import com.lstmautoml.core.testing.hostile.HostileCsv;
import com.lstmautoml.core.testing.hostile.Samples;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Endpoint fuzzing with the hostile generators of core's test-jar: mutated and random experiment bodies at
 * POST /api/experiments and /validate, mutated CSV files at POST /api/datasets (text/csv and multipart) and
 * /api/datasets/preview. Never a 5xx; every 4xx is problem JSON with a detail (and field errors for a 400); a rejected
 * request leaves no row behind, an accepted one is complete. Samples are drawn with fixed seeds: a failure names the
 * seed, the sample's index and what was done to the valid input.
 */
@QuarkusTest
@Tag("slow") // hundreds of generated requests: the second stage (see backend/pom.xml)
class HostileRequestsTest {

    static final long SEED = 20_261_126L;
    static final int MUTATED_BODIES = 80;
    static final int RANDOM_BODIES = 20;
    static final int MALFORMED_BODIES = 15;
    static final int MUTATED_CSVS = 50;
    static final int RANDOM_CSVS = 15;
    static final String DATASET = "hostile-ds";

    @Inject
    AgroalDataSource db;

    @Inject
    AutomlConfig config;

    /** Requests as the admin of the default team (the API requires a bearer token). */
    static RequestSpecification api() {
        return Api.given();
    }

    @BeforeEach
    void dataset() {
        if (api().get("/api/datasets/" + DATASET).statusCode() == 404) {
            api().contentType("text/csv").queryParam("name", DATASET).body(CsvFiles.validText(60))
                    .post("/api/datasets").then().statusCode(201);
        }
    }

    private ExperimentLimits limits() {
        AutomlConfig.Limits l = config.limits();
        return new ExperimentLimits(l.maxTrials(), l.maxParallelism(), l.maxEpochs(),
                new SpaceLimits(l.maxUnits(), l.maxLayers(), l.maxLookBack(), l.maxBatchSize()));
    }

    @Test
    void theValidBodyIsAccepted() {
        ObjectNode valid = ExperimentBodies.valid(DATASET, "y", List.of("x"));
        api().contentType("application/json").body(ExperimentBodies.write(valid)).post("/api/experiments/validate")
                .then().statusCode(204);
    }

    @Test
    void hostileExperimentBodies() {
        ObjectNode valid = ExperimentBodies.valid(DATASET, "y", List.of("x"));
        List<HostileBody> bodies = new ArrayList<>();
        bodies.addAll(Samples.draw(ExperimentBodies.mutated(valid, limits()), SEED, MUTATED_BODIES));
        bodies.addAll(Samples.draw(ExperimentBodies.randomBodies(), SEED + 1, RANDOM_BODIES));
        bodies.addAll(Samples.draw(ExperimentBodies.malformedTexts(), SEED + 2, MALFORMED_BODIES));
        int accepted = 0;
        for (int i = 0; i < bodies.size(); i++) {
            HostileBody b = bodies.get(i);
            String where = "sample " + i + " of seed " + SEED + ": " + b;
            byte[] bytes = b.text().getBytes(StandardCharsets.UTF_8);
            long maxId = maxExperimentId();
            Response validate = send(where, () -> api().contentType("application/json").body(bytes)
                    .post("/api/experiments/validate"));
            checkAnswer(where + " at /validate", validate);
            assertThat(experimentsAfter(maxId)).as("validate created something for " + where).isZero();

            Response create = send(where, () -> api().contentType("application/json").body(bytes)
                    .post("/api/experiments"));
            checkAnswer(where, create);
            // validate and create run the same rules
            assertThat(create.statusCode() == 201).as(where + " validate " + validate.statusCode() + ", create "
                    + create.statusCode()).isEqualTo(validate.statusCode() == 204);
            if (create.statusCode() == 201) {
                accepted++;
                long id = create.jsonPath().getLong("id");
                assertThat(experimentsAfter(maxId)).as(where).isEqualTo(1);
                // complete: its first trials are queued with it
                assertThat(trialsOf(id)).as("trials of accepted " + where).isPositive();
                api().post("/api/experiments/" + id + "/cancel").then().statusCode(200);
            } else {
                assertThat(experimentsAfter(maxId)).as("half-created by " + where).isZero();
                assertThat(trialsAfter(maxId)).as("trials half-created by " + where).isZero();
            }
        }
        System.out.printf("HostileRequestsTest: %d experiment bodies (seed %d), %d accepted%n", bodies.size(), SEED,
                accepted);
    }

    @Test
    void hostileCsvFiles() {
        List<HostileCsv> files = new ArrayList<>();
        files.addAll(Samples.draw(CsvFiles.mutated(60), SEED, MUTATED_CSVS));
        files.addAll(Samples.draw(CsvFiles.randomTexts(), SEED + 1, RANDOM_CSVS));
        int accepted = 0;
        for (int i = 0; i < files.size(); i++) {
            HostileCsv f = files.get(i);
            String where = "CSV sample " + i + " of seed " + SEED + ": " + f;
            byte[] bytes = f.text().getBytes(StandardCharsets.UTF_8);
            long[] before = datasetCounts();
            Response preview = send(where, () -> api().contentType("text/csv").body(bytes)
                    .post("/api/datasets/preview"));
            checkAnswer(where + " at /preview", preview);
            assertThat(datasetCounts()).as("preview stored something for " + where).isEqualTo(before);

            String name = "hostile-" + SEED % 10_000 + "-" + i;
            boolean multipart = i % 2 == 1;
            Response upload = send(where + (multipart ? " as multipart" : " as text/csv"), () -> multipart
                    ? api().multiPart("file", "hostile.csv", bytes, "text/csv").multiPart("name", name)
                    .post("/api/datasets")
                    : api().contentType("text/csv").queryParam("name", name).body(bytes).post("/api/datasets"));
            checkAnswer(where + (i % 2 == 0 ? " as text/csv" : " as multipart"), upload);
            // preview and upload run the same parser
            assertThat(upload.statusCode() == 201).as(where + " preview " + preview.statusCode() + ", upload "
                    + upload.statusCode()).isEqualTo(preview.statusCode() == 200);
            if (upload.statusCode() == 201) {
                accepted++;
                JsonPath d = api().get("/api/datasets/" + name).then().statusCode(200).extract().jsonPath();
                List<String> columns = d.getList("columns.name");
                assertThat(d.getInt("rows")).as(where).isPositive();
                assertThat(columns).as(where).isNotEmpty();
                long[] after = datasetCounts();
                // complete: one dataset row and one row per numeric column
                assertThat(after[0] - before[0]).as(where).isEqualTo(1);
                assertThat(after[1] - before[1]).as(where).isEqualTo(columns.size());
            } else {
                assertThat(datasetCounts()).as("half-created by " + where).isEqualTo(before);
            }
        }
        System.out.printf("HostileRequestsTest: %d CSV files (seed %d), %d accepted%n", files.size(), SEED, accepted);
    }

    /** Sends a request; a failure to get an answer at all (connection closed, reset) names the sample too. */
    static Response send(String where, java.util.function.Supplier<Response> request) {
        try {
            return request.get();
        } catch (Exception e) { // RestAssured throws the client's IOExceptions unchecked
            throw new AssertionError("no answer for " + where + ": " + e, e);
        }
    }

    /** Never a 5xx; a 4xx is problem JSON with a detail, and a 400 lists field errors with fields and messages. */
    static void checkAnswer(String where, Response r) {
        int status = r.statusCode();
        String body = r.asString();
        String why = where + " answered " + status + " " + Abbrev.of(body);
        assertThat(status).as(why).isLessThan(500);
        if (status >= 400) {
            assertThat(r.contentType()).as(why).startsWith(Problems.TYPE);
            JsonPath problem = r.jsonPath();
            assertThat(problem.getInt("status")).as(why).isEqualTo(status);
            assertThat(problem.getString("detail")).as(why).isNotBlank();
            if (status == 400) {
                List<Map<String, Object>> errors = problem.getList("errors");
                assertThat(errors).as(why).isNotEmpty();
                for (Map<String, Object> e : errors) {
                    assertThat((String) e.get("field")).as(why).isNotBlank();
                    assertThat((String) e.get("message")).as(why).isNotBlank();
                }
            }
        }
    }

    private long maxExperimentId() {
        return single("SELECT coalesce(max(id), 0) FROM experiment", null);
    }

    private long experimentsAfter(long id) {
        return single("SELECT count(*) FROM experiment WHERE id > ?", id);
    }

    private long trialsAfter(long experimentId) {
        return single("SELECT count(*) FROM trial WHERE experiment_id > ?", experimentId);
    }

    private long trialsOf(long experimentId) {
        return single("SELECT count(*) FROM trial WHERE experiment_id = ?", experimentId);
    }

    private long[] datasetCounts() {
        return new long[]{single("SELECT count(*) FROM dataset", null),
                single("SELECT count(*) FROM dataset_column", null)};
    }

    private long single(String sql, Long parameter) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setLong(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
