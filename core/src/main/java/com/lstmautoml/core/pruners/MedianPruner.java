package com.lstmautoml.core.pruners;

/**
 * Optuna's {@code MedianPruner}: prunes a trial whose best validation RMSE so far is worse (higher) than the median of
 * the other trials' RMSEs at the same epoch. It decides nothing until {@code nStartupTrials} trials are COMPLETED and
 * within the trial's first {@code nWarmupEpochs} epochs (epochs {@code 0..nWarmupEpochs-1}); nor when no other trial
 * has a value at the epoch. A trial without a finite RMSE so far is pruned (as Optuna does for NaN).
 *
 * <p>Unlike Optuna, whose median is over COMPLETED trials only, the others are every trial of the experiment with a
 * recorded RMSE at that epoch (running, pruned and finished ones): what {@code trial_epoch} holds.
 */
public final class MedianPruner implements Pruner {

    public static final String NAME = "median";
    public static final int DEFAULT_STARTUP_TRIALS = 5;
    public static final int DEFAULT_WARMUP_EPOCHS = 5;

    private final int nStartupTrials;
    private final int nWarmupEpochs;

    public MedianPruner() {
        this(DEFAULT_STARTUP_TRIALS, DEFAULT_WARMUP_EPOCHS);
    }

    public MedianPruner(int nStartupTrials, int nWarmupEpochs) {
        if (nStartupTrials < 0 || nWarmupEpochs < 0) {
            throw new IllegalArgumentException("nStartupTrials and nWarmupEpochs must not be negative, got "
                    + nStartupTrials + " and " + nWarmupEpochs);
        }
        this.nStartupTrials = nStartupTrials;
        this.nWarmupEpochs = nWarmupEpochs;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean decidesAt(int epoch) {
        return epoch >= nWarmupEpochs;
    }

    @Override
    public boolean shouldPrune(int epoch, double value, double bestSoFar, IntermediateValues others) {
        if (!decidesAt(epoch) || others.completedTrials() < nStartupTrials) {
            return false;
        }
        double best = Double.isNaN(bestSoFar) ? value : Math.min(bestSoFar, value);
        if (!Double.isFinite(best)) {
            return true;
        }
        double median = others.median();
        return !Double.isNaN(median) && best > median;
    }

    @Override
    public String toString() {
        return "MedianPruner[nStartupTrials=" + nStartupTrials + ", nWarmupEpochs=" + nWarmupEpochs + "]";
    }
}
