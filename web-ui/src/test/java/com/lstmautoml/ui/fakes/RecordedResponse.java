package com.lstmautoml.ui.fakes;

import com.vaadin.flow.server.VaadinResponse;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What a download handler sent: status, headers, content type and body. {@link #response()} is a VaadinResponse
 * (a proxy: only what handlers call is recorded, the rest answers null).
 */
public final class RecordedResponse {

    public int status = 200;
    public String contentType;
    public long contentLength = -1;
    public final Map<String, String> headers = new HashMap<>();
    public final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final PrintWriter writer = new PrintWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8), true);

    public VaadinResponse response() {
        return (VaadinResponse) Proxy.newProxyInstance(VaadinResponse.class.getClassLoader(),
                new Class<?>[] {VaadinResponse.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setStatus" -> status = (Integer) args[0];
                        case "setContentType" -> contentType = (String) args[0];
                        case "setContentLength" -> contentLength = (Integer) args[0];
                        case "setContentLengthLong" -> contentLength = (Long) args[0];
                        case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                        case "getOutputStream" -> {
                            return body;
                        }
                        case "getWriter" -> {
                            return writer;
                        }
                        case "toString" -> {
                            return "RecordedResponse";
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        default -> {
                            // not recorded
                        }
                    }
                    Class<?> r = method.getReturnType();
                    if (r == boolean.class) {
                        return Boolean.FALSE;
                    }
                    if (r == int.class) {
                        return 0;
                    }
                    return r == long.class ? (Object) 0L : null;
                });
    }

    public String text() {
        writer.flush();
        return body.toString(StandardCharsets.UTF_8);
    }
}
