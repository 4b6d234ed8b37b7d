package com.lstmautoml.core.pruners;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asynchronous successive halving (ASHA, as Optuna's {@code SuccessiveHalvingPruner}). Rungs are at
 * {@code minEpochs · reductionFactor^k} epochs trained (k = 0, 1, ...; defaults 3, 9, 27, 81, ...). When a trial has
 * trained exactly a rung's number of epochs, it continues only if its validation RMSE there is among the best
 * {@code max(1, n / reductionFactor)} of the n RMSEs recorded at that epoch so far, its own included (ties continue);
 * otherwise it is pruned. The others are every trial that reached the rung, whatever its state
 * ({@link Peers#EVERY_TRIAL}, as Optuna's rungs). Between rungs it is never pruned. A NaN or infinite RMSE at a rung
 * is pruned.
 *
 * <p>{@code bootstrapCount}: no decision at a rung until at least that many other trials have a value there; until
 * then a trial reaching the rung continues. Optuna's parameter of that name waits for the same count, but prunes the
 * trials that reach a rung before it (it cannot pause them); here they go on, so the first trials are trained fully
 * and the rungs fill with values to compare with.
 */
public final class AsyncSuccessiveHalvingPruner implements Pruner {

    public static final String NAME = "asha";

    public static final PrunerSetting MIN_EPOCHS = PrunerSetting.epochs("minEpochs", "first rung (epochs)",
            "epochs trained at the first rung; the next rungs are this times reductionFactor, its square, ...", 3, 1,
            0);
    public static final PrunerSetting REDUCTION_FACTOR = PrunerSetting.fixed("reductionFactor", "reduction factor",
            "1 in reductionFactor trials continues at each rung", 3, 2, 10);
    public static final PrunerSetting BOOTSTRAP_COUNT = PrunerSetting.fixed("bootstrapCount", "bootstrap count",
            "other trials needed at a rung before it decides anything", 0, 0, 1000);
    /** Its settings, in the order requests show them. */
    public static final List<PrunerSetting> SETTINGS = List.of(MIN_EPOCHS, REDUCTION_FACTOR, BOOTSTRAP_COUNT);

    private final int minEpochs;
    private final int reductionFactor;
    private final int bootstrapCount;

    /** The defaults: rungs at 3, 9, 27, ... epochs, reduction factor 3, no bootstrap. */
    public AsyncSuccessiveHalvingPruner() {
        this(MIN_EPOCHS.defaultValue(), REDUCTION_FACTOR.defaultValue(), BOOTSTRAP_COUNT.defaultValue());
    }

    public AsyncSuccessiveHalvingPruner(int minEpochs, int reductionFactor, int bootstrapCount) {
        if (minEpochs < 1 || reductionFactor < 2 || bootstrapCount < 0) {
            throw new IllegalArgumentException("minEpochs must be at least 1, reductionFactor at least 2 and "
                    + "bootstrapCount at least 0, got " + minEpochs + ", " + reductionFactor + " and "
                    + bootstrapCount);
        }
        this.minEpochs = minEpochs;
        this.reductionFactor = reductionFactor;
        this.bootstrapCount = bootstrapCount;
    }

    /** From values by key ({@link #SETTINGS}); a key left out takes its default. */
    static AsyncSuccessiveHalvingPruner of(Map<String, Integer> values) {
        return new AsyncSuccessiveHalvingPruner(MIN_EPOCHS.in(values), REDUCTION_FACTOR.in(values),
                BOOTSTRAP_COUNT.in(values));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Integer> settings() {
        Map<String, Integer> s = new LinkedHashMap<>();
        s.put(MIN_EPOCHS.key(), minEpochs);
        s.put(REDUCTION_FACTOR.key(), reductionFactor);
        s.put(BOOTSTRAP_COUNT.key(), bootstrapCount);
        return s;
    }

    @Override
    public Peers peers() {
        return Peers.EVERY_TRIAL;
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
        if (others.count() < bootstrapCount) {
            return false;
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
    public boolean equals(Object o) {
        return o instanceof AsyncSuccessiveHalvingPruner a && a.minEpochs == minEpochs
                && a.reductionFactor == reductionFactor && a.bootstrapCount == bootstrapCount;
    }

    @Override
    public int hashCode() {
        return (31 * minEpochs + reductionFactor) * 31 + bootstrapCount;
    }

    @Override
    public String toString() {
        return "AsyncSuccessiveHalvingPruner[minEpochs=" + minEpochs + ", reductionFactor=" + reductionFactor
                + ", bootstrapCount=" + bootstrapCount + "]";
    }
}
