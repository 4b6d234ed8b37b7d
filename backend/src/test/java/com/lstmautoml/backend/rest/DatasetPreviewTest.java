package com.lstmautoml.backend.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.lstmautoml.backend.testing.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** POST /api/datasets/preview: the upload's parse, nothing stored. */
@QuarkusTest
class DatasetPreviewTest {

    static final String CSV = "date,load,temp\n2024-01-01,10,1.5\n2024-01-02,11,2.50\n2024-01-03,12.5,3\n";

    @Test
    void previewShowsColumnsRowCountAndFirstRows() {
        int before = datasetCount();
        given().contentType("text/csv").queryParam("rows", 2).body(CSV).post("/api/datasets/preview")
                .then().statusCode(200)
                // the first column is the time column, the others are numeric
                .body("timeColumn", equalTo("date"))
                .body("numericColumns", equalTo(List.of("load", "temp")))
                // rows counts every data row, not just the previewed ones
                .body("rows", equalTo(3))
                // header = time column + numeric columns
                .body("header", equalTo(List.of("date", "load", "temp")))
                // first `rows` rows as text, numbers written plainly (10, not 10.0; 2.5, not 2.50)
                .body("firstRows", equalTo(List.of(List.of("2024-01-01", "10", "1.5"),
                        List.of("2024-01-02", "11", "2.5"))));
        // a preview stores nothing
        org.assertj.core.api.Assertions.assertThat(datasetCount()).isEqualTo(before);
    }

    @Test
    void namedTimeColumnComesFirstInTheHeader() {
        given().contentType("text/csv").queryParam("timeColumn", "date").body("load,date\n5,d1\n6,d2\n")
                .post("/api/datasets/preview").then().statusCode(200)
                // timeColumn picks a column other than the first; the header puts it first
                .body("header", equalTo(List.of("date", "load")))
                // rows defaults to 10, so both rows show
                .body("firstRows", equalTo(List.of(List.of("d1", "5"), List.of("d2", "6"))));
    }

    @Test
    void badCellIs400NamingRowAndColumnAndNothingIsStored() {
        int before = datasetCount();
        given().contentType("text/csv").body("t,y\n1,5\n2,abc\n").post("/api/datasets/preview")
                .then().statusCode(400).contentType("application/problem+json")
                // same errors as an upload: the file's line and the column
                .body("errors[0].field", equalTo("row 3, column y"))
                .body("errors[0].message", containsString("abc"));
        // nothing stored
        org.assertj.core.api.Assertions.assertThat(datasetCount()).isEqualTo(before);
    }

    @Test
    void negativeRowsIs400() {
        // rows must be 0..1000
        given().contentType("text/csv").queryParam("rows", -1).body(CSV).post("/api/datasets/preview")
                .then().statusCode(400).body("errors[0].field", equalTo("rows"));
    }

    private static int datasetCount() {
        return given().get("/api/datasets").then().statusCode(200).extract().jsonPath().getList("").size();
    }
}
