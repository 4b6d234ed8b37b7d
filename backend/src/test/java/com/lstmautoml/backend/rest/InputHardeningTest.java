package com.lstmautoml.backend.rest;

import com.lstmautoml.backend.testing.Api;
import com.lstmautoml.backend.testing.SyntheticExperiments;
import com.lstmautoml.core.data.CsvParser;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static com.lstmautoml.backend.rest.HostileRequestsTest.checkAnswer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input of the kinds a security test found answering 500 or an empty 400 (issue 10): NUL and over-long names,
 * over-long CSV column names, files that are not UTF-8, fractional ids, malformed query parameters and JSON bodies
 * of the wrong shape. Each is a 400 problem JSON naming the field, and stores nothing. Column statistics of huge
 * values stay finite numbers; a 5xx is logged at ERROR with the error id its problem JSON carries. Random samples use
 * fixed seeds, named in every failure.
 */
@QuarkusTest
class InputHardeningTest {

    static final long SEED = 20_261_130L;
    static final int NON_UTF8_SAMPLES = 30;
    static final int LONG_COLUMN_SAMPLES = 10;
    static final int FRACTION_SAMPLES = 20;

    @Inject
    AgroalDataSource db;

    private static String nonce() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String validCsv(int rows) {
        StringBuilder sb = new StringBuilder("t,y,x\n");
        for (int i = 1; i <= rows; i++) {
            sb.append(i).append(',').append(100 + i % 7).append(',').append(i * 0.5).append('\n');
        }
        return sb.toString();
    }

    /** A 400 problem JSON with a field error at {@code field} whose message contains {@code text}. */
    private static void badRequest(String where, Response r, String field, String text) {
        checkAnswer(where, r);
        assertThat(r.statusCode()).as(where + ": " + r.asString()).isEqualTo(400);
        List<Map<String, Object>> errors = r.jsonPath().getList("errors");
        assertThat(errors).as(where + ": " + r.asString())
                .anySatisfy(e -> {
                    assertThat(e.get("field")).isEqualTo(field);
                    assertThat((String) e.get("message")).contains(text);
                });
    }

    // ---- names: caps and NUL --------------------------------------------------------------------------------------

    @Test
    void tokenNamesWithNulOrControlCharactersOrOverTheCapAre400() {
        long before = count("SELECT count(*) FROM api_token");
        for (String name : List.of("a\\u0000b", "\\u0000", "tab\\there", "line\\nbreak", "x".repeat(101))) {
            Response r = Api.given().contentType("application/json")
                    .body("{\"name\":\"" + name + "\",\"role\":\"viewer\"}").post("/api/tokens");
            badRequest("token name " + name, r, "name", name.length() > 100 ? "100" : "control character");
        }
        assertThat(count("SELECT count(*) FROM api_token")).isEqualTo(before);
    }

    @Test
    void usernamesWithNulOrOverTheCapAre400() {
        long before = count("SELECT count(*) FROM app_user");
        for (String name : List.of("a\\u0000b", "u".repeat(65), "x".repeat(5000))) {
            Response r = Api.given().contentType("application/json")
                    .body("{\"username\":\"" + name + "\",\"role\":\"viewer\"}").post("/api/members");
            badRequest("username " + name.length(), r, "username", "64");
        }
        assertThat(count("SELECT count(*) FROM app_user")).isEqualTo(before);
    }

