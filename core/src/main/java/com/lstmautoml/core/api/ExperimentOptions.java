package com.lstmautoml.core.api;

import com.lstmautoml.core.space.Task;
import com.lstmautoml.core.text.TextCorpus;
import com.lstmautoml.core.training.CharSampler;

import com.lstmautoml.core.data.Seasonality;
import com.lstmautoml.core.data.SplitFractions;
import com.lstmautoml.core.experiment.ExperimentSpec;
import com.lstmautoml.core.experiment.ExperimentStopReason;
import com.lstmautoml.core.pruners.NoPruner;
import com.lstmautoml.core.pruners.PrunerSetting;
import com.lstmautoml.core.pruners.Pruners;
import com.lstmautoml.core.search.GridSearch;
import com.lstmautoml.core.search.SearchStrategies;
import com.lstmautoml.core.search.TpeSearch;

import java.util.Arrays;
import java.util.List;

/**
 * The choices and defaults of {@code POST /api/experiments} as plain values, for clients that offer them (the
 * dashboard's form and pages): strategy names, pruners with their settings, the request's defaults and limits, and
 * the words for an experiment's stop reason. They are read from the classes that define them (the request parser,
 * the strategies, the pruners), so a client never depends on those.
 */
public final class ExperimentOptions {

    /** The longest experiment name. */
    public static final int NAME_MAX_LENGTH = ExperimentSpec.NAME_MAX_LENGTH;
    public static final String DEFAULT_STRATEGY = ExperimentSpec.DEFAULT_STRATEGY;
    /** The strategy with the multivariate option ({@code tpeMultivariate}). */
    public static final String TPE_STRATEGY = TpeSearch.NAME;
    /** The strategy that needs a finite list of values for every hyperparameter. */
    public static final String GRID_STRATEGY = GridSearch.NAME;
    public static final String DEFAULT_PRUNER = ExperimentSpec.DEFAULT_PRUNER;
    /** The pruner that never prunes. */
    public static final String NO_PRUNER = NoPruner.NAME;
    public static final int DEFAULT_MAX_TRIALS = ExperimentSpec.DEFAULT_MAX_TRIALS;
    public static final int DEFAULT_PARALLELISM = ExperimentSpec.DEFAULT_PARALLELISM;
    public static final int DEFAULT_MAX_EPOCHS = ExperimentSpec.DEFAULT_MAX_EPOCHS;
    public static final int DEFAULT_PATIENCE = ExperimentSpec.DEFAULT_PATIENCE;
    /** Min epochs of a request without one: this, or maxEpochs when that is smaller. */
    public static final int DEFAULT_MIN_EPOCHS = ExperimentSpec.DEFAULT_MIN_EPOCHS;
    public static final long DEFAULT_SEED = ExperimentSpec.DEFAULT_SEED;
    public static final int DEFAULT_VALIDATION_WINDOWS = ExperimentSpec.DEFAULT_VALIDATION_WINDOWS;
    public static final int MAX_VALIDATION_WINDOWS = ExperimentSpec.MAX_VALIDATION_WINDOWS;
    /** The default split's training share. */
    public static final double DEFAULT_TRAIN_FRACTION = SplitFractions.DEFAULT.train();
    /** The default split's validation share. */
    public static final double DEFAULT_VALIDATION_FRACTION = SplitFractions.DEFAULT.validation();
    /** An experiment's {@code seasonalitySource} when no season was found. */
    public static final String NO_SEASON = Seasonality.NONE;
    /** The task of a request without one: forecasting. */
    public static final String FORECAST_TASK = Task.FORECAST.key();
    /** The task that learns a text dataset and writes text. */
    public static final String GENERATE_TASK = Task.GENERATE.key();
    /** A generation experiment's target: its dataset's text. */
    public static final String TEXT_TARGET = ExperimentSpec.TEXT_TARGET;
    /** A generation experiment's default epochs, patience and minimum epochs. */
    public static final int DEFAULT_TEXT_MAX_EPOCHS = ExperimentSpec.DEFAULT_TEXT_MAX_EPOCHS;
    public static final int DEFAULT_TEXT_PATIENCE = ExperimentSpec.DEFAULT_TEXT_PATIENCE;
    public static final int DEFAULT_TEXT_MIN_EPOCHS = ExperimentSpec.DEFAULT_TEXT_MIN_EPOCHS;
    /** The largest text upload, in bytes of UTF-8. */
    public static final int MAX_TEXT_BYTES = TextCorpus.MAX_BYTES;
    /** The longest sample and seed a sample request may ask for, in characters, and its highest temperature. */
    public static final int MAX_SAMPLE_LENGTH = CharSampler.MAX_LENGTH;
    public static final int MAX_SAMPLE_SEED_LENGTH = CharSampler.MAX_SEED_LENGTH;
    public static final double MAX_SAMPLE_TEMPERATURE = CharSampler.MAX_TEMPERATURE;
    /** The temperatures of a completed generation trial's samples. */
    public static final List<Double> SAMPLE_TEMPERATURES = CharSampler.TEMPERATURES;

