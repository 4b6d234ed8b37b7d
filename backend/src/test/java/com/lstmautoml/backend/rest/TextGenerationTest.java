package com.lstmautoml.backend.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lstmautoml.backend.testing.Api;
import com.lstmautoml.backend.testing.Prose;
import com.lstmautoml.core.baselines.CharNGramBaseline;
import com.lstmautoml.core.text.CharVocabulary;
import com.lstmautoml.core.text.TextCorpus;
import com.lstmautoml.core.training.CharLstmTrainer;
import com.lstmautoml.core.training.OneStepForecasts;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
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
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

/**
 * The text task over the REST API, on a real database and real DL4J training: text uploads (figures checked against an
 * independent count, bad bytes refused, nothing half-stored), the generation request's rules, a tiny generation
 * experiment whose trials' bits per character and n-gram baseline are recomputed here, its samples, the sample
 * endpoint, and promotion and export of a generation model.
 */
@QuarkusTest
class TextGenerationTest {

    static final String NONCE = UUID.randomUUID().toString().substring(0, 8);
    /** A tiny space: every trial trains in well under a second on 2,000 characters. */
    static final String TINY_TEXT_SPACE = "{\"units\":{\"type\":\"choice\",\"values\":[8]},"
            + "\"layers\":{\"type\":\"choice\",\"values\":[1]},"
            + "\"dropout\":{\"type\":\"choice\",\"values\":[0]},"
            + "\"batchSize\":{\"type\":\"choice\",\"values\":[16]},"
            + "\"learningRate\":{\"type\":\"float\",\"min\":0.005,\"max\":0.02,\"log\":true},"
            + "\"sequenceLength\":{\"type\":\"choice\",\"values\":[20]},"
            + "\"tbpttLength\":{\"type\":\"choice\",\"values\":[10]}}";

    @Inject
    AgroalDataSource dataSource;

    static Long experimentId;
    static String experimentText;

    @BeforeAll
    static void doubles() {
        com.lstmautoml.backend.testing.RestAssuredJson.useDoubles();
    }

    static String prose(int characters, long seed) {
        return Prose.of(characters, seed);
    }

    static io.restassured.response.Response uploadText(String name, byte[] body) {
        return given().contentType("text/plain; charset=UTF-8").body(body).queryParam("name", name)
                .post("/api/datasets");
    }

    private long datasetRows(String name) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM dataset d LEFT JOIN dataset_text t"
                     + " ON t.dataset_id = d.id WHERE d.name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The generation experiment of the class (2 trials of 2 epochs on 2,000 characters), created once. */
    private synchronized long experiment() throws Exception {
        if (experimentId == null) {
            experimentText = prose(2000, 3);
            uploadText("gen-" + NONCE, experimentText.getBytes(StandardCharsets.UTF_8)).then().statusCode(201);
            experimentId = given().contentType("application/json").body("{\"name\":\"gen-" + NONCE + "\","
                            + "\"dataset\":\"gen-" + NONCE + "\",\"task\":\"generate\",\"strategy\":\"random\","
                            + "\"maxTrials\":2,\"parallelism\":1,\"maxEpochs\":2,\"seed\":5,\"searchSpace\":"
                            + TINY_TEXT_SPACE + "}")
                    .post("/api/experiments").then().statusCode(201)
                    .body("task", equalTo("generate")).body("target", equalTo("text"))
                    .extract().jsonPath().getLong("id");
            awaitExperiment(experimentId, x -> "COMPLETED".equals(x.getString("state")));
        }
        return experimentId;
    }

