package com.lstmautoml.backend.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.Experiments;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;

import java.net.URI;

@Path("/api/experiments")
@Produces(MediaType.APPLICATION_JSON)
public class ExperimentResource {

    private final Experiments experiments;

    public ExperimentResource(Experiments experiments) {
        this.experiments = experiments;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an experiment; its first trials are queued at once")
    public Response create(JsonNode body) {
        ApiDtos.ExperimentView e = experiments.create(body, null);
        return Response.created(URI.create("/api/experiments/" + e.id())).entity(e).build();
    }

    @GET
    @Operation(summary = "The shared experiment history, newest first")
    public ApiDtos.Page<ApiDtos.ExperimentView> history(@QueryParam("page") @DefaultValue("0") int page,
                                                        @QueryParam("size") @DefaultValue("50") int size) {
        return experiments.history(page, size);
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
}
