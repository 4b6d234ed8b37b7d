package com.lstmautoml.core.space;

import com.lstmautoml.core.search.LstmModelSpace;
import com.lstmautoml.core.search.LstmModelSpaceTest;
import com.lstmautoml.core.search.TrialCandidate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lstmautoml.core.queue.TrialParamsJson;
import com.lstmautoml.core.space.ParamSpec.Choice;
import com.lstmautoml.core.space.ParamSpec.IntRange;
import com.lstmautoml.core.space.ParamSpec.Labels;
import com.lstmautoml.core.trial.TrialParams;
import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The preprocessing keys transform, difference and scaler in the search space, the Arbiter space and trial params. */
class PreprocessingSpaceTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final String PREP = "'transform':{'type':'choice','values':['none','log']},"
            + "'difference':{'type':'choice','values':[0,1,12]},"
            + "'scaler':{'type':'choice','values':['minmax','standard']}";

    private static JsonNode json(String s) {
        try {
            return MAPPER.readTree(s.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    private static List<FieldError> errors(String s) {
        ValidationException e = catchThrowableOfType(
                () -> SearchSpaceParser.parse(json(s), SpaceLimits.DEFAULT, false), ValidationException.class);
        assertThat(e).as("expected a ValidationException for %s", s).isNotNull();
        return e.errors();
    }

    @Test
    void defaultsAreSingleValuesWithoutADimension() {
        SearchSpace space = SearchSpaceParser.parse(json("{}"), SpaceLimits.DEFAULT, false);
        // rule: omitted preprocessing keys default to none / 0 / minmax
        assertThat(space.transform()).isEqualTo(new Labels(List.of("none")));
        assertThat(space.difference()).isEqualTo(new Choice(List.of(0)));
        assertThat(space.scaler()).isEqualTo(new Labels(List.of("minmax")));
        // rule: the old six-key space is the same space
        assertThat(space).isEqualTo(new SearchSpace(space.units(), space.layers(), space.lookBack(), space.dropout(),
                space.batchSize(), space.learningRate()));
        LstmModelSpace ms = new LstmModelSpace(space, 1, 42);
        // rule: single values add no cube dimension, so strategies behave exactly as before
        assertThat(ms.numParameters()).isEqualTo(6);
        TrialParams p = ms.getValue(new double[6]).params();
        assertThat(p.transform()).isEqualTo("none");
        assertThat(p.difference()).isZero();
        assertThat(p.scaler()).isEqualTo("minmax");
    }

    @Test
    void parsesAndRoundTripsThroughJson() {
        SearchSpace space = SearchSpaceParser.parse(json("{" + PREP + "}"), SpaceLimits.DEFAULT, false);
        assertThat(space.transform()).isEqualTo(new Labels(List.of("none", "log")));
        assertThat(space.difference()).isEqualTo(new Choice(List.of(0, 1, 12)));
        assertThat(space.scaler()).isEqualTo(new Labels(List.of("minmax", "standard")));
        assertThat(space.maxDifference()).isEqualTo(12);
        assertThat(space.mayUseLog()).isTrue();
        // rule: the stored JSON reads back to an equal space
        assertThat(SearchSpace.fromJson(space.toJson())).isEqualTo(space);
        assertThat(space.toJson().get("transform").toString())
                .isEqualTo("{\"type\":\"choice\",\"values\":[\"none\",\"log\"]}");
    }

    @Test
    void invalidValuesAreReportedWithTheirPath() {
        // rule: an unknown label names its position and the allowed labels
        assertThat(errors("{'transform':{'type':'choice','values':['none','sqrt']}}")).containsExactly(
                new FieldError("searchSpace.transform.values[1]", "unknown transform 'sqrt': allowed are none, log"));
        assertThat(errors("{'scaler':{'type':'choice','values':[1]}}")).extracting(FieldError::field)
                .containsExactly("searchSpace.scaler.values[0]");
        assertThat(errors("{'scaler':{'type':'choice','values':['minmax','minmax']}}")).extracting(FieldError::field)
                .containsExactly("searchSpace.scaler.values[1]");
        // rule: difference is 0 or a positive whole number up to the cap
        assertThat(errors("{'difference':{'type':'choice','values':[0,-1,1.5,401]}}")).extracting(FieldError::field)
                .containsExactly("searchSpace.difference.values[1]", "searchSpace.difference.values[2]",
                        "searchSpace.difference.values[3]");
        // rule: the preprocessing keys take choices only
        assertThat(errors("{'difference':{'type':'int','min':0,'max':12}}")).extracting(FieldError::field)
                .containsExactly("searchSpace.difference.type");
    }

    @Test
    void gridAndCubeCoverThePreprocessingKeys() {
        SearchSpace grid = SearchSpaceParser.parse(json("{'units':{'type':'choice','values':[8]},"
                + "'layers':{'type':'choice','values':[1]},'lookBack':{'type':'int','min':2,'max':3},"
                + "'dropout':{'type':'choice','values':[0]},'batchSize':{'type':'choice','values':[16]},"
                + "'learningRate':{'type':'choice','values':[0.01]}," + PREP + "}"), SpaceLimits.DEFAULT, true);
        // rule: grid size includes the preprocessing choices: 2 look-backs x 2 x 3 x 2
        assertThat(grid.gridSize()).isEqualTo(24);
        LstmModelSpace ms = new LstmModelSpace(grid, 1, 42);
        assertThat(ms.numParameters()).isEqualTo(4);
        for (Hyperparameter h : List.of(Hyperparameter.TRANSFORM, Hyperparameter.DIFFERENCE, Hyperparameter.SCALER)) {
            assertThat(ms.dimensionOf(h)).as(h.key()).isPresent();
        }
        GridSearchCandidateGenerator gen = new GridSearchCandidateGenerator(ms, 5,
                GridSearchCandidateGenerator.Mode.Sequential, null);
        assertThat(gen.getTotalNumCandidates()).isEqualTo(24);
        Set<TrialParams> seen = new HashSet<>();
        while (gen.hasMoreCandidates()) {
            Candidate cand = gen.getCandidate();
            assertThat(cand.getException()).isNull();
            TrialParams p = ((TrialCandidate) cand.getValue()).params();
            seen.add(p);
            // rule: toUnitCube round-trips the preprocessing fields too
            assertThat(ms.getValue(ms.toUnitCube(p)).params()).isEqualTo(p);
        }
        // rule: Arbiter's grid enumerates every combination once
        assertThat(seen).hasSize(24);
        assertThat(seen).extracting(TrialParams::transform).containsOnly("none", "log");
        assertThat(seen).extracting(TrialParams::difference).containsOnly(0, 1, 12);
        assertThat(seen).extracting(TrialParams::scaler).containsOnly("minmax", "standard");

        // random points of the full default space plus the keys round-trip as well
        SearchSpace full = SearchSpaceParser.parse(json("{" + PREP + "}"), SpaceLimits.DEFAULT, false);
        LstmModelSpace fm = new LstmModelSpace(full, 1, 7);
        Random r = new Random(3);
        for (int i = 0; i < 200; i++) {
            double[] x = new double[fm.numParameters()];
            for (int d = 0; d < x.length; d++) {
                x[d] = r.nextDouble();
            }
            TrialParams p = fm.getValue(x).params();
            assertThat(fm.getValue(fm.toUnitCube(p)).params()).isEqualTo(p);
        }
        // moving only a preprocessing coordinate changes only that key
        for (Hyperparameter h : List.of(Hyperparameter.TRANSFORM, Hyperparameter.DIFFERENCE, Hyperparameter.SCALER)) {
            double[] x = new double[fm.numParameters()];
            x[fm.dimensionOf(h).orElseThrow()] = 1.0;
            assertThat(LstmModelSpaceTest.changedKeys(fm.getValue(new double[x.length]).params(),
                    fm.getValue(x).params())).as(h.key()).containsExactly(h);
        }
        // value counts of the categorical dimensions are their list sizes
        assertThat(fm.valueCounts()[fm.dimensionOf(Hyperparameter.DIFFERENCE).getAsInt()]).isEqualTo(3);
        assertThat(new IntRange(1, 2).size()).isEqualTo(2);
    }

    @Test
    void trialParamsJsonReadsOldRowsAndStaysStrict() {
        TrialParams p = new TrialParams(16, 1, 6, 0.0, 8, 0.01, "log", 12, "standard");
        // rule: the new fields are written and read back
        assertThat(TrialParamsJson.parse(TrialParamsJson.write(p))).isEqualTo(p);
        assertThat(TrialParamsJson.write(p)).contains("\"transform\":\"log\"", "\"difference\":12",
                "\"scaler\":\"standard\"");
        // rule: rows stored before the preprocessing keys read as none / 0 / minmax
        TrialParams old = TrialParamsJson.parse(
                "{\"units\":16,\"layers\":1,\"lookBack\":6,\"dropout\":0.0,\"batchSize\":8,\"learningRate\":0.01}");
        assertThat(old).isEqualTo(new TrialParams(16, 1, 6, 0.0, 8, 0.01, "none", 0, "minmax"));
        // rule: still strict: unknown fields, missing old fields and unknown labels are rejected
        assertThatThrownBy(() -> TrialParamsJson.parse("{\"units\":16,\"layers\":1,\"lookBack\":6,\"dropout\":0.0,"
                + "\"batchSize\":8,\"learningRate\":0.01,\"colour\":1}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrialParamsJson.parse("{\"units\":16,\"layers\":1,\"lookBack\":6,\"dropout\":0.0,"
                + "\"batchSize\":8}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrialParamsJson.parse("{\"units\":16,\"layers\":1,\"lookBack\":6,\"dropout\":0.0,"
                + "\"batchSize\":8,\"learningRate\":0.01,\"transform\":\"sqrt\"}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