    @Test
    void aTextUploadCountsCharactersBytesAndTheTrainingVocabulary() throws Exception {
        String text = prose(1000, 1);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        String name = "text-" + NONCE;
        JsonPath view = uploadText(name, utf8).then().statusCode(201)
                .header("Location", containsString("/api/datasets/" + name)).extract().jsonPath();
        int[] cps = text.codePoints().toArray();
        int trainEnd = (int) Math.round(cps.length * 0.8);
        int validationEnd = (int) Math.round(cps.length * 0.9);
        // the vocabulary, counted here: characters seen at least twice in the first 80 %, plus the unknown symbol
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < trainEnd; i++) {
            counts.merge(cps[i], 1, Integer::sum);
        }
        long seenTwice = counts.values().stream().filter(n -> n >= 2).count();
        assertThat(view.getString("kind")).isEqualTo("text");
        assertThat(view.getInt("rows")).isEqualTo(1000);
        assertThat(view.getString("timeColumn")).isNull();
        assertThat(view.getList("columns")).isEmpty();
        assertThat(view.getInt("text.characters")).isEqualTo(1000);
        // the emoji is 4 bytes and 1 character: bytes and characters differ
        assertThat(view.getInt("text.bytes")).isEqualTo(utf8.length).isGreaterThan(1000);
        assertThat(view.getInt("text.vocabularySize")).isEqualTo(seenTwice + 1);
        assertThat(view.getInt("text.trainCharacters")).isEqualTo(trainEnd);
        assertThat(view.getInt("text.validationCharacters")).isEqualTo(validationEnd - trainEnd);
        assertThat(view.getInt("text.testCharacters")).isEqualTo(1000 - validationEnd);
        assertThat(view.getString("text.preview")).isEqualTo(new String(cps, 0, 500));
        // the listing reads the same figures back
        given().get("/api/datasets/" + name).then().statusCode(200).body("kind", equalTo("text"))
                .body("text.bytes", equalTo(utf8.length)).body("text.vocabularySize", equalTo((int) seenTwice + 1));
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT t.content, t.bytes, d.row_count, d.kind FROM dataset d"
                     + " JOIN dataset_text t ON t.dataset_id = d.id WHERE d.name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(text);
                assertThat(rs.getInt(2)).isEqualTo(utf8.length);
                assertThat(rs.getInt(3)).isEqualTo(1000);
                assertThat(rs.getString(4)).isEqualTo("text");
            }
        }
        // the preview endpoint gives the same figures and stores nothing
        given().contentType("text/plain; charset=UTF-8").body(prose(1000, 1).getBytes(StandardCharsets.UTF_8))
                .post("/api/datasets/preview").then().statusCode(200).body("characters", equalTo(1000))
                .body("vocabularySize", equalTo((int) seenTwice + 1));
    }

    @Test
    void badTextIs400AndStoresNothing() throws Exception {
        String name = "bad-text-" + NONCE;
        // a Latin-1 é is not UTF-8
        uploadText(name, ("caf" + (char) 0xE9 + " ").repeat(50).getBytes(StandardCharsets.ISO_8859_1)).then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("file")).body("errors.message", hasItem(containsString("not valid UTF-8")));
        uploadText(name, new byte[0]).then().statusCode(400).body("errors.message", hasItem(containsString("empty")));
        uploadText(name, "too short".getBytes(StandardCharsets.UTF_8)).then().statusCode(400)
                .body("errors.message", hasItem(containsString("at least 100")));
        // U+0000 cannot be stored in PostgreSQL text: refused, not a 500
        uploadText(name, ("abc\u0000def ").repeat(20).getBytes(StandardCharsets.UTF_8)).then().statusCode(400)
                .body("errors.message", hasItem(containsString("NUL")));
        // a text has no time column
        given().contentType("text/plain; charset=UTF-8").body(prose(200, 2).getBytes(StandardCharsets.UTF_8))
                .queryParam("name", name).queryParam("timeColumn", "t").post("/api/datasets").then().statusCode(400)
                .body("errors.field", hasItem("timeColumn"));
        assertThat(datasetRows(name)).isZero();
    }

    @Test
    void aMultipartTxtFileIsAText() {
        given().multiPart("file", "story.txt", prose(300, 4).getBytes(StandardCharsets.UTF_8), "text/plain")
                .multiPart("name", "multi-text-" + NONCE).post("/api/datasets").then().statusCode(201)
                .body("kind", equalTo("text")).body("rows", equalTo(300));
        given().multiPart("file", "story.txt", prose(300, 4).getBytes(StandardCharsets.UTF_8), "text/plain")
                .multiPart("name", "multi-time-" + NONCE).multiPart("timeColumn", "t").post("/api/datasets").then()
                .statusCode(400).body("errors.field", hasItem("timeColumn"));
        given().multiPart("file", "s.txt", "x".getBytes(StandardCharsets.UTF_8), "text/plain")
                .multiPart("name", "multi-kind-" + NONCE).multiPart("kind", "poem").post("/api/datasets").then()
                .statusCode(400).body("errors.field", hasItem("kind"));
    }

    @Test
    void aGenerationRequestNeedsATextAndOnlyItsOwnFields() {
        String text = "rules-" + NONCE;
        uploadText(text, prose(600, 6).getBytes(StandardCharsets.UTF_8)).then().statusCode(201);
        String base = "{\"name\":\"r\",\"task\":\"generate\",";
        // a table is no text to learn
        given().contentType("application/json").body(base + "\"dataset\":\"airline-passengers\"}")
                .post("/api/experiments").then().statusCode(400).body("errors.field", hasItem("dataset"))
                .body("errors.message", hasItem(containsString("is a table")));
        // a text is no series to forecast
        given().contentType("application/json").body("{\"name\":\"r\",\"dataset\":\"" + text + "\",\"target\":\"x\"}")
                .post("/api/experiments").then().statusCode(400).body("errors.field", hasItem("dataset"))
                .body("errors.message", hasItem(containsString("\"task\": \"generate\"")));
        // forecast-only fields and keys, and an unknown task, each get their field error
        given().contentType("application/json").body(base + "\"dataset\":\"" + text + "\",\"features\":[\"a\"],"
                        + "\"seasonality\":12,\"searchSpace\":{\"lookBack\":{\"type\":\"int\",\"min\":2,\"max\":4}}}")
                .post("/api/experiments").then().statusCode(400)
                .body("errors.field", hasItems("features", "seasonality", "searchSpace.lookBack"));
        given().contentType("application/json").body("{\"name\":\"r\",\"task\":\"poetry\",\"dataset\":\"" + text
                        + "\"}").post("/api/experiments").then().statusCode(400).body("errors.field", hasItem("task"));
        // 480 training characters hold 4 sequences of 100, not the 10 a search needs
        given().contentType("application/json").body(base + "\"dataset\":\"" + text + "\"}")
                .post("/api/experiments").then().statusCode(400)
                .body("errors.field", hasItem("searchSpace.sequenceLength"));
    }

    @Test
    void aGenerationExperimentRanksTrialsByBitsPerCharacterBesideTheNGram() throws Exception {
        long id = experiment();
        JsonPath e = given().get("/api/experiments/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(e.getInt("trialCounts.COMPLETED")).isEqualTo(2);
        TextCorpus corpus = TextCorpus.of(experimentText);
        // the baseline, recomputed here: the best Kneser-Ney order on validation, and its test score
        CharNGramBaseline.Scored nGram = CharNGramBaseline.select(corpus);
        assertThat(e.getList("baselines.name")).containsExactly("character n-gram");
        assertThat(e.getDouble("baselines[0].valRmse")).isCloseTo(nGram.validation(), within(1e-9));
        assertThat(e.getDouble("baselines[0].testRmse")).isCloseTo(nGram.test(), within(1e-9));
        assertThat(e.getString("baselines[0].valMae")).isNull();
        // each trial's validation bits per character, recomputed with the stored model one character at a time
        for (Object trialId : given().get("/api/experiments/" + id + "/trials?sort=valRmse").then().statusCode(200)
                .extract().jsonPath().getList("items.id")) {
            long t = ((Number) trialId).longValue();
            JsonPath detail = given().get("/api/trials/" + t).then().statusCode(200).extract().jsonPath();
            MultiLayerNetwork net = OneStepForecasts.restore(model(t));
            CharVocabulary vocabulary = CharLstmTrainer.vocabulary(
                    new ObjectMapper().writeValueAsString(detail.getMap("preprocessing")));
            double bits = bitsStepByStep(net, vocabulary, corpus, corpus.trainEnd(), corpus.validationEnd());
            assertThat(detail.getDouble("trial.valRmse")).isCloseTo(bits, within(1e-4));
            // a text trial has no predictions of rows
            assertThat(detail.getList("validation.actual")).isEmpty();
        }
    }

    @Test
    void everyCompletedTrialShowsSamplesAtThreeTemperatures() throws Exception {
        long id = experiment();
        long best = given().get("/api/experiments/" + id).then().extract().jsonPath().getLong("bestTrial.id");
        JsonPath detail = Api.await("/api/trials/" + best, x -> x.getList("samples").size() == 3,
                Duration.ofMinutes(1));
        assertThat(detail.getList("samples.temperature", Double.class)).containsExactly(0.5, 1.0, 1.2);
        // the text's first line, at most 40 characters of it
        int[] cps = experimentText.codePoints().toArray();
        int end = 40;
        for (int i = 1; i < 40; i++) {
            if (cps[i] == '\n') {
                end = i + 1;
                break;
            }
        }
        assertThat(detail.getList("samples.seed", String.class)).containsOnly(new String(cps, 0, end));
        CharVocabulary vocabulary = TextCorpus.of(experimentText).vocabulary();
        for (String sample : detail.getList("samples.text", String.class)) {
            assertThat(sample.codePointCount(0, sample.length())).isEqualTo(300);
            // only characters the model knows are drawn
            assertThat(sample.codePoints()).allMatch(cp -> vocabulary.indexOf(cp) != CharVocabulary.UNKNOWN);
        }
    }

    @Test
    void theSampleEndpointWritesReproducibleTextAndExplainsBadRequests() throws Exception {
        long id = experiment();
        long best = given().get("/api/experiments/" + id).then().extract().jsonPath().getLong("bestTrial.id");
        String body = "{\"seed\":\"the cat \",\"length\":50,\"temperature\":0.8,\"randomSeed\":11}";
        JsonPath first = given().contentType("application/json").body(body).post("/api/trials/" + best + "/sample")
                .then().statusCode(200).extract().jsonPath();
        String text = first.getString("text");
        assertThat(text.codePointCount(0, text.length())).isEqualTo(50);
        assertThat(first.getLong("randomSeed")).isEqualTo(11);
        // the same random seed, the same text
        given().contentType("application/json").body(body).post("/api/trials/" + best + "/sample").then()
                .statusCode(200).body("text", equalTo(text));
        given().contentType("application/json").body("{\"length\":0,\"temperature\":0,\"colour\":1}")
                .post("/api/trials/" + best + "/sample").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("colour"));
        given().contentType("application/json").body("{\"length\":2001,\"temperature\":0}")
                .post("/api/trials/" + best + "/sample").then().statusCode(400)
                .body("errors.field", hasItems("seed", "length", "temperature"));
        given().contentType("application/json").body("{\"seed\":\"a\"}").post("/api/trials/999999999/sample")
                .then().statusCode(404);
        // a forecast's trial writes no text
        long trial = given().get("/api/experiments/" + forecastExperiment()).then().extract().jsonPath()
                .getLong("bestTrial.id");
        given().contentType("application/json").body("{\"seed\":\"a\"}").post("/api/trials/" + trial + "/sample")
                .then().statusCode(409).body("detail", containsString("forecast"));
    }

    @Test
    void aPromotedGenerationModelHasItsTestBitsAndExportsWithItsVocabulary() throws Exception {
        long id = experiment();
        String model = "gen-model-" + NONCE;
        JsonPath promotion = given().contentType("application/json").body("{\"model\":\"" + model + "\"}")
                .post("/api/experiments/" + id + "/promote").then().statusCode(200).extract().jsonPath();
        long trial = promotion.getLong("promotedTrial.id");
        TextCorpus corpus = TextCorpus.of(experimentText);
        MultiLayerNetwork net = OneStepForecasts.restore(model(trial));
        double testBits = bitsStepByStep(net, corpus.vocabulary(), corpus, corpus.validationEnd(), corpus.length());
        JsonPath version = given().get("/api/models/" + model + "/versions/1").then().statusCode(200).extract()
                .jsonPath();
        assertThat(version.getString("task")).isEqualTo("generate");
        // the registry's list says which scores are bits per character
        given().get("/api/models").then().statusCode(200)
                .body("find { it.name == '" + model + "' }.latestTask", equalTo("generate"));
        assertThat(version.getDouble("testRmse")).isCloseTo(testBits, within(1e-4));
        // never refitted; no forecasts
        assertThat(version.getString("refit")).isNull();
        given().contentType("application/json").body("{\"horizon\":3}").post("/api/models/" + model + "/forecast")
                .then().statusCode(409).body("detail", containsString("generates text"));
        byte[] zip = given().get("/api/models/" + model + "/versions/1/export").then().statusCode(200)
                .contentType("application/zip").extract().asByteArray();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        assertThat(entries.keySet()).containsExactly("model-card.json", "model.zip", "vocabulary.json");
        JsonNode card = new ObjectMapper().readTree(entries.get("model-card.json"));
        assertThat(card.get("format").asText()).isEqualTo("lstm-automl-text-export/1");
        assertThat(card.at("/metrics/test/rmse").asDouble()).isCloseTo(testBits, within(1e-4));
        assertThat(card.at("/dataset/rows").asInt()).isEqualTo(2000);
        JsonNode vocabulary = new ObjectMapper().readTree(entries.get("vocabulary.json"));
        assertThat(CharVocabulary.of(vocabulary.get("characters").asText())).isEqualTo(corpus.vocabulary());
        assertThat(entries.get("model.zip")).isEqualTo(model(trial));
        // one model, one task: a forecast's trial cannot become a version of the text model, and nothing is stored
        given().contentType("application/json").body("{\"model\":\"" + model + "\", \"refit\": false}")
                .post("/api/experiments/" + forecastExperiment() + "/promote").then().statusCode(400)
                .body("errors.field", hasItem("model")).body("errors.message", hasItem(containsString("forecasts")));
        given().get("/api/models/" + model).then().statusCode(200).body("versions.size()", equalTo(1));
        given().get("/api/experiments/" + forecastExperiment()).then().body("promotedTrial", equalTo(null));
    }

    static Long forecastId;

    /** A finished forecasting experiment of one tiny trial, created once. */
    private static synchronized long forecastExperiment() throws InterruptedException {
        if (forecastId == null) {
            forecastId = ExperimentLifecycleTest.create("not-text-" + NONCE, 1, 1);
            awaitExperiment(forecastId, x -> "COMPLETED".equals(x.getString("state")));
        }
        return forecastId;
    }

    private byte[] model(long trialId) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT model_zip FROM trial_model WHERE trial_id = ?")) {
            ps.setLong(1, trialId);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getBytes(1);
            }
        }
    }

    /**
     * Bits per character of {@code [from, to)} (at most 256 characters: one segment as the service scores it), read one
     * character at a time after the 100 characters before it: the service's figure, computed another way.
     */
    static double bitsStepByStep(MultiLayerNetwork net, CharVocabulary vocabulary, TextCorpus corpus, int from,
                                 int to) {
        assertThat(to - from).isLessThanOrEqualTo(256);
        int[] s = corpus.symbols();
        int v = vocabulary.size();
        net.rnnClearPreviousState();
        double bits = 0;
        for (int i = from - 100; i < to - 1; i++) {
            INDArray x = Nd4j.zeros(DataType.FLOAT, 1, v, 1);
            x.putScalar(new long[]{0, s[i], 0}, 1f);
            INDArray out = net.rnnTimeStep(x.castTo(net.getLayerWiseConfigurations().getDataType()));
            if (i + 1 >= from) {
                bits -= Math.log(out.getDouble(0, s[i + 1], 0)) / Math.log(2);
            }
        }
        return bits / (to - from);
    }
}
