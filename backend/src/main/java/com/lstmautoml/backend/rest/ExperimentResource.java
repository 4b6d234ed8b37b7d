package com.lstmautoml.backend.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.lstmautoml.backend.domain.Experiment;
import com.lstmautoml.backend.rest.dto.ApiDtos;
import com.lstmautoml.backend.service.ExperimentService;
import com.lstmautoml.backend.service.TrialService;
import com.lstmautoml.core.validation.ValidationException;
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

    static final int MAX_PAGE_SIZE = 500;

    private final ExperimentService experiments;
    private final TrialService trials;

    public ExperimentResource(ExperimentService experiments, TrialService trials) {
        this.experiments = experiments;
        this.trials = trials;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an experiment; its first trials are queued at once")
    public Response create(JsonNode body) {
        Experiment e = experiments.create(body, null);
        return Response.created(URI.create("/api/experiments/" + e.id)).entity(Views.experiment(e, experiments))
                .build();
    }

    @GET
    @Operation(summary = "The shared experiment history, newest first")
    public ApiDtos.Page<ApiDtos.ExperimentView> history(@QueryParam("page") @DefaultValue("0") int page,
                                                        @QueryParam("size") @DefaultValue("50") int size) {
        checkPage(page, size);
        return new ApiDtos.Page<>(experiments.history(page, size).stream()
                .map(e -> Views.experiment(e, experiments)).toList(), page, size, experiments.count());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "State, trial counts per state, best and promoted trial")
    public ApiDtos.ExperimentView get(@RestPath long id) {
        return Views.experiment(experiments.get(id), experiments);
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel: queued trials now, running ones at their next heartbeat")
    public ApiDtos.ExperimentView cancel(@RestPath long id) {
        return Views.experiment(experiments.cancel(id), experiments);
    }

    @POST
    @Path("/{id}/promote")
    @Operation(summary = "Promote a completed trial's model (default: the best)")
    public ApiDtos.ExperimentView promote(@RestPath long id, ApiDtos.PromoteRequest request) {
        return Views.experiment(experiments.promote(id, request == null ? null : request.trialId()), experiments);
    }

    @GET
    @Path("/{id}/trials")
    @Operation(summary = "Trials ranked (sort=valRmse by default; '-' prefix for descending)")
    public ApiDtos.Page<ApiDtos.TrialView> trials(@RestPath long id, @QueryParam("sort") String sort,
                                                  @QueryParam("page") @DefaultValue("0") int page,
                                                  @QueryParam("size") @DefaultValue("100") int size) {
        experiments.get(id);
        checkPage(page, size);
        return new ApiDtos.Page<>(trials.ranked(id, sort, page, size).stream().map(Views::trial).toList(), page, size,
                trials.count(id));
    }

    static void checkPage(int page, int size) {
        if (page < 0) {
            throw new ValidationException("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new ValidationException("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
    }
}
