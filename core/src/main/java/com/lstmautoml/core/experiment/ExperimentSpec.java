package com.lstmautoml.core.experiment;

import com.lstmautoml.core.pruners.Pruners;
import com.lstmautoml.core.space.SearchSpace;
import com.lstmautoml.core.training.SplitFractions;

import java.util.List;

/**
 * A validated experiment request: what the API's POST /api/experiments and the dashboard's form both produce.
 * Dataset and column existence are checked by the service that knows the datasets. {@code pruner} is a name of
 * {@link Pruners} ({@code none}, {@code median}, {@code asha}).
 */
public record ExperimentSpec(String name, String dataset, String target, List<String> features, String strategy,
                             int maxTrials, int parallelism, int maxEpochs, int patience, long seed,
                             SplitFractions split, SearchSpace searchSpace, String pruner) {

    public static final int DEFAULT_MAX_TRIALS = 20;
    public static final int DEFAULT_PARALLELISM = 2;
    public static final int DEFAULT_MAX_EPOCHS = 100;
    public static final int DEFAULT_PATIENCE = 10;
    public static final long DEFAULT_SEED = 42;
    public static final String DEFAULT_STRATEGY = "random";
    /** See {@link com.lstmautoml.core.pruners.Pruners}. */
    public static final String DEFAULT_PRUNER = Pruners.DEFAULT;
    public static final int NAME_MAX_LENGTH = 200;

    public ExperimentSpec {
        features = List.copyOf(features);
    }
}
