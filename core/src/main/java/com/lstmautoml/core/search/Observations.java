package com.lstmautoml.core.search;

import com.lstmautoml.core.space.LstmModelSpace;
import com.lstmautoml.core.trial.TrialState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The history as the adaptive strategies (TPE, genetic) see it: cube points of past trials and their RMSEs. */
final class Observations {

    /** Start-up trials proposed at random before a strategy adapts, at most this many. */
    static final int MAX_STARTUP = 10;

    /**
     * One finished trial as a point of the unit cube.
     *
     * @param point its params through {@link LstmModelSpace#toUnitCube}
     * @param rmse  its validation RMSE (lower is better)
     * @param order its index in the history (breaks RMSE ties: the earlier trial first)
     */
    record Scored(double[] point, double rmse, int order) {
    }

    private Observations() {
    }

    /** Random start-up trials: min(10, max(2, maxTrials / 4)), so a small budget still leaves room to adapt. */
    static int startupTrials(int maxTrials) {
        return Math.min(MAX_STARTUP, Math.max(2, maxTrials / 4));
    }

    /**
     * The finished trials with a validation RMSE (COMPLETED, and PRUNED with the best RMSE they reached), best first
     * (ties: history order). Queued, running, failed and cancelled trials are left out, as are RMSEs that are NaN.
     */
    static List<Scored> finished(LstmModelSpace space, List<TrialRecord> history) {
        List<Scored> out = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            TrialRecord t = history.get(i);
            if ((t.state() == TrialState.COMPLETED || t.state() == TrialState.PRUNED) && t.valRmse() != null
                    && !t.valRmse().isNaN()) {
                out.add(new Scored(space.toUnitCube(t.params()), t.valRmse(), i));
            }
        }
        out.sort(Comparator.comparingDouble(Scored::rmse).thenComparingInt(Scored::order));
        return out;
    }

    /** Cube points of the trials still to report (QUEUED or RUNNING), in history order. */
    static List<double[]> pending(LstmModelSpace space, List<TrialRecord> history) {
        List<double[]> out = new ArrayList<>();
        for (TrialRecord t : history) {
            if (t.state() == TrialState.QUEUED || t.state() == TrialState.RUNNING) {
                out.add(space.toUnitCube(t.params()));
            }
        }
        return out;
    }

    /** Bin index of coordinate x of a discrete dimension with n values (as Arbiter's DiscreteParameterSpace). */
    static int bin(double x, int n) {
        return Math.max(0, Math.min(n - 1, (int) (x * n)));
    }

    /** Centre of bin i of a discrete dimension with n values. */
    static double centre(int i, int n) {
        return (i + 0.5) / n;
    }
}
