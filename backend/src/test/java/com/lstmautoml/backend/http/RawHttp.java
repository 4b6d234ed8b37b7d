package com.lstmautoml.backend.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;

/** One HTTP/1.1 answer read from a raw socket: status line, headers (lower-case names, all values) and body. */
record RawHttp(String statusLine, Map<String, List<String>> headers, String body) {

    int status() {
        return Integer.parseInt(statusLine.split(" ")[1]);
    }

    String header(String name) {
        List<String> all = headers.get(name.toLowerCase(Locale.ROOT));
        return all == null ? null : all.get(0);
    }

    List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** Reads one answer: headers, then a body of Content-Length bytes (or none). */
    static RawHttp read(InputStream in) throws IOException {
        String status = line(in);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String l; !(l = line(in)).isEmpty(); ) {
            int colon = l.indexOf(':');
            headers.computeIfAbsent(l.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(l.substring(colon + 1).strip());
        }
        List<String> length = headers.get("content-length");
        List<String> encoding = headers.get("transfer-encoding");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (encoding != null && encoding.get(0).toLowerCase(Locale.ROOT).contains("chunked")) {
            for (int size; (size = Integer.parseInt(line(in).split(";")[0].strip(), 16)) > 0; ) {
                body.writeBytes(in.readNBytes(size));
                line(in);
            }
            while (!line(in).isEmpty()) {
                // trailers
            }
        } else if (length != null) {
            body.writeBytes(in.readNBytes(Integer.parseInt(length.get(0))));
        }
        return new RawHttp(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream sb = new ByteArrayOutputStream();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c == -1) {
                throw new IOException("connection closed after '" + sb.toString(StandardCharsets.ISO_8859_1) + "'");
            }
            sb.write(c);
        }
        return sb.toString(StandardCharsets.ISO_8859_1).strip();
    }
}
