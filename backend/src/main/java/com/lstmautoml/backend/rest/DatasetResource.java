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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;

@Path("/api/datasets")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {

    private final Datasets datasets;
    private final ApiCaller caller;

    public DatasetResource(Datasets datasets, ApiCaller caller) {
        this.datasets = datasets;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The team's datasets, by name")
    public List<ApiDtos.DatasetView> list() {
        return datasets.list(caller.get());
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One dataset with its columns")
    public ApiDtos.DatasetView get(@RestPath String name) {
        return datasets.get(caller.get(), name);
    }

    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Operation(summary = "Upload a CSV body: a time column (the first, or timeColumn) and numeric columns")
    public Response uploadCsv(@QueryParam("name") String name, @QueryParam("timeColumn") String timeColumn,
                              byte[] csv) {
        Caller c = caller.get();
        return created(datasets.create(c, name, CsvParser.decodeUtf8(csv, "body"), timeColumn));
    }

    @POST
    @Path("/preview")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Operation(summary = "Parse a CSV body like an upload would, without storing it: its columns and first rows")
    public ApiDtos.DatasetPreview preview(@QueryParam("timeColumn") String timeColumn,
                                          @QueryParam("rows") @Parameter(schema = @Schema(type = SchemaType.INTEGER,
                                                  defaultValue = "10")) String rows, byte[] csv) {
        Caller c = caller.get();
        return datasets.preview(c, CsvParser.decodeUtf8(csv, "body"),
                timeColumn == null || timeColumn.isBlank() ? null : timeColumn, QueryInts.parse(rows, "rows", 10));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload a CSV file as multipart form data (fields: file, name, timeColumn)")
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
