package com.lstmautoml.core.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lstmautoml.core.space.ParamSpec;
import com.lstmautoml.core.space.SearchSpace;
import com.lstmautoml.core.space.SpaceLimits;
import com.lstmautoml.core.testing.hostile.ExperimentBodies;
import com.lstmautoml.core.testing.hostile.HostileBody;
import com.lstmautoml.core.testing.hostile.HostileJson;
import com.lstmautoml.core.testing.hostile.Verdicts;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile experiment bodies: the parser accepts, or explains every problem with a field and a message; accepted
 * specs respect every configured cap.
 */
class ExperimentSpecParserPropertiesTest {

    /** Small caps, so the mutations that probe them hit them often. */
    static final ExperimentLimits SMALL = new ExperimentLimits(50, 4, 100, new SpaceLimits(64, 3, 24, 128));

    private static final ObjectNode VALID = ExperimentBodies.valid("ds", "y", List.of("x"));

    @Example
    void theValidBodyIsAccepted() {
        assertThat(new ExperimentSpecParser(SMALL).parse(VALID).name()).isEqualTo("hostile");
    }

    @Property(tries = 1000, shrinking = ShrinkingMode.OFF)
    void mutatedBodiesAreAcceptedWithinTheCapsOrExplained(@ForAll("mutated") HostileBody body) {
        check(body, SMALL);
    }

    @Property(tries = 300, shrinking = ShrinkingMode.OFF)
    void mutatedBodiesUnderDefaultLimits(@ForAll("mutatedDefault") HostileBody body) {
        check(body, ExperimentLimits.DEFAULT);
    }

    @Property(tries = 500, shrinking = ShrinkingMode.OFF)
    void randomJsonIsExplained(@ForAll("random") HostileBody body) {
        check(body, SMALL);
    }

    @Example
    void deeplyNestedNodesAreExplained() {
        JsonNode deep = HostileJson.deeplyNested(100_000);
        for (String field : List.of("name", "features", "split", "searchSpace", "maxTrials", "seed")) {
            ObjectNode body = VALID.deepCopy();
            body.set(field, deep);
            check(new HostileBody(List.of(field + " nested 100000 deep"), body, "(node)"), SMALL);
        }
        ObjectNode space = VALID.deepCopy();
        ((ObjectNode) space.get("searchSpace")).set("units", deep);
        check(new HostileBody(List.of("units nested 100000 deep"), space, "(node)"), SMALL);
        ObjectNode values = VALID.deepCopy();
        ((ObjectNode) values.get("searchSpace").get("batchSize")).set("values", deep);
        check(new HostileBody(List.of("batchSize values nested 100000 deep"), values, "(node)"), SMALL);
    }

    static void check(HostileBody body, ExperimentLimits limits) {
        Optional<JsonNode> node = body.parsed();
        if (node.isEmpty()) {
            return; // not JSON at all: the REST layer's concern (tested there)
        }
        ExperimentSpecParser parser = new ExperimentSpecParser(limits);
        Verdicts.acceptOrExplain(body, () -> parser.parse(node.get()))
                .ifPresent(spec -> {
                    withinCaps(body, spec, limits);
                    keepsWhatWasSent(body, node.get(), spec);
                });
    }

    /** An accepted spec holds the values sent, not a default silently put in place of a bad one. */
    static void keepsWhatWasSent(Object sample, JsonNode body, ExperimentSpec s) {
        String why = "accepted " + sample;
        JsonNode split = body.path("split");
        if (split.path("train").isNumber()) {
            assertThat(s.split().train()).as(why).isEqualTo(split.path("train").doubleValue());
        }
        if (split.path("validation").isNumber()) {
            assertThat(s.split().validation()).as(why).isEqualTo(split.path("validation").doubleValue());
        }
        for (String f : List.of("maxTrials", "parallelism", "maxEpochs", "patience")) {
            if (body.path(f).isNumber()) {
                assertThat(body.path(f).intValue()).as(why + " " + f).isEqualTo(switch (f) {
                    case "maxTrials" -> s.maxTrials();
                    case "parallelism" -> s.parallelism();
                    case "maxEpochs" -> s.maxEpochs();
                    default -> s.patience();
                });
            }
        }
    }

    static void withinCaps(Object sample, ExperimentSpec s, ExperimentLimits limits) {
        String why = "accepted " + sample;
        assertThat(s.name()).as(why).isNotBlank().hasSizeLessThanOrEqualTo(ExperimentSpec.NAME_MAX_LENGTH);
        assertThat(s.dataset()).as(why).isNotNull().doesNotContain("\u0000");
        assertThat(s.target()).as(why).isNotNull().doesNotContain("\u0000");
        // PostgreSQL text cannot hold U+0000
        assertThat(s.name()).as(why).doesNotContain("\u0000");
        assertThat(s.features()).as(why).allMatch(f -> f.indexOf('\u0000') < 0);
        assertThat(s.maxTrials()).as(why).isBetween(1, limits.maxTrials());
        assertThat(s.parallelism()).as(why).isBetween(1, limits.maxParallelism());
        assertThat(s.maxEpochs()).as(why).isBetween(1, limits.maxEpochs());
        assertThat(s.patience()).as(why).isBetween(1, s.maxEpochs());
        assertThat(s.split().train()).as(why).isStrictlyBetween(0.0, 1.0);
        assertThat(s.split().validation()).as(why).isStrictlyBetween(0.0, 1.0);
        assertThat(s.split().train() + s.split().validation()).as(why).isLessThan(1.0);
        SearchSpace space = s.searchSpace();
        SpaceLimits caps = limits.space();
        inRange(why, space.units(), caps.maxUnits());
        inRange(why, space.layers(), caps.maxLayers());
        inRange(why, space.lookBack(), caps.maxLookBack());
        inRange(why, space.batchSize(), caps.maxBatchSize());
        inRange(why, space.difference(), com.lstmautoml.core.space.Hyperparameter.MAX_DIFFERENCE);
        if (space.dropout().isDiscrete()) {
            for (Number v : space.dropout().discreteValues()) {
                assertThat(v.doubleValue()).as(why).isGreaterThanOrEqualTo(0).isLessThan(1);
            }
        }
        if ("grid".equals(s.strategy())) {
            assertThat(space.gridSize()).as(why).isLessThanOrEqualTo(SpaceLimits.MAX_GRID_SIZE);
        }
    }

    private static void inRange(String why, ParamSpec spec, int cap) {
        assertThat(spec.largest()).as(why).isLessThanOrEqualTo(cap);
        for (Number v : spec.discreteValues()) {
            assertThat(v.doubleValue()).as(why).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(cap);
        }
    }

    @Provide
    Arbitrary<HostileBody> mutated() {
        return ExperimentBodies.mutated(VALID, SMALL);
    }

    @Provide
    Arbitrary<HostileBody> mutatedDefault() {
        return ExperimentBodies.mutated(VALID, ExperimentLimits.DEFAULT);
    }

    @Provide
    Arbitrary<HostileBody> random() {
        return net.jqwik.api.Arbitraries.oneOf(ExperimentBodies.randomBodies(), ExperimentBodies.malformedTexts());
    }
}
