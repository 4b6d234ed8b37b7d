package com.lstmautoml.backend.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.backend.service.SortParam;
import com.lstmautoml.core.api.Experiments;
import com.lstmautoml.core.validation.ValidationException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;

import java.net.URI;
import java.util.List;

@Path("/api/experiments")
@Produces(MediaType.APPLICATION_JSON)
public class ExperimentResource {

    /** Optional request header naming the user an experiment is created for (its createdBy); default anonymous. */
    public static final String USER_HEADER = "X-Automl-User";
    static final int MAX_USER_LENGTH = 100;

    private final Experiments experiments;

    public ExperimentResource(Experiments experiments) {
        this.experiments = experiments;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an experiment; its first trials are queued at once (header X-Automl-User: owner)")
    public Response create(JsonNode body, @HeaderParam(USER_HEADER) String user) {
        ApiDtos.ExperimentView e = experiments.create(body, user(user));
        return Response.created(URI.create("/api/experiments/" + e.id())).entity(e).build();
    }

    @POST
    @Path("/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check an experiment request like create does, storing nothing: 204 or the 400 of create")
    public Response validate(JsonNode body) {
        experiments.validate(body);
        return Response.noContent().build();
    }

    @GET
    @Operation(summary = "The shared experiment history: filter by name (substring, any case), dataset, state, owner;"
            + " sort by comma-separated keys, '-' prefix for descending (default -createdAt)")
    public ApiDtos.Page<ApiDtos.ExperimentView> history(@QueryParam("page") @DefaultValue("0") int page,
                                                        @QueryParam("size") @DefaultValue("50") int size,
                                                        @QueryParam("name") String name,
                                                        @QueryParam("dataset") String dataset,
                                                        @QueryParam("state") String state,
                                                        @QueryParam("owner") String owner,
                                                        @QueryParam("sort") String sort) {
        return experiments.historyPage(new ApiDtos.ExperimentFilter(name, dataset, state, owner),
                SortParam.parse(sort), page, size);
    }

    @GET
    @Path("/owners")
    @Operation(summary = "Distinct experiment owners")
    public List<String> owners() {
        return experiments.owners();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "State, trial counts per state, best and promoted trial")
    public ApiDtos.ExperimentView get(@RestPath long id) {
        return experiments.get(id);
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel: queued trials now, running ones at their next heartbeat")
    public ApiDtos.ExperimentView cancel(@RestPath long id) {
        return experiments.cancel(id);
    }

    @POST
    @Path("/{id}/promote")
    @Operation(summary = "Promote a completed trial's model (body {\"trialId\": n}; empty body: the best)")
    public ApiDtos.ExperimentView promote(@RestPath long id, ApiDtos.PromoteRequest request) {
        return experiments.promote(id, request == null ? null : request.trialId());
    }

    @GET
    @Path("/{id}/trials")
    @Operation(summary = "Trials ranked (sort=valRmse by default; '-' prefix for descending)")
    public ApiDtos.Page<ApiDtos.TrialView> trials(@RestPath long id, @QueryParam("sort") String sort,
                                                  @QueryParam("page") @DefaultValue("0") int page,
                                                  @QueryParam("size") @DefaultValue("100") int size) {
        return experiments.trials(id, sort, page, size);
    }

    @GET
    @Path("/{id}/trial-points")
    @Operation(summary = "Every trial as a chart point (id, number, state, params, valRmse), by trial number")
    public List<ApiDtos.TrialPoint> trialPoints(@RestPath long id) {
        return experiments.trialPoints(id);
    }

    private static String user(String header) {
        if (header == null || header.isBlank()) {
            return "anonymous";
        }
        String user = header.strip();
        if (user.length() > MAX_USER_LENGTH) {
            throw new ValidationException(USER_HEADER, "must be at most " + MAX_USER_LENGTH + " characters");
        }
        return user;
    }
}
