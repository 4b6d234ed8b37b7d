package com.lstmautoml.backend.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/experiments} (and {@code /validate}) as the API description shows it, so that generated
 * clients get a typed request. Documentation only: the service reads the JSON itself (core's
 * {@code ExperimentSpecParser}), field by field, to report every problem with its path; {@code OpenApiDocumentTest}
 * holds this record to the keys the parser accepts. Left out (or null), a field takes its default.
 */
@Schema(description = "An experiment to create: a search over LSTM configurations that forecast a dataset's column"
        + " (task forecast) or write like a text dataset (task generate). Only name, dataset and (for a forecast)"
        + " target are required; the others take the defaults given")
public record ExperimentRequest(
        @Schema(required = true, description = "1 to 200 characters") String name,
        @Schema(required = true, description = "the name of a dataset of the team") String dataset,
        @Schema(description = "the numeric column to forecast; required for task forecast, left out (or \"text\") for"
                + " task generate") String target,
        @Schema(description = "extra input columns (the target is always an input); default none")
        List<String> features,
        @Schema(description = "the search strategy, default tpe", enumeration = {"random", "grid", "tpe",
                "genetic"}) String strategy,
        @Schema(description = "stops unpromising trials early, default none: a name (none, median, asha), which takes"
                + " the pruner's default settings, or an object with the type and any of its settings",
                oneOf = {String.class, PrunerSettings.class}) Object pruner,
        @Schema(description = "trials to run, default 20; with a timeBudget and no maxTrials, the configured cap"
                + " (automl.limits.max-trials)", minimum = "1") Integer maxTrials,
        @Schema(description = "trials trained at once, default 2", minimum = "1") Integer parallelism,
        @Schema(description = "epochs per trial at most, default 100", minimum = "1") Integer maxEpochs,
        @Schema(description = "epochs every trial trains before early stopping may stop it, 1..maxEpochs, default"
                + " min(20, maxEpochs)", minimum = "1") Integer minEpochs,
        @Schema(description = "epochs without a better validation RMSE before a trial stops, default"
                + " min(10, maxEpochs)", minimum = "1") Integer patience,
        @Schema(description = "the seed of the strategy and of the trials' initialisation, default 42") Long seed,
        SplitFractions split,
        @Schema(description = "the season length in rows; left out, read from the time column's frequency or the"
                + " series' autocorrelation", minimum = "1") Integer seasonality,
        @Schema(description = "the search space: parameter name (units, layers, lookBack, dropout, batchSize,"
                + " learningRate, transform, difference, scaler) to its range or choice; a parameter left out takes"
                + " its default range") Map<String, SearchParameter> searchSpace,
        @Schema(description = "strategy tpe only: one joint (multivariate) Parzen estimator over all parameters"
                + " instead of one per parameter, default false") Boolean tpeMultivariate,
        @Schema(description = "how long trials are queued, from the experiment's creation: an ISO-8601 duration of"
                + " whole seconds from PT1S to P30D, e.g. PT30M. Once it has passed no trial is queued, the queued"
                + " ones are cancelled, the running ones finish and the experiment completes with stopReason"
                + " TIME_BUDGET. Default none", example = "PT30M") String timeBudget,
        @Schema(description = "rolling-origin validation windows per trial, default 1: each trial trains once per"
                + " window on every row before it and is ranked on the mean of the windows' validation RMSEs; at most"
                + " 10, and as many as the series holds with the largest look-back", minimum = "1", maximum = "10")
        Integer validationWindows,
        @Schema(description = "what the models learn, default forecast: forecast the target column, or generate"
                + " text like a text dataset's (character-level, ranked by validation bits per character; leave out"
                + " target, features, seasonality, validationWindows and split)", enumeration = {"forecast",
                "generate"}) String task) {

    /**
     * A pruner with settings, as core's {@code Pruners.parse} reads it; {@code OpenApiDocumentTest} holds the keys to
     * the settings the pruners declare.
     */
    @Schema(description = "A pruner and its settings; settings left out take their defaults, and a setting of"
            + " another pruner is a 400. The experiment shows this form with every setting filled in")
    public record PrunerSettings(
            @Schema(required = true, enumeration = {"none", "median", "asha"}) String type,
            @Schema(description = "asha: epochs trained at the first rung (the next are minEpochs × reductionFactor,"
                    + " × reductionFactor², ...), 1..maxEpochs, default 3", minimum = "1") Integer minEpochs,
            @Schema(description = "asha: 1 in reductionFactor trials continues at each rung, 2..10, default 3",
                    minimum = "2", maximum = "10") Integer reductionFactor,
            @Schema(description = "asha: other trials needed at a rung before it decides anything (until then"
                    + " trials continue), 0..1000, default 0", minimum = "0", maximum = "1000") Integer bootstrapCount,
            @Schema(description = "median: COMPLETED trials before the first decision, 0..1000, default 5",
                    minimum = "0", maximum = "1000") Integer startupTrials,
            @Schema(description = "median: epochs a trial trains before it can be pruned, 0..maxEpochs-1, default"
                    + " 5", minimum = "0") Integer warmupEpochs) {
    }

    /** The chronological split; the test slice is what is left. */
    @Schema(description = "Chronological split: the first train share of the rows, then validation; the rest is the"
            + " held-out test slice. Default 0.70 and 0.15")
    public record SplitFractions(Double train, Double validation) {
    }

    /** One parameter of a search space: a range ({@code int}, {@code float}) or a list of values ({@code choice}). */
    @Schema(description = "A parameter's range: {\"type\": \"int\"|\"float\", \"min\", \"max\"[, \"step\"][,"
            + " \"log\" (float only)]} or {\"type\": \"choice\", \"values\": [...]}")
    public record SearchParameter(
            @Schema(required = true, enumeration = {"int", "float", "choice"}) String type,
            @Schema(type = SchemaType.NUMBER, description = "int and float: the smallest value") Number min,
            @Schema(type = SchemaType.NUMBER, description = "int and float: the largest value") Number max,
            @Schema(type = SchemaType.NUMBER, description = "int and float: the grid's step (optional)") Number step,
            @Schema(description = "float only: draw log-uniformly") Boolean log,
            @Schema(description = "choice: the values (numbers or strings)") List<Object> values) {
    }
}
