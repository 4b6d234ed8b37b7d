package com.lstmautoml.ui.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.ApiDtos.BaselineView;
import com.lstmautoml.core.api.ApiDtos.ColumnSummary;
import com.lstmautoml.core.api.ApiDtos.DatasetView;
import com.lstmautoml.core.api.ApiDtos.ExperimentView;
import com.lstmautoml.core.api.ApiDtos.Split;
import com.lstmautoml.core.api.ApiDtos.TrialBrief;
import com.lstmautoml.core.api.ApiDtos.TrialView;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.ExperimentOptions;
import com.lstmautoml.core.api.Role;
import com.lstmautoml.ui.security.CurrentCaller;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Canned views for the fakes and tests. */
public final class Fixtures {

    public static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** The fixture team every fixture caller acts in. */
    public static final long TEAM = 10;

    /** "ann" (who created the fixture experiments and datasets) with {@code role} in the fixture team. */
    public static Caller caller(Role role) {
        return caller("ann", role);
    }

    public static Caller caller(String username, Role role) {
        return Caller.of("ann".equals(username) ? 1 : 2, username, TEAM, "forecasting", role, null);
    }

    /** A CurrentCaller that always answers {@code caller} (what the views get in tests). */
    public static CurrentCaller current(Caller caller) {
        return () -> caller;
    }

    public static final CurrentCaller ANN_ADMIN = current(caller(Role.ADMIN));

