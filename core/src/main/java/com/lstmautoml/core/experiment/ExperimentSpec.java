package com.lstmautoml.core.experiment;

import com.lstmautoml.core.pruners.Pruner;
import com.lstmautoml.core.pruners.Pruners;
import com.lstmautoml.core.space.SearchSpace;
import com.lstmautoml.core.data.SplitFractions;

import com.lstmautoml.core.space.Hyperparameter;
import com.lstmautoml.core.space.Task;
import com.lstmautoml.core.text.TextCorpus;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A validated experiment request: what the API's POST /api/experiments and the dashboard's form both produce.
 * Dataset and column existence are checked by the service that knows the datasets.
 *
 * @param maxTrials     trials to queue at most: {@link #DEFAULT_MAX_TRIALS} when left out, or the configured cap
 *                      ({@link ExperimentLimits#maxTrials()}) when left out and a {@code timeBudget} is given
 * @param pruner        one of {@link Pruners} with its settings
 * @param seasonality   the season length the request gives (at least 1), or null to detect it from the data
 *                      ({@link com.lstmautoml.core.data.Seasonality})
 * @param minEpochs     epochs every trial trains before early stopping may stop it (1..maxEpochs)
 * @param omittedKeys   the search-space keys the request left out: the preprocessing ones among them take the
 *                      series' defaults ({@link SearchSpace#withSeriesDefaults}) once the data is known
 * @param tpeMultivariate strategy {@code tpe} only: one joint Parzen estimator over all hyperparameters instead of
 *                      one per hyperparameter ({@link com.lstmautoml.core.search.TpeSearch}); default false
 * @param timeBudget    how long the scheduler may queue trials, from the experiment's creation (whole seconds,
 *                      {@link #MIN_TIME_BUDGET} to {@link #MAX_TIME_BUDGET}); null: no limit but maxTrials
 * @param validationWindows rolling-origin validation windows per trial (1..{@link #MAX_VALIDATION_WINDOWS}; whether
 *                      the series holds them is checked once the data is known,
 *                      {@link com.lstmautoml.core.data.DataRequirements#windowProblems})
 * @param task          what the experiment's models learn: forecasting {@code target} (and its {@code features}), or
 *                      generating its text dataset's text ({@code target} {@link #TEXT_TARGET}, no features, the
 *                      split {@link #TEXT_SPLIT}, one validation window)
 */
public record ExperimentSpec(String name, String dataset, String target, List<String> features, String strategy,
                             int maxTrials, int parallelism, int maxEpochs, int patience, long seed,
                             SplitFractions split, SearchSpace searchSpace, Pruner pruner, Integer seasonality,
                             int minEpochs, Set<Hyperparameter> omittedKeys, boolean tpeMultivariate,
                             Duration timeBudget, int validationWindows, Task task) {

    /** A generation experiment's target: the text. */
    public static final String TEXT_TARGET = "text";
    /** A text's slices by position: {@link TextCorpus#TRAIN_FRACTION}, {@link TextCorpus#VALIDATION_FRACTION}. */
    public static final SplitFractions TEXT_SPLIT = new SplitFractions(TextCorpus.TRAIN_FRACTION,
            TextCorpus.VALIDATION_FRACTION);

    public static final int DEFAULT_MAX_TRIALS = 20;
    public static final int DEFAULT_PARALLELISM = 2;
    public static final int DEFAULT_MAX_EPOCHS = 100;
    public static final int DEFAULT_PATIENCE = 10;
    /**
     * Epochs before early stopping may stop a trial (Keras' {@code start_from_epoch}): an epoch of a short series is
     * only a few Adam steps, and a noisy validation loss early on stops trials that had not started to learn.
     */
    public static final int DEFAULT_MIN_EPOCHS = 20;
    public static final long DEFAULT_SEED = 42;
    /**
     * A generation experiment's defaults: an epoch reads the whole training text, and its validation cross-entropy
     * falls smoothly, so early stopping may act from the first epoch with a short patience.
     */
    public static final int DEFAULT_TEXT_MAX_EPOCHS = 30;
    public static final int DEFAULT_TEXT_PATIENCE = 3;
    public static final int DEFAULT_TEXT_MIN_EPOCHS = 1;
    /**
     * TPE with ASHA by default (Optuna's choice of sampler, and the pruner StrategyBench found to save the most epochs
     * at no loss): TimeToQualityBench measured a median 2.7 s to SARIMA's validation RMSE on AirPassengers, against
     * 8.3 s for random search without pruning, on the same two workers.
     */
    public static final String DEFAULT_STRATEGY = "tpe";
    /** See {@link com.lstmautoml.core.pruners.Pruners}. */
    public static final String DEFAULT_PRUNER = Pruners.DEFAULT;
    public static final int NAME_MAX_LENGTH = 200;
    public static final Duration MIN_TIME_BUDGET = Duration.ofSeconds(1);
    /** The longest time budget: 30 days. */
    public static final Duration MAX_TIME_BUDGET = Duration.ofDays(30);
    /** One validation slice, as before validation windows existed. */
    public static final int DEFAULT_VALIDATION_WINDOWS = 1;
    /**
     * Each window trains the trial once more; AutoGluon suggests 3 to 5 windows where one is too noisy, and more than
     * 10 only multiplies the cost.
     */
    public static final int MAX_VALIDATION_WINDOWS = 10;

    public ExperimentSpec {
        features = List.copyOf(features);
        java.util.Objects.requireNonNull(task, "task");
        omittedKeys = omittedKeys.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(omittedKeys));
    }
}
