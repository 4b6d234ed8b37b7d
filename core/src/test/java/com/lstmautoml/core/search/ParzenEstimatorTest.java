package com.lstmautoml.core.search;

import com.lstmautoml.core.search.ParzenEstimator.Dimension;
import com.lstmautoml.core.search.ParzenEstimator.Kind;
import com.lstmautoml.core.space.ParamSpec.Choice;
import com.lstmautoml.core.space.ParamSpec.FloatRange;
import com.lstmautoml.core.space.ParamSpec.IntRange;
import com.lstmautoml.core.space.ParamSpec.Labels;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@link ParzenEstimator} against densities worked out by hand with the normal CDF, as Optuna defines them. */
class ParzenEstimatorTest {

    private static final NormalDistribution N01 = new NormalDistribution(0, 1);
    private static final Dimension FOUR = new Dimension(Kind.ORDERED, 4);
    private static final Dimension THREE_LABELS = new Dimension(Kind.CATEGORICAL, 3);
    private static final Dimension UNIT = new Dimension(Kind.CONTINUOUS, 0);

    /** Mass of N(mu, sigma) on [v - 1/2, v + 1/2], truncated to [-1/2, n - 1/2]. */
    private static double discreteMass(int v, double mu, double sigma, int n) {
        double inside = N01.cumulativeProbability((v + 0.5 - mu) / sigma)
                - N01.cumulativeProbability((v - 0.5 - mu) / sigma);
        double total = N01.cumulativeProbability((n - 0.5 - mu) / sigma)
                - N01.cumulativeProbability((-0.5 - mu) / sigma);
        return inside / total;
    }

    private static double pdf(ParzenEstimator e, double... x) {
        return Math.exp(e.logPdf(x));
    }

    @Test
    void oneObservationOfAnOrderedDimension() {
        // 4 values (indices 0..3), one observation at 1: low -1/2, high 7/2
        ParzenEstimator e = new ParzenEstimator(List.of(FOUR), List.of(new double[] {1}));
        // its sigma: the larger gap to low and high, max(1.5, 2.5) = 2.5, inside the clip [4 / 3, 4]
        // the prior: N(1.5, 4); weights 1/2 and 1/2
        assertThat(e.weights()).containsExactly(new double[] {0.5, 0.5}, within(1e-15));
        double total = 0;
        for (int v = 0; v < 4; v++) {
            double expected = 0.5 * discreteMass(v, 1, 2.5, 4) + 0.5 * discreteMass(v, 1.5, 4, 4);
            // each value's mass is the discretised truncated normal mixture
            assertThat(pdf(e, v)).as("value %d", v).isCloseTo(expected, within(1e-12));
            total += pdf(e, v);
        }
        // a probability mass function over the four values
        assertThat(total).isCloseTo(1.0, within(1e-12));
        // the neighbours of the observation get credit, more than the far end
        assertThat(pdf(e, 0)).isGreaterThan(pdf(e, 3));
        assertThat(pdf(e, 2)).isGreaterThan(pdf(e, 3));
    }

    @Test
    void twoObservationsTakeTheirInnerNeighboursDistance() {
        // observations at the ends 0 and 3: without consider_endpoints each takes the gap to the other, 3, which the
        // clip [4 / min(100, 1 + 3), 4] = [1, 4] keeps
        ParzenEstimator e = new ParzenEstimator(List.of(FOUR), List.of(new double[] {0}, new double[] {3}));
        for (int v = 0; v < 4; v++) {
            double expected = (discreteMass(v, 0, 3, 4) + discreteMass(v, 3, 3, 4) + discreteMass(v, 1.5, 4, 4)) / 3;
            assertThat(pdf(e, v)).as("value %d", v).isCloseTo(expected, within(1e-12));
        }
        // bandwidths by hand: sorted 0, 1, 5 in [-0.5, 11.5]: 0 and 5 take their inner gaps (1 and 4), 1 the larger
        // of its two (4); the clip [12 / min(100, 1 + 4), 12] = [2.4, 12] lifts 1 to 2.4
        assertThat(ParzenEstimator.bandwidths(new double[] {5, 0, 1}, -0.5, 11.5))
                .containsExactly(new double[] {4, 2.4, 4}, within(1e-12));
    }

