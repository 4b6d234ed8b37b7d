package com.lstmautoml.backend.rest;

import com.lstmautoml.core.data.ChronoSplit;
import com.lstmautoml.core.data.Preprocessing;
import com.lstmautoml.core.data.Table;
import com.lstmautoml.core.forecast.RecursiveForecaster;
import com.lstmautoml.core.training.OneStepForecasts;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static com.lstmautoml.backend.testing.Api.awaitExperiment;
import static com.lstmautoml.backend.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Refit at promotion: a refit job on the queue (kind REFIT) that a worker trains on train + validation for the
 * trial's best epoch count; the version keeps both models' test scores and serves the refit once it is scored; a
 * failed refit leaves the version on the trial's model with the error shown; "refit": false queues nothing.
 */
@QuarkusTest
class ModelRefitTest {

    static final String NONCE = UUID.randomUUID().toString().substring(0, 8);

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void doubles() {
        com.lstmautoml.backend.testing.RestAssuredJson.useDoubles();
    }

    @Test
    void promotionQueuesARefitThatIsTrainedOnTrainAndValidationScoredAndServed() throws Exception {
        String model = "refit-" + NONCE;
        long id = ExperimentLifecycleTest.create("refit-" + NONCE, 2, 1);
        awaitExperiment(id, x -> "COMPLETED".equals(x.getString("state")));
        given().contentType("application/json").body("{\"model\":\"" + model + "\"}")
                .post("/api/experiments/" + id + "/promote").then().statusCode(200);
        String path = "/api/models/" + model + "/versions/1";

        JsonPath v = com.lstmautoml.backend.testing.Api.await(path, x -> "refit".equals(x.getString("serving")),
                Duration.ofMinutes(3));
        long trialId = v.getLong("trialId");
        assertThat(v.getString("refit.state")).isEqualTo("COMPLETED");
        assertThat(v.getString("refit.error")).isNull();
        // both models' test scores: the trial's (as at promotion) and the refit's
        assertThat(v.getList("evaluations.model", String.class)).containsExactly("trial", "refit");
        assertThat(v.getDouble("evaluations[0].testRmse")).isCloseTo(v.getDouble("testRmse"), within(1e-9));

        long refitId;
        int epochs;
        byte[] zip;
        String prepJson;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT r.id, r.refit_epochs, r.epochs_run, r.val_rmse,"
                    + " r.number, r.priority, s.best_epoch, s.number FROM model_version mv"
                    + " JOIN trial r ON r.id = mv.refit_trial_id JOIN trial s ON s.id = r.refit_of"
                    + " WHERE mv.trial_id = ? AND r.kind = 'REFIT'")) {
                ps.setLong(1, trialId);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    refitId = rs.getLong(1);
                    epochs = rs.getInt(2);
                    // the trial's best epoch count, all trained, no early stopping, no validation score
                    assertThat(epochs).isEqualTo(rs.getInt(7) + 1);
                    assertThat(rs.getInt(3)).isEqualTo(epochs);
                    rs.getDouble(4);
                    assertThat(rs.wasNull()).isTrue();
                    assertThat(rs.getInt(5)).isEqualTo(rs.getInt(8));
                    assertThat(rs.getInt(6)).isZero();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT model_zip, preprocessing::text FROM trial_model"
                    + " WHERE trial_id = ?")) {
                ps.setLong(1, refitId);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    zip = rs.getBytes(1);
                    prepJson = rs.getString(2);
                }
            }
        }
        assertThat(v.getInt("refit.epochs")).isEqualTo(epochs);
        // the refit's scalers were fitted on train + validation: 144 rows, 100 + 21 of them seen, the 23 test rows not
        Preprocessing prep = Preprocessing.fromJson(prepJson);
        assertThat(prep.rows().train().to()).isEqualTo(121);
        assertThat(prep.rows().validation().size()).isZero();
        assertThat(prep.rows().test()).isEqualTo(new ChronoSplit.Range(121, 144));

        // the refit's test score, recomputed here from its stored model
        Table table = com.lstmautoml.backend.testing.StoredSeries.airPassengers(dataSource);
        MultiLayerNetwork net = OneStepForecasts.restore(zip);
        OneStepForecasts.Forecast test = OneStepForecasts.forRows(net, prep, table, prep.rows().test());
        double ss = 0;
        for (int i = 0; i < test.actual().length; i++) {
            ss += Math.pow(test.actual()[i] - test.predicted()[i], 2);
        }
        assertThat(v.getDouble("evaluations[1].testRmse"))
                .isCloseTo(Math.sqrt(ss / test.actual().length), within(1e-9));
        assertThat(v.getInt("evaluations[1].testRows")).isEqualTo(23);

        // per horizon step, recursive from every test origin: 12 steps (a season), step k from 24 - k origins; step 1
        // is the one-step forecast; baselines at the same origins and steps, fitted on the model's own rows
        for (int ev = 0; ev < 2; ev++) {
            String at = "evaluations[" + ev + "]";
            assertThat(v.getList(at + ".horizon.step", Integer.class)).hasSize(12);
            assertThat(v.getInt(at + ".horizon[11].step")).isEqualTo(12);
            assertThat(v.getInt(at + ".horizon[11].count")).isEqualTo(12);
            assertThat(v.getDouble(at + ".horizon[0].rmse")).isCloseTo(v.getDouble(at + ".testRmse"), within(1e-6));
            assertThat(v.getDouble(at + ".horizon[0].baselines.'Holt-Winters'")).isPositive();
            assertThat(v.getList(at + ".coverage.level", Double.class)).containsExactly(80.0, 95.0);
            assertThat(v.getInt(at + ".coverage[0].intervals")).isPositive();
            assertThat(v.getDouble(at + ".coverage[0].observed")).isBetween(0.0, 1.0);
        }
        // the trial's baselines are fitted on the training rows, as the experiment's: seasonal naive one step ahead on
        // the test rows is the experiment's own figure
        assertThat(v.getDouble("evaluations[0].horizon[0].baselines.'seasonal naive'"))
                .isCloseTo(50.89118826946627, within(1e-9));

        // the champion forecasts with the refit: its means are the refit network's recursive forecasts
        JsonPath f = given().contentType("application/json").body("{\"horizon\":4}")
                .post("/api/models/" + model + "/forecast").then().statusCode(200).extract().jsonPath();
        assertThat(f.getString("servedBy")).isEqualTo("refit");
        double[] expected = RecursiveForecaster.forecast(net, prep, table, Map.of(), 4);
        for (int k = 0; k < 4; k++) {
            assertThat(f.getDouble("forecast[" + k + "].mean")).isCloseTo(expected[k], within(1e-6));
        }

        // the export carries the served refit: its card names it and its training rows are train + validation
        byte[] export = given().get(path + "/export").then().statusCode(200).extract().asByteArray();
        com.lstmautoml.core.export.ModelCard card = com.lstmautoml.core.export.ModelArchive.read(export).card();
        assertThat(card.servedBy()).isEqualTo("refit");
        assertThat(card.trainingData().rows()).isEqualTo(121);

        // the refit is no trial of the experiment: rankings and counts see the two search trials only
        JsonPath e = given().get("/api/experiments/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(e.getInt("trialsFinished")).isEqualTo(2);
        assertThat(given().get("/api/experiments/" + id + "/trials").then().statusCode(200).extract().jsonPath()
                .getList("items.id", Long.class)).hasSize(2).doesNotContain(refitId);
        given().get("/api/trials/" + refitId).then().statusCode(404);
    }

    @Test
    void withoutRefitNothingIsQueuedAndAFailedRefitKeepsTheTrialModelWithItsError() throws Exception {
        String model = "norefit-" + NONCE;
        long id = ExperimentLifecycleTest.create("norefit-" + NONCE, 1, 1);
        awaitExperiment(id, x -> "COMPLETED".equals(x.getString("state")));
        given().contentType("application/json").body("{\"model\":\"" + model + "\", \"refit\": false}")
                .post("/api/experiments/" + id + "/promote").then().statusCode(200);
        String path = "/api/models/" + model + "/versions/1";
        JsonPath v = given().get(path).then().statusCode(200).extract().jsonPath();
        assertThat(v.getString("serving")).isEqualTo("trial");
        assertThat(v.getMap("refit")).isNull();
        assertThat(v.getList("evaluations.model", String.class)).containsExactly("trial");
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM trial WHERE experiment_id = ?"
                     + " AND kind = 'REFIT'")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }

        // a refit that failed (as a worker records it): the version stays on the trial's model and shows why
        long trialId = v.getLong("trialId");
        try (Connection c = dataSource.getConnection()) {
            long refitId;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO trial (experiment_id, number, state, priority,"
                    + " params, model_config, attempt, max_attempts, queued_at, started_at, finished_at, error, kind,"
                    + " refit_of, refit_epochs) SELECT experiment_id, number, 'FAILED', 0, params, model_config, 1,"
                    + " 1, now(), now(), now(), 'training failed: IllegalStateException: out of memory', 'REFIT', id,"
                    + " 3 FROM trial WHERE id = ? RETURNING id")) {
                ps.setLong(1, trialId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    refitId = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE model_version SET refit_trial_id = ?"
                    + " WHERE trial_id = ?")) {
                ps.setLong(1, refitId);
                ps.setLong(2, trialId);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
        }
        JsonPath failed = given().get(path).then().statusCode(200).extract().jsonPath();
        assertThat(failed.getString("serving")).isEqualTo("trial");
        assertThat(failed.getString("refit.state")).isEqualTo("FAILED");
        assertThat(failed.getString("refit.error")).contains("out of memory");
        given().contentType("application/json").body("{\"horizon\":2}").post("/api/models/" + model + "/forecast")
                .then().statusCode(200).body("servedBy", org.hamcrest.Matchers.equalTo("trial"));
    }

    @Test
    void refitMustBeABoolean() {
        given().contentType("application/json").body("{\"refit\": \"yes\"}").post("/api/experiments/1/promote")
                .then().statusCode(400).contentType("application/problem+json")
                .body(org.hamcrest.Matchers.containsString("refit"))
                .body(org.hamcrest.Matchers.containsString("true or false"));
    }
}
