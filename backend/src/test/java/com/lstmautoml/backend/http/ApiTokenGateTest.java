package com.lstmautoml.backend.http;

import com.lstmautoml.backend.rest.Problems;
import com.lstmautoml.backend.testing.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authentication before the body ({@link ApiTokenGate}): a client writes only the headers of a 19 MB upload (or a
 * JSON body) and reads the 401 problem JSON without having sent one byte of the body; the service never waits for it.
 */
@QuarkusTest
class ApiTokenGateTest {

    static final long NINETEEN_MB = 19L << 20;

    @TestHTTPResource("/")
    URL base;

    private RawHttp headersOnly(String requestLine, String authorization, long contentLength, String extra)
            throws IOException {
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(10_000); // the answer comes now, not after a body that is never sent
            OutputStream out = s.getOutputStream();
            out.write((requestLine + " HTTP/1.1\r\nHost: localhost\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                    + "Content-Type: text/csv\r\nContent-Length: " + contentLength + "\r\n" + extra + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return RawHttp.read(s.getInputStream());
        }
    }

    private static void assertUnauthorized(RawHttp answer) {
        assertThat(answer.status()).as(answer.statusLine()).isEqualTo(401);
        assertThat(answer.header("Content-Type")).startsWith(Problems.TYPE);
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(answer.body()).contains("\"status\":401").contains("\"title\":\"Unauthorized\"");
    }

    @Test
    void aMadeUpTokenGets401BeforeA19MbUploadIsSent() throws IOException {
        RawHttp answer = headersOnly("POST /api/datasets?name=gate-upload",
                "Bearer lsa_made-up-token-0123456789abcdef", NINETEEN_MB, "");
        assertUnauthorized(answer);
        assertThat(answer.body()).contains("unknown API token");
        Api.given().get("/api/datasets/gate-upload").then().statusCode(404);
    }

    @Test
    void noTokenGets401BeforeTheBody() throws IOException {
        assertUnauthorized(headersOnly("POST /api/datasets?name=gate-upload", null, NINETEEN_MB, ""));
        assertUnauthorized(headersOnly("POST /api/experiments", "Basic YWRtaW46eA==", 5000, ""));
    }

    @Test
    void aClientWaitingFor100ContinueGetsThe401Instead() throws IOException {
        RawHttp answer = headersOnly("POST /api/datasets/preview", "Bearer lsa_made-up-token-0123456789abcdef",
                NINETEEN_MB, "Expect: 100-continue\r\n");
        assertUnauthorized(answer);
    }

    @Test
    void aRevokedTokenGets401BeforeTheBody() throws IOException {
        String secret = Api.given().contentType("application/json").body("{\"name\":\"gate-revoked\",\"role\":\"member\"}")
                .post("/api/tokens").then().statusCode(201).extract().path("secret");
        int id = Api.as(secret).get("/api/me").then().statusCode(200).extract().path("tokenId");
        Api.given().delete("/api/tokens/" + id).then().statusCode(200);
        RawHttp answer = headersOnly("POST /api/datasets?name=gate-revoked", "Bearer " + secret, NINETEEN_MB, "");
        assertUnauthorized(answer);
        assertThat(answer.body()).contains("revoked");
    }

    @Test
    void aValidTokenStillSendsItsBodyAndIsAnswered() throws IOException {
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            byte[] body = "{}".getBytes(StandardCharsets.US_ASCII);
            out.write(("POST /api/experiments/validate HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + Api.ADMIN_TOKEN + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // the gate lets it through: nothing comes back until the body has arrived
            try {
                Thread.sleep(500); // the test itself: no answer may come within half a second without the body
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            assertThat(s.getInputStream().available()).isZero();
            out.write(body);
            out.flush();
            s.setSoTimeout(20_000);
            RawHttp answer = RawHttp.read(s.getInputStream());
            assertThat(answer.status()).as(answer.body()).isEqualTo(400); // name, dataset, target missing
            assertThat(answer.body()).contains("\"field\":\"name\"");
        }
    }

    @Test
    void aBadTokenWithASmallBodyKeepsTheConnectionUsable() throws IOException {
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/experiments/validate HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer lsa_nope"
                    + "-nope-nope-nope-nope\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertUnauthorized(RawHttp.read(s.getInputStream()));
            out.write(("GET /api/me HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + Api.ADMIN_TOKEN
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            RawHttp me = RawHttp.read(s.getInputStream());
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.body()).contains("\"team\":\"default\"");
        }
    }
}
