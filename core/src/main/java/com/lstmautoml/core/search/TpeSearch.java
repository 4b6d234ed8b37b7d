package com.lstmautoml.core.search;

import com.lstmautoml.core.search.Observations.Scored;
import com.lstmautoml.core.search.ParzenEstimator.Dimension;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Tree-structured Parzen Estimator (Bergstra et al. 2011) as Optuna's {@code TPESampler} does it, over the
 * {@link LstmModelSpace}. Stateless: everything is recomputed from the history, and the proposal's random numbers
 * come from a {@link Random} seeded from (seed, k), k = history size, so the same seed and history give the same
 * proposal, and parallel slots (k, k+1, ...) asked with the same finished trials still get different ones.
 *
 * <ol>
 * <li>Start-up: until {@link Observations#startupTrials(int) min(10, max(2, maxTrials/4))} trials are COMPLETED
 *     or PRUNED (as Optuna counts them; {@link Observations#inStartup}), the proposal is {@link RandomSearch}'s
 *     k-th candidate, so parallel slots get distinct random points.</li>
 * <li>Split: the finished trials with an RMSE, ranked by {@link Observations#finished} (COMPLETED by RMSE, then
 *     PRUNED by the epochs they reached and their RMSE); the first {@link #nGood gamma(n) = min(ceil(0.1 n), 25)}
 *     are "good" (l), the rest "bad" (g). Queued and running trials join the bad group (Optuna's "constant liar"),
 *     which steers parallel workers away from points still being trained; failed and cancelled trials are ignored.
 *     Each group is in trial order, for the kernel weights of {@link ParzenEstimator}.</li>
 * <li>Estimators: a {@link ParzenEstimator} of each group, per dimension independently (Optuna's
 *     {@code multivariate=False}, the default here) or jointly over all dimensions when the experiment asks for
 *     {@code tpeMultivariate} ({@link SearchContext#tpeMultivariate()}). A dimension is continuous (a float range),
 *     ordered (an int range or a stepped float range: a discretised truncated normal, so neighbouring values share
 *     the credit) or categorical (a choice); see {@link Dimension#of}.</li>
 * <li>Choice: {@link #N_EI_CANDIDATES 24} draws from l; the proposal is the draw with the largest
 *     log l(x) - log g(x) (the expected-improvement criterion of the paper), the first one on ties. Draws are values
 *     of the space (bin centres of discrete dimensions), so the proposal is a point the space produces exactly.</li>
 * </ol>
 */
public final class TpeSearch implements SearchStrategy {

    public static final String NAME = "tpe";

    /** Candidates drawn from l (per dimension, or jointly). */
    static final int N_EI_CANDIDATES = 24;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Proposal> propose(SearchContext ctx) {
        if (ctx.budgetExhausted()) {
            return Optional.empty();
        }
        LstmModelSpace space = ctx.modelSpace();
        int k = ctx.nextIndex();
        if (Observations.inStartup(ctx.history(), ctx.maxTrials())) {
            return Optional.of(Proposal.of(space.getValue(RandomSearch.point(space, ctx.seed(), k))));
        }
        List<Scored> finished = Observations.finished(space, ctx.history());
        int nGood = nGood(finished.size());
        List<Scored> good = new ArrayList<>(finished.subList(0, nGood));
        List<Scored> bad = new ArrayList<>(finished.subList(nGood, finished.size()));
        bad.addAll(Observations.pending(space, ctx.history()));
        List<Dimension> dimensions = space.dimensionSpecs().stream().map(Dimension::of).toList();
        double[] point = sample(dimensions, inTrialOrder(good), inTrialOrder(bad), ctx.tpeMultivariate(),
                new Random(RandomSearch.candidateSeed(ctx.seed(), k)));
        return Optional.of(Proposal.of(space.getValue(point)));
    }

    /** Size of the good group among n finished trials: min(ceil(0.1 n), 25), Optuna's default gamma. */
    static int nGood(int n) {
        return Math.min((int) Math.ceil(0.1 * n), 25);
    }

    private static List<double[]> inTrialOrder(List<Scored> group) {
        return group.stream().sorted(Comparator.comparingInt(Scored::order)).map(Scored::point).toList();
    }

    /**
     * The TPE point: the best of {@link #N_EI_CANDIDATES} draws from l by l/g, per dimension or jointly.
     *
     * @param dimensions   the space's dimensions
     * @param good         cube points of the good group, in trial order (not empty)
     * @param bad          cube points of the bad group, in trial order (may be empty: g is then the prior alone)
     * @param multivariate one joint estimator over all dimensions instead of one per dimension
     * @return a cube point
     */
    static double[] sample(List<Dimension> dimensions, List<double[]> good, List<double[]> bad,
                           boolean multivariate, Random rng) {
        double[] x = new double[dimensions.size()];
        if (multivariate) {
            double[] best = choose(dimensions, values(dimensions, good, null), values(dimensions, bad, null), rng);
            for (int d = 0; d < x.length; d++) {
                x[d] = dimensions.get(d).toCube(best[d]);
            }
        } else {
            for (int d = 0; d < x.length; d++) {
                List<Dimension> one = List.of(dimensions.get(d));
                x[d] = dimensions.get(d).toCube(choose(one, values(dimensions, good, d), values(dimensions, bad, d),
                        rng)[0]);
            }
        }
        return x;
    }

    /** The draw from l(below) with the largest log l - log g, among {@link #N_EI_CANDIDATES}. */
    private static double[] choose(List<Dimension> dimensions, List<double[]> below, List<double[]> above,
                                   Random rng) {
        ParzenEstimator l = new ParzenEstimator(dimensions, below);
        ParzenEstimator g = new ParzenEstimator(dimensions, above);
        double[] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < N_EI_CANDIDATES; c++) {
            double[] v = l.sample(rng);
            double score = l.logPdf(v) - g.logPdf(v);
            if (best == null || score > bestScore) {
                best = v;
                bestScore = score;
            }
        }
        return best;
    }

    /** Cube points as the dimensions' values: all dimensions (only == null) or dimension {@code only} alone. */
    private static List<double[]> values(List<Dimension> dimensions, List<double[]> points, Integer only) {
        List<double[]> out = new ArrayList<>(points.size());
        for (double[] p : points) {
            if (only != null) {
                out.add(new double[] {dimensions.get(only).fromCube(p[only])});
            } else {
                double[] v = new double[p.length];
                for (int d = 0; d < v.length; d++) {
                    v[d] = dimensions.get(d).fromCube(p[d]);
                }
                out.add(v);
            }
        }
        return out;
    }
}
