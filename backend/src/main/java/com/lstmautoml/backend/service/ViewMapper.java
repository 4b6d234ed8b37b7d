package com.lstmautoml.backend.service;

import com.lstmautoml.core.text.TextCorpus;

import com.lstmautoml.backend.domain.ExperimentBaseline;
import com.lstmautoml.core.baselines.SeasonalNaiveBaseline;
import com.lstmautoml.core.evaluation.ForecastMetrics;
import com.lstmautoml.backend.config.Json;
import com.lstmautoml.backend.domain.Dataset;
import com.lstmautoml.backend.domain.DatasetColumn;
import com.lstmautoml.backend.domain.Experiment;
import com.lstmautoml.backend.domain.Trial;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.pruners.Pruners;
import com.lstmautoml.core.trial.TrialState;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Entity → service view, inside the services' transactions. */
final class ViewMapper {

    private ViewMapper() {
    }

    /** A table's view; a text's, with its {@code text} summary (null for a table). */
    static ApiDtos.DatasetView dataset(Dataset d, ApiDtos.TextSummary text) {
        if (d.isText()) {
            return new ApiDtos.DatasetView(d.id, d.name, null, d.rowCount, null, null, List.of(), d.createdBy,
                    d.createdAt, d.kind, text);
        }
        List<ApiDtos.ColumnSummary> columns = d.columns.stream().map(ViewMapper::column).toList();
        return new ApiDtos.DatasetView(d.id, d.name, d.timeColumn, d.rowCount, d.timeValues[0],
                d.timeValues[d.timeValues.length - 1], columns, d.createdBy, d.createdAt, d.kind, null);
    }

    /** A text's figures: {@code characters} long, {@code bytes} of UTF-8, starting with {@code preview}. */
    static ApiDtos.TextSummary textSummary(int characters, int bytes, int vocabularySize, String preview) {
        int trainEnd = TextCorpus.trainEnd(characters);
        int validationEnd = TextCorpus.validationEnd(characters);
        return new ApiDtos.TextSummary(characters, bytes, vocabularySize, trainEnd, validationEnd - trainEnd,
                characters - validationEnd, preview);
    }

    private static ApiDtos.ColumnSummary column(DatasetColumn c) {
        var stats = Arrays.stream(c.values).summaryStatistics();
        return new ApiDtos.ColumnSummary(c.name, stats.getMin(), stats.getMax(), mean(c.values, stats.getAverage()));
    }

    /**
     * The mean of finite values is finite, but their sum need not be (two values of 1.79e308): then it is summed as
     * value / n, which cannot overflow. Non-finite only for an empty column or stored non-finite values (the
     * summary then says null).
     */
    static double mean(double[] values, double average) {
        if (Double.isFinite(average) || values.length == 0) {
            return average;
        }
        double mean = 0;
        for (double v : values) {
            mean += v / values.length;
        }
        return mean;
    }

    /**
     * What an experiment's scale-free metrics are relative to: MASE's denominator and seasonal naive's RMSEs on the
     * validation and test rows (the skills' reference); null where unknown (experiments from before baselines).
     */
    record Reference(Double maseScale, Double seasonalNaiveValRmse, Double seasonalNaiveTestRmse) {

        static Reference of(Experiment e, List<ExperimentBaseline> baselines) {
            ExperimentBaseline sn = baselines.stream().filter(b -> SEASONAL_NAIVE.equals(b.name)).findFirst()
                    .orElse(null);
            return new Reference(e.maseScale, sn == null ? null : sn.valRmse, sn == null ? null : sn.testRmse);
        }

        Double mase(Double mae) {
            return mae == null || maseScale == null ? null : finite(ForecastMetrics.mase(mae, maseScale));
        }

        Double valSkill(Double rmse) {
            return skill(rmse, seasonalNaiveValRmse);
        }

        Double testSkill(Double rmse) {
            return skill(rmse, seasonalNaiveTestRmse);
        }

        private static Double skill(Double rmse, Double reference) {
            return rmse == null || reference == null ? null : finite(ForecastMetrics.skill(rmse, reference));
        }
    }

