package com.lstmautoml.core.queue;

import com.lstmautoml.core.trial.TrialParams;

import java.time.Instant;

/**
 * A trial a worker has just claimed.
 *
 * @param trialId        trial id
 * @param experimentId   its experiment
 * @param number         its number within the experiment
 * @param attempt        this claim's attempt (1 for the first claim); the fencing token
 * @param workerId       the claiming worker
 * @param paramsJson     {@code trial.params} as stored (JSON of {@link TrialParams})
 * @param modelConfig    {@code trial.model_config} (DL4J configuration JSON)
 * @param leaseExpiresAt when the lease runs out unless extended by a heartbeat or epoch report
 * @param refitEpochs    0 for a search trial; for a refit job (kind 'REFIT'), the epochs to train on train +
 *                       validation without early stopping
 */
public record ClaimedTrial(long trialId, long experimentId, int number, int attempt, String workerId,
                           String paramsJson, String modelConfig, Instant leaseExpiresAt, int refitEpochs) {

    /** A search trial. */
    public ClaimedTrial(long trialId, long experimentId, int number, int attempt, String workerId,
                        String paramsJson, String modelConfig, Instant leaseExpiresAt) {
        this(trialId, experimentId, number, attempt, workerId, paramsJson, modelConfig, leaseExpiresAt, 0);
    }

    /** Whether this is a refit job rather than a search trial. */
    public boolean refit() {
        return refitEpochs > 0;
    }

    /** The token to send with every later write for this claim. */
    public ClaimToken token() {
        return new ClaimToken(trialId, attempt, workerId);
    }

    /**
     * The parsed hyperparameters.
     *
     * @throws IllegalArgumentException when the stored JSON is not a valid {@link TrialParams}
     */
    public TrialParams params() {
        return TrialParamsJson.parse(paramsJson);
    }
}
