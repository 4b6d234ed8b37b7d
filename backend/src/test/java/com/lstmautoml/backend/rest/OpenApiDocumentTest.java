package com.lstmautoml.backend.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lstmautoml.core.experiment.ExperimentSpecParser;
import com.lstmautoml.core.pruners.Pruners;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import static com.lstmautoml.backend.testing.Api.anonymous;
import static com.lstmautoml.backend.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API description at {@code /q/openapi} as client generators read it: every operation named and tagged, free-form
 * JSON as plain objects, every error answer in the one problem schema, request examples that the service accepts, and
 * the document the build stores for api-client-it is the one served.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM_REF = "#/components/schemas/" + ErrorResponses.PROBLEM;
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private JsonNode doc;

    @BeforeEach
    void read() throws Exception {
        doc = JSON.readTree(anonymous().accept("application/json").get("/q/openapi?format=json").then()
                .statusCode(200).extract().asString());
    }

    @Test
    void everyOperationHasAUniqueCamelCaseOperationIdAndOneDeclaredTag() {
        Set<String> declaredTags = new HashSet<>();
        doc.get("tags").forEach(t -> declaredTags.add(t.get("name").asText()));
        Set<String> ids = new HashSet<>();
        List<String> operations = new ArrayList<>();
        forEachOperation((where, op) -> {
            operations.add(where);
            String id = op.path("operationId").asText("");
            // an operationId (a generated client's method name), in camelCase
            assertThat(id).as(where).matches("[a-z][a-zA-Z0-9]*");
            // and no other operation has it
            assertThat(ids.add(id)).as(where + ": " + id + " twice").isTrue();
            // one tag (a generated client's API class), one of those the document declares
            assertThat(op.path("tags")).as(where).hasSize(1);
            assertThat(declaredTags).as(where).contains(op.get("tags").get(0).asText());
        });
        // the whole API is there (36 operations when this was written)
        assertThat(operations).hasSizeGreaterThanOrEqualTo(36);
        assertThat(ids).contains("createExperiment", "listTrials", "promoteExperiment", "forecastModel",
                "uploadDataset", "createToken", "addMember", "setModelChampion");
    }

    @Test
    void jacksonNodesAreFreeFormObjectsWithNoSchemaOfTheirOwn() {
        // no component named after Jackson's class (it clashes with Jackson's JsonNode in generated Java clients)
        doc.get("components").get("schemas").fieldNames().forEachRemaining(name ->
                assertThat(name).doesNotContainIgnoringCase("JsonNode"));
        // and nothing refers to one
        assertThat(doc.toString()).doesNotContain("JsonNode");
        // a trial's params and its model configuration are plain objects
        JsonNode params = doc.at("/components/schemas/TrialView/properties/params");
        assertThat(params.path("type").asText()).isEqualTo("object");
        assertThat(params.has("$ref")).isFalse();
        assertThat(doc.at("/components/schemas/TrialDetail/properties/modelConfig/type").asText()).isEqualTo("object");
    }

    @Test
    void everyErrorAnswerIsTheProblemSchema() {
        forEachOperation((where, op) -> {
            JsonNode responses = op.get("responses");
            // any request may be malformed or lack a token
            assertThat(responses.has("400")).as(where).isTrue();
            assertThat(responses.has("401")).as(where).isTrue();
            // a path that names something may name nothing
            if (where.contains("{")) {
                assertThat(responses.has("404")).as(where).isTrue();
            }
            Iterator<Map.Entry<String, JsonNode>> codes = responses.fields();
            while (codes.hasNext()) {
                Map.Entry<String, JsonNode> answer = codes.next();
                if (answer.getKey().startsWith("4")) {
                    // every 4xx is problem JSON in the one problem schema
                    assertThat(answer.getValue().at("/content/application~1problem+json/schema/$ref").asText())
                            .as(where + " " + answer.getKey()).isEqualTo(PROBLEM_REF);
                    assertThat(answer.getValue().get("content")).as(where).hasSize(1);
                } else if (!answer.getKey().equals("204")) {
                    // every other answer but a 204 has a body schema (a generated client's return type)
                    assertThat(answer.getValue().at("/content").isEmpty()).as(where + " " + answer.getKey())
                            .isFalse();
                }
            }
        });
        // the 403s and 409s the operations declare are there too
        assertThat(doc.at("/paths/~1api~1experiments~1{id}~1promote/post/responses/409/content")).isNotEmpty();
        assertThat(doc.at("/paths/~1api~1tokens/post/responses/403/content")).isNotEmpty();
    }

    @Test
    void theProblemSchemaDescribesWhatTheServiceAnswers() throws Exception {
        JsonNode problem = doc.at("/components/schemas/" + ErrorResponses.PROBLEM);
        Set<String> documented = new HashSet<>();
        problem.get("properties").fieldNames().forEachRemaining(documented::add);
        // RFC 7807's members, the field errors and the error id of a 5xx
        assertThat(documented).containsExactlyInAnyOrder("type", "title", "status", "detail", "errors", "errorId");
        String fieldError = problem.at("/properties/errors/items/$ref").asText();
        JsonNode fieldErrorProperties = doc.at("/components/schemas/"
                + fieldError.substring(fieldError.lastIndexOf('/') + 1) + "/properties");
        // each field error has its field and message
        assertThat(fieldErrorProperties.has("field")).isTrue();
        assertThat(fieldErrorProperties.has("message")).isTrue();

        JsonNode invalid = JSON.readTree(given().contentType("application/json").body("{\"name\": \"x\"}")
                .post("/api/experiments/validate").then().statusCode(400).extract().asString());
        // a real 400 has only documented fields
        invalid.fieldNames().forEachRemaining(field -> assertThat(documented).contains(field));
        // and its errors have field and message
        assertThat(invalid.get("errors").get(0).has("field")).isTrue();
        assertThat(invalid.get("errors").get(0).has("message")).isTrue();
        // so has a 404
        JsonNode notFound = JSON.readTree(given().get("/api/experiments/987654321").then().statusCode(404).extract()
                .asString());
        notFound.fieldNames().forEachRemaining(field -> assertThat(documented).contains(field));
    }

    @Test
    void theCreateBodiesHaveExamples() {
        for (String pointer : List.of(
                "/paths/~1api~1datasets/post/requestBody/content/text~1csv",
                "/paths/~1api~1experiments/post/requestBody/content/application~1json",
                "/paths/~1api~1experiments~1validate/post/requestBody/content/application~1json",
                "/paths/~1api~1experiments~1{id}~1promote/post/requestBody/content/application~1json",
                "/paths/~1api~1models~1{name}~1forecast/post/requestBody/content/application~1json",
                "/paths/~1api~1models~1{name}~1aliases~1champion/put/requestBody/content/application~1json",
                "/paths/~1api~1members/post/requestBody/content/application~1json",
                "/paths/~1api~1tokens/post/requestBody/content/application~1json")) {
            // a named example with a value
            JsonNode examples = doc.at(pointer + "/examples");
            assertThat(examples.isEmpty()).as(pointer).isFalse();
            examples.forEach(e -> assertThat(e.has("value")).as(pointer).isTrue());
        }
    }

    @Test
    void theExamplesAreAccepted() {
        JsonNode experiment = doc.at("/paths/~1api~1experiments/post/requestBody/content/application~1json/examples");
        // the create example passes create's rules (validate stores nothing)
        given().contentType("application/json").body(experiment.elements().next().get("value").toString())
                .post("/api/experiments/validate").then().statusCode(204);
        JsonNode csv = doc.at("/paths/~1api~1datasets/post/requestBody/content/text~1csv/examples");
        // the CSV example parses
        given().contentType("text/csv").body(csv.elements().next().get("value").asText())
                .post("/api/datasets/preview").then().statusCode(200);
    }

    @Test
    void theExperimentRequestSchemaHasExactlyTheKeysTheServiceReads() {
        Set<String> documented = new HashSet<>();
        doc.at("/components/schemas/ExperimentRequest/properties").fieldNames().forEachRemaining(documented::add);
        // every key the parser accepts, and no other (an unknown key is a 400)
        assertThat(documented).isEqualTo(ExperimentSpecParser.KEYS);
        // and it is the body of create
        assertThat(doc.at("/paths/~1api~1experiments/post/requestBody/content/application~1json/schema/$ref")
                .asText()).endsWith("/ExperimentRequest");
    }

    @Test
    void thePrunerIsANameOrAnObjectWithExactlyTheSettingsThePrunersDeclare() {
        Set<String> documented = new HashSet<>();
        doc.at("/components/schemas/PrunerSettings/properties").fieldNames().forEachRemaining(documented::add);
        Set<String> declared = new HashSet<>();
        declared.add("type");
        Pruners.types().forEach(t -> t.settings().forEach(s -> declared.add(s.key())));
        // the object form documents the type and every setting of every pruner, and no other key
        assertThat(documented).isEqualTo(declared);
        // pruner is one of a name and that object
        assertThat(doc.at("/components/schemas/ExperimentRequest/properties/pruner/oneOf").toString())
                .contains("\"type\":\"string\"").contains("/PrunerSettings");
    }

    @Test
    void theDocumentStoredByTheBuildIsTheOneServed() throws Exception {
        // quarkus.smallrye-openapi.store-schema-directory: what api-client-it generates its client from
        JsonNode stored = JSON.readTree(Files.readString(Path.of("target", "openapi", "openapi.json")));
        // the same document, key order aside: no place where they differ
        assertThat(differences("", stored, doc)).isEmpty();
    }

    /** The JSON pointers where {@code a} and {@code b} differ (object keys in any order). */
    private static List<String> differences(String at, JsonNode a, JsonNode b) {
        List<String> found = new ArrayList<>();
        if (a.isObject() && b.isObject()) {
            Set<String> keys = new HashSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                String child = at + "/" + key.replace("~", "~0").replace("/", "~1");
                if (!a.has(key) || !b.has(key)) {
                    found.add(child + (a.has(key) ? " only in the first" : " only in the second"));
                } else {
                    found.addAll(differences(child, a.get(key), b.get(key)));
                }
            }
        } else if (!a.equals(b)) {
            found.add(at);
        }
        return found;
    }

    /** Calls {@code check} with "METHOD path" and the operation, for every operation of the document. */
    private void forEachOperation(BiConsumer<String, JsonNode> check) {
        doc.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (METHODS.contains(method.getKey())) {
                check.accept(method.getKey().toUpperCase() + " " + path.getKey(), method.getValue());
            }
        }));
    }
}
