package com.lstmautoml.core.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The shapes the services hand out: JSON of the REST API and models of the dashboard (entities never leave the service layer). */
public final class ApiDtos {

    private ApiDtos() {
    }

    public record ColumnSummary(String name, double min, double max, double mean) {
    }

    public record DatasetView(long id, String name, String timeColumn, int rows, String firstTime, String lastTime,
                              List<ColumnSummary> columns, String createdBy, Instant createdAt) {
    }

    public record Split(double train, double validation, double test) {
    }

    public record TrialBrief(long id, int number, String state, JsonNode params, Double valRmse, Double trainRmse) {
    }

    public record ExperimentView(long id, String name, String dataset, String target, List<String> features,
                                 String strategy, String state, int maxTrials, int parallelism, int maxEpochs,
                                 int patience, long seed, Split split, JsonNode searchSpace, String createdBy,
                                 Instant createdAt, Instant finishedAt, int trialsCreated, long trialsFinished,
                                 Map<String, Long> trialCounts, TrialBrief bestTrial, TrialBrief promotedTrial) {
    }

    public record TrialView(long id, long experimentId, int number, String state, JsonNode params, Double valRmse,
                            Double trainRmse, Integer epochsRun, Integer bestEpoch, String stopReason,
                            Double durationSeconds, String workerId, int attempt, String error,
                            List<String> attemptErrors, Instant queuedAt, Instant startedAt, Instant finishedAt) {
    }

    public record EpochPoint(int epoch, double trainLoss, double valLoss) {
    }

    public record Predictions(List<String> times, double[] actual, double[] predicted) {
    }

    public record TrialDetail(TrialView trial, JsonNode modelConfig, List<EpochPoint> curve,
                              Predictions validation, JsonNode preprocessing) {
    }

    public record Page<T>(List<T> items, int page, int size, long total) {
    }

    public record PromoteRequest(Long trialId) {
    }

    /** A training worker as it registered itself; {@code trialId} is what it trains now, if anything. */
    public record WorkerView(String id, String host, String backend, String device, Instant startedAt,
                             Instant lastHeartbeatAt, Long trialId) {
    }
}
