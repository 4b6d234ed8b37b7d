package com.lstmautoml.backend.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.Models;
import com.lstmautoml.core.api.NotFoundException;
import com.lstmautoml.core.validation.ValidationException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.io.IOException;
import java.util.List;

/** The team's model registry: registered models, their versions and the alias champion. */
@Path("/api/models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocs.MODELS)
public class ModelResource {

    private static final String FORECAST_EXAMPLE = "{\"horizon\": 12, \"levels\": [80, 95]}";
    private static final String NO_STORED_MODEL = "The version's trial has no stored model";

    /** The media type of an exported version. */
    static final String EXPORT_TYPE = "application/zip";

    private final Models models;
    private final ApiCaller caller;

    public ModelResource(Models models, ApiCaller caller) {
        this.models = models;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "listModels", summary =
            "The team's registered models: versions, champion version, newest version's test RMSE")
    public List<ApiDtos.ModelSummary> list() {
        return models.list(caller.get());
    }

    @GET
    @Path("/{name}")
    @Operation(operationId = "getModel", summary =
            "A registered model with its aliases ({\"champion\": v}) and versions, newest first")
    public ApiDtos.ModelView get(@RestPath String name) {
        return models.get(caller.get(), name);
    }

    @GET
    @Path("/{name}/versions/{version}")
    @Operation(operationId = "getModelVersion", summary =
            "One version: who promoted which trial when, its parameters, validation and test metrics"
            + " and the baselines' on the same test rows")
    public ApiDtos.ModelVersionView version(@RestPath String name, @RestPath @Parameter(schema = @Schema(type =
            SchemaType.INTEGER, minimum = "1")) String version) {
        var c = caller.get();
        return models.version(c, name, versionNumber(name, version));
    }

    private static int versionNumber(String name, String version) {
        try {
            return Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw new NotFoundException("model '" + name + "' has no version '" + version.replaceAll("[^A-Za-z0-9._-]",
                    "?") + "'; versions are numbered 1, 2, ...");
        }
    }

    /** Most rows a tail answers. */
    static final int MAX_TAIL_ROWS = 10_000;

    @GET
    @Path("/{name}/tail")
    @Operation(operationId = "getModelTail", summary =
            "The last rows (1..10000, default 60) of the series a version (default: the champion)"
            + " forecasts after: time labels and target values, for charts")
    public ApiDtos.SeriesTail tail(@RestPath String name,
                                   @QueryParam("rows") @Parameter(schema = @Schema(type = SchemaType.INTEGER,
                                           defaultValue = "60", minimum = "1", maximum = "10000")) String rows,
                                   @QueryParam("version") @Parameter(schema = @Schema(type = SchemaType.INTEGER,
                                           minimum = "1")) String version) {
        var c = caller.get();
        int n = QueryInts.parse(rows, "rows", 60);
        if (n < 1 || n > MAX_TAIL_ROWS) {
            throw new ValidationException("rows", "must be from 1 (minimum) to " + MAX_TAIL_ROWS + " (maximum), got "
                    + n);
        }
        Integer v = version == null || version.isBlank() ? null : versionNumber(name, version.strip());
        return models.tail(c, name, v, n);
    }

    @POST
    @Path("/{name}/forecast")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "forecastModel", summary = "Forecast h steps ahead with the champion version: recursive"
            + " means and split-conformal intervals per step (viewers may forecast)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiDtos.ForecastRequest.class),
            examples = @ExampleObject(name = "year", summary = "12 steps with 80 % and 95 % bands",
                    value = FORECAST_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The forecast")
    @APIResponse(responseCode = "409", description = NO_STORED_MODEL)
    public ApiDtos.ForecastAnswer forecast(@RestPath String name, byte[] body) throws IOException {
        var c = caller.get();
        return models.forecast(c, name, null, QueryInts.jsonBody(body));
    }

    @POST
    @Path("/{name}/versions/{version}/forecast")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "forecastModelVersion", summary = "Forecast h steps ahead with one version (body as for"
            + " the champion's forecast)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiDtos.ForecastRequest.class),
            examples = @ExampleObject(name = "year", summary = "12 steps with 80 % and 95 % bands",
                    value = FORECAST_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The forecast")
    @APIResponse(responseCode = "409", description = NO_STORED_MODEL)
    public ApiDtos.ForecastAnswer forecastVersion(@RestPath String name, @RestPath @Parameter(schema = @Schema(type =
            SchemaType.INTEGER, minimum = "1")) String version, byte[] body)
            throws IOException {
        var c = caller.get();
        int v = versionNumber(name, version);
        return models.forecast(c, name, v, QueryInts.jsonBody(body));
    }

    @GET
    @Path("/{name}/versions/{version}/export")
    @Produces(EXPORT_TYPE)
    @Operation(operationId = "exportModelVersion", summary =
            "Download a version to forecast offline (viewers may export): a zip of the served DL4J model,"
            + " its preprocessing, the conformal calibration, a half-precision copy and a model card; run it with"
            + " java -jar worker.jar forecast --model <zip> --history <csv> --horizon <h>")
    @APIResponse(responseCode = "200", description = "The version's zip (Content-Disposition names the file)",
            content = @Content(mediaType = EXPORT_TYPE, schema = @Schema(type = SchemaType.STRING,
                    format = "binary")))
    @APIResponse(responseCode = "409", description = NO_STORED_MODEL)
    public Response export(@RestPath String name, @RestPath @Parameter(schema = @Schema(type = SchemaType.INTEGER,
            minimum = "1")) String version) {
        var c = caller.get();
        ApiDtos.ModelExport export = models.export(c, name, versionNumber(name, version));
        // the name is a model name (letters, digits, '.', '_', '-') and a number: nothing to escape in the header
        return Response.ok(export.zip(), EXPORT_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + export.fileName() + "\"").build();
    }

    @PUT
    @Path("/{name}/aliases/champion")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setModelChampion", summary = "Point champion at a version (admin; body {\"version\":"
            + " v}): rollback")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiDtos.AliasRequest.class),
            examples = @ExampleObject(name = "rollback", summary = "Back to version 1", value = "{\"version\": 1}")))
    @APIResponse(responseCode = "200", description = "The model with its aliases")
    @APIResponse(responseCode = "403", description = "The token's role is below admin")
    public ApiDtos.ModelView champion(@RestPath String name, byte[] body) throws IOException {
        var c = caller.get();
        JsonNode request = QueryInts.jsonBody(body);
        return models.setChampion(c, name, QueryInts.requiredPositiveInt(request, "version", "{\"version\": 1}"));
    }
}