    /** The name core's baselines give seasonal naive: the skills' reference. */
    static final String SEASONAL_NAIVE = SeasonalNaiveBaseline.NAME;

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static ApiDtos.BaselineView baseline(ExperimentBaseline b, Reference ref) {
        return new ApiDtos.BaselineView(b.name, b.description, b.valRmse, b.valMae, ref.mase(b.valMae), b.valSmape,
                b.testRmse, b.testMae, ref.mase(b.testMae), b.testSmape, ref.valSkill(b.valRmse),
                ref.testSkill(b.testRmse));
    }

    static ApiDtos.ExperimentView experiment(Experiment e, Map<TrialState, Long> counts, Trial best, Trial promoted,
                                            Double etaSeconds, List<ExperimentBaseline> baselines) {
        Reference ref = Reference.of(e, baselines);
        Map<String, Long> byName = new LinkedHashMap<>();
        counts.forEach((k, v) -> byName.put(k.name(), v));
        long finished = counts.entrySet().stream().filter(x -> x.getKey().isFinal()).mapToLong(Map.Entry::getValue)
                .sum();
        return new ApiDtos.ExperimentView(e.id, e.name, e.dataset.name, e.target, List.of(e.features), e.strategy,
                e.state.name(), e.maxTrials, e.parallelism, e.maxEpochs, e.patience, e.seed,
                new ApiDtos.Split(e.trainFraction, e.valFraction, 1 - e.trainFraction - e.valFraction),
                Json.tree(e.searchSpace), e.createdBy, e.createdAt, e.finishedAt, e.trialsCreated, finished, byName,
                brief(best, ref), brief(promoted, ref), etaSeconds, Pruners.toJson(e.pruner()), e.minEpochs,
                e.seasonality, e.seasonalitySource, e.maseScale, baselines.stream().map(b -> baseline(b, ref)).toList(),
                e.tpeMultivariate,
                e.timeBudget() == null ? null : e.timeBudget().toString(),
                e.stopReason == null ? null : e.stopReason.name(), e.validationWindows, e.task);
    }

    static ApiDtos.TrialBrief brief(Trial t, Reference ref) {
        return t == null ? null
                : new ApiDtos.TrialBrief(t.id, t.number, t.state.name(), Json.tree(t.params), t.valRmse, t.trainRmse,
                t.valMae, ref.mase(t.valMae), t.valSmape, ref.valSkill(t.valRmse), t.testRmse, t.testMae,
                ref.mase(t.testMae), t.testSmape, ref.testSkill(t.testRmse));
    }

    static ApiDtos.TrialView trial(Trial t, Instant now, Reference ref) {
        Double duration = t.startedAt == null ? null
                : Duration.between(t.startedAt, t.finishedAt != null ? t.finishedAt : now).toMillis() / 1000.0;
        return new ApiDtos.TrialView(t.id, t.experimentId, t.number, t.state.name(), Json.tree(t.params), t.valRmse,
                t.trainRmse, t.epochsRun, t.bestEpoch, t.stopReason, duration, t.workerId, t.attempt, t.error,
                List.of(t.attemptErrors), t.queuedAt, t.startedAt, t.finishedAt, t.valMae, ref.mase(t.valMae),
                t.valSmape, ref.valSkill(t.valRmse), t.testRmse, t.testMae, ref.mase(t.testMae), t.testSmape,
                ref.testSkill(t.testRmse), windows(t.valRmseWindows), standardDeviation(t.valRmseWindows));
    }

    /** Each window's RMSE (non-finite ones as null: JSON has no NaN), or null when none was stored. */
    private static List<Double> windows(double[] rmses) {
        return rmses == null ? null : Arrays.stream(rmses).mapToObj(ViewMapper::finite).toList();
    }

    /**
     * The spread of a trial's validation windows: the sample standard deviation (n - 1) of their RMSEs; null for
     * fewer than two windows or a non-finite RMSE.
     */
    static Double standardDeviation(double[] rmses) {
        if (rmses == null || rmses.length < 2) {
            return null;
        }
        double mean = Arrays.stream(rmses).sum() / rmses.length;
        double ss = Arrays.stream(rmses).map(r -> (r - mean) * (r - mean)).sum();
        return finite(Math.sqrt(ss / (rmses.length - 1)));
    }
}
