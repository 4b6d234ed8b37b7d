package com.lstmautoml.core.experiment;

import com.lstmautoml.core.space.SpaceLimits;

/**
 * Caps on one experiment, so a single request cannot exhaust the service. Configured in the backend
 * ({@code automl.limits.*}).
 */
public record ExperimentLimits(int maxTrials, int maxParallelism, int maxEpochs, SpaceLimits space) {

    public static final ExperimentLimits DEFAULT = new ExperimentLimits(1000, 64, 1000, SpaceLimits.DEFAULT);
}
