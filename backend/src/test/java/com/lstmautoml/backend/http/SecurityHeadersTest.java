package com.lstmautoml.backend.http;

import com.lstmautoml.backend.testing.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The response headers of {@link SecurityHeaders} on real answers: the four protective headers everywhere, the
 * session cookie's attributes after the sign-in page is loaded, no CORS echo of a foreign Origin (on the push servlet
 * and the API), and Location headers that never carry the request's Host.
 */
@QuarkusTest
class SecurityHeadersTest {

    static final String EVIL = "https://evil.example";

    @TestHTTPResource("/")
    URL base;

    private static void assertProtective(Response r, String what) {
        assertThat(r.header("Content-Security-Policy")).as(what).isEqualTo("frame-ancestors 'self'");
        assertThat(r.header("X-Frame-Options")).as(what).isEqualTo("SAMEORIGIN");
        assertThat(r.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
        assertThat(r.header("Referrer-Policy")).as(what).isEqualTo("strict-origin-when-cross-origin");
    }

    private static void assertNoCors(Response r, String what) {
        assertThat(r.headers().hasHeaderWithName("Access-Control-Allow-Origin")).as(what + ": " + r.headers())
                .isFalse();
        assertThat(r.headers().hasHeaderWithName("Access-Control-Allow-Credentials")).as(what).isFalse();
    }

    @Test
    void everyKindOfAnswerCarriesTheProtectiveHeaders() {
        assertProtective(Api.given().get("/api/me").then().statusCode(200).extract().response(), "API 200");
        assertProtective(Api.anonymous().get("/api/me").then().statusCode(401).extract().response(), "API 401");
        assertProtective(Api.given().get("/api/experiments/999999999").then().statusCode(404).extract().response(),
                "API 404");
        assertProtective(RestAssured.given().get("/login").then().statusCode(200).extract().response(),
                "sign-in page");
        assertProtective(RestAssured.given().get("/q/health").then().statusCode(200).extract().response(), "health");
        assertProtective(RestAssured.given().get("/q/openapi").then().statusCode(200).extract().response(),
                "openapi");
        // an early refusal (RequestLimits, before any resource) too
        assertProtective(Api.given().contentType("application/json").body("{\"name\":\"" + "a".repeat(1 << 20) + "\"}")
                .post("/api/experiments/validate").then().statusCode(413).extract().response(), "413");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLax() {
        List<String> cookies = RestAssured.given().get("/login").then().statusCode(200).extract().headers()
                .getValues("Set-Cookie");
        String session = cookies.stream().filter(c -> c.startsWith(SecurityHeaders.SESSION_COOKIE + "="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie in " + cookies));
        assertThat(session).containsIgnoringCase("; HttpOnly").contains("; SameSite=Lax");
        // plain HTTP, and X-Forwarded-Proto is not believed without quarkus.http.proxy.proxy-address-forwarding
        assertThat(session).doesNotContainIgnoringCase("secure");
        String forged = RestAssured.given().header("X-Forwarded-Proto", "https").get("/login").then().extract()
                .headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(SecurityHeaders.SESSION_COOKIE + "=")).findFirst().orElseThrow();
        assertThat(forged).doesNotContainIgnoringCase("secure").contains("SameSite=Lax");
    }

    @Test
    void theSessionCookieGetsSecureOverHttps() {
        assertThat(SecurityHeaders.hardenSessionCookie("JSESSIONID=abc; path=/", true))
                .isEqualTo("JSESSIONID=abc; path=/; HttpOnly; SameSite=Lax; Secure");
        assertThat(SecurityHeaders.hardenSessionCookie("JSESSIONID=abc; path=/", false))
                .isEqualTo("JSESSIONID=abc; path=/; HttpOnly; SameSite=Lax");
        assertThat(SecurityHeaders.hardenSessionCookie("JSESSIONID=abc; HttpOnly; SameSite=Strict; Secure", true))
                .isEqualTo("JSESSIONID=abc; HttpOnly; SameSite=Strict; Secure");
        assertThat(SecurityHeaders.hardenSessionCookie("other=1; path=/", true)).isEqualTo("other=1; path=/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST", "OPTIONS"})
    void thePushServletDoesNotEchoAForeignOrigin(String method) {
        // a session first, as a signed-in browser would have
        String session = RestAssured.given().get("/login").then().extract().cookie(SecurityHeaders.SESSION_COOKIE);
        Response r = RestAssured.given().cookie(SecurityHeaders.SESSION_COOKIE, session)
                .header("Origin", EVIL).header("Access-Control-Request-Method", "POST")
                .queryParam("v-r", "push").queryParam("v-uiId", "0").queryParam("v-pushId", "x")
                .queryParam("X-Atmosphere-tracking-id", "0").queryParam("X-Atmosphere-Transport", "long-polling")
                .queryParam("X-Atmosphere-Framework", "3.1.2-javascript")
                .request(method, "/VAADIN/push").then().extract().response();
        assertNoCors(r, method + " /VAADIN/push " + r.statusCode());
        assertProtective(r, "push");
    }

    @Test
    void theApiDoesNotEchoAForeignOrigin() {
        assertNoCors(Api.given().header("Origin", EVIL).get("/api/me").then().statusCode(200).extract().response(),
                "GET /api/me");
        assertNoCors(Api.anonymous().header("Origin", EVIL).header("Access-Control-Request-Method", "GET")
                .options("/api/me").then().extract().response(), "OPTIONS /api/me");
    }

    private RawHttp raw(String request) throws IOException {
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return RawHttp.read(s.getInputStream());
        }
    }

    @Test
    void theLocationOfACreatedObjectIsRelativeWhateverTheHost() throws IOException {
        String body = "{\"name\":\"location-check\",\"role\":\"viewer\"}";
        RawHttp created = raw("POST /api/tokens HTTP/1.1\r\nHost: evil.example:4443\r\nAuthorization: Bearer "
                + Api.ADMIN_TOKEN + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String location = created.header("Location");
        assertThat(location).matches("/api/tokens/\\d+").doesNotContain("evil.example");
        Api.given().delete(location).then().statusCode(200);

        String experiment = "{\"name\":\"location-check\",\"dataset\":\"airline-passengers\",\"target\":\"Passengers\","
                + "\"maxTrials\":1,\"parallelism\":1,\"maxEpochs\":1,\"minEpochs\":1,\"patience\":1}";
        RawHttp e = raw("POST /api/experiments HTTP/1.1\r\nHost: evil.example\r\nAuthorization: Bearer "
                + Api.ADMIN_TOKEN + "\r\nContent-Type: application/json\r\nContent-Length: "
                + experiment.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + experiment);
        assertThat(e.status()).as(e.body()).isEqualTo(201);
        assertThat(e.header("Location")).matches("/api/experiments/\\d+");
        Api.given().post(e.header("Location") + "/cancel").then().statusCode(200);
    }

    @Test
    void aRedirectDoesNotEchoTheHost() throws IOException {
        for (String path : List.of("/q/swagger-ui", "/VAADIN", "/experiments/new/")) {
            RawHttp r = raw("GET " + path + " HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
            if (r.status() >= 300 && r.status() < 400) {
                assertThat(r.header("Location")).as(path).doesNotContain("evil.example").startsWith("/");
            }
            assertThat(r.headers().toString()).as(path).doesNotContain("evil.example");
        }
    }

    @Test
    void aConfiguredPublicUrlMakesLocationsAbsoluteOnIt() {
        SecurityHeaders relative = new SecurityHeaders(Optional.empty());
        assertThat(relative.location("http://evil.example:81/api/experiments/7?x=1", "evil.example:81"))
                .isEqualTo("/api/experiments/7?x=1");
        assertThat(relative.location("/api/experiments/7", "evil.example")).isEqualTo("/api/experiments/7");
        assertThat(relative.location("https://elsewhere.example/x", "evil.example"))
                .isEqualTo("https://elsewhere.example/x");
        assertThat(relative.location("http://evil.example", "evil.example")).isEqualTo("/");
        SecurityHeaders configured = new SecurityHeaders(Optional.of("https://automl.example.org/"));
        assertThat(configured.location("http://evil.example/api/tokens/3", "evil.example"))
                .isEqualTo("https://automl.example.org/api/tokens/3");
    }
}
