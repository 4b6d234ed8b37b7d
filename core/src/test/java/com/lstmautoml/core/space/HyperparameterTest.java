package com.lstmautoml.core.space;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lstmautoml.core.trial.TrialParams;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each hyperparameter's one definition is complete and consistent with itself. */
class HyperparameterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyDefinitionIsComplete() throws Exception {
        for (Hyperparameter h : Hyperparameter.values()) {
            // rule: every key belongs to a task
            assertThat(h.tasks()).as(h.key()).isNotEmpty();
            for (Task task : h.tasks()) {
                // rule: the example is a valid spec of its own key, and parses to a space of its task that has it
                SearchSpace parsed = SearchSpaceParser.parse(JSON.readTree("{\"" + h.key() + "\":" + h.example()
                        + "}"), SpaceLimits.DEFAULT, false, task);
                assertThat(parsed.get(h)).as(h.key()).isNotNull();
                // rule: the defaults (and the grid defaults) are within the server's default caps
                for (boolean grid : List.of(false, true)) {
                    for (Number v : discreteOrEnds(h.defaultSpec(task, grid))) {
                        assertThat(h.problem(v.doubleValue(), SpaceLimits.DEFAULT)).as(h.key() + " " + v).isNull();
                    }
                    // rule: the grid default is a finite list
                    assertThat(h.defaultSpec(task, true).isDiscrete()).as(h.key()).isTrue();
                }
            }
            // rule: only keys stored from the start have no implicit value; the others have a series default
            assertThat(h.implicitValue() == null).as(h.key()).isEqualTo(h.use() != Hyperparameter.Use.PREPROCESSING);
            assertThat(h.seriesDefault(new Hyperparameter.SeriesFacts(12, true, 100, 12)).isPresent())
                    .as(h.key()).isEqualTo(h.use() == Hyperparameter.Use.PREPROCESSING);
            assertThat(Hyperparameter.forKey(h.key())).contains(h);
        }
    }

    @Test
    void capsAndDomainsSayWhatToGive() {
        SpaceLimits small = new SpaceLimits(16, 2, 10, 8);
        // rule: capped keys take 1..cap, and the message names the cap
        assertThat(Hyperparameter.UNITS.problem(17, small)).contains("at most 16 (server limit)");
        assertThat(Hyperparameter.LAYERS.problem(0, small)).contains("at least 1");
        assertThat(Hyperparameter.BATCH_SIZE.cap(small)).isEqualTo(8);
        // rule: uncapped keys have their own domain
        assertThat(Hyperparameter.DROPOUT.problem(1.0, small)).contains("less than 1");
        assertThat(Hyperparameter.LEARNING_RATE.problem(0, small)).contains("greater than 0");
        assertThat(Hyperparameter.DIFFERENCE.problem(Hyperparameter.MAX_DIFFERENCE + 1, small)).contains("0 to 400");
        assertThat(Hyperparameter.DIFFERENCE.cap(small)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void valuesTakeTheirKindsJavaType() {
        // rule: whole numbers become Integer, fractions Double, labels stay strings from the list
        assertThat(Hyperparameter.UNITS.value(16.0)).isEqualTo(16);
        assertThat(Hyperparameter.DROPOUT.value(0)).isEqualTo(0.0);
        assertThat(Hyperparameter.SCALER.value("standard")).isEqualTo("standard");
        assertThatThrownBy(() -> Hyperparameter.UNITS.value(1.5)).hasMessageContaining("whole number");
        assertThatThrownBy(() -> Hyperparameter.TRANSFORM.value("sqrt")).hasMessageContaining("[none, log]");
    }

    @Test
    void trialParamsAreOneValuePerDefinition() throws Exception {
        Map<Hyperparameter, Object> values = new EnumMap<>(Hyperparameter.class);
        for (Hyperparameter h : Task.FORECAST.hyperparameters()) {
            ParamSpec spec = h.defaultSpec(true);
            values.put(h, spec instanceof ParamSpec.Labels l ? l.values().get(0) : spec.discreteValues().get(0));
        }
        TrialParams p = TrialParams.of(values);
        // rule: the typed accessors read the same map
        assertThat(p.units()).isEqualTo(8);
        assertThat(p.learningRate()).isEqualTo(0.001);
        // rule: JSON keys are the definitions' keys, in order, and read back equal
        String json = JSON.writeValueAsString(p);
        assertThat(JSON.readTree(json).fieldNames()).toIterable().containsExactlyElementsOf(Task.FORECAST.keys());
        assertThat(JSON.readValue(json, TrialParams.class)).isEqualTo(p);
        // rule: a value outside its domain is refused when the params are built
        assertThatThrownBy(() -> p.with(Hyperparameter.DROPOUT, 1.0)).hasMessageContaining("less than 1");
        assertThatThrownBy(() -> p.with(Hyperparameter.UNITS, 0)).hasMessageContaining("at least 1");
    }

    @Test
    void aTextSpaceHoldsOnlyTheKeysOfGeneration() throws Exception {
        SearchSpace text = SearchSpace.defaults(Task.GENERATE, false);
        // rule: a generation space searches the network, the minibatches and the sequences, nothing of a series
        assertThat(text.asMap().keySet()).containsExactly(Hyperparameter.UNITS, Hyperparameter.LAYERS,
                Hyperparameter.DROPOUT, Hyperparameter.BATCH_SIZE, Hyperparameter.LEARNING_RATE,
                Hyperparameter.SEQUENCE_LENGTH, Hyperparameter.TBPTT_LENGTH);
        // rule: its own defaults where a text needs other ones (wider layers, larger minibatches)
        assertThat(text.units()).isEqualTo(new ParamSpec.Choice(List.of(64, 128, 256)));
        // rule: a stored text space reads back as one (the keys tell the task)
        assertThat(SearchSpace.fromJson(text.toJson())).isEqualTo(text);
        // rule: a key of the other task is a field error naming the task's keys
        assertThatThrownBy(() -> SearchSpaceParser.parse(JSON.readTree("{\"lookBack\":{\"type\":\"int\",\"min\":1,"
                + "\"max\":3}}"), SpaceLimits.DEFAULT, false, Task.GENERATE))
                .hasMessageContaining("searchSpace.lookBack").hasMessageContaining("not searched by a generate");
        // rule: a text trial's params hold its keys and read back from JSON as a text trial
        TrialParams p = TrialParams.of(com.lstmautoml.core.testing.TextParams.values(64, 100, 50));
        assertThat(p.task()).isEqualTo(Task.GENERATE);
        assertThat(JSON.readValue(JSON.writeValueAsString(p), TrialParams.class)).isEqualTo(p);
        assertThatThrownBy(p::lookBack).hasMessageContaining("lookBack is not a hyperparameter of a generate trial");
        // rule: a truncated-backpropagation step longer than the shortest sequence is refused, not silently cut
        assertThatThrownBy(() -> SearchSpaceParser.parse(JSON.readTree("{\"sequenceLength\":{\"type\":\"choice\","
                + "\"values\":[40,100]},\"tbpttLength\":{\"type\":\"choice\",\"values\":[50]}}"),
                SpaceLimits.DEFAULT, false, Task.GENERATE)).hasMessageContaining("searchSpace.tbpttLength")
                .hasMessageContaining("must be at most the shortest sequenceLength (40)");
        // rule: a forecast's request naming a text's key is told which keys it may use
        assertThatThrownBy(() -> SearchSpaceParser.parse(JSON.readTree("{\"sequenceLength\":{\"type\":\"choice\","
                + "\"values\":[50]}}"), SpaceLimits.DEFAULT, false)).hasMessageContaining(
                "searchSpace.sequenceLength: sequenceLength is not searched by a forecast experiment: allowed are units");
        // rule: the keys tell the task of a stored row; a mix is a forecast's, whose parser names the strangers
        assertThat(Task.ofKeys(List.of("units", "sequenceLength"))).isEqualTo(Task.GENERATE);
        assertThat(Task.ofKeys(List.of("units", "lookBack", "sequenceLength"))).isEqualTo(Task.FORECAST);
        assertThat(Task.ofKeys(List.of("units"))).isEqualTo(Task.FORECAST);
    }

    private static List<Number> discreteOrEnds(ParamSpec spec) {
        if (spec instanceof ParamSpec.Labels) {
            return List.of();
        }
        if (spec instanceof ParamSpec.FloatRange r && !r.isDiscrete()) {
            return List.of(r.min(), r.max());
        }
        return spec.discreteValues();
    }
}
