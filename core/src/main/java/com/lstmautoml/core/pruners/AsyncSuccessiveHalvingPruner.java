package com.lstmautoml.core.pruners;

/**
 * Asynchronous successive halving (ASHA, as Optuna's {@code SuccessiveHalvingPruner}). Rungs are at
 * {@code minEpochs · reductionFactor^k} epochs trained (k = 0, 1, ...; defaults 3, 9, 27, 81, ...). When a trial has
 * trained exactly a rung's number of epochs, it continues only if its validation RMSE there is among the best
 * {@code max(1, n / reductionFactor)} of the n RMSEs recorded at that epoch so far, its own included (ties continue);
 * otherwise it is pruned. Between rungs it is never pruned. A NaN or infinite RMSE at a rung is pruned.
 */
public final class AsyncSuccessiveHalvingPruner implements Pruner {

    public static final String NAME = "asha";
    public static final int DEFAULT_MIN_EPOCHS = 3;
    public static final int DEFAULT_REDUCTION_FACTOR = 3;

    private final int minEpochs;
    private final int reductionFactor;

    public AsyncSuccessiveHalvingPruner() {
        this(DEFAULT_MIN_EPOCHS, DEFAULT_REDUCTION_FACTOR);
    }

    public AsyncSuccessiveHalvingPruner(int minEpochs, int reductionFactor) {
        if (minEpochs < 1 || reductionFactor < 2) {
            throw new IllegalArgumentException("minEpochs must be at least 1 and reductionFactor at least 2, got "
                    + minEpochs + " and " + reductionFactor);
        }
        this.minEpochs = minEpochs;
        this.reductionFactor = reductionFactor;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** True when {@code epoch + 1} epochs trained is a rung: {@code minEpochs · reductionFactor^k}. */
    @Override
    public boolean decidesAt(int epoch) {
        long trained = (long) epoch + 1;
        if (trained < minEpochs || trained % minEpochs != 0) {
            return false;
        }
        long q = trained / minEpochs;
        while (q % reductionFactor == 0) {
            q /= reductionFactor;
        }
        return q == 1;
    }

    @Override
    public boolean shouldPrune(int epoch, double value, double bestSoFar, IntermediateValues others) {
        if (!decidesAt(epoch)) {
            return false;
        }
        if (!Double.isFinite(value)) {
            return true;
        }
        double[] competing = others.atEpoch(); // ascending, finite
        int n = competing.length + 1;
        int promotable = Math.max(1, n / reductionFactor);
        // the promotable-th lowest of competing ∪ {value}: value continues iff fewer than promotable others beat it
        int better = 0;
        for (double v : competing) {
            if (v < value) {
                better++;
            }
        }
        return better >= promotable;
    }

    @Override
    public String toString() {
        return "AsyncSuccessiveHalvingPruner[minEpochs=" + minEpochs + ", reductionFactor=" + reductionFactor + "]";
    }
}
