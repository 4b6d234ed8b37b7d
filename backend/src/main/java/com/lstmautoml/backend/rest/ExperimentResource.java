package com.lstmautoml.backend.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.backend.service.SortParam;
import com.lstmautoml.core.api.Experiments;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.io.IOException;
import java.net.URI;
import java.util.List;

@Path("/api/experiments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocs.EXPERIMENTS)
public class ExperimentResource {

    /** A small search on the bundled AirPassengers series: the request examples of create and validate. */
    static final String EXAMPLE = """
            {"name": "passengers-random", "dataset": "airline-passengers", "target": "Passengers",
             "strategy": "random", "maxTrials": 20, "parallelism": 2, "maxEpochs": 100, "patience": 10, "seed": 42,
             "pruner": {"type": "asha", "minEpochs": 5, "reductionFactor": 3}, "timeBudget": "PT30M",
             "split": {"train": 0.70, "validation": 0.15},
             "searchSpace": {"units": {"type": "int", "min": 8, "max": 64, "step": 8},
                             "layers": {"type": "int", "min": 1, "max": 2},
                             "learningRate": {"type": "float", "min": 0.001, "max": 0.01, "log": true},
                             "batchSize": {"type": "choice", "values": [16, 32]}}}""";

    private final Experiments experiments;
    private final ApiCaller caller;

    public ExperimentResource(Experiments experiments, ApiCaller caller) {
        this.experiments = experiments;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createExperiment", summary = "Create an experiment in the token's team (role member);"
            + " its first trials are queued at once")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ExperimentRequest.class),
            examples = @ExampleObject(name = "airPassengers", summary = "A small random search", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created; Location is the experiment's path",
            content = @Content(schema = @Schema(implementation = ApiDtos.ExperimentView.class)))
    @APIResponse(responseCode = "403", description = "The token's role is below member")
    public Response create(JsonNode body) {
        ApiDtos.ExperimentView e = experiments.create(caller.get(), body);
        return Response.created(URI.create("/api/experiments/" + e.id())).entity(e).build();
    }

    @POST
    @Path("/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "validateExperiment", summary = "Check an experiment request like create does, storing"
            + " nothing: 204 or the 400 of create")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ExperimentRequest.class),
            examples = @ExampleObject(name = "airPassengers", summary = "A small random search", value = EXAMPLE)))
    @APIResponse(responseCode = "204", description = "Valid: create would accept it")
    @APIResponse(responseCode = "403", description = "The token's role is below member")
    public Response validate(JsonNode body) {
        experiments.validate(caller.get(), body);
        return Response.noContent().build();
    }

    @GET
    @Operation(operationId = "listExperiments", summary =
            "The team's experiment history: filter by name (substring, any case), dataset, state, owner;"
            + " sort by comma-separated keys, '-' prefix for descending (default -createdAt)")
    public ApiDtos.Page<ApiDtos.ExperimentView> history(@QueryParam("page") @Parameter(schema = @Schema(type =
                                                                SchemaType.INTEGER, defaultValue = "0")) String page,
                                                        @QueryParam("size") @Parameter(schema = @Schema(type =
                                                                SchemaType.INTEGER, defaultValue = "50")) String size,
                                                        @QueryParam("name") String name,
                                                        @QueryParam("dataset") String dataset,
                                                        @QueryParam("state") String state,
                                                        @QueryParam("owner") String owner,
                                                        @QueryParam("sort") String sort) {
        return experiments.historyPage(caller.get(), new ApiDtos.ExperimentFilter(name, dataset, state, owner),
                SortParam.parse(sort), QueryInts.parse(page, "page", 0), QueryInts.parse(size, "size", 50));
    }

    @GET
    @Path("/owners")
    @Operation(operationId = "listExperimentOwners", summary = "Distinct experiment owners")
    public List<String> owners() {
        return experiments.owners(caller.get());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getExperiment", summary = "State, trial counts per state, best and promoted trial")
    public ApiDtos.ExperimentView get(@RestPath long id) {
        return experiments.get(caller.get(), id);
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(operationId = "cancelExperiment", summary = "Cancel: queued trials now, running ones at their next"
            + " heartbeat (own: member; any: admin)")
    @APIResponse(responseCode = "200", description = "The experiment, CANCELLED",
            content = @Content(schema = @Schema(implementation = ApiDtos.ExperimentView.class)))
    @APIResponse(responseCode = "403", description = "The token's role is below member, or below admin for another"
            + " user's experiment")
    public ApiDtos.ExperimentView cancel(@RestPath long id) {
        return experiments.cancel(caller.get(), id);
    }

    @POST
    @Path("/{id}/promote")
    @Operation(operationId = "promoteExperiment", summary =
            "Promote a completed trial's model (admin; body {\"trialId\": n, \"model\": name,"
            + " \"refit\": true}; empty body: the best, as <dataset>-<target>, refit): scores it on the test rows once"
            + " and creates the next version of the registered model, now its champion, and queues its refit on"
            + " train + validation unless refit is false; the answer is the experiment, with the new version's path"
            + " in the Location header")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiDtos.PromoteRequest.class),
            examples = {@ExampleObject(name = "best", summary = "The best trial, as <dataset>-<target>, refit",
                    value = "{}"),
                    @ExampleObject(name = "trial", summary = "One trial, into a named model, without refit",
                            value = "{\"trialId\": 12, \"model\": \"passengers\", \"refit\": false}")}))
    @APIResponse(responseCode = "200", description = "The experiment with its promoted trial",
            headers = @Header(name = "Location", description = "the new version's path,"
                    + " /api/models/{name}/versions/{version}", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ApiDtos.ExperimentView.class)))
    @APIResponse(responseCode = "403", description = "The token's role is below admin")
    @APIResponse(responseCode = "409", description = "No completed trial, or the given trial is not completed or has"
            + " no stored model")
    public Response promote(@RestPath long id, byte[] body) throws IOException {
        var c = caller.get();
        // read by hand: a databound Long would take 1.5 as 1; an empty body (with or without a JSON content type)
        // promotes the best trial; malformed JSON is the mapper's 400
        JsonNode request = QueryInts.jsonBody(body);
        ApiDtos.Promotion p = experiments.promote(c, id, QueryInts.optionalId(request, "trialId"),
                QueryInts.optionalText(request, "model"), QueryInts.optionalBoolean(request, "refit", true));
        return Response.ok(p.experiment()).location(URI.create(p.versionPath())).build();
    }

    @GET
    @Path("/{id}/trials")
    @Operation(operationId = "listTrials", summary = "Trials ranked (sort=rank by default: COMPLETED trials by"
            + " valRmse, then PRUNED ones, further trained first, then the rest; '-' prefix for descending)")
    public ApiDtos.Page<ApiDtos.TrialView> trials(@RestPath long id, @QueryParam("sort") String sort,
                                                  @QueryParam("page") @Parameter(schema = @Schema(type =
                                                          SchemaType.INTEGER, defaultValue = "0")) String page,
                                                  @QueryParam("size") @Parameter(schema = @Schema(type =
                                                          SchemaType.INTEGER, defaultValue = "100")) String size) {
        return experiments.trials(caller.get(), id, sort, QueryInts.parse(page, "page", 0),
                QueryInts.parse(size, "size", 100));
    }

    @GET
    @Path("/{id}/trial-points")
    @Operation(operationId = "listTrialPoints", summary =
            "Every trial as a chart point (id, number, state, params, valRmse), by trial number")
    public List<ApiDtos.TrialPoint> trialPoints(@RestPath long id) {
        return experiments.trialPoints(caller.get(), id);
    }
}
