package com.lstmautoml.core.experiment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lstmautoml.core.testing.hostile.ExperimentBodies;
import com.lstmautoml.core.testing.hostile.HostileBody;
import com.lstmautoml.core.validation.ValidationException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Hostile bodies the properties found (or could only find by luck), pinned as examples. */
class HostileExamplesTest {

    private static final ObjectNode VALID = ExperimentBodies.valid("ds", "y", List.of("x"));

    private static HostileBody with(String description, String pointer, String key, String json) {
        ObjectNode body = VALID.deepCopy();
        ((ObjectNode) body.at(pointer)).set(key, ExperimentBodies.json(json));
        return new HostileBody(List.of(description), body, ExperimentBodies.write(body));
    }

    @Test
    void aFloatStepTooFineForALongIsExplained() {
        for (String strategy : List.of("random", "grid")) {
            HostileBody b = with("learningRate 1e-300..1e300 step 1e-300", "/searchSpace", "learningRate",
                    "{\"type\":\"float\",\"min\":1e-300,\"max\":1e300,\"step\":1e-300}");
            ((ObjectNode) b.node()).put("strategy", strategy);
            ExperimentSpecParserPropertiesTest.check(b, ExperimentLimits.DEFAULT);
        }
    }

    @Test
    void aHugeChoiceListIsExplainedQuickly() {
        for (String key : List.of("learningRate", "dropout", "units")) {
            ObjectNode body = VALID.deepCopy();
            ObjectNode spec = ((ObjectNode) body.get("searchSpace")).putObject(key);
            spec.put("type", "choice");
            ArrayNode values = spec.putArray("values");
            for (int i = 1; i <= 200_000; i++) {
                values.add(key.equals("units") ? i % 1000 + 1 : i / 200_001.0);
            }
            long start = System.nanoTime();
            ExperimentSpecParserPropertiesTest.check(new HostileBody(List.of(key + " choice of 200000"), body, "(node)"),
                    ExperimentLimits.DEFAULT);
            assertThat((System.nanoTime() - start) / 1e9).as(key).isLessThan(2.0);
        }
    }

    @Test
    void nanSplitIsExplained() {
        ObjectNode body = VALID.deepCopy();
        ((ObjectNode) body.get("split")).put("train", Double.NaN);
        // was silently replaced by the default split
        assertThat(fields(body)).containsExactly("split.train");
    }

    @Test
    void aBlankUnknownKeyIsReportedOnTheBody() {
        ObjectNode body = VALID.deepCopy();
        body.put(" ", 1);
        ((ObjectNode) body.get("split")).put("", 1);
        ((ObjectNode) body.get("searchSpace")).put("", 1);
        // was a blank field name
        assertThat(fields(body)).containsExactlyInAnyOrder("body", "split", "searchSpace");
    }

    @Test
    void thousandsOfErrorsAreCappedWithACount() {
        ObjectNode body = VALID.deepCopy();
        ArrayNode features = body.putArray("features");
        for (int i = 0; i < 500; i++) {
            features.add(i);
        }
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> new ExperimentSpecParser(ExperimentLimits.DEFAULT).parse(body));
        assertThat(e.errors()).hasSize(ValidationException.MAX_ERRORS + 1);
        assertThat(e.errors().get(ValidationException.MAX_ERRORS).message()).startsWith("and 400 more problems");
    }

    @Test
    void userTextIsQuotedInExcerpts() {
        ObjectNode body = VALID.deepCopy();
        body.put("strategy", "s".repeat(1_000_000));
        body.put("x".repeat(1_000_000), 1);
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> new ExperimentSpecParser(ExperimentLimits.DEFAULT).parse(body));
        assertThat(e.getMessage()).hasSizeLessThan(1_000);
    }

    private static List<String> fields(ObjectNode body) {
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> new ExperimentSpecParser(ExperimentLimits.DEFAULT).parse(body));
        assertThat(e).isNotNull();
        return e.errors().stream().map(com.lstmautoml.core.validation.FieldError::field).toList();
    }
}
