package com.lstmautoml.core.api;

import com.fasterxml.jackson.databind.JsonNode;

/** Experiments as the REST API and the dashboard use them: one set of rules for both. */
public interface Experiments {

    /**
     * Validates an experiment request (the JSON body of POST /api/experiments), stores it and queues its first
     * trials.
     *
     * @throws com.lstmautoml.core.validation.ValidationException with one error per field to fix
     */
    ApiDtos.ExperimentView create(JsonNode request, String createdBy);

    /** The shared history, newest first. */
    ApiDtos.Page<ApiDtos.ExperimentView> history(int page, int size);

    /** @throws NotFoundException when there is no such experiment */
    ApiDtos.ExperimentView get(long id);

    /** Queued trials are cancelled now, running ones stop at their next heartbeat. */
    ApiDtos.ExperimentView cancel(long id);

    /**
     * Promotes a completed trial's model; {@code trialId} null means the best completed trial.
     *
     * @throws ConflictException when there is no completed trial (or the given one is not completed)
     */
    ApiDtos.ExperimentView promote(long id, Long trialId);

    /**
     * A page of the experiment's trials sorted in the database.
     *
     * @param sort an allowed field ({@code valRmse}, {@code trainRmse}, {@code number}, ...), '-' prefix for descending
     */
    ApiDtos.Page<ApiDtos.TrialView> trials(long experimentId, String sort, int page, int size);
}
