package com.lstmautoml.backend.rest;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The API description's security: every operation takes a team's bearer token, so Swagger UI
 * ({@code /q/swagger-ui}) offers "Authorize" for one. An {@link Application} only to carry these annotations (where
 * SmallRye OpenAPI reads them); it lists no classes, so every resource is found as usual, at the root path.
 */
@OpenAPIDefinition(info = @Info(title = "LSTM AutoML API", version = "1",
        description = "Search spaces over LSTM forecasters, a PostgreSQL trial queue, ranked RMSE. Every call needs"
                + " Authorization: Bearer <token> (team admins create tokens in the dashboard under Team)."),
        security = @SecurityRequirement(name = ApiDocs.TOKEN))
@SecurityScheme(securitySchemeName = ApiDocs.TOKEN, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "lsa_...", description = "A team's API token: its team and role decide what it sees and may do")
public class ApiDocs extends Application {

    static final String TOKEN = "teamToken";

}
