package com.lstmautoml.core.pruners;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Optuna's {@code MedianPruner}: prunes a trial whose best validation RMSE so far is worse (higher) than the median of
 * the COMPLETED trials' RMSEs at the same epoch ({@link Peers#COMPLETED}: running, pruned, failed and cancelled trials
 * are not compared with, so the decision does not depend on which trials happen to be running). It decides nothing
 * until {@code startupTrials} trials are COMPLETED, nor within the trial's first {@code warmupEpochs} epochs (epochs
 * {@code 0..warmupEpochs-1}), nor when no completed trial has a value at the epoch (one that stopped earlier has
 * none). A trial without a finite RMSE so far is pruned (as Optuna does for NaN).
 */
public final class MedianPruner implements Pruner {

    public static final String NAME = "median";

    public static final PrunerSetting STARTUP_TRIALS = PrunerSetting.fixed("startupTrials", "startup trials",
            "COMPLETED trials before the first decision", 5, 0, 1000);
    public static final PrunerSetting WARMUP_EPOCHS = PrunerSetting.epochs("warmupEpochs", "warm-up epochs",
            "epochs a trial trains before it can be pruned", 5, 0, -1);
    /** Its settings, in the order requests show them. */
    public static final List<PrunerSetting> SETTINGS = List.of(STARTUP_TRIALS, WARMUP_EPOCHS);

    private final int startupTrials;
    private final int warmupEpochs;

    /** The defaults: 5 startup trials, 5 warm-up epochs. */
    public MedianPruner() {
        this(STARTUP_TRIALS.defaultValue(), WARMUP_EPOCHS.defaultValue());
    }

    public MedianPruner(int startupTrials, int warmupEpochs) {
        if (startupTrials < 0 || warmupEpochs < 0) {
            throw new IllegalArgumentException("startupTrials and warmupEpochs must not be negative, got "
                    + startupTrials + " and " + warmupEpochs);
        }
        this.startupTrials = startupTrials;
        this.warmupEpochs = warmupEpochs;
    }

    /** From values by key ({@link #SETTINGS}); a key left out takes its default. */
    static MedianPruner of(Map<String, Integer> values) {
        return new MedianPruner(STARTUP_TRIALS.in(values), WARMUP_EPOCHS.in(values));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Integer> settings() {
        Map<String, Integer> s = new LinkedHashMap<>();
        s.put(STARTUP_TRIALS.key(), startupTrials);
        s.put(WARMUP_EPOCHS.key(), warmupEpochs);
        return s;
    }

    @Override
    public Peers peers() {
        return Peers.COMPLETED;
    }

    @Override
    public boolean decidesAt(int epoch) {
        return epoch >= warmupEpochs;
    }

    @Override
    public boolean shouldPrune(int epoch, double value, double bestSoFar, IntermediateValues others) {
        if (!decidesAt(epoch) || others.completedTrials() < startupTrials) {
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
    public boolean equals(Object o) {
        return o instanceof MedianPruner m && m.startupTrials == startupTrials && m.warmupEpochs == warmupEpochs;
    }

    @Override
    public int hashCode() {
        return 31 * startupTrials + warmupEpochs;
    }

    @Override
    public String toString() {
        return "MedianPruner[startupTrials=" + startupTrials + ", warmupEpochs=" + warmupEpochs + "]";
    }
}
