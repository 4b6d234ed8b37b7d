package com.lstmautoml.core.search;

import com.lstmautoml.core.trial.TrialState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The history as the adaptive strategies (TPE, genetic) see it: cube points of past trials, their ranking, and
 * whether the strategy is still in its random start-up.
 */
final class Observations {

    /** Start-up trials proposed at random before a strategy adapts, at most this many. */
    static final int MAX_STARTUP = 10;

    /**
     * One trial as a point of the unit cube.
     *
     * @param point its params through {@link LstmModelSpace#toUnitCube}
     * @param rmse  its validation RMSE (lower is better); NaN for a trial still to report ({@link #pending})
     * @param order its index in the history (breaks ties: the earlier trial first)
     */
    record Scored(double[] point, double rmse, int order) {
    }

    /**
     * The ranking of finished trials, best first: every COMPLETED trial by RMSE; after them the PRUNED ones, those
     * that reached more epochs first (an unknown count as 0), then by the best RMSE they reached (Optuna's
     * {@code _get_pruned_trial_score}: a trial stopped early has an optimistic, not a comparable, RMSE); ties in
     * history order.
     */
    private static final Comparator<Ranked> RANKING = Comparator
            .comparing((Ranked r) -> r.trial().state() != TrialState.COMPLETED)
            .thenComparing(r -> r.trial().state() == TrialState.COMPLETED ? 0
                    : -(r.trial().epochsRun() == null ? 0 : r.trial().epochsRun()))
            .thenComparingDouble(r -> r.trial().valRmse())
            .thenComparingInt(Ranked::order);

    private record Ranked(TrialRecord trial, int order) {
    }

    private Observations() {
    }

    /** Random start-up trials: min(10, max(2, maxTrials / 4)), so a small budget still leaves room to adapt. */
    static int startupTrials(int maxTrials) {
        return Math.min(MAX_STARTUP, Math.max(2, maxTrials / 4));
    }

    /**
     * True while fewer than {@link #startupTrials(int)} trials are finished with an RMSE, COMPLETED or PRUNED: the
     * strategy then proposes {@link RandomSearch}'s k-th candidate. Counted in finished results, not in proposals,
     * so the first model-based proposal sees them all however many trials run in parallel; and pruned trials count,
     * as in Optuna's {@code n_startup_trials} (COMPLETE and PRUNED), or a search under the default pruner, which
     * stops most trials early, would stay random (measured: 3 of 20 trials COMPLETED under ASHA).
     */
    static boolean inStartup(List<TrialRecord> history, int maxTrials) {
        long finished = history.stream().filter(Observations::isFinished).count();
        return finished < startupTrials(maxTrials);
    }

    /**
     * The finished trials with a validation RMSE (COMPLETED, and PRUNED with the best RMSE they reached), ranked as
     * {@link #RANKING} says: completed ones by RMSE, then pruned ones by epochs reached and RMSE. Queued, running,
     * failed and cancelled trials are left out, as are RMSEs that are NaN.
     */
    static List<Scored> finished(LstmModelSpace space, List<TrialRecord> history) {
        List<Ranked> ranked = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            TrialRecord t = history.get(i);
            if (isFinished(t)) {
                ranked.add(new Ranked(t, i));
            }
        }
        ranked.sort(RANKING);
        List<Scored> out = new ArrayList<>(ranked.size());
        for (Ranked r : ranked) {
            out.add(new Scored(space.toUnitCube(r.trial().params()), r.trial().valRmse(), r.order()));
        }
        return out;
    }

    /** COMPLETED, or PRUNED with the best RMSE it reached, and that RMSE is a number. */
    private static boolean isFinished(TrialRecord t) {
        return (t.state() == TrialState.COMPLETED || t.state() == TrialState.PRUNED) && hasRmse(t);
    }

    /** The trials still to report (QUEUED or RUNNING), in history order, with RMSE NaN. */
    static List<Scored> pending(LstmModelSpace space, List<TrialRecord> history) {
        List<Scored> out = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            TrialRecord t = history.get(i);
            if (t.state() == TrialState.QUEUED || t.state() == TrialState.RUNNING) {
                out.add(new Scored(space.toUnitCube(t.params()), Double.NaN, i));
            }
        }
        return out;
    }

    private static boolean hasRmse(TrialRecord t) {
        return t.valRmse() != null && !t.valRmse().isNaN();
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
