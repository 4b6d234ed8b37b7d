package com.lstmautoml.core.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The shapes the services hand out: JSON of the REST API and models of the dashboard (entities never leave the service layer). */
public final class ApiDtos {

    private ApiDtos() {
    }

    /** A numeric column's statistics: finite numbers, or null where one is not finite (JSON has no Infinity). */
    public record ColumnSummary(String name, Double min, Double max, Double mean) {

        public ColumnSummary {
            min = finite(min);
            max = finite(max);
            mean = finite(mean);
        }

        public ColumnSummary(String name, double min, double max, double mean) {
            this(name, Double.valueOf(min), Double.valueOf(max), Double.valueOf(mean));
        }

        private static Double finite(Double v) {
            return v == null || !Double.isFinite(v) ? null : v;
        }
    }

    /**
     * A dataset. A {@link #TABLE} (a CSV) has its time column, rows and numeric columns; a {@link #TEXT} (a UTF-8 text
     * for character-level generation) has no time column ({@code timeColumn}, {@code firstTime}, {@code lastTime}
     * null, {@code columns} empty), its {@code rows} are its characters, and {@code text} describes it.
     *
     * @param kind {@link #TABLE} or {@link #TEXT}
     * @param text a text's figures and preview; null for a table
     */
    public record DatasetView(long id, String name, String timeColumn, int rows, String firstTime, String lastTime,
                              List<ColumnSummary> columns, String createdBy, Instant createdAt, String kind,
                              TextSummary text) {
    }

    /** {@link DatasetView#kind()} of a CSV's numeric series. */
    public static final String TABLE = "table";
    /** {@link DatasetView#kind()} of a text for character-level generation. */
    public static final String TEXT = "text";

    /**
     * A text dataset's figures: its characters (Unicode code points) and UTF-8 bytes, the vocabulary a model of it
     * learns (the characters seen at least twice in the training slice, plus one symbol for every other character),
     * the characters of each slice (train 80 %, validation 10 %, test 10 %, by position), and its first characters.
     */
    public record TextSummary(int characters, int bytes, int vocabularySize, int trainCharacters,
                              int validationCharacters, int testCharacters, String preview) {
    }

    /**
     * The body of POST /api/trials/{id}/sample: generate {@code length} characters after {@code seed} at
     * {@code temperature}; {@code randomSeed} makes it reproducible (left out: a random one, returned in the answer).
     */
    public record SampleRequest(String seed, Integer length, Double temperature, Long randomSeed) {
    }

    /**
     * Text a generation model wrote after {@code seed}, at {@code temperature} (below 1 more conservative, above 1
     * more surprising), drawn with {@code randomSeed}; {@code text} excludes the seed.
     */
    public record TextSample(String seed, double temperature, int length, long randomSeed, String text) {
    }

    public record Split(double train, double validation, double test) {
    }

    /**
     * A trial in brief, with its validation metrics and, once it was promoted, its held-out test metrics (null
     * before). RMSE and MAE are in the series' units; MASE is MAE over the experiment's {@code maseScale}; sMAPE is in
     * percent; {@code valSkill} is 1 − valRmse / seasonal naive's valRmse (above 0 beats seasonal naive).
     */
    public record TrialBrief(long id, int number, String state, JsonNode params, Double valRmse, Double trainRmse,
                             Double valMae, Double valMase, Double valSmape, Double valSkill, Double testRmse,
                             Double testMae, Double testMase, Double testSmape, Double testSkill) {
    }

    /**
     * A classical baseline of an experiment (naive, seasonal naive, Holt-Winters), fitted on the training slice and
     * scored one step ahead with actual history on the same validation and test rows as the trials, in the series'
     * units. {@code description} names the fitted form and parameters; the skills are against seasonal naive. A text
     * experiment's baseline is the character n-gram model, whose {@code valRmse} and {@code testRmse} hold bits per
     * character (MAE, sMAPE, MASE and skill null).
     */
    public record BaselineView(String name, String description, double valRmse, Double valMae, Double valMase,
                               Double valSmape, double testRmse, Double testMae, Double testMase, Double testSmape,
                               Double valSkill, Double testSkill) {
    }

