package com.lstmautoml.backend;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static com.lstmautoml.backend.testing.Api.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class HealthTest {

    @Test
    void healthIsUpWithTheDatabaseMigrated() {
        // the service is healthy only when its datasource answers (Flyway ran from the db-migrations jar)
        given().when().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }
}
