package com.lstmautoml.backend.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.lstmautoml.core.api.ConflictException;
import com.lstmautoml.core.api.ForbiddenException;
import com.lstmautoml.core.api.UnauthorizedException;
import com.lstmautoml.core.api.NotFoundException;
import com.lstmautoml.core.db.Jdbc;
import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * RFC 7807 problem JSON for every error of the API. The errors the API expects map to their 4xx (or a 503 while the
 * database restarts); anything else is a 500. Every 5xx is logged at ERROR with its stack trace and an error id,
 * and its problem JSON carries the same {@code errorId}, so that an operator finds the log entry of a user's report.
 */
public class Problems {

    private static final Logger LOG = Logger.getLogger(Problems.class);

    public static final String TYPE = "application/problem+json";

    /** {@code errorId} only on 5xx answers: the id in the log entry of the failure. */
    @Schema(description = "RFC 7807 problem JSON (application/problem+json): what went wrong and, for a 400, one entry"
            + " per field to fix")
    public record Problem(@Schema(required = true, description = "always about:blank") String type,
                          @Schema(required = true, description = "the status's phrase, e.g. Invalid request")
                          String title,
                          @Schema(required = true, description = "the HTTP status") int status,
                          @Schema(required = true, description = "what went wrong and what to do about it")
                          String detail,
                          @Schema(required = true, description = "one entry per field to fix (a JSON path into the"
                                  + " request such as searchSpace.units.min, or a data location); empty when no"
                                  + " field is to blame")
                          List<FieldError> errors,
                          @Schema(description = "only on 5xx answers: the id of the failure's log entry, for the"
                                  + " operator") @JsonInclude(JsonInclude.Include.NON_NULL) String errorId) {

        public Problem(String type, String title, int status, String detail, List<FieldError> errors) {
            this(type, title, status, detail, errors, null);
        }
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
            return unexpected(e);
        }
        return Response.fromResponse(serverError(503, "Service Unavailable", "the database is unavailable for the"
                + " moment (restarting?); try again in a few seconds", e)).header("Retry-After", "5").build();
    }

    /** Anything no other mapper knows: a bug or an outage. 500 problem JSON with the error id of its log entry. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        return serverError(500, "Internal Server Error", "the service failed to answer this request", e);
    }

    /** Logs a 5xx at ERROR with its stack trace under a new error id, and answers problem JSON with that id. */
    static Response serverError(int status, String title, String detail, Throwable e) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "%d %s, error id %s: %s", status, title, errorId, e);
        return Response.status(status).type(TYPE).entity(new Problem("about:blank", title, status, detail
                + "; if it persists, report the error id " + errorId + " to the operator", List.of(), errorId))
                .build();
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
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        if (status >= 500) {
            return serverError(status, title, e.getMessage(), e);
        }
        if (status == 400) {
            // a 400 always names what to fix
            return problem(400, title, e.getMessage(), List.of(new FieldError("request", e.getMessage())));
        }
        return problem(status, title, e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !(e.getCause() instanceof JsonProcessingException)) {
            return wrongShape(mapping);
        }
        String where = where(e);
        return problem(400, "Malformed JSON", "the body is not valid JSON" + where + ": " + e.getOriginalMessage()
                + "; send a JSON object", List.of(new FieldError("body", "not valid JSON" + where)));
    }

    /**
     * Valid JSON of the wrong shape: an array or a number where an object or a string belongs. Registered for this
     * type itself, since the framework's own mapper of it answers a 400 without a body.
     */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return wrongShape(e);
    }

    private static Response wrongShape(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        String message = field.isEmpty()
                ? "send a JSON object" + where(e)
                : "has the wrong type" + where(e) + "; see the API description (/q/openapi) for what it takes";
        return problem(400, "Invalid request", (field.isEmpty() ? "body" : field) + ": " + message,
                List.of(new FieldError(field.isEmpty() ? "body" : field, message)));
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    static Response problem(int status, String title, String detail, List<FieldError> errors) {
        return Response.status(status).type(TYPE)
                .entity(new Problem("about:blank", title, status, detail, errors)).build();
    }

}