    @Test
    void continuousDimensionIsATruncatedNormalMixture() {
        ParzenEstimator e = new ParzenEstimator(List.of(UNIT), List.of(new double[] {0.3}));
        // sigma max(0.3, 0.7) = 0.7 in the clip [1/3, 1]; prior N(0.5, 1); both truncated to [0, 1]
        for (double x : new double[] {0.0, 0.1, 0.3, 0.65, 1.0}) {
            double obs = new NormalDistribution(0.3, 0.7).density(x)
                    / (N01.cumulativeProbability(0.7 / 0.7) - N01.cumulativeProbability(-0.3 / 0.7));
            double prior = new NormalDistribution(0.5, 1).density(x)
                    / (N01.cumulativeProbability(0.5) - N01.cumulativeProbability(-0.5));
            assertThat(pdf(e, x)).as("x %s", x).isCloseTo(0.5 * obs + 0.5 * prior, within(1e-12));
        }
        double integral = 0;
        int steps = 20_000;
        for (int i = 0; i < steps; i++) {
            integral += pdf(e, (i + 0.5) / steps) / steps;
        }
        // a density over [0, 1]
        assertThat(integral).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void categoricalKernelsAreOptunas() {
        ParzenEstimator e = new ParzenEstimator(List.of(THREE_LABELS), List.of(new double[] {0}, new double[] {0}));
        // 3 kernels: each observation's row (1/3 + [c == 0]) / 2 = [2/3, 1/6, 1/6]; the prior's row uniform
        double[] expected = {
            (2.0 / 3 + 2.0 / 3 + 1.0 / 3) / 3,
            (1.0 / 6 + 1.0 / 6 + 1.0 / 3) / 3,
            (1.0 / 6 + 1.0 / 6 + 1.0 / 3) / 3};
        for (int c = 0; c < 3; c++) {
            assertThat(pdf(e, c)).as("category %d", c).isCloseTo(expected[c], within(1e-12));
        }
        // without observations: the prior alone, uniform
        assertThat(pdf(new ParzenEstimator(List.of(THREE_LABELS), List.of()), 2)).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void jointEstimatorIsAMixtureOfProducts() {
        List<Dimension> dims = List.of(FOUR, THREE_LABELS);
        ParzenEstimator joint = new ParzenEstimator(dims, List.of(new double[] {0, 2}, new double[] {3, 0}));
        double total = 0;
        for (int v = 0; v < 4; v++) {
            for (int c = 0; c < 3; c++) {
                // kernel 1 at (0, label 2), kernel 2 at (3, label 0), each sigma 3 and label row [1/6, 1/6, 2/3]
                // or [2/3, 1/6, 1/6]; the prior N(1.5, 4) x uniform
                double k1 = discreteMass(v, 0, 3, 4) * (c == 2 ? 2.0 / 3 : 1.0 / 6);
                double k2 = discreteMass(v, 3, 3, 4) * (c == 0 ? 2.0 / 3 : 1.0 / 6);
                double prior = discreteMass(v, 1.5, 4, 4) / 3;
                assertThat(pdf(joint, v, c)).as("(%d, %d)", v, c).isCloseTo((k1 + k2 + prior) / 3, within(1e-12));
                total += pdf(joint, v, c);
            }
        }
        assertThat(total).isCloseTo(1.0, within(1e-12));
        ParzenEstimator first = new ParzenEstimator(List.of(FOUR), List.of(new double[] {0}, new double[] {3}));
        ParzenEstimator second = new ParzenEstimator(List.of(THREE_LABELS),
                List.of(new double[] {2}, new double[] {0}));
        // not the product of its marginals: (0, label 2) comes together, (0, label 0) does not
        assertThat(pdf(joint, 0, 2)).isGreaterThan(pdf(first, 0) * pdf(second, 2));
        assertThat(pdf(joint, 0, 0)).isLessThan(pdf(first, 0) * pdf(second, 0));
    }

    @Test
    void drawsFollowTheDensity() {
        List<Dimension> dims = List.of(FOUR, THREE_LABELS);
        ParzenEstimator joint = new ParzenEstimator(dims,
                List.of(new double[] {0, 2}, new double[] {3, 0}, new double[] {1, 1}));
        int draws = 60_000;
        int[][] counts = new int[4][3];
        Random rng = new Random(7);
        for (int i = 0; i < draws; i++) {
            double[] x = joint.sample(rng);
            // draws are values of the dimensions
            assertThat(x[0]).isIn(0.0, 1.0, 2.0, 3.0);
            assertThat(x[1]).isIn(0.0, 1.0, 2.0);
            counts[(int) x[0]][(int) x[1]]++;
        }
        for (int v = 0; v < 4; v++) {
            for (int c = 0; c < 3; c++) {
                double p = pdf(joint, v, c);
                // each cell's frequency within 4 standard errors of its mass
                assertThat((double) counts[v][c] / draws).as("(%d, %d)", v, c)
                        .isCloseTo(p, within(4 * Math.sqrt(p * (1 - p) / draws)));
            }
        }
        ParzenEstimator continuous = new ParzenEstimator(List.of(UNIT), List.of(new double[] {0.9}));
        int below = 0;
        for (int i = 0; i < draws; i++) {
            double x = continuous.sample(rng)[0];
            assertThat(x).isBetween(0.0, 1.0);
            below += x < 0.5 ? 1 : 0;
        }
        double mass = 0;
        for (int i = 0; i < 10_000; i++) {
            mass += pdf(continuous, (i + 0.5) / 20_000) / 20_000;
        }
        // continuous draws: the share below 0.5 matches the density's integral there
        assertThat((double) below / draws).isCloseTo(mass, within(4 * Math.sqrt(mass * (1 - mass) / draws)));
    }

    @Test
    void oldObservationsWeighLessBeyondTwentyFive() {
        // fewer than 25: all 1
        assertThat(ParzenEstimator.defaultWeights(24)).containsOnly(1.0);
        // 30: linspace(1/30, 1, 5) for the oldest 5, then 25 ones
        double[] w = ParzenEstimator.defaultWeights(30);
        assertThat(w).hasSize(30);
        assertThat(java.util.Arrays.copyOf(w, 5)).containsExactly(new double[] {1.0 / 30, 1.0 / 30 + 29.0 / 120,
            1.0 / 30 + 2 * 29.0 / 120, 1.0 / 30 + 3 * 29.0 / 120, 1.0}, within(1e-12));
        assertThat(java.util.Arrays.copyOfRange(w, 5, 30)).containsOnly(1.0);
        // 26: a ramp of one, 1/26
        assertThat(ParzenEstimator.defaultWeights(26)[0]).isCloseTo(1.0 / 26, within(1e-15));
        // with the prior: weights normalised, the prior's last
        double[] kernels = new ParzenEstimator(List.of(FOUR), List.of(new double[] {1}, new double[] {2})).weights();
        assertThat(kernels).containsExactly(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, within(1e-15));
    }

    @Test
    void rangesAreOrderedAndChoicesCategorical() {
        // int ranges and stepped float ranges are ordered, by index of their values
        assertThat(Dimension.of(new IntRange(1, 12, null))).isEqualTo(new Dimension(Kind.ORDERED, 12));
        assertThat(Dimension.of(new IntRange(8, 64, 8))).isEqualTo(new Dimension(Kind.ORDERED, 8));
        assertThat(Dimension.of(new FloatRange(0, 0.3, false, 0.1))).isEqualTo(new Dimension(Kind.ORDERED, 4));
        // continuous float ranges (log ones too: the cube coordinate is linear in log(value)) are continuous
        assertThat(Dimension.of(new FloatRange(1e-3, 1e-2, true))).isEqualTo(new Dimension(Kind.CONTINUOUS, 0));
        // choices, of numbers or labels, are categories
        assertThat(Dimension.of(new Choice(List.of(0, 1, 12)))).isEqualTo(new Dimension(Kind.CATEGORICAL, 3));
        assertThat(Dimension.of(new Labels(List.of("none", "log")))).isEqualTo(new Dimension(Kind.CATEGORICAL, 2));
        Dimension d = new Dimension(Kind.ORDERED, 12);
        for (int i = 0; i < 12; i++) {
            // index -> bin centre -> index, exactly
            assertThat(d.fromCube(d.toCube(i))).isEqualTo(i);
        }
    }

    @Test
    void gaussMassStaysAccurateInTheTails() {
        // log(Phi(b) - Phi(a)) by the complement where both lie right of 0
        assertThat(ParzenEstimator.logGaussMass(8, 9)).isCloseTo(Math.log(N01.cumulativeProbability(-8)
                - N01.cumulativeProbability(-9)), within(1e-9));
        assertThat(ParzenEstimator.logGaussMass(-1, 2)).isCloseTo(Math.log(N01.cumulativeProbability(2)
                - N01.cumulativeProbability(-1)), within(1e-12));
        // a quantile of the truncated normal lies in [a, b] and inverts its CDF
        double z = ParzenEstimator.truncatedNormalQuantile(-0.5, 3, 0.25);
        double cdf = (N01.cumulativeProbability(z) - N01.cumulativeProbability(-0.5))
                / (N01.cumulativeProbability(3) - N01.cumulativeProbability(-0.5));
        assertThat(cdf).isCloseTo(0.25, within(1e-9));
        assertThat(ParzenEstimator.truncatedNormalQuantile(2, 4, 0.5)).isBetween(2.0, 4.0);
    }
}