    /**
     * An experiment with its progress; {@code etaSeconds} estimates the time left (null when unknown or done);
     * {@code pruner} is the object form with every setting filled in ({@code {"type": "asha", "minEpochs": 3,
     * "reductionFactor": 3, "bootstrapCount": 0}}, see {@link com.lstmautoml.core.pruners.Pruners#toJson}). {@code seasonality} is the season length in rows and
     * {@code seasonalitySource} where it came from ({@code request}, {@code time column}, {@code autocorrelation} or
     * {@code none}); {@code maseScale} is MASE's denominator, the in-sample MAE of seasonal naive on the training slice
     * (null when unknown); {@code baselines} are scored on the same rows as the trials (empty for experiments created
     * before baselines existed); {@code tpeMultivariate} is true when strategy tpe models all hyperparameters jointly.
     * {@code timeBudget} is the ISO-8601 duration the scheduler may queue trials for from
     * {@code createdAt} (null: none); {@code stopReason} is why it stopped queueing (a name of
     * {@link com.lstmautoml.core.experiment.ExperimentStopReason}: MAX_TRIALS, SPACE_EXHAUSTED, TIME_BUDGET,
     * CANCELLED), null while it still queues; a RUNNING experiment with a stop reason is waiting for its running
     * trials. {@code validationWindows} is how many rolling-origin validation windows each trial
     * trains on (1: the validation slice only); with more, the trials' and the baselines' validation metrics are
     * means over the windows. {@code task} is {@code forecast} or {@code generate}: a generation experiment's
     * {@code target} is {@code text}, and its trials' and baselines' {@code valRmse} and {@code testRmse} hold bits
     * per character (lower is better) rather than an RMSE.
     */
    public record ExperimentView(long id, String name, String dataset, String target, List<String> features,
                                 String strategy, String state, int maxTrials, int parallelism, int maxEpochs,
                                 int patience, long seed, Split split, JsonNode searchSpace, String createdBy,
                                 Instant createdAt, Instant finishedAt, int trialsCreated, long trialsFinished,
                                 Map<String, Long> trialCounts, TrialBrief bestTrial, TrialBrief promotedTrial,
                                 Double etaSeconds, JsonNode pruner, int minEpochs, int seasonality,
                                 String seasonalitySource, Double maseScale, List<BaselineView> baselines,
                                 boolean tpeMultivariate,
                                 String timeBudget, String stopReason, int validationWindows, String task) {
    }

    /**
     * A trial; the metrics as in {@link TrialBrief}. With several validation windows, {@code valRmse} (the ranked
     * value), {@code valMae} and {@code valSmape} are means over the windows the trial trained; {@code valRmseWindows}
     * lists each window's best RMSE, oldest first (a pruned or cancelled trial's last one is its best so far; null
     * while it runs, for a failed trial and for trials from before windows existed) and {@code valRmseStd} is their
     * sample standard deviation (null for fewer than two windows). {@code epochsRun} counts the epochs of all windows;
     * {@code bestEpoch} is the last trained window's.
     */
    public record TrialView(long id, long experimentId, int number, String state, JsonNode params, Double valRmse,
                            Double trainRmse, Integer epochsRun, Integer bestEpoch, String stopReason,
                            Double durationSeconds, String workerId, int attempt, String error,
                            List<String> attemptErrors, Instant queuedAt, Instant startedAt, Instant finishedAt,
                            Double valMae, Double valMase, Double valSmape, Double valSkill, Double testRmse,
                            Double testMae, Double testMase, Double testSmape, Double testSkill,
                            List<Double> valRmseWindows, Double valRmseStd) {
    }

    /**
     * One epoch of one validation window ({@code window}, 0-based, oldest first; each window's epochs count from 0):
     * losses as MSE on the scaled data; {@code valRmse} in the series' units (null before it existed).
     */
    public record EpochPoint(int epoch, double trainLoss, double valLoss, Double valRmse, int window) {

