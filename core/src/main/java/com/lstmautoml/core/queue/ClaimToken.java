package com.lstmautoml.core.queue;

import java.util.Objects;

/**
 * The fencing token of one claim. Every write a worker makes for the trial is conditioned on
 * {@code id = trialId AND attempt = attempt AND state = 'RUNNING'}; once the lease was rescued (the trial went back to
 * QUEUED, or was claimed again with a higher attempt) the token no longer matches and the write is rejected.
 *
 * @param trialId  the trial
 * @param attempt  {@code trial.attempt} as set by the claim (1 for the first claim)
 * @param workerId the worker that claimed it (for logs and messages; the fence is trial id + attempt)
 */
public record ClaimToken(long trialId, int attempt, String workerId) {

    public ClaimToken {
        Objects.requireNonNull(workerId, "workerId");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1, got " + attempt);
        }
    }

    @Override
    public String toString() {
        return "trial " + trialId + " attempt " + attempt + " (worker " + workerId + ")";
    }
}
