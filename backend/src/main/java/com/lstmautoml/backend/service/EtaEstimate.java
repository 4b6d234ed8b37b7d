package com.lstmautoml.backend.service;

import com.lstmautoml.backend.domain.ExperimentState;

/**
 * The time left of a running experiment, deliberately simple:
 *
 * <pre>
 *   remaining = (queueingStopped ? trialsCreated : maxTrials) − finalTrials         (not below 0)
 *   lanes     = max(1, min(parallelism, distinct workers seen on the experiment's trials))
 *   eta       = remaining × mean duration of its finished trials / lanes             (seconds)
 *   eta       = min(eta, budget left + mean duration)                                 (with a time budget)
 * </pre>
 *
 * where the mean is over its COMPLETED, PRUNED and FAILED trials that have both started_at and finished_at, and
 * {@code finalTrials} counts its trials in a final state (COMPLETED, PRUNED, FAILED, CANCELLED: none of them will
 * run again), and {@code queueingStopped} tells that the scheduler queues no more trials (it has a stop reason: all
 * trials queued, space exhausted, time budget spent). Trials running now count as whole remaining trials (no credit
 * for the epochs they did already). With a time budget, no trial starts after it, so the search ends at most about one
 * trial's duration after it.
 * Unknown (null) unless the experiment is RUNNING and at least one finished trial has a duration.
 */
public final class EtaEstimate {

    private EtaEstimate() {
    }

    /**
     * @param meanDurationSeconds mean duration of the finished trials with both timestamps; null when there is none
     * @param workersSeen         distinct worker ids on the experiment's trials
     * @param budgetLeftSeconds   seconds until the time budget runs out (0 once it has); null without a budget
     * @return seconds left, or null when unknown or the experiment is not RUNNING
     */
    public static Double seconds(ExperimentState state, int maxTrials, int trialsCreated, boolean queueingStopped,
                                 long finalTrials, Double meanDurationSeconds, int parallelism, long workersSeen,
                                 Double budgetLeftSeconds) {
        if (state != ExperimentState.RUNNING || meanDurationSeconds == null || meanDurationSeconds.isNaN()) {
            return null;
        }
        long remaining = Math.max(0, (queueingStopped ? trialsCreated : maxTrials) - finalTrials);
        long lanes = Math.max(1, Math.min(parallelism, workersSeen));
        double eta = remaining * meanDurationSeconds / lanes;
        return budgetLeftSeconds == null ? eta : Math.min(eta, budgetLeftSeconds + meanDurationSeconds);
    }
}
