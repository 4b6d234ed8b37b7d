package com.lstmautoml.backend.rest;

import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.Datasets;
import com.lstmautoml.core.data.CsvParser;
import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
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
import java.util.Locale;

@Path("/api/datasets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocs.DATASETS)
public class DatasetResource {

    /** The first rows of a monthly series: the request example of an upload and a preview. */
    static final String CSV_EXAMPLE = "Month,Passengers\n1949-01,112\n1949-02,118\n1949-03,132\n1949-04,129\n";
    /** The start of a text: the request example of a text upload. */
    static final String TEXT_EXAMPLE = "It was the best of times, it was the worst of times, it was the age of wisdom,"
            + " it was the age of foolishness, it was the epoch of belief, ...\n";

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
    @Operation(operationId = "uploadDataset", summary = "Upload a dataset (role member): a CSV (text/csv) of a time"
            + " column and numeric columns, or a text (text/plain) to generate text like, both UTF-8",
            description = "The body is the file, with name (and for a CSV, timeColumn) as query parameters. A text/csv"
                    + " body is a CSV: a time column (the first, or timeColumn) and numeric columns. A text/plain body"
                    + " is a text for character-level generation (task generate): at least 100 characters, at most"
                    + " 2 MiB; its view has kind text and the text's figures. The same path also takes a"
                    + " multipart/form-data upload with the fields file, name, timeColumn and kind (table or text;"
                    + " default: text for a file named *.txt, else table), what a browser form sends; it is left out"
                    + " of this description: with both bodies on one operation, the Java client openapi-generator"
                    + " makes does not compile.")
    @RequestBody(required = true, content = {
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "monthly", summary = "A monthly series", value = CSV_EXAMPLE)),
            @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "text", summary = "A text to learn", value = TEXT_EXAMPLE))})
    @APIResponse(responseCode = "201", description = "Created; Location is the dataset's path",
            content = @Content(schema = @Schema(implementation = ApiDtos.DatasetView.class)))
    @APIResponse(responseCode = "403", description = "The token's role is below member")
    public Response uploadCsv(@QueryParam("name") @Parameter(description = "the dataset's name") String name,
                              @QueryParam("timeColumn") @Parameter(description = "a CSV's time column (default: the"
                                      + " first)") String timeColumn,
                              @HeaderParam(HttpHeaders.CONTENT_TYPE) @Parameter(hidden = true) String contentType,
                              byte[] body) {
        Caller c = caller.get();
        if (isText(contentType)) {
            noTimeColumn(timeColumn);
            return created(datasets.createText(c, name, body));
        }
        return created(datasets.create(c, name, CsvParser.decodeUtf8(body, "body"), timeColumn));
    }

    @POST
    @Path("/preview")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Operation(operationId = "previewDataset", summary = "Read a body like an upload would, without storing it: a"
            + " CSV's columns and first rows (text/csv), or a text's characters, vocabulary and slices (text/plain)")
    @RequestBody(required = true, content = {
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "monthly", summary = "A monthly series", value = CSV_EXAMPLE)),
            @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "text", summary = "A text to learn", value = TEXT_EXAMPLE))})
    @APIResponse(responseCode = "200", description = "A CSV's columns and first rows (DatasetPreview), or a text's"
            + " figures (TextSummary)", content = @Content(schema = @Schema(oneOf = {ApiDtos.DatasetPreview.class,
            ApiDtos.TextSummary.class})))
    @APIResponse(responseCode = "403", description = "The token's role is below member")
    public Response preview(@QueryParam("timeColumn") String timeColumn,
                            @QueryParam("rows") @Parameter(schema = @Schema(type = SchemaType.INTEGER,
                                    defaultValue = "10")) String rows,
                            @HeaderParam(HttpHeaders.CONTENT_TYPE) @Parameter(hidden = true) String contentType,
                            byte[] body) {
        Caller c = caller.get();
        if (isText(contentType)) {
            noTimeColumn(timeColumn);
            return Response.ok(datasets.previewText(c, body)).build();
        }
        return Response.ok(datasets.preview(c, CsvParser.decodeUtf8(body, "body"),
                timeColumn == null || timeColumn.isBlank() ? null : timeColumn, QueryInts.parse(rows, "rows", 10)))
                .build();
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    // the same path and method as uploadCsv, so one operation in the API description: uploadCsv's, which mentions
    // this form
    @Operation(hidden = true)
    public Response uploadMultipart(@RestForm("file") FileUpload file, @RestForm("name") String name,
                                    @RestForm("timeColumn") String timeColumn, @RestForm("kind") String kind)
            throws IOException {
        if (file == null) {
            throw new ValidationException("file", "attach the CSV or text as the form field 'file'");
        }
        if (kind != null && !kind.isBlank() && !ApiDtos.TABLE.equals(kind) && !ApiDtos.TEXT.equals(kind)) {
            throw new ValidationException("kind", "must be " + ApiDtos.TABLE + " (a CSV) or " + ApiDtos.TEXT
                    + " (a text to generate text like), got '" + FieldError.excerpt(kind) + "'");
        }
        boolean text = kind == null || kind.isBlank()
                ? file.fileName() != null && file.fileName().toLowerCase(Locale.ROOT).endsWith(".txt")
                : ApiDtos.TEXT.equals(kind);
        Caller c = caller.get();
        byte[] bytes = Files.readAllBytes(file.uploadedFile());
        if (text) {
            noTimeColumn(timeColumn);
            return created(datasets.createText(c, name, bytes));
        }
        String csv = CsvParser.decodeUtf8(bytes, "file");
        return created(datasets.create(c, name, csv, timeColumn == null || timeColumn.isBlank() ? null : timeColumn));
    }

    /** A text has no time column: a request naming one is a 400 rather than a silent surprise. */
    private static void noTimeColumn(String timeColumn) {
        if (timeColumn != null && !timeColumn.isBlank()) {
            throw new ValidationException("timeColumn", "a text (text/plain, or kind text) has no time column: leave"
                    + " timeColumn out, or send a CSV as text/csv");
        }
    }

    /** Whether a body's media type is text/plain: a text, not a CSV. */
    private static boolean isText(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).strip().startsWith(MediaType.TEXT_PLAIN);
    }

    private static Response created(ApiDtos.DatasetView d) {
        return Response.created(URI.create("/api/datasets/" + d.name())).entity(d).build();
    }
}