    private ExperimentOptions() {
    }

    /**
     * The request fields only a forecast has: a generation request leaves them out (its target is its text; it splits
     * its text 80/10/10 by position; it has no features, season or rolling windows).
     */
    public static List<String> forecastOnlyFields() {
        List<String> fields = new java.util.ArrayList<>();
        fields.add("target");
        fields.addAll(com.lstmautoml.core.experiment.ExperimentSpecParser.FORECAST_ONLY);
        return List.copyOf(fields);
    }

    /** The fewest characters a text dataset holds. */
    public static final int MIN_TEXT_CHARACTERS = TextCorpus.MIN_CHARS;

    /** The tasks' names: [forecast, generate]. */
    public static List<String> tasks() {
        return Arrays.stream(Task.values()).map(Task::key).toList();
    }

    /** The search strategies' names, in the order the API lists them. */
    public static List<String> strategies() {
        return SearchStrategies.names();
    }

    /** The pruners' names: [none, median, asha]. */
    public static List<String> prunerNames() {
        return Pruners.names();
    }

    /** Every pruner with its settings, in the order of {@link #prunerNames()}. */
    public static List<PrunerOption> pruners() {
        return Pruners.types().stream().map(ExperimentOptions::option).toList();
    }

    /** The pruner {@code name}; the default pruner when {@code name} is null or unknown. */
    public static PrunerOption pruner(String name) {
        return option(Pruners.type(name == null || !Pruners.names().contains(name) ? DEFAULT_PRUNER : name));
    }

    private static PrunerOption option(Pruners.Type type) {
        return new PrunerOption(type.name(), type.settings().stream().map(SettingOption::new).toList());
    }

    /**
     * "time budget spent" for an experiment's {@code stopReason} ({@link ApiDtos.ExperimentView#stopReason()}); the
     * reason itself when it is not one of the known ones.
     */
    public static String stopReasonText(String stopReason) {
        return Arrays.stream(ExperimentStopReason.values()).filter(r -> r.name().equals(stopReason))
                .map(ExperimentStopReason::description).findFirst().orElse(stopReason);
    }

    /** A pruner: its name and its whole-number settings (none for {@link #NO_PRUNER}). */
    public record PrunerOption(String name, List<SettingOption> settings) {

        public PrunerOption {
            settings = List.copyOf(settings);
        }
    }

    /** One whole-number setting of a pruner: its JSON key, words for a form, its default and its range. */
    public static final class SettingOption {

        private final PrunerSetting setting;

        private SettingOption(PrunerSetting setting) {
            this.setting = setting;
        }

        /** The JSON key in the request's {@code pruner} object. */
        public String key() {
            return setting.key();
        }

        /** A short label for a form field. */
        public String label() {
            return setting.label();
        }

        /** What it does, one line. */
        public String meaning() {
            return setting.meaning();
        }

        /** The value when left out. */
        public int defaultValue() {
            return setting.defaultValue();
        }

        /** The smallest value allowed. */
        public int min() {
            return setting.min();
        }

        /** "from 1 to 50 (maxEpochs)": the range for an experiment of {@code maxEpochs} epochs, in words. */
        public String rangeText(int maxEpochs) {
            return setting.rangeText(maxEpochs);
        }
    }
}
