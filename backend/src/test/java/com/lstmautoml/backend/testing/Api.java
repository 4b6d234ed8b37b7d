package com.lstmautoml.backend.testing;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

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

    /** The caller the admin token is, for tests that call the services directly. */
    public static com.lstmautoml.core.api.Caller admin(com.lstmautoml.core.api.Accounts accounts) {
        return accounts.tokenCaller(ADMIN_TOKEN);
    }

    public static RequestSpecification anonymous() {
        return RestAssured.given();
    }
}
