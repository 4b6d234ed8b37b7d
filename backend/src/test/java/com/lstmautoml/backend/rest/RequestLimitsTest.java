package com.lstmautoml.backend.rest;

import com.lstmautoml.backend.testing.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Request size limits (see {@link RequestLimits}): a body over its limit is refused before it is read, with 413
 * problem JSON naming the limit and its configuration key; the connection stays usable.
 */
@QuarkusTest
class RequestLimitsTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void aJsonBodyOverItsLimitIs413NamingTheKey() {
        String body = "{\"name\":\"" + "a".repeat(1 << 20) + "\"}";
        HostileRequestsTest.api().contentType("application/json").body(body).post("/api/experiments")
                .then().statusCode(413).contentType(Problems.TYPE)
                .body("status", equalTo(413))
                .body("detail", containsString("automl.limits.max-json-bytes"))
                .body("detail", containsString("1048576 bytes"))
                .body("errors[0].field", equalTo("body"));
        // the refused body was read to its end: the next request on the connection is answered normally
        HostileRequestsTest.api().contentType("application/json").body("{}").post("/api/experiments/validate")
                .then().statusCode(400);
    }

    @Test
    void aCsvUploadOverItsLimitIs413NamingTheKey() {
        byte[] csv = new byte[(20 << 20) + 1];
        java.util.Arrays.fill(csv, (byte) '1');
        HostileRequestsTest.api().contentType("text/csv").queryParam("name", "too-big").body(csv)
                .post("/api/datasets")
                .then().statusCode(413).contentType(Problems.TYPE)
                .body("detail", containsString("automl.limits.max-csv-bytes"));
        HostileRequestsTest.api().get("/api/datasets/too-big").then().statusCode(404);
    }

    @Test
    void anyBodyOverTheGlobalLimitIs413ProblemJson() {
        byte[] body = new byte[(20 << 20) + 1];
        HostileRequestsTest.api().contentType("application/octet-stream").body(body).post("/anything")
                .then().statusCode(413).contentType(Problems.TYPE)
                .body("detail", containsString("quarkus.http.limits.max-body-size"));
    }

    @Test
    void aChunkedJsonBodyOverItsLimitIs413() throws IOException {
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/experiments/validate HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + Api.ADMIN_TOKEN + "\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = ("10000\r\n" + " ".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            try {
                for (int i = 0; i < 40; i++) { // 2.5 MiB, over the 1 MiB JSON limit
                    out.write(chunk);
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closedByTheServer) {
                // the server may close the connection once the limit is passed; its answer is still there to read
            }
            assertThat(statusLine(s.getInputStream())).startsWith("HTTP/1.1 413");
        }
    }

    @Test
    void aContentLengthThatIsNotANumberIs400() throws IOException {
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(("POST /api/experiments HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + Api.ADMIN_TOKEN + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 12abc\r\n\r\n{}")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(statusLine(s.getInputStream())).startsWith("HTTP/1.1 400");
        }
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c; (c = in.read()) != -1 && c != '\n'; ) {
            sb.append((char) c);
        }
        return sb.toString().strip();
    }
}
