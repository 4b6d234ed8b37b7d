package com.lstmautoml.core.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lstmautoml.core.pruners.AsyncSuccessiveHalvingPruner;
import com.lstmautoml.core.pruners.MedianPruner;
import com.lstmautoml.core.pruners.NoPruner;
import com.lstmautoml.core.space.Hyperparameter;
import com.lstmautoml.core.space.ParamSpec;
import com.lstmautoml.core.space.SearchSpace;
import com.lstmautoml.core.data.SplitFractions;
import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ExperimentSpecParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ExperimentSpecParser parser = new ExperimentSpecParser(ExperimentLimits.DEFAULT);

    private ExperimentSpec parse(String json) throws Exception {
        return parser.parse(JSON.readTree(json));
    }

    private List<FieldError> errors(String json) throws Exception {
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> parse(json));
        // invalid input is always reported as a ValidationException
        assertThat(e).as("expected a ValidationException for " + json).isNotNull();
        return e.errors();
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
    void validationWindowsDefaultToOneAndMustBeAWholeNumberInRange() throws Exception {
        String base = "{\"name\":\"n\",\"dataset\":\"d\",\"target\":\"y\"";
        // omitted: one window, the validation slice as before
        assertThat(parse(base + "}").validationWindows()).isEqualTo(1);
        assertThat(parse(base + ",\"validationWindows\":3}").validationWindows()).isEqualTo(3);
        // below 1, above the cap, fractional or not a number: an error at the field, naming the range
        for (String bad : List.of("0", "-1", "11", "2.5", "\"3\"", "true")) {
            ValidationException e = catchThrowableOfType(ValidationException.class,
                    () -> parse(base + ",\"validationWindows\":" + bad + "}"));
            assertThat(e.errors()).as(bad).singleElement().satisfies(err -> {
                assertThat(err.field()).isEqualTo("validationWindows");
                assertThat(err.message()).contains("between 1 and " + ExperimentSpec.MAX_VALIDATION_WINDOWS)
                        // 10 is the product's limit, not a setting
                        .doesNotContain("configured");
            });
        }
    }

    @Test
    void seasonalityMinEpochsAndOmittedPreprocessing() throws Exception {
        ExperimentSpec d = parse("{\"name\":\"n\",\"dataset\":\"d\",\"target\":\"y\"}");
        // omitted: the season is detected later (null), min epochs is the default, every space key is omitted
        assertThat(d.seasonality()).isNull();
        assertThat(d.minEpochs()).isEqualTo(ExperimentSpec.DEFAULT_MIN_EPOCHS);
        assertThat(d.omittedKeys()).containsExactlyInAnyOrder(Hyperparameter.values());
        ExperimentSpec g = parse("{\"name\":\"n\",\"dataset\":\"d\",\"target\":\"y\",\"seasonality\":7,"
                + "\"maxEpochs\":5,\"searchSpace\":{\"scaler\":{\"type\":\"choice\",\"values\":[\"standard\"]}}}");
        // given: kept; min epochs defaults to at most maxEpochs; a key given is not omitted
        assertThat(g.seasonality()).isEqualTo(7);
        assertThat(g.minEpochs()).isEqualTo(5);
        assertThat(g.omittedKeys()).doesNotContain(Hyperparameter.SCALER).contains(Hyperparameter.TRANSFORM);
        // out of range: errors at their fields
        assertThat(fields("{\"name\":\"n\",\"dataset\":\"d\",\"target\":\"y\",\"seasonality\":0}"))
                .containsExactly("seasonality");
        assertThat(fields("{\"name\":\"n\",\"dataset\":\"d\",\"target\":\"y\",\"seasonality\":1.5}"))
                .containsExactly("seasonality");
        assertThat(fields("{\"name\":\"n\",\"dataset\":\"d\",\"target\":\"y\",\"maxEpochs\":10,\"minEpochs\":11}"))
                .containsExactly("minEpochs");
    }

    @Test
    void seriesDefaultsFillOnlyTheOmittedPreprocessingKeys() throws Exception {
        ExperimentSpec s = parse("{\"name\":\"n\",\"dataset\":\"d\",\"target\":\"y\",\"searchSpace\":{"
                + "\"scaler\":{\"type\":\"choice\",\"values\":[\"standard\"]}}}");
        SearchSpace positive = s.searchSpace().withSeriesDefaults(s.omittedKeys(), 12, true, 100);
        // a positive seasonal series: log is searched, and the seasonal lag; the scaler given stays
        assertThat(positive.transform()).isEqualTo(new ParamSpec.Labels(List.of("none", "log")));
        assertThat(positive.difference()).isEqualTo(new ParamSpec.Choice(List.of(0, 1, 12)));
        assertThat(positive.scaler()).isEqualTo(new ParamSpec.Labels(List.of("standard")));
        // values <= 0: no log; no season: no seasonal lag
        SearchSpace flat = s.searchSpace().withSeriesDefaults(s.omittedKeys(), 1, false, 100);
        assertThat(flat.transform()).isEqualTo(new ParamSpec.Labels(List.of("none")));
        assertThat(flat.difference()).isEqualTo(new ParamSpec.Choice(List.of(0, 1)));
        // too few training rows for lag 12 with look-back 12: the seasonal lag is left out rather than refused
        SearchSpace shortSeries = s.searchSpace().withSeriesDefaults(s.omittedKeys(), 12, true, 25);
        assertThat(shortSeries.difference()).isEqualTo(new ParamSpec.Choice(List.of(0, 1)));
        assertThat(s.searchSpace().withSeriesDefaults(s.omittedKeys(), 12, true, 26).difference())
                .isEqualTo(new ParamSpec.Choice(List.of(0, 1, 12)));
    }

    @Test
    void prunerIsANameOrAnObjectWithSettings() throws Exception {
        // omitted, the pruner is ASHA with its defaults; "none" never prunes
        assertThat(parse("{\"name\":\"n\",\"dataset\":\"d\",\"target\":\"y\"}").pruner())
                .isEqualTo(new AsyncSuccessiveHalvingPruner(3, 3, 0));
        assertThat(parse("{\"name\":\"n\",\"dataset\":\"d\",\"target\":\"y\",\"pruner\":\"none\"}").pruner())
                .isEqualTo(new NoPruner());
        // a known name is that pruner with its defaults
        assertThat(parse("{\"name\":\"n\",\"dataset\":\"d\",\"target\":\"y\",\"pruner\":\"asha\"}").pruner())
                .isEqualTo(new AsyncSuccessiveHalvingPruner(3, 3, 0));
        // the object form sets some settings; the others take their defaults
        assertThat(parse("{\"name\":\"n\",\"dataset\":\"d\",\"target\":\"y\",\"pruner\":{\"type\":\"asha\","
                + "\"minEpochs\":5,\"reductionFactor\":4}}").pruner())
                .isEqualTo(new AsyncSuccessiveHalvingPruner(5, 4, 0));
        assertThat(parse("{\"name\":\"n\",\"dataset\":\"d\",\"target\":\"y\",\"maxEpochs\":10,"
                + "\"pruner\":{\"type\":\"median\",\"startupTrials\":0,\"warmupEpochs\":9}}").pruner())
                .isEqualTo(new MedianPruner(0, 9));
        // an unknown name or a value of another kind is an error on field pruner
        assertThat(fields("{\"name\":\"n\",\"dataset\":\"d\",\"target\":\"y\",\"pruner\":\"hyperband\"}"))
                .containsExactly("pruner");
        assertThat(fields("{\"name\":\"n\",\"dataset\":\"d\",\"target\":\"y\",\"pruner\":3}"))
                .containsExactly("pruner");
    }

    @Test
    void tpeMultivariateIsABooleanForTpeOnly() throws Exception {
        String base = "{\"name\":\"n\",\"dataset\":\"d\",\"target\":\"y\",";
        // omitted: the univariate TPE
        assertThat(parse(base + "\"strategy\":\"tpe\"}").tpeMultivariate()).isFalse();
        // true with tpe: kept
        assertThat(parse(base + "\"strategy\":\"tpe\",\"tpeMultivariate\":true}").tpeMultivariate()).isTrue();
        // false asks for nothing: accepted with any strategy
        assertThat(parse(base + "\"strategy\":\"random\",\"tpeMultivariate\":false}").tpeMultivariate())
                .isFalse();
        // not a boolean: an error on the field
        assertThat(fields(base + "\"strategy\":\"tpe\",\"tpeMultivariate\":\"yes\"}"))
                .containsExactly("tpeMultivariate");
        assertThat(fields(base + "\"strategy\":\"tpe\",\"tpeMultivariate\":1}")).containsExactly("tpeMultivariate");
        // true with another strategy: an error naming tpe and the strategy given
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> parse(base + "\"strategy\":\"genetic\",\"tpeMultivariate\":true}"));
        assertThat(e.errors()).singleElement().satisfies(err -> {
            assertThat(err.field()).isEqualTo("tpeMultivariate");
            assertThat(err.message()).contains("'tpe'", "'genetic'");
        });
        assertThat(fields(base + "\"strategy\":\"random\",\"tpeMultivariate\":true}"))
                .containsExactly("tpeMultivariate");
        // with the default strategy (tpe) it is accepted
        assertThat(parse(base + "\"tpeMultivariate\":true}").tpeMultivariate()).isTrue();
    }

    @Test
    void badPrunerSettingsNameTheSettingAndItsRange() throws Exception {
        String base = "{\"name\":\"n\",\"dataset\":\"d\",\"target\":\"y\",\"maxEpochs\":50,\"pruner\":";
        // the ranges: minEpochs 1..maxEpochs, reductionFactor 2..10, bootstrapCount 0..1000
        assertThat(errors(base + "{\"type\":\"asha\",\"minEpochs\":51,\"reductionFactor\":11,"
                + "\"bootstrapCount\":-1}}")).containsExactly(
                new FieldError("pruner.minEpochs", "must be a whole number from 1 to 50 (maxEpochs) (epochs trained"
                        + " at the first rung; the next rungs are this times reductionFactor, its square, ...), got 51"),
                new FieldError("pruner.reductionFactor", "must be a whole number from 2 to 10 (1 in reductionFactor"
                        + " trials continues at each rung), got 11"),
                new FieldError("pruner.bootstrapCount", "must be a whole number from 0 to 1000 (other trials needed"
                        + " at a rung before it decides anything), got -1"));
        // startupTrials 0..1000, warmupEpochs 0..maxEpochs - 1; fractions and strings are not whole numbers
        assertThat(fields(base + "{\"type\":\"median\",\"startupTrials\":1001,\"warmupEpochs\":50}}"))
                .containsExactly("pruner.startupTrials", "pruner.warmupEpochs");
        assertThat(fields(base + "{\"type\":\"median\",\"startupTrials\":2.5,\"warmupEpochs\":\"3\"}}"))
                .containsExactly("pruner.startupTrials", "pruner.warmupEpochs");
        // a setting of another pruner, or an unknown one, is an unknown key listing the pruner's settings
        assertThat(errors(base + "{\"type\":\"median\",\"reductionFactor\":3}}")).containsExactly(
                new FieldError("pruner.reductionFactor", "unknown setting 'reductionFactor' of pruner median; its"
                        + " settings are startupTrials, warmupEpochs"));
        assertThat(fields(base + "{\"type\":\"none\",\"minEpochs\":3}}")).containsExactly("pruner.minEpochs");
        // the type is required and must be known
        assertThat(fields(base + "{\"minEpochs\":3}}")).containsExactly("pruner.type");
        assertThat(errors(base + "{\"type\":\"hyperband\"}}")).containsExactly(
                new FieldError("pruner.type", "unknown pruner 'hyperband': use one of none, median, asha"));
    }

    @Test
    void aTimeBudgetIsAnIsoDurationAndAloneRunsUpToTheTrialCap() throws Exception {
        String base = "{\"name\":\"n\",\"dataset\":\"d\",\"target\":\"y\"";
        // omitted: no budget, maxTrials' default
        ExperimentSpec none = parse(base + "}");
        assertThat(none.timeBudget()).isNull();
        assertThat(none.maxTrials()).isEqualTo(ExperimentSpec.DEFAULT_MAX_TRIALS);
        // a budget alone: maxTrials is the configured cap, so the budget is what stops the search
        ExperimentSpec alone = parse(base + ",\"timeBudget\":\"PT30M\"}");
        assertThat(alone.timeBudget()).isEqualTo(Duration.ofMinutes(30));
        assertThat(alone.maxTrials()).isEqualTo(ExperimentLimits.DEFAULT.maxTrials());
        // with maxTrials: both apply, whichever comes first
        ExperimentSpec both = parse(base + ",\"timeBudget\":\"P1DT2H\",\"maxTrials\":7}");
        assertThat(both.timeBudget()).isEqualTo(Duration.ofHours(26));
        assertThat(both.maxTrials()).isEqualTo(7);
        // the longest is 30 days
        assertThat(parse(base + ",\"timeBudget\":\"P30D\"}").timeBudget()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void aBadTimeBudgetNamesTheFieldWithAnExample() throws Exception {
        String base = "{\"name\":\"n\",\"dataset\":\"d\",\"target\":\"y\",\"timeBudget\":";
        // not ISO-8601
        assertThat(errors(base + "\"30m\"}")).containsExactly(new FieldError("timeBudget", "'30m' is not an"
                + " ISO-8601 duration: write an ISO-8601 duration such as \"PT30M\" (30 minutes), \"PT2H\" or"
                + " \"P1DT12H\""));
        // negative or zero
        assertThat(errors(base + "\"-PT5M\"}")).containsExactly(new FieldError("timeBudget", "must be whole seconds"
                + " from PT1S to P30D (30 days), e.g. \"PT30M\"; got PT-5M (not positive)"));
        assertThat(fields(base + "\"PT0S\"}")).containsExactly("timeBudget");
        // over 30 days, fractions of a second, a number
        assertThat(fields(base + "\"P31D\"}")).containsExactly("timeBudget");
        assertThat(fields(base + "\"PT1.5S\"}")).containsExactly("timeBudget");
        assertThat(fields(base + "1800}")).containsExactly("timeBudget");
        // months and years are ISO-8601 but of no fixed length: the message says what to give instead
        assertThat(errors(base + "\"P1M\"}")).containsExactly(new FieldError("timeBudget", "'P1M' uses years, months"
                + " or weeks, which have no fixed length: give days, hours, minutes or seconds, e.g. \"P30D\" or"
                + " \"PT30M\""));
        assertThat(errors(base + "\"P1YT2H\"}")).singleElement().extracting(FieldError::message).asString()
                .contains("no fixed length");
        // a malformed time part is not mistaken for one
        assertThat(errors(base + "\"PT30X\"}")).singleElement().extracting(FieldError::message).asString()
                .contains("is not an ISO-8601 duration");
    }

    @Test
    void theExperimentsPrunerFormParsesBackWithFewEpochs() throws Exception {
        // the experiment shows every setting filled in, defaults beyond a small maxEpochs included (median warm-up 5
        // with maxEpochs 3): its clone sends them back and gets the same pruner
        String base = "{\"name\":\"n\",\"dataset\":\"d\",\"target\":\"y\",\"maxEpochs\":3,\"pruner\":";
        for (String type : List.of("median", "asha")) {
            ExperimentSpec plain = parse(base + "\"" + type + "\"}");
            String shown = com.lstmautoml.core.pruners.Pruners.toJson(plain.pruner()).toString();
            assertThat(parse(base + shown + "}").pruner().settings()).as(shown).isEqualTo(plain.pruner().settings());
        }
        // a value other than the default beyond the range is still refused
        assertThat(fields(base + "{\"type\":\"median\",\"warmupEpochs\":4}}")).containsExactly("pruner.warmupEpochs");
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

    @Test
    void aGenerationRequestTakesTheTextDefaultsAndItsOwnKeys() throws Exception {
        ExperimentSpec spec = parse("{\"name\":\"g\",\"dataset\":\"book\",\"task\":\"generate\"}");
        assertThat(spec.task()).isEqualTo(com.lstmautoml.core.space.Task.GENERATE);
        // no target to give: the text itself
        assertThat(spec.target()).isEqualTo(ExperimentSpec.TEXT_TARGET);
        assertThat(spec.split()).isEqualTo(ExperimentSpec.TEXT_SPLIT);
        assertThat(spec.maxEpochs()).isEqualTo(ExperimentSpec.DEFAULT_TEXT_MAX_EPOCHS);
        assertThat(spec.patience()).isEqualTo(ExperimentSpec.DEFAULT_TEXT_PATIENCE);
        assertThat(spec.minEpochs()).isEqualTo(ExperimentSpec.DEFAULT_TEXT_MIN_EPOCHS);
        assertThat(spec.searchSpace().task()).isEqualTo(com.lstmautoml.core.space.Task.GENERATE);
        // a forecast is still the default, with its own defaults
        ExperimentSpec forecast = parse("{\"name\":\"f\",\"dataset\":\"d\",\"target\":\"y\"}");
        assertThat(forecast.task()).isEqualTo(com.lstmautoml.core.space.Task.FORECAST);
        assertThat(forecast.maxEpochs()).isEqualTo(ExperimentSpec.DEFAULT_MAX_EPOCHS);
    }

    @Test
    void aGenerationRequestRefusesWhatOnlyAForecastReads() throws Exception {
        assertThat(fields("{\"name\":\"g\",\"dataset\":\"book\",\"task\":\"generate\",\"target\":\"y\","
                + "\"features\":[\"a\"],\"seasonality\":7,\"validationWindows\":2,"
                + "\"split\":{\"train\":0.6,\"validation\":0.2},"
                + "\"searchSpace\":{\"lookBack\":{\"type\":\"int\",\"min\":2,\"max\":4}}}"))
                .containsExactlyInAnyOrder("target", "features", "seasonality", "validationWindows", "split",
                        "searchSpace.lookBack");
        // what a generation experiment has anyway (no features, one window) is accepted
        assertThat(parse("{\"name\":\"g\",\"dataset\":\"b\",\"task\":\"generate\",\"features\":[],"
                + "\"validationWindows\":1}").features()).isEmpty();
        // "text" is the one target a generation request may name
        assertThat(parse("{\"name\":\"g\",\"dataset\":\"b\",\"task\":\"generate\",\"target\":\"text\"}")
                .target()).isEqualTo("text");
        // a forecast refuses a text's keys, and an unknown task is named
        assertThat(fields("{\"name\":\"f\",\"dataset\":\"d\",\"target\":\"y\","
                + "\"searchSpace\":{\"sequenceLength\":{\"type\":\"choice\",\"values\":[50]}}}"))
                .containsExactly("searchSpace.sequenceLength");
        assertThat(errors("{\"name\":\"f\",\"dataset\":\"d\",\"target\":\"y\",\"task\":\"poetry\"}"))
                .singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("task");
                    assertThat(e.message()).contains("[forecast, generate]", "'poetry'");
                });
    }
}