        /** An epoch of window 0. */
        public EpochPoint(int epoch, double trainLoss, double valLoss, Double valRmse) {
            this(epoch, trainLoss, valLoss, valRmse, 0);
        }
    }

    public record Predictions(List<String> times, double[] actual, double[] predicted) {
    }

    /**
     * A trial with its configuration, curve, fitted preprocessing and one-step forecasts: of the validation rows, and
     * of the test rows once the trial has been promoted ({@code test} is null before). A generation trial has no
     * predictions ({@code validation} empty, {@code test} null), its {@code preprocessing} is its vocabulary, and
     * {@code samples} are texts it wrote (a COMPLETED one's, at temperatures 0.5, 1.0 and 1.2; empty otherwise).
     */
    public record TrialDetail(TrialView trial, JsonNode modelConfig, List<EpochPoint> curve,
                              Predictions validation, JsonNode preprocessing, Predictions test,
                              List<TextSample> samples) {
    }

    public record Page<T>(List<T> items, int page, int size, long total) {
    }

    /**
     * The body of POST /api/experiments/{id}/promote: the trial (null: the best completed one) and the registered model
     * it becomes a new version of (null: {@code <dataset>-<target>}, lower-case), and whether to queue a refit of
     * the trial's configuration on train + validation (null: true).
     */
    public record PromoteRequest(Long trialId, String model, Boolean refit) {
    }

    /** What a promotion did: the experiment, and the model version it created ({@code versionPath} to GET it). */
    public record Promotion(ExperimentView experiment, String model, int version, String versionPath) {
    }

    /**
     * A registered model in the team's list: how many versions it has, which one is champion, and the newest
     * version's test RMSE (in the series' units) and its experiment's task ({@code forecast}, or {@code generate}:
     * its test score is then bits per character).
     */
    public record ModelSummary(String name, Instant createdAt, int versions, Integer championVersion,
                               Integer latestVersion, Double latestTestRmse, String latestTask) {
    }

    /** A registered model with its aliases ({@code {"champion": 2}}) and its versions, newest first. */
    public record ModelView(String name, Instant createdAt, Map<String, Integer> aliases,
                            List<ModelVersionView> versions) {
    }

    /**
     * A baseline of the version's experiment as it was at promotion, on the same test rows as the version; MASE and
     * skill (against seasonal naive) as for trials.
     */
    public record VersionBaseline(String name, Double testRmse, Double testMae, Double testMase, Double testSmape,
                                  Double testSkill) {
    }

    /**
     * One version of a registered model: the promoted trial's parameters and metrics as they were at promotion. MASE
     * is MAE over {@code maseScale}, skill is 1 − RMSE / seasonal naive's RMSE on the same rows, as in
     * {@link TrialBrief}; {@code champion} tells whether the alias points here. {@code task} is its experiment's
     * ({@code forecast} or {@code generate}); a generation model's {@code valRmse} and {@code testRmse} are bits per
     * character, and it answers samples ({@code POST /api/trials/{trialId}/sample}) rather than forecasts.
     */
    public record ModelVersionView(String model, int version, boolean champion, long experimentId, long trialId,
                                   String promotedBy, Instant promotedAt, JsonNode params, Double valRmse,
                                   Double valMae, Double valMase, Double valSmape, Double valSkill, Double testRmse,
                                   Double testMae, Double testMase, Double testSmape, Double testSkill,
                                   Double maseScale, List<VersionBaseline> baselines, String serving, RefitView refit,
                                   List<VersionEvaluation> evaluations, String task) {
    }

    /** Which model of a version forecasts: the promoted trial's own, or its refit once that is ready. */
    public static final String SERVING_TRIAL = "trial";
    public static final String SERVING_REFIT = "refit";

    /**
     * The refit of a version: the trial's configuration retrained on train + validation for {@code epochs} epochs (the
     * trial's best epoch count), no early stopping, scalers fitted on those rows. {@code state} is the refit job's
     * queue state (QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED); {@code error} says why a FAILED one failed.
     */
    public record RefitView(String state, int epochs, Instant queuedAt, Instant startedAt, Instant finishedAt,
                            String error) {
    }