    @Test
    void datasetNamesWithNulOrOverTheCapAre400() {
        long before = count("SELECT count(*) FROM dataset");
        String csv = validCsv(20);
        for (String name : List.of("a\u0000b", "d".repeat(101), "d".repeat(1000))) {
            Response r = Api.given().multiPart("file", "d.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                    .multiPart("name", name).post("/api/datasets");
            badRequest("dataset name of " + name.length(), r, "name", "100");
        }
        Response r = Api.given().contentType("text/csv").queryParam("name", "d".repeat(101)).body(csv)
                .post("/api/datasets");
        badRequest("dataset name of 101 as a query parameter", r, "name", "100");
        assertThat(count("SELECT count(*) FROM dataset")).isEqualTo(before);
    }

    @Test
    void csvColumnNamesOverTheCapAre400AndStoreNothing() {
        Random random = new Random(SEED);
        for (int i = 0; i < LONG_COLUMN_SAMPLES; i++) {
            int length = CsvParser.MAX_COLUMN_NAME + 1 + random.nextInt(3000);
            int column = random.nextInt(3);
            String[] header = {"t", "y", "x"};
            header[column] = "c".repeat(length);
            String csv = String.join(",", header) + validCsv(20).substring("t,y,x".length());
            String where = "long column sample " + i + " of seed " + SEED + " (column " + (column + 1) + ", "
                    + length + " characters)";
            long[] before = datasetCounts();
            badRequest(where, Api.given().contentType("text/csv").queryParam("name", "longcol-" + nonce())
                    .body(csv).post("/api/datasets"), "header, column " + (column + 1), "200");
            badRequest(where + " at /preview", Api.given().contentType("text/csv").body(csv)
                    .post("/api/datasets/preview"), "header, column " + (column + 1), "200");
            assertThat(datasetCounts()).as(where).isEqualTo(before);
        }
        // the cap itself is accepted
        String name = "col200-" + nonce();
        Api.given().contentType("text/csv").queryParam("name", name)
                .body("t," + "c".repeat(CsvParser.MAX_COLUMN_NAME) + "\n1,2\n2,3\n").post("/api/datasets")
                .then().statusCode(201);
    }

    // ---- files that are not UTF-8 ---------------------------------------------------------------------------------

    @Test
    void filesThatAreNotUtf8Are400NamingTheOffsetOfTheFirstBadByte() {
        byte[] valid = validCsv(40).getBytes(StandardCharsets.US_ASCII);
        Random random = new Random(SEED + 1);
        for (int i = 0; i < NON_UTF8_SAMPLES; i++) {
            // an ASCII file with one byte of 0x80..0xFF put in: a continuation byte out of place, or a lead byte
            // followed by ASCII; either way the first invalid byte is the one put in
            int offset = random.nextInt(valid.length + 1);
            byte bad = (byte) (0x80 + random.nextInt(0x80));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(valid, 0, offset);
            out.write(bad);
            out.write(valid, offset, valid.length - offset);
            byte[] bytes = out.toByteArray();
            String where = String.format("non-UTF-8 sample %d of seed %d (0x%02X at offset %d)", i, SEED + 1,
                    bad & 0xFF, offset);
            String expected = "offset " + offset + " ";
            long[] before = datasetCounts();
            String name = "notutf8-" + nonce();
            switch (i % 3) {
                case 0 -> badRequest(where + " as text/csv", Api.given().contentType("text/csv")
                        .queryParam("name", name).body(bytes).post("/api/datasets"), "body", expected);
                case 1 -> badRequest(where + " as multipart", Api.given().multiPart("file", "f.csv", bytes, "text/csv")
                        .multiPart("name", name).post("/api/datasets"), "file", expected);
                default -> badRequest(where + " at /preview", Api.given().contentType("text/csv").body(bytes)
                        .post("/api/datasets/preview"), "body", expected);
            }
            assertThat(datasetCounts()).as("stored by " + where).isEqualTo(before);
        }
    }

    @Test
    void utf8WithABomAndNonAsciiNamesIsAccepted() {
        String name = "utf8-" + nonce();
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "Zeit,Größe\n1,2\n2,3\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, bytes, 0, bom.length);
        System.arraycopy(text, 0, bytes, bom.length, text.length);
        Api.given().multiPart("file", "f.csv", bytes, "text/csv").multiPart("name", name).post("/api/datasets")
                .then().statusCode(201);
        assertThat(Api.given().get("/api/datasets/" + name).then().statusCode(200).extract().jsonPath()
                .getList("columns.name", String.class)).containsExactly("Größe");
    }

    // ---- column statistics ----------------------------------------------------------------------------------------

    @Test
    void columnStatisticsOfHugeValuesAreFiniteNumbers() {
        String name = "huge-" + nonce();
        Api.given().contentType("text/csv").queryParam("name", name)
                .body("t,v,w\n1,1.79e308,-1.79e308\n2,1.79e308,-1.79e308\n3,1.79e308,-1.79e308\n")
                .post("/api/datasets").then().statusCode(201);
        for (Response r : List.of(Api.given().get("/api/datasets/" + name), Api.given().get("/api/datasets"))) {
            String body = r.then().statusCode(200).extract().asString();
            assertThat(body).doesNotContain("Infinity").doesNotContain("NaN");
        }
        // read with Jackson: RestAssured's JsonPath reads numbers as floats first, which 1.79e308 overflows
        var columns = com.lstmautoml.backend.config.Json.tree(Api.given().get("/api/datasets/" + name).then()
                .extract().asString()).get("columns");
        for (int c = 0; c < 2; c++) {
            double sign = c == 0 ? 1 : -1;
            for (String stat : List.of("min", "max", "mean")) {
                var v = columns.get(c).get(stat);
                assertThat(v.isNumber()).as(stat + " of column " + c + ": " + v).isTrue();
                assertThat(v.asDouble()).as(stat + " of column " + c)
                        .isCloseTo(sign * 1.79e308, org.assertj.core.data.Percentage.withPercentage(1e-9));
            }
        }
    }

    // ---- integer ids ----------------------------------------------------------------------------------------------

    @Test
    void fractionalOrNonNumericTrialIdsAre400AndPromoteNothing() {
        long id = SyntheticExperiments.insert(db, "fraction-" + nonce(), 3);
        Random random = new Random(SEED + 2);
        List<String> values = new ArrayList<>(List.of("1.5", "1.0", "0.999", "1e0", "1e400", "\"1\"", "true", "[1]",
                "{}", "-1", "0", "99999999999999999999"));
        for (int i = 0; i < FRACTION_SAMPLES; i++) {
            values.add(random.nextInt(1000) + "." + (1 + random.nextInt(999)));
        }
        for (String v : values) {
            Response r = Api.given().contentType("application/json").body("{\"trialId\":" + v + "}")
                    .post("/api/experiments/" + id + "/promote");
            badRequest("trialId " + v + " (seed " + (SEED + 2) + ")", r, "trialId", "whole number");
        }
        for (String body : List.of("[]", "[1]", "1", "\"x\"")) {
            badRequest("promote body " + body, Api.given().contentType("application/json").body(body)
                    .post("/api/experiments/" + id + "/promote"), "body", "JSON object");
        }
        assertThat(count("SELECT count(*) FROM experiment WHERE id = " + id + " AND promoted_trial_id IS NOT NULL"))
                .isZero();
    }

    // ---- every 400 has a problem body -----------------------------------------------------------------------------

    @Test
    void malformedQueryParametersAre400NamingTheParameter() {
        long id = SyntheticExperiments.insert(db, "query-" + nonce(), 3);
        List<Map.Entry<String, Supplier<Response>>> requests = List.of(
                Map.entry("page", () -> Api.given().get("/api/experiments?page=x")),
                Map.entry("size", () -> Api.given().get("/api/experiments?size=1.5")),
                Map.entry("size", () -> Api.given().get("/api/experiments?size=99999999999")),
                Map.entry("page", () -> Api.given().get("/api/experiments/" + id + "/trials?page=%20one")),
                Map.entry("size", () -> Api.given().get("/api/experiments/" + id + "/trials?size=ten")),
                Map.entry("rows", () -> Api.given().contentType("text/csv").body(validCsv(5))
                        .post("/api/datasets/preview?rows=many")));
        for (Map.Entry<String, Supplier<Response>> e : requests) {
            badRequest("?" + e.getKey() + "=...", e.getValue().get(), e.getKey(), "whole number");
        }
        // well-formed ones still work
        Api.given().get("/api/experiments?page=0&size=5").then().statusCode(200);
        Api.given().get("/api/experiments/" + id + "/trials?size=2").then().statusCode(200);
    }

    @Test
    void jsonBodiesOfTheWrongShapeAre400ProblemJson() {
        long users = count("SELECT count(*) FROM app_user");
        long tokens = count("SELECT count(*) FROM api_token");
        badRequest("members []", Api.given().contentType("application/json").body("[]").post("/api/members"),
                "body", "JSON object");
        badRequest("members \"x\"", Api.given().contentType("application/json").body("\"x\"")
                .post("/api/members"), "body", "JSON object");
        badRequest("members 7", Api.given().contentType("application/json").body("7").post("/api/members"),
                "body", "JSON object");
        badRequest("members username array", Api.given().contentType("application/json")
                .body("{\"username\":[\"a\"],\"role\":\"viewer\"}").post("/api/members"), "username", "wrong type");
        badRequest("members username object", Api.given().contentType("application/json")
                .body("{\"username\":{\"a\":1},\"role\":\"viewer\"}").post("/api/members"), "username", "wrong type");
        badRequest("tokens []", Api.given().contentType("application/json").body("[1,2]").post("/api/tokens"),
                "body", "JSON object");
        badRequest("tokens role object", Api.given().contentType("application/json")
                .body("{\"name\":\"n\",\"role\":{}}").post("/api/tokens"), "role", "wrong type");
        badRequest("role change []", Api.given().contentType("application/json").body("[]")
                .put("/api/members/admin"), "body", "JSON object");
        badRequest("malformed", Api.given().contentType("application/json").body("{\"name\":")
                .post("/api/tokens"), "body", "not valid JSON");
        assertThat(count("SELECT count(*) FROM app_user")).isEqualTo(users);
        assertThat(count("SELECT count(*) FROM api_token")).isEqualTo(tokens);
        // other framework refusals are problem JSON too
        for (Response r : List.of(Api.given().contentType("text/plain").body("{}").post("/api/tokens"),
                Api.given().contentType("application/xml").body("<a/>").post("/api/experiments"),
                Api.given().accept("application/xml").get("/api/datasets"),
                Api.given().put("/api/datasets"))) {
            checkAnswer("framework refusal", r);
            assertThat(r.statusCode()).isBetween(405, 415);
        }
    }

    // ---- 5xx: logged with an error id -----------------------------------------------------------------------------

    @Test
    void everyServerErrorIsLoggedWithTheErrorIdItsProblemCarries() {
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(Problems.class.getName());
        logger.addHandler(handler);
        try {
            Problems problems = new Problems();
            List<Throwable> failures = List.of(new IllegalStateException("a bug"),
                    new jakarta.persistence.PersistenceException("not transient", new IllegalArgumentException()),
                    new WebApplicationException("upstream", 502));
            for (Throwable failure : failures) {
                jakarta.ws.rs.core.Response r = failure instanceof WebApplicationException w ? problems.framework(w)
                        : failure instanceof jakarta.persistence.PersistenceException p ? problems.database(p)
                        : problems.unexpected(failure);
                assertThat(r.getStatus()).as(failure.toString()).isGreaterThanOrEqualTo(500);
                assertThat(r.getMediaType().toString()).isEqualTo(Problems.TYPE);
                Problems.Problem p = (Problems.Problem) r.getEntity();
                assertThat(p.errorId()).as(failure.toString()).isNotBlank();
                assertThat(p.detail()).contains(p.errorId());
                assertThat(records).as(failure.toString()).anySatisfy(rec -> {
                    assertThat(rec.getLevel().intValue()).isGreaterThanOrEqualTo(Level.SEVERE.intValue());
                    assertThat(rec.getThrown()).isSameAs(failure);
                    assertThat(formatted(rec)).contains(p.errorId());
                });
            }
        } finally {
            logger.removeHandler(handler);
        }
        // a 4xx carries no error id
        Response r = Api.given().get("/api/experiments?page=x");
        assertThat(r.jsonPath().getString("errorId")).isNull();
        assertThat(r.asString()).doesNotContain("errorId");
    }

    private static String formatted(LogRecord rec) {
        String message = rec.getMessage();
        Object[] params = rec.getParameters();
        if (params != null && params.length > 0) {
            try {
                return String.format(message, params);
            } catch (RuntimeException e) {
                return message + " " + java.util.Arrays.toString(params);
            }
        }
        return message;
    }

    // ---- database counts ------------------------------------------------------------------------------------------

    private long[] datasetCounts() {
        return new long[]{count("SELECT count(*) FROM dataset"), count("SELECT count(*) FROM dataset_column")};
    }

    private long count(String sql) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
