package com.lstmautoml.backend.testing;

import com.lstmautoml.core.api.Accounts;
import com.lstmautoml.core.api.Caller;
import io.quarkus.arc.Arc;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * REST calls in tests: {@link #given()} with the admin token of the team 'default' (made at startup from
 * {@code %test.automl.security.admin-token}), {@link #anonymous()} with no credentials, {@link #as} with any token.
 */
public final class Api {

    /** The configured admin token of the first team (application.properties, test profile). */
    public static final String ADMIN_TOKEN = "lsa_test-admin-token-of-the-default-team";
    public static final String ADMIN_PASSWORD = "test-admin-password";

    private Api() {
    }

    public static RequestSpecification given() {
        return as(ADMIN_TOKEN);
    }

    public static RequestSpecification as(String token) {
        return RestAssured.given().header("Authorization", "Bearer " + token);
    }

    /** The caller the admin token is, for tests that call the services directly (inside a {@code @QuarkusTest}). */
    public static Caller admin() {
        return Arc.container().instance(Accounts.class).get().tokenCaller(ADMIN_TOKEN);
    }

    /** Polls GET /api/experiments/{id} until {@code done} holds; fails with the last answer after 3 minutes. */
    public static JsonPath awaitExperiment(long id, Predicate<JsonPath> done) throws InterruptedException {
        return awaitExperiment(id, done, Duration.ofMinutes(3));
    }

    public static JsonPath awaitExperiment(long id, Predicate<JsonPath> done, Duration timeout)
            throws InterruptedException {
        return await("/api/experiments/" + id, done, timeout);
    }

    /** Polls GET {@code path} (200 expected) until {@code done} holds; fails with the last answer after the timeout. */
    public static JsonPath await(String path, Predicate<JsonPath> done, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JsonPath e = given().get(path).then().statusCode(200).extract().jsonPath();
            if (done.test(e)) {
                return e;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(path + " did not get there in time: " + e.prettify());
            }
            Thread.sleep(200); // polls the API: trials train on the service's threads, seen from outside as a client
        }
    }

    public static RequestSpecification anonymous() {
        return RestAssured.given();
    }
}