    /**
     * Test RMSE at one horizon step, recursive from every test origin that has an actual {@code step} rows ahead;
     * {@code baselines} maps a baseline's name to its RMSE at the same origins and step.
     */
    public record HorizonStep(int step, int count, double rmse, Map<String, Double> baselines) {
    }

    /**
     * How often the actual test values fell inside the split-conformal band of {@code level} percent, over the
     * {@code intervals} (origin, step) pairs whose step had a band: {@code observed} is a share in [0, 1] (0.8 meets
     * a nominal 80), null when no step had a band.
     */
    public record IntervalCoverage(double level, Double observed, int intervals) {
    }

    /**
     * One model of a version scored on the experiment's test rows: {@code model} is "trial" or "refit"; one step
     * ahead (RMSE, MAE, MASE, sMAPE, skill against seasonal naive on {@code testRows} rows), per horizon step
     * ({@code horizon}) and the intervals' coverage ({@code coverage}).
     */
    public record VersionEvaluation(String model, Double testRmse, Double testMae, Double testMase, Double testSmape,
                                    Double testSkill, Integer testRows, List<HorizonStep> horizon,
                                    List<IntervalCoverage> coverage, Instant evaluatedAt) {
    }

    /** The last rows of a version's series (its dataset's target), for charts before a forecast. */
    public record SeriesTail(String timeColumn, String target, List<String> times, List<Double> values) {
    }

    /** An exported version: a zip file's suggested name and its bytes. */
    public record ModelExport(String fileName, byte[] zip) {
    }

    /** The body of PUT /api/models/{name}/aliases/champion. */
    public record AliasRequest(Integer version) {
    }

    /**
     * A forecast request: {@code horizon} steps (1..max-horizon), interval {@code levels} in percent (default 80, 95),
     * {@code history} rows ({@code time} and every input column) appended to the dataset's series or replacing it
     * ({@code replace}), and for a model with extra input columns their {@code future} values, one row per step.
     */
    public record ForecastRequest(Integer horizon, List<Double> levels, List<Map<String, Object>> history,
                                  Boolean replace, List<Map<String, Object>> future) {
    }

    /**
     * One forecast step: its time label, the recursive forecast, and the split-conformal bounds per level (null where
     * the {@code calibrationErrors} of that step are too few for the level).
     */
    public record ForecastPoint(String time, double mean, Map<String, Double> lower, Map<String, Double> upper,
                                int calibrationErrors) {
    }

    /** A forecast of a model version, made by its {@code servedBy} model ("trial" or "refit"). */
    public record ForecastAnswer(String model, int version, String servedBy, List<ForecastPoint> forecast) {
    }

    /**
     * Filter of the experiment history; null or blank fields match everything.
     *
     * @param name      case-insensitive substring of the experiment name
     * @param dataset   exact dataset name
     * @param state     RUNNING, COMPLETED or CANCELLED
     * @param createdBy exact owner
     */
    public record ExperimentFilter(String name, String dataset, String state, String createdBy) {
        public static final ExperimentFilter ALL = new ExperimentFilter(null, null, null, null);
    }

    /** One sort key of a grid; {@code field} must be in the service's allow-list. */
    public record SortOrder(String field, boolean descending) {
    }

    /** A trial reduced to what the experiment's charts plot (optimisation history, RMSE per parameter...). */
    public record TrialPoint(long id, int number, String state, JsonNode params, Double valRmse) {
    }

    /** A CSV parsed but not stored, for the upload preview: its columns and first rows. */
    public record DatasetPreview(String timeColumn, List<String> numericColumns, int rows, List<String> header,
                                 List<List<String>> firstRows) {
    }

    /** A training worker as it registered itself; {@code trialId} is what it trains now, if anything. */
    public record WorkerView(String id, String host, String backend, String device, Instant startedAt,
                             Instant lastHeartbeatAt, Long trialId) {
    }
}
