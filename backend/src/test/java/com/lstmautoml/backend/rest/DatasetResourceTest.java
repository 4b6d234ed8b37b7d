package com.lstmautoml.backend.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.lstmautoml.backend.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class DatasetResourceTest {

    @org.junit.jupiter.api.BeforeAll
    static void doubles() {
        com.lstmautoml.backend.testing.RestAssuredJson.useDoubles();
    }

    @Test
    void bundledAirPassengersIsThereOnFirstStart() {
        Map<String, Object> d = given().get("/api/datasets/airline-passengers").then().statusCode(200)
                .extract().jsonPath().getMap("");
        // the shipped series: 144 months 1949-01..1960-12
        assertThat(d).containsEntry("rows", 144).containsEntry("firstTime", "1949-01")
                .containsEntry("lastTime", "1960-12").containsEntry("timeColumn", "Month");
        @SuppressWarnings("unchecked")
        Map<String, Object> passengers = ((List<Map<String, Object>>) d.get("columns")).get(0);
        // sum 40363 = mean × rows, independent of the parser's own bookkeeping
        assertThat(((Number) passengers.get("mean")).doubleValue() * 144).isCloseTo(40363.0,
                org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void csvBodyUploadCreatesADatasetWithAllNumericColumns() {
        String csv = "date,load,temp\n2024-01-01,10,1.5\n2024-01-02,11,2.5\n2024-01-03,12.5,3\n";
        given().contentType("text/csv").queryParam("name", "power-small").body(csv)
                .post("/api/datasets").then().statusCode(201)
                .header("Location", containsString("/api/datasets/power-small"))
                .body("rows", equalTo(3)).body("columns.name", equalTo(List.of("load", "temp")));
        // it is listed afterwards
        given().get("/api/datasets").then().statusCode(200).body("name", hasItem("power-small"));
    }

    @Test
    void multipartUploadWorksToo() {
        given().multiPart("file", "s.csv", "t,y\n1,5\n2,6\n".getBytes(), "text/csv").multiPart("name", "multi-up")
                .post("/api/datasets").then().statusCode(201).body("name", equalTo("multi-up"));
    }

    @Test
    void nonNumericCellIs400NamingRowAndColumn() {
        String csv = "t,y\n1,5\n2,abc\n3,7\n";
        given().contentType("text/csv").queryParam("name", "bad-cell").body(csv).post("/api/datasets")
                .then().statusCode(400).contentType("application/problem+json")
                // the field names the file's line and the column
                .body("errors[0].field", equalTo("row 3, column y"))
                .body("errors[0].message", containsString("abc"));
        // nothing half-created
        given().get("/api/datasets/bad-cell").then().statusCode(404);
    }

    @Test
    void missingValueAndBadNameAndDuplicateAre400() {
        given().contentType("text/csv").queryParam("name", "gap").body("t,y\n1,5\n2,\n").post("/api/datasets")
                .then().statusCode(400).body("errors[0].field", equalTo("row 3, column y"));
        given().contentType("text/csv").queryParam("name", "no spaces allowed").body("t,y\n1,5\n")
                .post("/api/datasets").then().statusCode(400).body("errors[0].field", equalTo("name"));
        given().contentType("text/csv").queryParam("name", "airline-passengers").body("t,y\n1,5\n")
                .post("/api/datasets").then().statusCode(400)
                .body("errors[0].message", containsString("exists already"));
    }

    @Test
    void unknownDatasetIs404Problem() {
        given().get("/api/datasets/nope").then().statusCode(404).contentType(ContentType.fromContentType(
                "application/problem+json")).body("detail", containsString("nope"));
    }
}