    /** The views' "now" in tests. */
    public static final java.time.Clock CLOCK = java.time.Clock.fixed(Instant.parse("2024-06-01T12:00:00Z"),
            java.time.ZoneOffset.UTC);

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('`', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    public static DatasetView dataset(String name, int rows, String... columns) {
        return new DatasetView(1, name, "Month", rows, "1949-01", "1960-12",
                java.util.Arrays.stream(columns).map(c -> new ColumnSummary(c, 0, 1, 0.5)).toList(), "ann",
                Instant.parse("2024-01-01T00:00:00Z"), ApiDtos.TABLE, null);
    }

    /** A text dataset of these figures (kind text: no time column, no columns, its rows are its characters). */
    public static DatasetView textDataset(String name, ApiDtos.TextSummary text) {
        return new DatasetView(2, name, null, text.characters(), null, null, List.of(), "ann",
                Instant.parse("2024-01-02T00:00:00Z"), ApiDtos.TEXT, text);
    }

    /** A text dataset of {@code characters} characters. */
    public static DatasetView textDataset(String name, int characters) {
        int train = characters * 8 / 10;
        int validation = characters / 10;
        return textDataset(name, new ApiDtos.TextSummary(characters, characters, 65, train, validation,
                characters - train - validation, "First Citizen:\nBefore we proceed any further, hear me speak."));
    }

    /** The search space of the fixture text experiment. */
    public static final String TEXT_SPACE = """
            {"units": {"type":"choice","values":[64,128]},
             "layers": {"type":"int","min":1,"max":2},
             "dropout": {"type":"float","min":0.0,"max":0.2,"log":false,"step":0.1},
             "batchSize": {"type":"choice","values":[32]},
             "learningRate": {"type":"float","min":0.001,"max":0.01,"log":true},
             "sequenceLength": {"type":"choice","values":[50,100]},
             "tbpttLength": {"type":"choice","values":[25,50]}}""";

    /** A text experiment's one baseline: the character n-gram, in bits per character (2.577 / 2.61). */
    public static final BaselineView NGRAM = new BaselineView("character n-gram",
            "interpolated Kneser-Ney, order 5", 2.577, null, null, null, 2.61, null, null, null, null, null);

    /** A generation experiment on the text dataset "shakespeare", its best trial at 2.3 bits per character. */
    public static ExperimentView textExperiment(long id, String name, String state, TrialBrief promoted) {
        return new ExperimentView(id, name, "shakespeare", ExperimentOptions.TEXT_TARGET, List.of(), "random", state,
                10, 2, 30, 3, 42, new Split(0.8, 0.1, 0.1), json(TEXT_SPACE), "ann",
                Instant.parse("2024-02-01T10:00:00Z"), null, 3, 2, Map.of("COMPLETED", 2L, "RUNNING", 1L),
                textBrief(21, 2, 2.3, null), promoted, 60.0,
                json("{`type`:`asha`,`minEpochs`:3,`reductionFactor`:3,`bootstrapCount`:0}"), 1, 1, null, null,
                List.of(NGRAM), false, null, null, 1, ExperimentOptions.GENERATE_TASK);
    }

    /** A generation trial in brief: bits per character, no MAE, MASE, sMAPE or skill. */
    public static TrialBrief textBrief(long id, int number, double valBits, Double testBits) {
        return new TrialBrief(id, number, "COMPLETED", json("{`units`:128,`sequenceLength`:100}"), valBits,
                valBits * 0.9, null, null, null, null, testBits, null, null, null, null);
    }

    /** A generation trial of experiment {@code experimentId}: bits per character, a text's hyperparameters. */
    public static TrialView textTrial(long id, long experimentId, int number, String state, Double valBits) {
        return new TrialView(id, experimentId, number, state, json("{`units`:128,`layers`:2,`dropout`:0.1,"
                + "`batchSize`:32,`learningRate`:0.002,`sequenceLength`:100,`tbpttLength`:50}"), valBits,
                valBits == null ? null : valBits * 0.9, valBits == null ? null : 12, valBits == null ? null : 9,
                valBits == null ? null : "PATIENCE", 80.0, "w-1", 1, null, List.of(), null, null, null, null, null,
                null, null, null, null, null, null, null, valBits == null ? null : List.of(valBits), null);
    }

    public static final String SPACE = """
            {"units": {"type":"int","min":16,"max":128,"step":16},
             "layers": {"type":"int","min":1,"max":3},
             "lookBack": {"type":"choice","values":[6,12,24]},
             "dropout": {"type":"float","min":0.0,"max":0.4,"log":false,"step":0.2},
             "batchSize": {"type":"choice","values":[8,16]},
             "learningRate": {"type":"float","min":0.0005,"max":0.02,"log":true},
             "transform": {"type":"choice","values":["none"]}, "difference": {"type":"choice","values":[0]},
             "scaler": {"type":"choice","values":["minmax"]}}""";

    /** MASE's denominator of the fixture experiment (seasonal naive's in-sample MAE). */
    public static final double MASE_SCALE = 17.5;

    private static final String SEASONAL_NAIVE = "seasonal naive";
    private static final double SN_VAL = 31.04;
    private static final double SN_TEST = 50.89;

    /**
     * The baselines of the fixture experiment: the validation and test RMSEs of FORECASTING.md's AirPassengers table
     * (naive 45.56 / 52.68, seasonal naive 31.04 / 50.89, Holt-Winters 20.98 / 16.02), MAE at 80 % of the RMSE.
     */
    public static final List<BaselineView> BASELINES = List.of(
            baseline("naive", "y[t-1]", 45.56, 52.68),
            baseline(SEASONAL_NAIVE, "y[t-12]", 31.04, 50.89),
            baseline("Holt-Winters", "additive trend, multiplicative season (alpha 0.25, beta 0.01, gamma 0.7)",
                    20.98, 16.02));

    public static BaselineView baseline(String name, String description, double valRmse, double testRmse) {
        return new BaselineView(name, description, valRmse, valRmse * 0.8, valRmse * 0.8 / MASE_SCALE, valRmse / 4,
                testRmse, testRmse * 0.8, testRmse * 0.8 / MASE_SCALE, testRmse / 4, 1 - valRmse / SN_VAL,
                1 - testRmse / SN_TEST);
    }

    /** A trial in brief with validation metrics derived from its RMSE; test metrics only when {@code testRmse} is set. */
    public static TrialBrief brief(long id, int number, double valRmse, Double testRmse) {
        return new TrialBrief(id, number, "COMPLETED", json("{`units`:32}"), valRmse, valRmse * 0.85, valRmse * 0.8,
                valRmse * 0.8 / MASE_SCALE, valRmse / 4, 1 - valRmse / SN_VAL, testRmse,
                testRmse == null ? null : testRmse * 0.8, testRmse == null ? null : testRmse * 0.8 / MASE_SCALE,
                testRmse == null ? null : testRmse / 4, testRmse == null ? null : 1 - testRmse / SN_TEST);
    }

    public static ExperimentView experiment(long id, String name, String state) {
        return experiment(id, name, state, null);
    }

    /** The fixture experiment (season 12 from the time column, the three baselines) with this promoted trial. */
    public static ExperimentView experiment(long id, String name, String state, TrialBrief promoted) {
        return new ExperimentView(id, name, "airline-passengers", "Passengers", List.of("Temp"), "random", state, 30, 3,
                60, 7, 123456789012L, new Split(0.6, 0.2, 0.2), json(SPACE), "ann",
                Instant.parse("2024-02-01T10:00:00Z"), null, 5, 3, Map.of("COMPLETED", 3L, "RUNNING", 2L),
                brief(11, 2, 21.5, null), promoted, 120.0, json("{`type`:`median`,`startupTrials`:5,`warmupEpochs`:5}"), 20, 12,
                "time column", MASE_SCALE, BASELINES, false, null, null, 1, ExperimentOptions.FORECAST_TASK);
    }

    /** The experiment {@code e} with {@code k} validation windows. */
    public static ExperimentView withWindows(ExperimentView e, int k) {
        return new ExperimentView(e.id(), e.name(), e.dataset(), e.target(), e.features(), e.strategy(), e.state(),
                e.maxTrials(), e.parallelism(), e.maxEpochs(), e.patience(), e.seed(), e.split(), e.searchSpace(),
                e.createdBy(), e.createdAt(), e.finishedAt(), e.trialsCreated(), e.trialsFinished(), e.trialCounts(),
                e.bestTrial(), e.promotedTrial(), e.etaSeconds(), e.pruner(), e.minEpochs(), e.seasonality(),
                e.seasonalitySource(), e.maseScale(), e.baselines(), e.tpeMultivariate(), e.timeBudget(),
                e.stopReason(), k, e.task());
    }

    /** The trial {@code t} finished with these validation windows' RMSEs (its val RMSE their mean) and spread. */
    public static TrialView withWindows(TrialView t, List<Double> windows, Double sd) {
        double mean = windows.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return new TrialView(t.id(), t.experimentId(), t.number(), t.state(), t.params(), mean, t.trainRmse(),
                t.epochsRun(), t.bestEpoch(), t.stopReason(), t.durationSeconds(), t.workerId(), t.attempt(),
                t.error(), t.attemptErrors(), t.queuedAt(), t.startedAt(), t.finishedAt(), t.valMae(), t.valMase(),
                t.valSmape(), t.valSkill(), t.testRmse(), t.testMae(), t.testMase(), t.testSmape(), t.testSkill(),
                windows, sd);
    }

    public static TrialView trial(long id, int number, String state, Double valRmse) {
        return new TrialView(id, 1, number, state, json("{`units`:32,`layers`:1,`lookBack`:12,`dropout`:0.1,"
                + "`batchSize`:16,`learningRate`:0.001}"), valRmse, valRmse == null ? null : valRmse * 0.9,
                valRmse == null ? null : 20, valRmse == null ? null : 12, valRmse == null ? null : "PATIENCE", 12.5,
                "w-1", 1, "FAILED".equals(state) ? "out of memory" : null, List.of(), null, null, null,
                valRmse == null ? null : valRmse * 0.8, valRmse == null ? null : valRmse * 0.8 / MASE_SCALE,
                valRmse == null ? null : valRmse / 4, valRmse == null ? null : 1 - valRmse / SN_VAL,
                null, null, null, null, null, valRmse == null ? null : List.of(valRmse), null);
    }
}
