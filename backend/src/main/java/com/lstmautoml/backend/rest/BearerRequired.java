package com.lstmautoml.backend.rest;

import com.lstmautoml.core.api.UnauthorizedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses API requests without a bearer token before anything else happens (before a body is read, no database
 * access): the token itself is checked by {@link ApiCaller} when a resource asks for the caller.
 */
public class BearerRequired {

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
