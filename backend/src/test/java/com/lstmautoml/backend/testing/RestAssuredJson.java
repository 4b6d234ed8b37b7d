package com.lstmautoml.backend.testing;

import io.restassured.RestAssured;
import io.restassured.path.json.config.JsonPathConfig;

import static io.restassured.config.JsonConfig.jsonConfig;

/** JSON numbers as doubles (RestAssured's default is float, too coarse to compare RMSEs). */
public final class RestAssuredJson {

    private RestAssuredJson() {
    }

    public static void useDoubles() {
        RestAssured.config = RestAssured.config()
                .jsonConfig(jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }
}
