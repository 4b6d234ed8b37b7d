package com.lstmautoml.core.search;

import com.lstmautoml.core.search.Observations.Scored;
import com.lstmautoml.core.space.LstmModelSpace;
import org.apache.commons.math3.special.Erf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Tree-structured Parzen Estimator (Bergstra et al. 2011), the univariate form of Optuna's default
 * {@code TPESampler}, over the unit cube of the {@link LstmModelSpace} (log ranges are already linear in log(value)
 * there). Stateless: everything is recomputed from the history, and the proposal's random numbers come from a
 * {@link Random} seeded from (seed, k), k = history size, so the same seed and history give the same proposal, and
 * parallel slots (k, k+1, ...) asked with the same finished trials still get different ones.
 *
 * <ol>
 * <li>The first {@link Observations#startupTrials(int) min(10, max(2, maxTrials/4))} proposals, and any proposal
 *     while no trial has finished, are {@link RandomSearch}'s k-th candidate.</li>
 * <li>Observations: the finished trials with an RMSE (COMPLETED; PRUNED with the best RMSE they reached), sorted by
 *     RMSE; the best {@link #nGood gamma(n) = min(ceil(0.1 n), 25)} are "good" (l), the rest "bad" (g). Queued and
 *     running trials join the bad group (Optuna's "constant liar"), which steers parallel workers away from points
 *     still being trained; failed and cancelled trials are ignored.</li>
 * <li>Per dimension, independently (Optuna's default {@code multivariate=False}), a Parzen estimator of each group:
 *     <ul>
 *     <li>continuous: a mixture of Gaussians truncated to [0,1], one per observation (weight 1) plus a prior
 *         N(0.5, 1) (weight {@link #PRIOR_WEIGHT}); each observation's bandwidth is the larger distance to its
 *         sorted neighbours (the prior's centre included; the ends take their only neighbour), clipped to
 *         [1 / min(100, 1 + components), 1] (Optuna's "magic clip");</li>
 *     <li>discrete (int ranges, stepped float ranges, choices: the bins of the coordinate): a categorical with the
 *         counts of the group plus the prior's weight spread evenly, p(i) = (count(i) + 1/n) / (N + 1).</li>
 *     </ul>
 *     {@link #N_EI_CANDIDATES 24} draws from l; the coordinate is the draw with the largest log l(x) - log g(x)
 *     (the expected-improvement criterion of the paper), the first one on ties.</li>
 * </ol>
 */
public final class TpeSearch implements SearchStrategy {

    public static final String NAME = "tpe";

    /** Candidates drawn from l per dimension. */
    static final int N_EI_CANDIDATES = 24;

    /** Weight of the prior component (continuous) / prior pseudo-count (discrete), as Optuna's default. */
    static final double PRIOR_WEIGHT = 1.0;

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
        List<Scored> finished = Observations.finished(space, ctx.history());
        double[] point;
        if (k < Observations.startupTrials(ctx.maxTrials()) || finished.isEmpty()) {
            point = RandomSearch.point(space, ctx.seed(), k);
        } else {
            int nGood = nGood(finished.size());
            List<double[]> good = new ArrayList<>();
            List<double[]> bad = new ArrayList<>();
            for (int i = 0; i < finished.size(); i++) {
                (i < nGood ? good : bad).add(finished.get(i).point());
            }
            bad.addAll(Observations.pending(space, ctx.history()));
            point = sample(space.valueCounts(), good, bad, new Random(RandomSearch.candidateSeed(ctx.seed(), k)));
        }
        return Optional.of(Proposal.of(space.getValue(point)));
    }

    /** Size of the good group among n finished trials: min(ceil(0.1 n), 25), Optuna's default gamma. */
    static int nGood(int n) {
        return Math.min((int) Math.ceil(0.1 * n), 25);
    }

    /**
     * The TPE point: per dimension d, the best of {@link #N_EI_CANDIDATES} draws from l by l/g.
     *
     * @param valueCounts per dimension the number of values, 0 for a continuous one
     *                    ({@link LstmModelSpace#valueCounts()})
     * @param good        cube points of the good group (not empty)
     * @param bad         cube points of the bad group (may be empty: g is then the prior alone)
     */
    static double[] sample(int[] valueCounts, List<double[]> good, List<double[]> bad, Random rng) {
        double[] x = new double[valueCounts.length];
        for (int d = 0; d < x.length; d++) {
            double[] below = column(good, d);
            double[] above = column(bad, d);
            if (valueCounts[d] > 0) {
                int n = valueCounts[d];
                double[] l = categorical(below, n);
                double[] g = categorical(above, n);
                int best = -1;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < N_EI_CANDIDATES; c++) {
                    int i = drawCategory(l, rng);
                    double score = Math.log(l[i]) - Math.log(g[i]);
                    if (score > bestScore) {
                        best = i;
                        bestScore = score;
                    }
                }
                x[d] = Observations.centre(best, n);
            } else {
                Parzen l = new Parzen(below);
                Parzen g = new Parzen(above);
                double best = Double.NaN;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < N_EI_CANDIDATES; c++) {
                    double v = l.sample(rng);
                    double score = l.logPdf(v) - g.logPdf(v);
                    if (Double.isNaN(best) || score > bestScore) {
                        best = v;
                        bestScore = score;
                    }
                }
                x[d] = best;
            }
        }
        return x;
    }

    private static double[] column(List<double[]> points, int d) {
        double[] c = new double[points.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = points.get(i)[d];
        }
        return c;
    }

    /** p(i) = (count(i) + PRIOR_WEIGHT / n) / (N + PRIOR_WEIGHT) over the n bins. */
    static double[] categorical(double[] xs, int n) {
        double[] p = new double[n];
        java.util.Arrays.fill(p, PRIOR_WEIGHT / n);
        for (double x : xs) {
            p[Observations.bin(x, n)] += 1.0;
        }
        double total = xs.length + PRIOR_WEIGHT;
        for (int i = 0; i < n; i++) {
            p[i] /= total;
        }
        return p;
    }

    private static int drawCategory(double[] p, Random rng) {
        double u = rng.nextDouble();
        double cumulative = 0;
        for (int i = 0; i < p.length; i++) {
            cumulative += p[i];
            if (u < cumulative) {
                return i;
            }
        }
        return p.length - 1;
    }

    /** Mixture of Gaussians truncated to [0,1]: one per observation plus the prior N(0.5, 1); see the class doc. */
    static final class Parzen {
        private static final double PRIOR_MU = 0.5;
        private static final double PRIOR_SIGMA = 1.0;
        private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

        final double[] mu;
        final double[] sigma;
        final double[] weight;
        /** log of each component's mass inside [0,1] (the truncation normaliser). */
        private final double[] logMass;

        Parzen(double[] observations) {
            int n = observations.length + 1;
            mu = new double[n];
            sigma = new double[n];
            weight = new double[n];
            double[] sorted = observations.clone();
            java.util.Arrays.sort(sorted);
            // all centres, prior included, sorted: neighbours for the bandwidths
            double[] all = new double[n];
            System.arraycopy(sorted, 0, all, 0, sorted.length);
            all[n - 1] = PRIOR_MU;
            java.util.Arrays.sort(all);
            double minSigma = 1.0 / Math.min(100.0, 1.0 + n);
            for (int i = 0; i < sorted.length; i++) {
                int j = java.util.Arrays.binarySearch(all, sorted[i]);
                double left = j > 0 ? all[j] - all[j - 1] : Double.NaN;
                double right = j < n - 1 ? all[j + 1] - all[j] : Double.NaN;
                double s = Double.isNaN(left) ? right : Double.isNaN(right) ? left : Math.max(left, right);
                mu[i] = sorted[i];
                sigma[i] = Math.min(1.0, Math.max(minSigma, Double.isNaN(s) ? 1.0 : s));
                weight[i] = 1.0;
            }
            mu[n - 1] = PRIOR_MU;
            sigma[n - 1] = PRIOR_SIGMA;
            weight[n - 1] = PRIOR_WEIGHT;
            double total = observations.length + PRIOR_WEIGHT;
            logMass = new double[n];
            for (int i = 0; i < n; i++) {
                weight[i] /= total;
                logMass[i] = Math.log(phi((1 - mu[i]) / sigma[i]) - phi((0 - mu[i]) / sigma[i]));
            }
        }

        /** A draw: a component by weight, then its Gaussian until it lands in [0,1] (mass &gt;= 0.34 each). */
        double sample(Random rng) {
            double u = rng.nextDouble();
            int c = mu.length - 1;
            double cumulative = 0;
            for (int i = 0; i < mu.length; i++) {
                cumulative += weight[i];
                if (u < cumulative) {
                    c = i;
                    break;
                }
            }
            for (int attempt = 0; attempt < 1000; attempt++) {
                double v = mu[c] + sigma[c] * rng.nextGaussian();
                if (v >= 0 && v <= 1) {
                    return v;
                }
            }
            return Math.min(1, Math.max(0, mu[c]));
        }

        /** log of the mixture density at v in [0,1] (log-sum-exp over the components). */
        double logPdf(double v) {
            double[] terms = new double[mu.length];
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < mu.length; i++) {
                double z = (v - mu[i]) / sigma[i];
                terms[i] = Math.log(weight[i]) - 0.5 * z * z - LOG_SQRT_2PI - Math.log(sigma[i]) - logMass[i];
                max = Math.max(max, terms[i]);
            }
            double sum = 0;
            for (double t : terms) {
                sum += Math.exp(t - max);
            }
            return max + Math.log(sum);
        }

        private static double phi(double z) {
            return 0.5 * (1 + Erf.erf(z / Math.sqrt(2)));
        }
    }
}
