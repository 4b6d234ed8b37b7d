package com.lstmautoml.core.search;

import com.lstmautoml.core.space.ParamSpec;
import org.apache.commons.math3.special.Erf;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The Parzen estimator of Optuna's TPE ({@code optuna/samplers/_tpe/parzen_estimator.py} and
 * {@code probability_distributions.py} as of Optuna v5.0.0-rc1): a mixture of kernels, one per observation plus one prior
 * kernel, where each kernel is a product over the estimator's dimensions of one distribution per dimension. With one
 * dimension this is the univariate estimator; over all dimensions it is the joint one of Optuna's
 * {@code multivariate=True}. Observations and draws are in each {@link Dimension}'s own values (see there), which are
 * an exact bijection of the space's values.
 *
 * <ul>
 * <li>Kernel weights: Optuna's {@code default_weights} over the observations in trial order (all 1 below 25; from 25
 *     on the oldest n - 25 ramp up from 1/n), then {@link #PRIOR_WEIGHT} for the prior; normalised. Without
 *     observations the prior alone.</li>
 * <li>Numeric dimensions (continuous, or {@link Kind#ORDERED ordered} values): per observation a normal N(x, σ)
 *     truncated to [low, high]; ordered values are discretised: value i gets the normal's mass on [i - ½, i + ½],
 *     and low, high are the first and last value ∓ ½ (Optuna's step/2). σ is the larger distance to the sorted
 *     neighbours, low and high counting as neighbours, except that (with two or more observations) the smallest and
 *     the largest observation take the distance to their inner neighbour ({@code consider_endpoints=False}); then
 *     clipped to [(high - low) / min(100, 1 + kernels), high - low] (the "magic clip", kernels = observations + 1).
 *     This is Optuna 5.0's rule for both the univariate and the multivariate estimator (up to 4.9 Optuna gave the
 *     multivariate one a fixed σ0 = 0.2 · n^(-1/(d+4)) · (high - low) instead). The prior kernel is
 *     N((low + high)/2, high - low) truncated the same way.</li>
 * <li>{@link Kind#CATEGORICAL Categorical} dimensions: an observation's kernel gives its category 1 + w and every
 *     category w = {@link #PRIOR_WEIGHT} / kernels, normalised; the prior kernel is uniform.</li>
 * </ul>
 */
final class ParzenEstimator {

    /** Weight of the prior kernel (and the categorical smoothing), Optuna's default. */
    static final double PRIOR_WEIGHT = 1.0;

    /** Observations beyond this many (the newest) get ramped-down weights, Optuna's {@code default_weights}. */
    static final int FLAT_WEIGHTS = 25;

    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    /** How TPE models a dimension of the space's cube. */
    enum Kind {
        /** A continuous float range: the cube coordinate in [0,1], linear in the value (in log(value) if log). */
        CONTINUOUS,
        /** An int range or a float range with a step: the index 0..n-1 of the evenly spaced values. */
        ORDERED,
        /** A choice of numbers or labels: the index 0..n-1 of the values, with no order between them. */
        CATEGORICAL
    }

    /**
     * One dimension of the cube as TPE models it, and the bijection between its cube coordinate and its values.
     *
     * @param kind its kind
     * @param n    the number of values of a discrete dimension, 0 for a continuous one
     */
    record Dimension(Kind kind, int n) {

        /**
         * The dimension a spec of the space is: ranges are ordered (continuous when a float range has no step);
         * choices are categorical, as Optuna's {@code suggest_categorical}: their values may be uneven (difference
         * [0, 1, 12]) or not numbers at all, so nearness in the list means nothing.
         */
        static Dimension of(ParamSpec spec) {
            if (!spec.isDiscrete()) {
                return new Dimension(Kind.CONTINUOUS, 0);
            }
            boolean range = spec instanceof ParamSpec.IntRange || spec instanceof ParamSpec.FloatRange;
            return new Dimension(range ? Kind.ORDERED : Kind.CATEGORICAL, (int) spec.size());
        }

        /** This dimension's value of cube coordinate x: x itself, or the index of the bin x falls in. */
        double fromCube(double x) {
            return kind == Kind.CONTINUOUS ? x : Observations.bin(x, n);
        }

        /** The cube coordinate of value v: v itself, or the centre of bin v (what the space maps back to v). */
        double toCube(double v) {
            return kind == Kind.CONTINUOUS ? v : Observations.centre((int) v, n);
        }

        /** Lower end of a numeric kernel's truncation: 0, or -½ below the first index. */
        double low() {
            return kind == Kind.CONTINUOUS ? 0.0 : -0.5;
        }

        /** Upper end of a numeric kernel's truncation: 1, or ½ above the last index. */
        double high() {
            return kind == Kind.CONTINUOUS ? 1.0 : n - 0.5;
        }
    }

    private final List<Dimension> dimensions;
    /** Kernel weights, normalised; the last is the prior's. */
    private final double[] weights;
    private final double[] logWeights;
    /** Per dimension, its distribution in every kernel. */
    private final Kernels[] kernels;

    /**
     * @param dimensions   the dimensions modelled jointly (one for the univariate estimator)
     * @param observations one value per dimension each (see {@link Dimension#fromCube}), in trial order
     */
    ParzenEstimator(List<Dimension> dimensions, List<double[]> observations) {
        this.dimensions = List.copyOf(dimensions);
        int n = observations.size();
        weights = new double[n + 1];
        double[] w = defaultWeights(n);
        System.arraycopy(w, 0, weights, 0, n);
        weights[n] = n == 0 ? 1.0 : PRIOR_WEIGHT;
        double total = Arrays.stream(weights).sum();
        logWeights = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            weights[k] /= total;
            logWeights[k] = Math.log(weights[k]);
        }
        kernels = new Kernels[this.dimensions.size()];
        for (int d = 0; d < kernels.length; d++) {
            double[] column = new double[n];
            for (int i = 0; i < n; i++) {
                column[i] = observations.get(i)[d];
            }
            Dimension dim = this.dimensions.get(d);
            kernels[d] = dim.kind() == Kind.CATEGORICAL ? Categorical.of(column, dim.n())
                    : Numeric.of(column, dim);
        }
    }

    /**
     * Optuna's {@code default_weights(n)}: n ones below 25; else {@code linspace(1/n, 1, n - 25)} for the oldest
     * n - 25 observations and ones for the newest 25.
     */
    static double[] defaultWeights(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        int ramp = n - FLAT_WEIGHTS;
        if (n >= FLAT_WEIGHTS) {
            for (int i = 0; i < ramp; i++) {
                w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + i * (1.0 - 1.0 / n) / (ramp - 1);
            }
        }
        return w;
    }

    /** The normalised kernel weights, the prior's last. */
    double[] weights() {
        return weights.clone();
    }

    /** One draw: a kernel by weight, then a value of each dimension from that kernel. */
    double[] sample(Random rng) {
        int k = draw(weights, rng);
        double[] x = new double[kernels.length];
        for (int d = 0; d < x.length; d++) {
            x[d] = kernels[d].sample(k, rng);
        }
        return x;
    }

    /**
     * log of the mixture's density at x (one value per dimension): log Σ_k w_k Π_d p_kd(x_d). A discrete dimension
     * contributes a probability mass, a continuous one a density over [0,1].
     */
    double logPdf(double[] x) {
        double[] terms = logWeights.clone();
        for (int d = 0; d < kernels.length; d++) {
            for (int k = 0; k < terms.length; k++) {
                terms[k] += kernels[d].logDensity(k, x[d]);
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double t : terms) {
            max = Math.max(max, t);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum);
    }

    /** An index by probability p (summing to 1), the last one when rounding leaves u beyond the sum. */
    static int draw(double[] p, Random rng) {
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

    /** One dimension's distribution in each kernel (observations first, the prior last). */
    private interface Kernels {
        double sample(int kernel, Random rng);

        double logDensity(int kernel, double x);
    }

    /** Truncated normal kernels, discretised for an ordered dimension. */
    private record Numeric(double[] mu, double[] sigma, double low, double high, int n, double[] logMass)
            implements Kernels {

        static Numeric of(double[] observations, Dimension dim) {
            double low = dim.low();
            double high = dim.high();
            int n = observations.length;
            double[] mu = Arrays.copyOf(observations, n + 1);
            double[] sigma = new double[n + 1];
            double[] s = bandwidths(observations, low, high);
            System.arraycopy(s, 0, sigma, 0, n);
            mu[n] = 0.5 * (low + high);
            sigma[n] = high - low;
            double[] logMass = new double[n + 1];
            for (int k = 0; k <= n; k++) {
                logMass[k] = logGaussMass((low - mu[k]) / sigma[k], (high - mu[k]) / sigma[k]);
            }
            return new Numeric(mu, sigma, low, high, dim.kind() == Kind.ORDERED ? dim.n() : 0, logMass);
        }

        @Override
        public double sample(int k, Random rng) {
            double z = truncatedNormalQuantile((low - mu[k]) / sigma[k], (high - mu[k]) / sigma[k],
                    rng.nextDouble());
            double x = Math.min(high, Math.max(low, mu[k] + sigma[k] * z));
            // an ordered dimension: the value whose [i - ½, i + ½] the draw fell in, as Optuna rounds to the step
            return n == 0 ? x : Math.min(n - 1, Math.max(0, Math.rint(x)));
        }

        @Override
        public double logDensity(int k, double x) {
            if (n > 0) {
                return logGaussMass((x - 0.5 - mu[k]) / sigma[k], (x + 0.5 - mu[k]) / sigma[k]) - logMass[k];
            }
            double z = (x - mu[k]) / sigma[k];
            return -0.5 * z * z - LOG_SQRT_2PI - Math.log(sigma[k]) - logMass[k];
        }
    }

    /**
     * Optuna's bandwidths of observations in [low, high]: per observation the larger distance to its sorted
     * neighbours (low and high included), the smallest and largest observation taking their inner neighbour's
     * distance when there are two or more; clipped to [(high - low) / min(100, 2 + observations), high - low].
     */
    static double[] bandwidths(double[] observations, double low, double high) {
        int n = observations.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(observations[a], observations[b]));
        double[] sorted = new double[n + 2];
        sorted[0] = low;
        for (int i = 0; i < n; i++) {
            sorted[i + 1] = observations[order[i]];
        }
        sorted[n + 1] = high;
        double minSigma = (high - low) / Math.min(100.0, 1.0 + (n + 1));
        double[] sigma = new double[n];
        for (int i = 0; i < n; i++) {
            double s = Math.max(sorted[i + 1] - sorted[i], sorted[i + 2] - sorted[i + 1]);
            if (n >= 2 && i == 0) {
                s = sorted[2] - sorted[1];
            } else if (n >= 2 && i == n - 1) {
                s = sorted[n] - sorted[n - 1];
            }
            sigma[order[i]] = Math.min(high - low, Math.max(minSigma, s));
        }
        return sigma;
    }

    /** Categorical kernels: one probability row per kernel. */
    private record Categorical(double[][] p) implements Kernels {

        static Categorical of(double[] observations, int n) {
            int kernels = observations.length + 1;
            double[][] p = new double[kernels][n];
            for (int k = 0; k < observations.length; k++) {
                Arrays.fill(p[k], PRIOR_WEIGHT / kernels);
                p[k][(int) observations[k]] += 1.0;
                double sum = Arrays.stream(p[k]).sum();
                for (int c = 0; c < n; c++) {
                    p[k][c] /= sum;
                }
            }
            Arrays.fill(p[kernels - 1], 1.0 / n);
            return new Categorical(p);
        }

        @Override
        public double sample(int k, Random rng) {
            return draw(p[k], rng);
        }

        @Override
        public double logDensity(int k, double x) {
            return Math.log(p[k][(int) x]);
        }
    }

    /** Φ, the standard normal CDF, accurate in the left tail. */
    static double phi(double z) {
        return 0.5 * Erf.erfc(-z / Math.sqrt(2));
    }

    /**
     * log(Φ(b) - Φ(a)) for a &lt;= b, computed in the left tail (Optuna's {@code _log_gauss_mass}); -∞ where the
     * mass underflows.
     */
    static double logGaussMass(double a, double b) {
        if (b <= 0) {
            return Math.log(phi(b) - phi(a));
        }
        if (a > 0) {
            return logGaussMass(-b, -a);
        }
        return Math.log1p(-phi(a) - phi(-b));
    }

    /** The q-quantile (q in [0,1)) of the standard normal truncated to [a, b], by inverting Φ in the left tail. */
    static double truncatedNormalQuantile(double a, double b, double q) {
        if (a > 0) {
            return -truncatedNormalQuantile(-b, -a, 1 - q);
        }
        double pa = phi(a);
        double p = pa + q * (phi(b) - pa);
        double z = Math.sqrt(2) * Erf.erfInv(2 * p - 1);
        return Double.isNaN(z) ? a : Math.min(b, Math.max(a, z));
    }
}
