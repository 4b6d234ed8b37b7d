package com.lstmautoml.backend.http;

import com.lstmautoml.backend.rest.BearerRequired;
import com.lstmautoml.backend.rest.RequestLimits;
import com.lstmautoml.core.api.Accounts;
import com.lstmautoml.core.api.UnauthorizedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * Authentication before the body: an {@code /api} request that carries a body (a {@code Content-Length} above 0, or
 * a chunked one) is checked for a valid bearer token as soon as its headers have arrived, before any byte of its body
 * is read: no token, or an unknown or revoked one, is answered at once with the 401 problem JSON (and
 * {@code WWW-Authenticate: Bearer}); the client, which may be waiting for {@code 100 Continue} or still sending, gets
 * it without the service buffering the body. The token lookup (a hash lookup in PostgreSQL) runs on a worker thread
 * while the request stays paused. It runs after {@link RequestLimits}' {@code Content-Length} check (observer
 * priority), so a body over its limit is still a 413.
 *
 * <p>This is the early gate, not the only one: every resource still resolves its caller through {@code ApiCaller}
 * (which answers the same 401s for requests without a body), and {@link BearerRequired} refuses a missing header in
 * Quarkus REST. When the database cannot answer here, the request goes on and the resource answers (503).
 */
@ApplicationScoped
public class ApiTokenGate {

    private final Accounts accounts;

    public ApiTokenGate(Accounts accounts) {
        this.accounts = accounts;
    }

    /** After RequestLimits and NulCharacters (default observer priority 2500), at the same first route order. */
    void install(@Observes @Priority(3000) Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    static boolean isApi(String path) {
        return path != null && (path.equals("/api") || path.startsWith("/api/"));
    }

    /** Whether a body follows the headers. */
    static boolean hasBody(HttpServerRequest request) {
        if (request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            return true;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return false;
        }
        try {
            return Long.parseLong(length.strip()) > 0;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!isApi(ctx.normalizedPath()) || !hasBody(request)) {
            ctx.next();
            return;
        }
        String token;
        try {
            token = BearerRequired.bearerToken(request.getHeader(HttpHeaders.AUTHORIZATION));
        } catch (UnauthorizedException e) {
            refuse(ctx, e);
            return;
        }
        ctx.vertx().<Boolean>executeBlocking(() -> {
            accounts.tokenCaller(token);
            return Boolean.TRUE;
        }, false).onComplete(result -> {
            if (result.failed() && result.cause() instanceof UnauthorizedException e) {
                refuse(ctx, e);
            } else {
                ctx.next(); // valid, or the database could not tell: the resource decides
            }
        });
    }

    private static void refuse(RoutingContext ctx, UnauthorizedException e) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().putHeader("WWW-Authenticate", BearerRequired.CHALLENGE);
        HttpServerRequest request = ctx.request();
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            // chunked, size unknown: answer now, then discard what the client still sends (so that it can read the
            // answer instead of hitting a closed connection mid-body), closing the connection past the drain limit
            RequestLimits.refuse(ctx, 401, "Unauthorized", e.getMessage(), List.of(), 0);
            long[] discarded = {0};
            request.handler(chunk -> {
                discarded[0] += chunk.length();
                if (discarded[0] > RequestLimits.DRAIN_AT_MOST) {
                    request.connection().close();
                }
            });
            return;
        }
        long length;
        try {
            length = Long.parseLong(declared.strip());
        } catch (NumberFormatException notANumber) {
            length = Long.MAX_VALUE;
        }
        RequestLimits.refuse(ctx, 401, "Unauthorized", e.getMessage(), List.of(), length);
    }
}
