package com.lstmautoml.core.api;

import com.fasterxml.jackson.databind.JsonNode;

/** Experiments as the REST API and the dashboard use them: one set of rules for both. */
public interface Experiments {

    /**
     * Validates an experiment request (the JSON body of POST /api/experiments), stores it in the caller's team
     * (role member or higher) and queues its first trials.
     *
     * @throws com.lstmautoml.core.validation.ValidationException with one error per field to fix
     */
    ApiDtos.ExperimentView create(Caller caller, JsonNode request);

    /**
     * Validates an experiment request like {@link #create} without storing anything (the dashboard's form shows
     * these errors at its fields before submit).
     *
     * @throws com.lstmautoml.core.validation.ValidationException with one error per field to fix
     */
    void validate(Caller caller, JsonNode request);

    /** Sort keys {@link #history(ApiDtos.ExperimentFilter, java.util.List, int, int)} accepts. */
    java.util.Set<String> HISTORY_SORTS = java.util.Set.of("createdAt", "name", "dataset", "strategy", "state",
            "createdBy", "maxTrials");

    /**
     * Sort keys the trial queries accept; {@code rank} (the default) is the ranking: COMPLETED trials by validation
     * RMSE, then PRUNED ones (those that trained further first, then by RMSE), then the rest.
     */
    java.util.Set<String> TRIAL_SORTS = java.util.Set.of("rank", "valRmse", "trainRmse", "number", "state", "epochsRun",
            "startedAt", "finishedAt");

    /** The history of the caller's team, newest first. */
    ApiDtos.Page<ApiDtos.ExperimentView> history(Caller caller, int page, int size);

    /**
     * A slice of the history, filtered and sorted in the database (for lazy grids).
     *
     * @param sort keys of {@link #HISTORY_SORTS}; empty means newest first
     */
    java.util.List<ApiDtos.ExperimentView> history(Caller caller, ApiDtos.ExperimentFilter filter, java.util.List<ApiDtos.SortOrder> sort,
                                              int offset, int limit);

    /** A page of the filtered, sorted history with the number of experiments that match (the REST API's shape). */
    ApiDtos.Page<ApiDtos.ExperimentView> historyPage(Caller caller, ApiDtos.ExperimentFilter filter,
                                                     java.util.List<ApiDtos.SortOrder> sort, int page, int size);

    /** How many experiments match the filter. */
    long count(Caller caller, ApiDtos.ExperimentFilter filter);

    /** Distinct owners, for the history's filter. */
    java.util.List<String> owners(Caller caller);

    /** @throws NotFoundException when there is no such experiment in the caller's teams */
    ApiDtos.ExperimentView get(Caller caller, long id);

    /**
     * Queued trials are cancelled now, running ones stop at their next heartbeat. Members cancel their own
     * experiments, admins any of the team's.
     */
    ApiDtos.ExperimentView cancel(Caller caller, long id);

    /**
     * Promotes a completed trial's model (team admins); {@code trialId} null means the best completed trial.
     *
     * @throws ConflictException when there is no completed trial (or the given one is not completed)
     */
    ApiDtos.ExperimentView promote(Caller caller, long id, Long trialId);

    /**
     * Promotes like {@link #promote(Caller, long, Long)} and creates the next version of the registered model
     * {@code model} of the caller's team (null: {@code <dataset>-<target>}, lower-case), created on first use; the
     * alias {@code champion} moves to the new version. All or nothing.
     *
     * @throws com.lstmautoml.core.validation.ValidationException at {@code model} for a name that breaks the pattern
     */
    default ApiDtos.Promotion promote(Caller caller, long id, Long trialId, String model) {
        return promote(caller, id, trialId, model, true);
    }

    /**
     * Promotes as {@link #promote(Caller, long, Long, String)}; with {@code refit} it also queues a refit job: a worker
     * retrains the trial's configuration on train + validation for its best epoch count, and the version serves the
     * refit model once it is ready (the trial's own until then, or for good when the refit fails).
     */
    ApiDtos.Promotion promote(Caller caller, long id, Long trialId, String model, boolean refit);

    /**
     * A page of the experiment's trials sorted in the database.
     *
     * @param sort an allowed field ({@code valRmse}, {@code trainRmse}, {@code number}, ...), '-' prefix for descending
     */
    ApiDtos.Page<ApiDtos.TrialView> trials(Caller caller, long experimentId, String sort, int page, int size);

    /**
     * A slice of the experiment's trials sorted in the database (for lazy grids); trials without the sort value come
     * last, ties by trial number.
     *
     * @param sort keys of {@link #TRIAL_SORTS}; empty means best validation RMSE first
     */
    java.util.List<ApiDtos.TrialView> trials(Caller caller, long experimentId,
                                             java.util.List<ApiDtos.SortOrder> sort, int offset, int limit);

    /** Every trial of the experiment as a chart point, by trial number. */
    java.util.List<ApiDtos.TrialPoint> trialPoints(Caller caller, long experimentId);
}
