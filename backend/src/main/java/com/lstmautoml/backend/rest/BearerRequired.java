package com.lstmautoml.backend.rest;

import com.lstmautoml.core.api.UnauthorizedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses API requests without a bearer token before anything else happens in Quarkus REST (no database access):
 * the token itself is checked by {@link ApiCaller} when a resource asks for the caller. Requests with a body have
 * already passed {@code com.lstmautoml.backend.http.ApiTokenGate}, which checks the token itself (database included)
 * before the body is read.
 */
public class BearerRequired {

    /** The {@code WWW-Authenticate} challenge of every 401 (as {@link Problems#unauthorized} sends it). */
    public static final String CHALLENGE = "Bearer realm=\"lstm-automl\"";

    /**
     * The token of an {@code Authorization: Bearer <token>} header, for checks outside Quarkus REST (the early
     * token check of {@code com.lstmautoml.backend.http.ApiTokenGate}, before the body is read).
     *
     * @throws UnauthorizedException when the header is missing or not a bearer token
     */
    public static String bearerToken(String authorization) {
        return ApiCaller.bearer(authorization);
    }

    private final Problems problems = new Problems();

    @ServerRequestFilter(preMatching = true)
    public Response requireBearer(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/") && !path.equals("/api")) {
            return null;
        }
        try {
            ApiCaller.bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
            return null;
        } catch (UnauthorizedException e) {
            return problems.unauthorized(e);
        }
    }
}
