package com.lstmautoml.backend.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.Trials;
import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

@Path("/api/trials")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocs.TRIALS)
public class TrialResource {

    static final String SAMPLE_EXAMPLE = "{\"seed\": \"The \", \"length\": 300, \"temperature\": 0.5}";
    /** The fields of a sample request. */
    static final Set<String> SAMPLE_FIELDS = Set.of("seed", "length", "temperature", "randomSeed");

    private final Trials trials;
    private final ApiCaller caller;

    public TrialResource(Trials trials, ApiCaller caller) {
        this.trials = trials;
        this.caller = caller;
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getTrial", summary = "A trial with its DL4J configuration, loss curve, preprocessing"
            + " and validation predictions (a generation trial: its vocabulary and samples)")
    public ApiDtos.TrialDetail get(@RestPath long id) {
        return trials.get(caller.get(), id);
    }

    @POST
    @Path("/{id}/sample")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sampleTrial", summary = "Text a generation trial's model writes after a seed (viewers"
            + " may sample; nothing is stored)", description = "seed: the text to continue (1 to 1000 characters);"
            + " length: characters to write (1 to 2000, default 300); temperature: above 0, at most 5 (default 1.0;"
            + " below 1 more conservative, above 1 more surprising); randomSeed: for a reproducible sample (default:"
            + " a random one, returned). The network's state is carried from character to character.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiDtos.SampleRequest.class),
            examples = @ExampleObject(name = "conservative", summary = "300 characters at temperature 0.5",
                    value = SAMPLE_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The sample")
    @APIResponse(responseCode = "409", description = "The trial is a forecast's, or has no stored model")
    public ApiDtos.TextSample sample(@RestPath long id, byte[] body) throws IOException {
        var c = caller.get();
        return trials.sample(c, id, sampleRequest(QueryInts.jsonBody(body)));
    }

    /** The request's fields, each checked for its type (the service checks the ranges). */
    static ApiDtos.SampleRequest sampleRequest(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ValidationException("body", "send a JSON object such as " + SAMPLE_EXAMPLE);
        }
        List<FieldError> errors = new ArrayList<>(FieldError.unknownFields(body.fieldNames(), SAMPLE_FIELDS));
        JsonNode seed = body.get("seed");
        if (seed != null && !seed.isNull() && !seed.isTextual()) {
            errors.add(new FieldError("seed", "must be a string, the text to continue"));
        }
        JsonNode length = body.get("length");
        if (length != null && !length.isNull() && !(length.isIntegralNumber() && length.canConvertToInt())) {
            errors.add(new FieldError("length", "must be a whole number of characters, e.g. 300"));
        }
        JsonNode temperature = body.get("temperature");
        if (temperature != null && !temperature.isNull() && !temperature.isNumber()) {
            errors.add(new FieldError("temperature", "must be a number, e.g. 0.5"));
        }
        JsonNode randomSeed = body.get("randomSeed");
        if (randomSeed != null && !randomSeed.isNull() && !(randomSeed.isIntegralNumber()
                && randomSeed.canConvertToLong())) {
            errors.add(new FieldError("randomSeed", "must be a whole number, e.g. 42"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new ApiDtos.SampleRequest(present(seed) ? seed.textValue() : null,
                present(length) ? length.intValue() : null, present(temperature) ? temperature.doubleValue() : null,
                present(randomSeed) ? randomSeed.longValue() : null);
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull();
    }
}
