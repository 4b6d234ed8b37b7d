package com.lstmautoml.backend.http;

import com.lstmautoml.backend.rest.RequestLimits;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * A path under {@code /api} or {@code /q} that nothing answered is a 404, never the dashboard. The dashboard's servlet
 * (Vaadin through Undertow) is mapped to {@code /*} and installed as Quarkus' default route
 * ({@link RouteConstants#ROUTE_ORDER_DEFAULT}); Quarkus REST runs before it (it is ordered before the default route
 * when a servlet is present) and passes a request no resource matches on to the next route, and so do the endpoints
 * under {@code /q} (health, metrics, OpenAPI, Swagger UI). This route sits between them and the servlet: it answers
 * what reaches it under {@code /api} or {@code /q} with the 404 problem JSON ({@code application/problem+json}) and
 * lets every other path go on to the dashboard.
 *
 * <p>Authentication comes first: {@code BearerRequired} (a pre-matching filter of Quarkus REST) answers a request
 * under {@code /api} without a bearer token with a 401 before any matching, so an unknown path without a token is a
 * 401 and with one a 404. No token is looked up here: telling an unknown path apart from a known one reveals nothing
 * that {@code /q/openapi} does not publish.
 */
@ApplicationScoped
public class UnknownPaths {

    /** Just before the default route, the servlet's. */
    static final int ORDER = RouteConstants.ROUTE_ORDER_DEFAULT - 1;

    static final String QUARKUS_ROOT = "/q";

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::answer);
    }

    /** Whether the dashboard must never answer {@code path}: the API's and Quarkus' own paths. */
    static boolean reserved(String path) {
        return ApiTokenGate.isApi(path)
                || path != null && (path.equals(QUARKUS_ROOT) || path.startsWith(QUARKUS_ROOT + "/"));
    }

    void answer(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (!reserved(path)) {
            ctx.next();
            return;
        }
        RequestLimits.refuse(ctx, 404, "Not Found", "there is no " + ctx.request().method().name() + " "
                + (ApiTokenGate.isApi(path) ? "endpoint" : "service endpoint") + " at this path; the API is described"
                + " at /q/openapi", List.of(), 0);
    }
}
