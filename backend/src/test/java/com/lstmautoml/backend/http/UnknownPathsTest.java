package com.lstmautoml.backend.http;

import com.lstmautoml.backend.rest.Problems;
import com.lstmautoml.backend.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link UnknownPaths} over real HTTP: the dashboard answers no path under {@code /api} or {@code /q}; an unknown one
 * is a 404 problem JSON, and the known ones and the dashboard's own pages still answer as before.
 */
@QuarkusTest
class UnknownPathsTest {

    private static void assertNotFoundProblem(Response r, String what) {
        assertThat(r.statusCode()).as(what + ": " + r.asString()).isEqualTo(404);
        assertThat(r.contentType()).as(what).startsWith(Problems.TYPE);
        assertThat(r.jsonPath().getInt("status")).as(what).isEqualTo(404);
        assertThat(r.jsonPath().getString("title")).as(what).isEqualTo("Not Found");
        assertThat(r.asString()).as(what).doesNotContain("<html", "<!doctype");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/nonexistent", "/api/experiments/7/nonexistent", "/api", "/api/"})
    void anUnknownApiPathWithAValidTokenIsA404Problem(String path) {
        // no resource answers it: a 404 problem JSON, not the dashboard's page
        assertNotFoundProblem(Api.given().get(path).then().extract().response(), "GET " + path);
    }

    @Test
    void anUnknownApiPathIsA404ProblemForEveryMethod() {
        Response post = Api.given().contentType("application/json").body("{\"name\":\"x\"}")
                .post("/api/nonexistent").then().extract().response();
        Response delete = Api.given().delete("/api/nonexistent/3").then().extract().response();

        assertNotFoundProblem(post, "POST with a body");
        assertNotFoundProblem(delete, "DELETE");
    }

    @Test
    void anUnknownApiPathWithoutATokenIsA401() {
        // authentication first (BearerRequired, before matching): nothing about the path is answered
        Response r = Api.anonymous().get("/api/nonexistent").then().extract().response();

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.contentType()).startsWith(Problems.TYPE);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/nonexistent", "/q/nonexistent/deeper", "/q", "/q/"})
    void anUnknownServicePathIsA404WithoutAnyToken(String path) {
        assertNotFoundProblem(Api.anonymous().get(path).then().extract().response(), "GET " + path);
    }

    @Test
    void theKnownPathsStillAnswer() {
        // the API, Quarkus' endpoints under /q, and a resource's own 404
        Api.given().get("/api/me").then().statusCode(200);
        Api.anonymous().get("/q/health").then().statusCode(200);
        Api.anonymous().get("/q/openapi").then().statusCode(200);
        Api.anonymous().get("/q/health/live").then().statusCode(200);
        Api.anonymous().get("/q/metrics").then().statusCode(200);
        Api.anonymous().get("/q/swagger-ui/").then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith(
                "text/html"));
        Response missing = Api.given().get("/api/experiments/999999999").then().extract().response();
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.jsonPath().getString("detail")).contains("999999999");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/login", "/experiments", "/apinonsense", "/quarkus"})
    void theDashboardStillAnswersItsOwnPaths(String path) {
        // paths outside /api and /q (even ones that start with the same letters) are the dashboard's
        Response r = Api.anonymous().get(path).then().extract().response();

        assertThat(r.statusCode()).as(path).isEqualTo(200);
        assertThat(r.contentType()).as(path).startsWith("text/html");
    }
}
