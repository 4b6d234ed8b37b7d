package com.lstmautoml.core.pruners;

import java.util.Arrays;

/**
 * What a pruner knows of the experiment's other trials when a trial reports an epoch.
 *
 * @param completedTrials how many of the experiment's trials are COMPLETED (pruned, failed and cancelled ones do not
 *                        count, as in Optuna's {@code n_startup_trials})
 * @param atEpoch         the other trials' validation RMSEs (series' units) at the same epoch, of the trials the pruner
 *                        compares with ({@link Pruner#peers()}: COMPLETED ones, or every trial whatever its state),
 *                        ascending; NaN and infinite values are dropped
 */
public record IntermediateValues(int completedTrials, double[] atEpoch) {

    public IntermediateValues {
        if (completedTrials < 0) {
            throw new IllegalArgumentException("completedTrials must not be negative, got " + completedTrials);
        }
        atEpoch = Arrays.stream(atEpoch).filter(Double::isFinite).sorted().toArray();
    }

    public static IntermediateValues of(int completedTrials, double... atEpoch) {
        return new IntermediateValues(completedTrials, atEpoch);
    }

    /** A copy: the record's array stays unmodified. */
    @Override
    public double[] atEpoch() {
        return atEpoch.clone();
    }

    public int count() {
        return atEpoch.length;
    }

    /** The median of {@link #atEpoch()} (mean of the middle two for an even count); NaN when there is none. */
    public double median() {
        int n = atEpoch.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? atEpoch[n / 2] : (atEpoch[n / 2 - 1] + atEpoch[n / 2]) / 2;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntermediateValues v && v.completedTrials == completedTrials
                && Arrays.equals(v.atEpoch, atEpoch);
    }

    @Override
    public int hashCode() {
        return 31 * completedTrials + Arrays.hashCode(atEpoch);
    }

    @Override
    public String toString() {
        return "IntermediateValues[completedTrials=" + completedTrials + ", atEpoch=" + Arrays.toString(atEpoch) + "]";
    }
}
