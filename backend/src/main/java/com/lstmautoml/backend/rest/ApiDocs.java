package com.lstmautoml.backend.rest;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The API description's document-wide parts: the security (every operation takes a team's bearer token, so Swagger UI
 * at {@code /q/swagger-ui} offers "Authorize" for one), a tag per resource, and the one problem schema every error
 * answer refers to ({@link ErrorResponses} adds those answers). An {@link Application} only to carry these
 * annotations (where SmallRye OpenAPI reads them); it lists no classes, so every resource is found as usual, at the
 * root path.
 *
 * <p>Every operation has an {@code operationId} (the method name of generated clients) and one of these tags (their
 * API class): {@code OpenApiDocumentTest} fails for an operation without them.
 */
@OpenAPIDefinition(info = @Info(title = "LSTM AutoML API", version = "1",
        description = "Search spaces over LSTM forecasters, a PostgreSQL trial queue, ranked RMSE. Every call needs"
                + " Authorization: Bearer <token> (team admins create tokens in the dashboard under Team). Errors are"
                + " RFC 7807 problem JSON (application/problem+json, the schema Problem) with one entry per field to"
                + " fix."),
        security = @SecurityRequirement(name = ApiDocs.TOKEN),
        tags = {
                @Tag(name = ApiDocs.DATASETS, description = "CSV time series of the team: upload, preview, columns"),
                @Tag(name = ApiDocs.EXPERIMENTS, description = "Searches over LSTM configurations of a dataset:"
                        + " create, follow, rank trials, cancel, promote the best into the model registry"),
                @Tag(name = ApiDocs.TRIALS, description = "One trained configuration: curve, preprocessing, forecasts"),
                @Tag(name = ApiDocs.MODELS, description = "The model registry: versions, champion alias, forecasts,"
                        + " exports"),
                @Tag(name = ApiDocs.WORKERS, description = "Training workers, shared by all teams"),
                @Tag(name = ApiDocs.ACCOUNT, description = "Who the token acts as"),
                @Tag(name = ApiDocs.MEMBERS, description = "The team's members, their roles and its invitations"
                        + " (admin)"),
                @Tag(name = ApiDocs.INVITATIONS, description = "The token's user's own invitations to teams"),
                @Tag(name = ApiDocs.TOKENS, description = "The team's API tokens (admin)")},
        components = @Components(schemas = @Schema(name = ErrorResponses.PROBLEM,
                implementation = Problems.Problem.class)))
@SecurityScheme(securitySchemeName = ApiDocs.TOKEN, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "lsa_...", description = "A team's API token: its team and role decide what it sees and may do")
public class ApiDocs extends Application {

    static final String TOKEN = "teamToken";

    static final String DATASETS = "Datasets";
    static final String EXPERIMENTS = "Experiments";
    static final String TRIALS = "Trials";
    static final String MODELS = "Models";
    static final String WORKERS = "Workers";
    static final String ACCOUNT = "Account";
    static final String MEMBERS = "Members";
    static final String INVITATIONS = "Invitations";
    static final String TOKENS = "Tokens";

}
