package com.lstmautoml.backend.rest;

import com.lstmautoml.backend.config.AutomlConfig;
import com.lstmautoml.backend.config.Json;
import com.lstmautoml.core.validation.FieldError;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Optional;

/**
 * Request size limits, checked on the declared Content-Length before any of the body is read:
 * <ul>
 *   <li>CSV uploads (POST/PUT under /api/datasets): {@value #CSV_KEY}</li>
 *   <li>every other body under /api (JSON): {@value #JSON_KEY}</li>
 *   <li>any body anywhere: {@value #BODY_KEY}</li>
 * </ul>
 * A body over its limit gets 413 with problem JSON whose detail names the limit and the key that sets it; a
 * Content-Length that is not a number gets 400. A body sent without Content-Length (chunked) is counted while it is
 * read: the smaller of the two limits applies, and Quarkus answers 413 without a body when it is exceeded.
 */
@ApplicationScoped
public class RequestLimits {

    public static final String CSV_KEY = "automl.limits.max-csv-bytes";
    public static final String JSON_KEY = "automl.limits.max-json-bytes";
    public static final String BODY_KEY = "quarkus.http.limits.max-body-size";

    /** Past this many bytes a refused body is not read to its end (to keep the connection): the connection closes. */
    public static final long DRAIN_AT_MOST = 64L << 20;

    private final AutomlConfig config;
    private final Optional<MemorySize> maxBody;

    public RequestLimits(AutomlConfig config,
                         @ConfigProperty(name = BODY_KEY) Optional<MemorySize> maxBody) {
        this.config = config;
        this.maxBody = maxBody;
    }

    /** The limit of one request: bytes, the key that sets it and what it covers. */
    record Limit(long bytes, String key, String what) {
    }

    void install(@Observes Router router) {
        // before Quarkus's own Content-Length check (ROUTE_ORDER_UPLOAD_LIMIT) and any body handler
        router.route().order(Integer.MIN_VALUE).handler(this::checkDeclaredLength);
        // after it: a chunked body is counted against the per-kind limit, not just the global one
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(this::capStreamedLength);
    }

    /** The limit that applies to a request: the smaller of the per-kind limit and the global one; null if none. */
    Limit limitFor(String method, String path) {
        Limit global = maxBody.map(m -> new Limit(m.asLongValue(), BODY_KEY, "a request body")).orElse(null);
        if (!hasBody(method) || path == null || !(path.equals("/api") || path.startsWith("/api/"))) {
            return global;
        }
        Limit own = path.equals("/api/datasets") || path.startsWith("/api/datasets/")
                ? new Limit(config.limits().maxCsvBytes().asLongValue(), CSV_KEY, "a dataset upload")
                : new Limit(config.limits().maxJsonBytes().asLongValue(), JSON_KEY, "a JSON request body");
        return global == null || own.bytes() <= global.bytes() ? own : global;
    }

    private static boolean hasBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    void checkDeclaredLength(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            ctx.next();
            return;
        }
        long length;
        try {
            length = Long.parseLong(declared.strip());
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length < 0) {
            refuse(ctx, 400, "Bad Request", "the Content-Length header '" + FieldError.excerpt(declared)
                    + "' is not a number of bytes; send the body's length in bytes or no Content-Length at all",
                    new FieldError("Content-Length", "must be a whole number of bytes"), Long.MAX_VALUE);
            return;
        }
        Limit limit = limitFor(request.method().name(), request.path());
        if (limit != null && length > limit.bytes()) {
            refuse(ctx, 413, "Payload Too Large", tooLarge(limit, length),
                    new FieldError("body", "is " + length + " bytes, more than the " + limit.bytes()
                            + " bytes allowed (" + limit.key() + ")"), length);
            return;
        }
        ctx.next();
    }

    void capStreamedLength(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.getHeader(HttpHeaders.CONTENT_LENGTH) == null) {
            Limit limit = limitFor(request.method().name(), request.path());
            Object current = ctx.get(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY);
            if (limit != null && (!(current instanceof Long l) || limit.bytes() < l)) {
                ctx.put(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY, limit.bytes());
            }
        }
        ctx.next();
    }

    static String tooLarge(Limit limit, long length) {
        return "the request body is " + length + " bytes; " + limit.what() + " may be at most " + limit.bytes()
                + " bytes (" + human(limit.bytes()) + ", set by " + limit.key() + ")"
                + (limit.key().equals(CSV_KEY) ? "; upload a shorter file (fewer rows or columns)" : "")
                + (limit.key().equals(JSON_KEY) ? "; send a smaller body (shorter lists and strings)" : "");
    }

    private static String human(long bytes) {
        if (bytes >= (1L << 20) && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " bytes";
    }

    /**
     * Answers with problem JSON without reading the body. The body still on its way is read and dropped so the client
     * (which may write all of it before reading the answer) sees the answer; a huge one closes the connection instead.
     */
    static void refuse(RoutingContext ctx, int status, String title, String detail, FieldError error,
                               long length) {
        refuse(ctx, status, title, detail, List.of(error), length);
    }

    /**
     * As above with any list of field errors (also used by the early token check in
     * {@code com.lstmautoml.backend.http.ApiTokenGate}); {@code length} is the declared Content-Length,
     * {@link Long#MAX_VALUE} when unknown (chunked: the connection closes after the answer).
     */
    public static void refuse(RoutingContext ctx, int status, String title, String detail, List<FieldError> errors,
                              long length) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        String body = Json.write(new Problems.Problem("about:blank", title, status, detail, errors));
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problems.TYPE);
        if (length > DRAIN_AT_MOST) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
            response.end(body).onComplete(v -> request.connection().close());
            return;
        }
        if (request.method() != HttpMethod.GET && !request.isEnded()) {
            request.handler(chunk -> { });
            request.endHandler(v -> { });
            request.resume();
        }
        response.end(body);
    }
}
