package com.lstmautoml.backend.service;

import com.lstmautoml.backend.config.Json;
import com.lstmautoml.backend.domain.Dataset;
import com.lstmautoml.backend.domain.DatasetColumn;
import com.lstmautoml.backend.domain.Experiment;
import com.lstmautoml.backend.domain.Trial;
import com.lstmautoml.core.api.ApiDtos;
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

    static ApiDtos.DatasetView dataset(Dataset d) {
        List<ApiDtos.ColumnSummary> columns = d.columns.stream().map(ViewMapper::column).toList();
        return new ApiDtos.DatasetView(d.id, d.name, d.timeColumn, d.rowCount, d.timeValues[0],
                d.timeValues[d.timeValues.length - 1], columns, d.createdBy, d.createdAt);
    }

    private static ApiDtos.ColumnSummary column(DatasetColumn c) {
        var stats = Arrays.stream(c.values).summaryStatistics();
        return new ApiDtos.ColumnSummary(c.name, stats.getMin(), stats.getMax(), stats.getAverage());
    }

    static ApiDtos.ExperimentView experiment(Experiment e, Map<TrialState, Long> counts, Trial best, Trial promoted,
                                            Double etaSeconds) {
        Map<String, Long> byName = new LinkedHashMap<>();
        counts.forEach((k, v) -> byName.put(k.name(), v));
        long finished = counts.entrySet().stream().filter(x -> x.getKey().isFinal()).mapToLong(Map.Entry::getValue)
                .sum();
        return new ApiDtos.ExperimentView(e.id, e.name, e.dataset.name, e.target, List.of(e.features), e.strategy,
                e.state.name(), e.maxTrials, e.parallelism, e.maxEpochs, e.patience, e.seed,
                new ApiDtos.Split(e.trainFraction, e.valFraction, 1 - e.trainFraction - e.valFraction),
                Json.tree(e.searchSpace), e.createdBy, e.createdAt, e.finishedAt, e.trialsCreated, finished, byName,
                brief(best), brief(promoted), etaSeconds, e.pruner);
    }

    static ApiDtos.TrialBrief brief(Trial t) {
        return t == null ? null
                : new ApiDtos.TrialBrief(t.id, t.number, t.state.name(), Json.tree(t.params), t.valRmse, t.trainRmse);
    }

    static ApiDtos.TrialView trial(Trial t, Instant now) {
        Double duration = t.startedAt == null ? null
                : Duration.between(t.startedAt, t.finishedAt != null ? t.finishedAt : now).toMillis() / 1000.0;
        return new ApiDtos.TrialView(t.id, t.experimentId, t.number, t.state.name(), Json.tree(t.params), t.valRmse,
                t.trainRmse, t.epochsRun, t.bestEpoch, t.stopReason, duration, t.workerId, t.attempt, t.error,
                List.of(t.attemptErrors), t.queuedAt, t.startedAt, t.finishedAt);
    }
}
