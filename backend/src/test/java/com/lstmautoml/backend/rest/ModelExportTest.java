package com.lstmautoml.backend.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lstmautoml.backend.testing.Api;
import com.lstmautoml.backend.testing.TestUsers;
import com.lstmautoml.core.data.ChronoSplit;
import com.lstmautoml.core.data.CsvParser;
import com.lstmautoml.core.data.Preprocessing;
import com.lstmautoml.core.data.Table;
import com.lstmautoml.core.training.OneStepForecasts;
import com.lstmautoml.worker.ForecastCommand;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static com.lstmautoml.backend.testing.Api.awaitExperiment;
import static com.lstmautoml.backend.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Exports of a promoted version over the REST API: a zip of the served model, its preprocessing, the calibration, an
 * fp16 copy and a card whose fields are checked against independent computations; other teams and unknown versions
 * 404, viewers 200; and the worker's offline forecast command, fed the export and the dataset's CSV, prints the
 * service's numbers.
 */
@QuarkusTest
class ModelExportTest {

    static final String NONCE = UUID.randomUUID().toString().substring(0, 8);
    static final String MODEL = "ex-" + NONCE;
    static final String PATH = "/api/models/" + MODEL;
    /** The bundled AirPassengers series the experiment trains on, as uploaded. */
    static final String DATASET_CSV = "/datasets/airline-passengers.csv";

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
        long id = ExperimentLifecycleTest.create("export-" + NONCE, 1, 1);
        awaitExperiment(id, x -> "COMPLETED".equals(x.getString("state")));
        // no refit: the exported model and the forecasts it is compared with stay the trial's throughout
        given().contentType("application/json").body("{\"model\":\"" + MODEL + "\", \"refit\": false}")
                .post("/api/experiments/" + id + "/promote").then().statusCode(200);
        promoted = true;
    }

    private static Map<String, byte[]> entries(byte[] zip) throws Exception {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    private static String bundledCsv() throws Exception {
        try (InputStream in = CsvParser.class.getResourceAsStream(DATASET_CSV)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] export() {
        return given().get(PATH + "/versions/1/export").then().statusCode(200).extract().asByteArray();
    }

    @Test
    void theZipHoldsTheServedModelAndACardThatChecksOut() throws Exception {
        promoted();
        Response r = given().get(PATH + "/versions/1/export");
        // a download named after the model and version
        r.then().statusCode(200).contentType("application/zip")
                .header("Content-Disposition", equalTo("attachment; filename=\"" + MODEL + "-v1.zip\""));
        Map<String, byte[]> zip = entries(r.asByteArray());
        // exactly the documented entries, card first
        assertThat(zip.keySet()).containsExactly("model-card.json", "model.zip", "preprocessing.json",
                "calibration.json", "model-fp16.zip");
        JsonNode card = new ObjectMapper().readTree(zip.get("model-card.json"));
        JsonPath version = given().get(PATH + "/versions/1").then().statusCode(200).extract().jsonPath();

        // which version, which model of it
        assertThat(card.get("format").asText()).isEqualTo("lstm-automl-export/1");
        assertThat(card.get("model").asText()).isEqualTo(MODEL);
        assertThat(card.get("version").asInt()).isEqualTo(1);
        assertThat(card.get("servedBy").asText()).isEqualTo("trial");
        assertThat(card.get("trialId").asLong()).isEqualTo(version.getLong("trialId"));
        // the dataset: AirPassengers, 144 months
        JsonNode dataset = card.get("dataset");
        assertThat(dataset.get("name").asText()).isEqualTo("airline-passengers");
        assertThat(dataset.get("rows").asInt()).isEqualTo(144);
        assertThat(dataset.get("firstTime").asText()).isEqualTo("1949-01");
        assertThat(dataset.get("lastTime").asText()).isEqualTo("1960-12");
        // the training rows of the 70/15/15 split: rows 0-99, 1949-01 ... 1957-04 (FORECASTING.md)
        JsonNode training = card.get("trainingData");
        assertThat(training.get("rows").asInt()).isEqualTo(100);
        assertThat(training.get("firstTime").asText()).isEqualTo("1949-01");
        assertThat(training.get("lastTime").asText()).isEqualTo("1957-04");
        // the fingerprint: SHA-256 of the documented CSV, written here from the uploaded file by hand
        String[] lines = bundledCsv().strip().split("\\R");
        StringBuilder csv = new StringBuilder("time,Passengers\n");
        for (int i = 1; i <= 100; i++) {
            String[] cells = lines[i].split(",");
            csv.append(cells[0].trim()).append(',').append(Double.toString(Double.parseDouble(cells[1].trim())))
                    .append('\n');
        }
        assertThat(training.get("sha256").asText()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(csv.toString().getBytes(StandardCharsets.UTF_8))));
        // parameters, scores and promotion as the registry shows them
        assertThat(new ObjectMapper().convertValue(card.get("params"), Map.class))
                .isEqualTo(version.getMap("params"));
        assertThat(card.at("/metrics/validation/rmse").asDouble()).isEqualTo(version.getDouble("valRmse"));
        assertThat(card.at("/metrics/test/rmse").asDouble()).isEqualTo(version.getDouble("testRmse"));
        assertThat(card.at("/metrics/test/mae").asDouble()).isEqualTo(version.getDouble("testMae"));
        List<String> baselines = new ArrayList<>();
        card.at("/metrics/baselines").forEach(b -> baselines.add(b.get("name").asText() + "="
                + b.get("testRmse").asDouble()));
        assertThat(baselines).isNotEmpty().containsExactlyElementsOf(version.getList("baselines").stream()
                .map(b -> ((Map<?, ?>) b).get("name") + "=" + ((Map<?, ?>) b).get("testRmse")).toList());
        assertThat(card.get("promotedBy").asText()).isEqualTo(version.getString("promotedBy"));
        assertThat(Instant.parse(card.get("promotedAt").asText()))
                .isEqualTo(Instant.parse(version.getString("promotedAt")));

        // model.zip restores, and scored one step ahead on the test rows 121-143 it gives the version's test RMSE
        Preprocessing prep = Preprocessing.fromJson(new String(zip.get("preprocessing.json"), StandardCharsets.UTF_8));
        assertThat(prep.rows().train().size()).isEqualTo(100);
        Table table = new CsvParser().parse(bundledCsv());
        ChronoSplit.Range test = new ChronoSplit.Range(121, 144);
        MultiLayerNetwork served = OneStepForecasts.restore(zip.get("model.zip"));
        assertThat(served.getLayerWiseConfigurations().getDataType()).isEqualTo(DataType.FLOAT);
        double servedRmse = rmse(OneStepForecasts.forRows(served, prep, table, test));
        assertThat(servedRmse).isCloseTo(version.getDouble("testRmse"), within(1e-9));
        // model-fp16.zip restores as a HALF network; the card's numbers are its size and its test RMSE
        MultiLayerNetwork half = OneStepForecasts.restore(zip.get("model-fp16.zip"));
        assertThat(half.params().dataType()).isEqualTo(DataType.HALF);
        double halfRmse = rmse(OneStepForecasts.forRows(half, prep, table, test));
        JsonNode hp = card.get("halfPrecision");
        assertThat(hp.get("file").asText()).isEqualTo("model-fp16.zip");
        assertThat(hp.get("bytes").asLong()).isEqualTo(zip.get("model-fp16.zip").length);
        assertThat(hp.get("servedBytes").asLong()).isEqualTo(zip.get("model.zip").length);
        assertThat(hp.get("testRows").asInt()).isEqualTo(23);
        assertThat(hp.get("servedTestRmse").asDouble()).isCloseTo(servedRmse, within(1e-9));
        assertThat(hp.get("halfTestRmse").asDouble()).isCloseTo(halfRmse, within(1e-9));
        assertThat(hp.get("change").asDouble()).isCloseTo(halfRmse - servedRmse, within(1e-9));

        // the calibration: 21 validation origins, step k has an actual inside the validation rows from 22 - k
        JsonNode errors = new ObjectMapper().readTree(zip.get("calibration.json")).get("errors");
        assertThat(errors).hasSize(21);
        for (int k = 0; k < 21; k++) {
            assertThat(errors.get(k)).hasSize(21 - k);
        }
    }

    private static double rmse(OneStepForecasts.Forecast f) {
        double sum = 0;
        for (int i = 0; i < f.actual().length; i++) {
            sum += Math.pow(f.actual()[i] - f.predicted()[i], 2);
        }
        return Math.sqrt(sum / f.actual().length);
    }

    @Test
    void otherTeamsAndUnknownVersionsGetNotFoundAndViewersMayExport() throws Exception {
        promoted();
        String other = TestUsers.token(dataSource, "ex-other-" + NONCE, "ex-admin-b-" + NONCE, "admin");
        // another team's model is not found, exactly like a missing one
        Api.as(other).get(PATH + "/versions/1/export").then().statusCode(404)
                .contentType(containsString("application/problem+json"));
        for (String p : List.of(PATH + "/versions/9/export", PATH + "/versions/x/export",
                "/api/models/no-such-" + NONCE + "/versions/1/export")) {
            given().get(p).then().statusCode(404).contentType(containsString("application/problem+json"));
        }
        // a viewer downloads the same archive
        String viewer = TestUsers.token(dataSource, "default", "ex-viewer-" + NONCE, "viewer");
        byte[] zip = Api.as(viewer).get(PATH + "/versions/1/export").then().statusCode(200)
                .contentType("application/zip").extract().asByteArray();
        assertThat(entries(zip).keySet()).contains("model.zip", "model-card.json");
    }

    @Test
    void theWorkersOfflineForecastIsTheServicesForecast(@TempDir Path dir) throws Exception {
        promoted();
        Path model = dir.resolve(MODEL + "-v1.zip");
        Files.write(model, export());
        Path history = dir.resolve("airline-passengers.csv");
        Files.writeString(history, bundledCsv(), StandardCharsets.UTF_8);
        // 24 steps: past the 21 calibrated ones; 6 steps: a calibration the service computes for fewer steps
        for (int horizon : new int[]{24, 6}) {
            String levels = horizon == 24 ? "80,95" : "50,99.5";
            JsonPath service = given().contentType("application/json").body("{\"horizon\":" + horizon
                    + ",\"levels\":[" + levels + "]}").post(PATH + "/versions/1/forecast").then().statusCode(200)
                    .extract().jsonPath();

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = ForecastCommand.run(List.of("--model", model.toString(), "--history", history.toString(),
                    "--horizon", "" + horizon, "--levels", levels), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
            JsonNode offline = new ObjectMapper().readTree(out.toByteArray());

            // the same model, version and served model
            assertThat(offline.get("model").asText()).isEqualTo(service.getString("model"));
            assertThat(offline.get("version").asInt()).isEqualTo(service.getInt("version"));
            assertThat(offline.get("servedBy").asText()).isEqualTo(service.getString("servedBy"));
            JsonNode rows = offline.get("forecast");
            assertThat(rows).hasSize(horizon);
            int bounds = 0;
            for (int k = 0; k < horizon; k++) {
                String at = "forecast[" + k + "]";
                JsonNode row = rows.get(k);
                // the same time labels, means and numbers of calibration errors
                assertThat(row.get("time").asText()).isEqualTo(service.getString(at + ".time"));
                assertThat(row.get("mean").asDouble()).isCloseTo(service.getDouble(at + ".mean"), within(1e-9));
                assertThat(row.get("calibrationErrors").asInt()).isEqualTo(service.getInt(at + ".calibrationErrors"));
                for (String level : levels.split(",")) {
                    for (String side : List.of("lower", "upper")) {
                        Double expected = service.getObject(at + "." + side + ".'" + level + "'", Double.class);
                        JsonNode got = row.get(side).get(level);
                        // a bound where the service has one, to 1e-9; null where it has none
                        if (expected == null) {
                            assertThat(got.isNull()).as(at + " " + side + " " + level).isTrue();
                        } else {
                            assertThat(got.asDouble()).as(at + " " + side + " " + level)
                                    .isCloseTo(expected, within(1e-9));
                            bounds++;
                        }
                    }
                }
            }
            // most steps had bands to compare
            assertThat(bounds).isGreaterThan(horizon);
        }
    }
}
