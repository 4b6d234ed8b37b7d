package com.lstmautoml.backend.rest;

import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.Datasets;
import com.lstmautoml.core.data.CsvParser;
import com.lstmautoml.core.validation.ValidationException;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;

@Path("/api/datasets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocs.DATASETS)
public class DatasetResource {

    /** The first rows of a monthly series: the request example of an upload and a preview. */
    static final String CSV_EXAMPLE = "Month,Passengers\n1949-01,112\n1949-02,118\n1949-03,132\n1949-04,129\n";

    private final Datasets datasets;
    private final ApiCaller caller;

    public DatasetResource(Datasets datasets, ApiCaller caller) {
        this.datasets = datasets;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "listDatasets", summary = "The team's datasets, by name")
    public List<ApiDtos.DatasetView> list() {
        return datasets.list(caller.get());
    }

    @GET
    @Path("/{name}")
    @Operation(operationId = "getDataset", summary = "One dataset with its columns")
    public ApiDtos.DatasetView get(@RestPath String name) {
        return datasets.get(caller.get(), name);
    }

    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Operation(operationId = "uploadDataset", summary = "Upload a CSV (role member): a time column (the first, or"
            + " timeColumn) and numeric columns, UTF-8",
            description = "The CSV is the body, with name and timeColumn as query parameters. The same path also"
                    + " takes a multipart/form-data upload with the fields file, name and timeColumn (what a browser"
                    + " form sends); it is left out of this description: with both bodies on one operation, the Java"
                    + " client openapi-generator makes does not compile.")
    @RequestBody(required = true, content = {
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "monthly", summary = "A monthly series", value = CSV_EXAMPLE)),
            @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "201", description = "Created; Location is the dataset's path",
            content = @Content(schema = @Schema(implementation = ApiDtos.DatasetView.class)))
    @APIResponse(responseCode = "403", description = "The token's role is below member")
    public Response uploadCsv(@QueryParam("name") @Parameter(description = "the dataset's name (CSV body)")
                              String name,
                              @QueryParam("timeColumn") @Parameter(description = "the time column (default: the"
                                      + " first)") String timeColumn,
                              byte[] csv) {
        Caller c = caller.get();
        return created(datasets.create(c, name, CsvParser.decodeUtf8(csv, "body"), timeColumn));
    }

    @POST
    @Path("/preview")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Operation(operationId = "previewDataset", summary = "Parse a CSV body like an upload would, without storing it:"
            + " its columns and first rows")
    @RequestBody(required = true, content = {
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "monthly", summary = "A monthly series", value = CSV_EXAMPLE)),
            @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "200", description = "The columns and the first rows")
    @APIResponse(responseCode = "403", description = "The token's role is below member")
    public ApiDtos.DatasetPreview preview(@QueryParam("timeColumn") String timeColumn,
                                          @QueryParam("rows") @Parameter(schema = @Schema(type = SchemaType.INTEGER,
                                                  defaultValue = "10")) String rows, byte[] csv) {
        Caller c = caller.get();
        return datasets.preview(c, CsvParser.decodeUtf8(csv, "body"),
                timeColumn == null || timeColumn.isBlank() ? null : timeColumn, QueryInts.parse(rows, "rows", 10));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    // the same path and method as uploadCsv, so one operation in the API description: uploadCsv's, which mentions
    // this form
    @Operation(hidden = true)
    public Response uploadMultipart(@RestForm("file") FileUpload file, @RestForm("name") String name,
                                    @RestForm("timeColumn") String timeColumn) throws IOException {
        if (file == null) {
            throw new ValidationException("file", "attach the CSV as the form field 'file'");
        }
        Caller c = caller.get();
        String csv = CsvParser.decodeUtf8(Files.readAllBytes(file.uploadedFile()), "file");
        return created(datasets.create(c, name, csv, timeColumn == null || timeColumn.isBlank() ? null : timeColumn));
    }

    private static Response created(ApiDtos.DatasetView d) {
        return Response.created(URI.create("/api/datasets/" + d.name())).entity(d).build();
    }
}
