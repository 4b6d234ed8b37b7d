package com.lstmautoml.backend.rest;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.Map;

/**
 * The error answers of the API description, all in the one {@link #PROBLEM} schema ({@link Problems.Problem}, what
 * {@link Problems} answers): every operation gets the 400 and 401 any request can get, and the 404 when its path
 * names something ({@code /api/experiments/{id}}); every 4xx an operation declares itself (a 403 for its role, a 409
 * for its conflicts) gets the problem schema as its content. Runs at build time, so the document stored with the
 * build ({@code target/openapi}) is the one {@code /q/openapi} serves.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ErrorResponses implements OASFilter {

    /** The name of the problem schema in the description's components. */
    static final String PROBLEM = "Problem";

    /** The answers every operation may give, and what they mean. */
    private static final Map<String, String> EVERY_OPERATION = Map.of(
            "400", "A malformed or invalid request (query parameter, path parameter or body): errors names each field"
                    + " to fix",
            "401", "No token, or an unknown or revoked one (with WWW-Authenticate: Bearer)");

    private static final String NOT_FOUND = "404";
    private static final String NOT_FOUND_DESCRIPTION = "No such thing in the token's team (another team's is"
            + " answered the same way)";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().values()
                .forEach(operation -> addErrors(path, operation)));
    }

    private static void addErrors(String path, Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        EVERY_OPERATION.forEach((code, description) -> describe(responses, code, description));
        if (path.contains("{")) {
            describe(responses, NOT_FOUND, NOT_FOUND_DESCRIPTION);
        }
        responses.getAPIResponses().forEach((code, response) -> {
            if (code.startsWith("4") && response.getRef() == null && isEmpty(response.getContent())) {
                response.setContent(problem());
            }
        });
    }

    /** Adds the answer, or replaces one the scanner added with only its status phrase ("Bad Request"). */
    private static void describe(APIResponses responses, String code, String description) {
        APIResponse existing = responses.getAPIResponse(code);
        boolean generic = existing != null && isEmpty(existing.getContent()) && (existing.getDescription() == null
                || existing.getDescription().equals(Response.Status.fromStatusCode(Integer.parseInt(code))
                .getReasonPhrase()));
        if (existing == null || generic) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description).content(problem()));
        }
    }

    private static boolean isEmpty(Content content) {
        return content == null || content.getMediaTypes() == null || content.getMediaTypes().isEmpty();
    }

    private static Content problem() {
        return OASFactory.createContent().addMediaType(Problems.TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref(PROBLEM)));
    }
}
