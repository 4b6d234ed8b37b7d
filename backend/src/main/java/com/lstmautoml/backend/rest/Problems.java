package com.lstmautoml.backend.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.lstmautoml.core.api.ConflictException;
import com.lstmautoml.core.api.ForbiddenException;
import com.lstmautoml.core.api.UnauthorizedException;
import com.lstmautoml.core.api.NotFoundException;
import com.lstmautoml.core.queue.Jdbc;
import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/**
 * RFC 7807 problem JSON for the errors the API expects. Anything else is the framework's 500 (and a log line),
 * deliberately not caught here: a catch-all would hide bugs behind a friendly message.
 */
public class Problems {

    public static final String TYPE = "application/problem+json";

    public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
    }

    @ServerExceptionMapper
    public Response invalid(ValidationException e) {
        return problem(400, "Invalid request", e.getMessage(), e.errors());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return problem(404, "Not found", e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return Response.fromResponse(problem(401, "Unauthorized", e.getMessage(), List.of()))
                .header("WWW-Authenticate", "Bearer realm=\"lstm-automl\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(403, "Forbidden", e.getMessage(), List.of());
    }

    /** The database is down or restarting (connections refused or broken): 503 with a retry hint, not a 500. */
    @ServerExceptionMapper
    public Response database(jakarta.persistence.PersistenceException e) {
        return databaseProblem(e);
    }

    @ServerExceptionMapper
    public Response database(java.sql.SQLException e) {
        return databaseProblem(e);
    }

    /** A transaction whose commit failed because the connection died (the database restarted meanwhile). */
    @ServerExceptionMapper
    public Response database(io.quarkus.arc.ArcUndeclaredThrowableException e) {
        return databaseProblem(e);
    }

    private Response databaseProblem(Exception e) {
        if (!Jdbc.isTransient(e)) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        return Response.fromResponse(problem(503, "Service Unavailable", "the database is unavailable for the moment"
                + " (restarting?); try again in a few seconds", List.of())).header("Retry-After", "5").build();
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e) {
        return problem(409, "Conflict", e.getMessage(), List.of());
    }

    /**
     * The framework's own 4xx (unreadable JSON body, unsupported media type, unknown path...) as problem JSON too.
     */
    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return e.getResponse();
        }
        return problem(status, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return problem(400, "Malformed JSON", "the body is not valid JSON" + where + ": " + e.getOriginalMessage()
                + "; send a JSON object", List.of(new FieldError("body", "not valid JSON" + where)));
    }

    static Response problem(int status, String title, String detail, List<FieldError> errors) {
        return Response.status(status).type(TYPE)
                .entity(new Problem("about:blank", title, status, detail, errors)).build();
    }

}
