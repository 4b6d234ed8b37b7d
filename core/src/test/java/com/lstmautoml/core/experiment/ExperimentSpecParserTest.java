package com.lstmautoml.core.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lstmautoml.core.training.SplitFractions;
import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ExperimentSpecParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ExperimentSpecParser parser = new ExperimentSpecParser(ExperimentLimits.DEFAULT);

    private ExperimentSpec parse(String json) throws Exception {
        return parser.parse(JSON.readTree(json));
    }

    private List<String> fields(String json) throws Exception {
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> parse(json));
        // invalid input is always reported as a ValidationException
        assertThat(e).as("expected a ValidationException for " + json).isNotNull();
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void onlyNameDatasetAndTargetAreRequired() throws Exception {
        ExperimentSpec s = parse("{\"name\":\" n \",\"dataset\":\"d\",\"target\":\"y\"}");
        // omitted fields take the documented defaults; the name is trimmed
        assertThat(s.name()).isEqualTo("n");
        assertThat(s.strategy()).isEqualTo(ExperimentSpec.DEFAULT_STRATEGY);
        assertThat(s.maxTrials()).isEqualTo(ExperimentSpec.DEFAULT_MAX_TRIALS);
        assertThat(s.parallelism()).isEqualTo(ExperimentSpec.DEFAULT_PARALLELISM);
        assertThat(s.maxEpochs()).isEqualTo(ExperimentSpec.DEFAULT_MAX_EPOCHS);
        assertThat(s.patience()).isEqualTo(ExperimentSpec.DEFAULT_PATIENCE);
        assertThat(s.seed()).isEqualTo(ExperimentSpec.DEFAULT_SEED);
        assertThat(s.split()).isEqualTo(SplitFractions.DEFAULT);
        assertThat(s.features()).isEmpty();
        assertThat(s.searchSpace()).isNotNull();
    }

    @Test
    void prunerIsANameOfPruners() throws Exception {
        // omitted, the pruner is none
        assertThat(parse("{\"name\":\"n\",\"dataset\":\"d\",\"target\":\"y\"}").pruner()).isEqualTo("none");
        // a known name is kept
        assertThat(parse("{\"name\":\"n\",\"dataset\":\"d\",\"target\":\"y\",\"pruner\":\"asha\"}").pruner())
                .isEqualTo("asha");
        // an unknown name or a non-string is an error on field pruner
        assertThat(fields("{\"name\":\"n\",\"dataset\":\"d\",\"target\":\"y\",\"pruner\":\"hyperband\"}"))
                .containsExactly("pruner");
        assertThat(fields("{\"name\":\"n\",\"dataset\":\"d\",\"target\":\"y\",\"pruner\":{\"type\":\"asha\"}}"))
                .containsExactly("pruner");
    }

    @Test
    void defaultPatienceNeverExceedsASmallMaxEpochs() throws Exception {
        // patience defaults to at most maxEpochs
        assertThat(parse("{\"name\":\"n\",\"dataset\":\"d\",\"target\":\"y\",\"maxEpochs\":3}").patience())
                .isEqualTo(3);
    }

    @Test
    void everyProblemIsReportedWithItsField() throws Exception {
        // all errors come at once, each naming its field
        assertThat(fields("{\"dataset\":5,\"maxTrials\":0,\"parallelism\":\"2\",\"maxEpochs\":10,\"patience\":11,"
                + "\"seed\":1.5,\"strategy\":\"annealing\",\"bogus\":1}"))
                .contains("name", "dataset", "target", "maxTrials", "parallelism", "patience", "seed", "strategy",
                        "bogus");
    }

    @Test
    void capsComeFromTheLimits() throws Exception {
        ExperimentSpecParser small = new ExperimentSpecParser(
                new ExperimentLimits(10, 2, 30, com.lstmautoml.core.space.SpaceLimits.DEFAULT));
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> small.parse(JSON.readTree(
                "{\"name\":\"n\",\"dataset\":\"d\",\"target\":\"y\",\"maxTrials\":11,\"parallelism\":3,\"maxEpochs\":31}")));
        // maxTrials, parallelism and maxEpochs beyond the configured caps are refused, the message says the cap
        assertThat(e.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("maxTrials", "parallelism",
                "maxEpochs");
        assertThat(e.errors().get(0).message()).contains("10").contains("cap");
    }

    @Test
    void featuresMustBeDistinctColumnNamesOtherThanTheTarget() throws Exception {
        // the target is always an input, listing it again is refused; duplicates and non-strings too
        assertThat(fields("{\"name\":\"n\",\"dataset\":\"d\",\"target\":\"y\",\"features\":[\"y\",\"a\",\"a\",3]}"))
                .containsExactly("features[0]", "features[2]", "features[3]");
        assertThat(parse("{\"name\":\"n\",\"dataset\":\"d\",\"target\":\"y\",\"features\":[\"a\",\"b\"]}").features())
                .containsExactly("a", "b");
    }

    @Test
    void splitMustLeaveATestSlice() throws Exception {
        // fractions strictly between 0 and 1, summing below 1, no unknown keys
        assertThat(fields("{\"name\":\"n\",\"dataset\":\"d\",\"target\":\"y\",\"split\":{\"train\":0.8,\"validation\":0.2}}"))
                .containsExactly("split");
        assertThat(fields("{\"name\":\"n\",\"dataset\":\"d\",\"target\":\"y\",\"split\":{\"train\":1.2,\"test\":0.1}}"))
                .containsExactlyInAnyOrder("split.test", "split.train");
        assertThat(parse("{\"name\":\"n\",\"dataset\":\"d\",\"target\":\"y\",\"split\":{\"train\":0.6,\"validation\":0.2}}")
                .split()).isEqualTo(new SplitFractions(0.6, 0.2));
    }

    @Test
    void searchSpaceErrorsAreIncludedWithTheirPaths() throws Exception {
        // the search space parser's field paths come through unchanged
        assertThat(fields("{\"name\":\"n\",\"dataset\":\"d\",\"target\":\"y\","
                + "\"searchSpace\":{\"units\":{\"type\":\"int\",\"min\":0,\"max\":4}}}"))
                .containsExactly("searchSpace.units.min");
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() throws Exception {
        // arrays, strings and null bodies are not experiments
        assertThat(fields("[1,2]")).containsExactly("body");
        assertThat(catchThrowableOfType(ValidationException.class, () -> parser.parse(null)).errors())
                .extracting(FieldError::field).containsExactly("body");
    }
}
