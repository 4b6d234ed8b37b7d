package com.lstmautoml.backend.rest;

import com.lstmautoml.backend.testing.SyntheticExperiments;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * SQL injection payloads in query parameters: a sort key is checked against an allow-list (400 naming the allowed
 * keys), a filter is a bound parameter (matches nothing, breaks nothing). Never a 5xx.
 */
@QuarkusTest
class QueryPayloadsTest {

    static final String[] PAYLOADS = {"name; DROP TABLE experiment; --", "createdAt desc; --", "1) OR (1=1",
            "' OR '1'='1", "\"", "createdAt,(SELECT pg_sleep(5))", "e.id", "id desc nulls first", "valRmse'--",
            "CASE WHEN 1=1 THEN name END", "%", "_", "!", "\\", "\u0000", "${jndi:x}"};

    @Inject
    AgroalDataSource db;

    long experiment;

    @BeforeEach
    void experiment() {
        experiment = SyntheticExperiments.insert(db, "payloads-" + System.nanoTime(), 3);
    }

    @AfterEach
    void end() {
        SyntheticExperiments.end(db, experiment);
    }

    @ParameterizedTest
    @ValueSource(strings = {"name; DROP TABLE experiment; --", "createdAt desc; --", "1) OR (1=1", "' OR '1'='1",
            "createdAt,(SELECT pg_sleep(5))", "e.id", "id desc nulls first", "valRmse'--",
            "CASE WHEN 1=1 THEN name END", "\"", "%", "\\"})
    void aSortPayloadIs400NamingTheAllowedKeys(String sort) {
        HostileRequestsTest.api().queryParam("sort", sort).get("/api/experiments")
                .then().statusCode(400).contentType(Problems.TYPE)
                .body("errors[0].field", equalTo("sort"))
                .body("errors[0].message", containsString("use one of"))
                .body("errors[0].message", containsString("createdAt"));
        HostileRequestsTest.api().queryParam("sort", sort).get("/api/experiments/" + experiment + "/trials")
                .then().statusCode(400).contentType(Problems.TYPE)
                .body("errors[0].field", equalTo("sort"))
                .body("errors[0].message", containsString("valRmse"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"name", "dataset", "owner"})
    void aFilterPayloadIsBoundAndMatchesNothing(String filter) {
        for (String payload : PAYLOADS) {
            Response r = HostileRequestsTest.api().queryParam(filter, payload).get("/api/experiments");
            HostileRequestsTest.checkAnswer(filter + "=" + payload, r);
            if (payload.indexOf('\u0000') >= 0) {
                // text cannot hold NUL: refused before it reaches the database (was a 500)
                assertThat(r.statusCode()).as(filter + "=" + payload).isEqualTo(400);
                assertThat(r.jsonPath().getString("errors[0].field")).isEqualTo("query");
                continue;
            }
            assertThat(r.statusCode()).as(filter + "=" + payload).isEqualTo(200);
            assertThat(r.jsonPath().getLong("total")).as(filter + "=" + payload).isZero();
        }
        // the tables are all still there
        HostileRequestsTest.api().get("/api/experiments/" + experiment).then().statusCode(200);
    }

    @org.junit.jupiter.api.Test
    void aNulInThePathIs400() {
        HostileRequestsTest.api().urlEncodingEnabled(false).get("/api/datasets/a%00b")
                .then().statusCode(400).contentType(Problems.TYPE).body("errors[0].field", equalTo("path"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"state", "page", "size"})
    void otherParametersAnswer4xxNot5xx(String parameter) {
        for (String payload : new String[]{"' OR 1=1 --", "-1", "99999999999", "2147483647", "NaN", "", "0"}) {
            Response r = HostileRequestsTest.api().queryParam(parameter, payload).get("/api/experiments");
            HostileRequestsTest.checkAnswer(parameter + "=" + payload, r);
            Response t = HostileRequestsTest.api().queryParam(parameter, payload)
                    .get("/api/experiments/" + experiment + "/trials");
            HostileRequestsTest.checkAnswer("trials " + parameter + "=" + payload, t);
        }
    }
}
