package com.lstmautoml.core.space;

/**
 * Server-side caps on a search space (configurable per deployment).
 *
 * @param maxUnits     largest LSTM width allowed
 * @param maxLayers    largest number of stacked LSTM layers allowed
 * @param maxLookBack  longest window allowed
 * @param maxBatchSize largest minibatch allowed
 */
public record SpaceLimits(int maxUnits, int maxLayers, int maxLookBack, int maxBatchSize) {

    /** 1024 units, 8 layers, look-back 512, batch 4096. */
    public static final SpaceLimits DEFAULT = new SpaceLimits(1024, 8, 512, 4096);

    /**
     * Largest grid (number of combinations) that grid search accepts. Arbiter's grid generator enumerates its
     * candidate indices in memory, and no LSTM study runs anywhere near this many trials anyway.
     */
    public static final long MAX_GRID_SIZE = 100_000;

    public SpaceLimits {
        if (maxUnits < 1 || maxLayers < 1 || maxLookBack < 1 || maxBatchSize < 1) {
            throw new IllegalArgumentException("space limits must be at least 1, got " + maxUnits + ", " + maxLayers
                    + ", " + maxLookBack + ", " + maxBatchSize);
        }
    }
}
