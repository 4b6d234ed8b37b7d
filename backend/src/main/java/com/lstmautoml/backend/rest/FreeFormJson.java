package com.lstmautoml.backend.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.List;

/**
 * Jackson's {@link JsonNode} (a trial's params, a model configuration, the fitted preprocessing, a search space) is
 * free-form JSON in the API description: an inline {@code {"type": "object"}} wherever it is used, and no schema of its
 * own in the components. application.properties describes the class as that object
 * ({@code mp.openapi.schema.com.fasterxml.jackson.databind.JsonNode}, instead of a schema of its getters), but SmallRye
 * registers such a schema as a component named after the class; a generated client would make a class of it (a schema
 * named {@code JsonNode} clashes with Jackson's class in generated Java clients), so this filter writes it inline and
 * drops the component. Runs at build time, like {@link ErrorResponses}.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class FreeFormJson implements OASFilter {

    /** The component SmallRye registers for the configured schema. */
    static final String COMPONENT = JsonNode.class.getName();

    private static final String REF = "#/components/schemas/" + COMPONENT;

    @Override
    public Schema filterSchema(Schema schema) {
        if (REF.equals(schema.getRef())) {
            schema.setRef(null);
            schema.setType(List.of(Schema.SchemaType.OBJECT));
            if (schema.getDescription() == null) {
                schema.setDescription("free-form JSON");
            }
        }
        return schema;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() != null) {
            openAPI.getComponents().removeSchema(COMPONENT);
        }
    }
}
