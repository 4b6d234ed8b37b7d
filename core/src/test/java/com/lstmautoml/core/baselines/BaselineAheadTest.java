package com.lstmautoml.core.baselines;

import com.lstmautoml.core.baselines.HoltWintersBaseline.Form;
import com.lstmautoml.core.baselines.HoltWintersBaseline.Model;
import com.lstmautoml.core.baselines.HoltWintersBaseline.Season;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Multi-step forecasts of the baselines from one origin ({@link Baseline.Fitted#ahead}): step 1 is the one-step
 * forecast, nothing after the origin is read, naive and seasonal naive on hand-computed values, and Holt-Winters
 * against a plain time-indexed ETS recursion written out here.
 */
class BaselineAheadTest {

    private static final int M = 12;
    private static final int TRAIN_END = 96;

    /** (100 + 2·t) times a positive seasonal factor, with 2% multiplicative noise (seeded). */
    private static double[] multiplicative(int n) {
        Random r = new Random(5);
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            double factor = 1 + 0.3 * Math.sin(2 * Math.PI * t / M) + 0.1 * Math.cos(4 * Math.PI * t / M);
            y[t] = (100 + 2 * t) * factor * (1 + 0.02 * r.nextGaussian());
        }
        return y;
    }

    private static List<Baseline.Fitted> fitted(double[] y) {
        return List.of(new NaiveBaseline().fit(y, TRAIN_END, M), new SeasonalNaiveBaseline().fit(y, TRAIN_END, M),
                new HoltWintersBaseline().fit(y, TRAIN_END, M));
    }

    private static Model form(double[] y, boolean damped, Season season) {
        return HoltWintersBaseline.candidates(y, TRAIN_END, M).stream()
                .filter(m -> m.form().equals(new Form(damped, season))).findFirst().orElseThrow();
    }

    @Test
    void stepOneIsTheOneStepForecast() {
        double[] y = multiplicative(120);
        for (Baseline.Fitted f : fitted(y)) {
            for (int origin : new int[]{1, 13, 50, TRAIN_END, 119}) {
                // ahead(o, 1) forecasts row o from rows before it, exactly as oneStep does for row o
                assertThat(f.ahead(y, origin, 1)).as("%s at %d", f.description(), origin)
                        .containsExactly(f.oneStep(y, origin, origin + 1));
            }
        }
    }

    @Test
    void nothingAtOrAfterTheOriginIsRead() {
        double[] y = multiplicative(120);
        for (Baseline.Fitted f : fitted(y)) {
            for (int origin : new int[]{TRAIN_END, 105}) {
                double[] clean = f.ahead(y, origin, 30);
                double[] garbage = y.clone();
                Arrays.fill(garbage, origin, garbage.length, Double.NaN);
                garbage[origin] = 1e9;
                // the same forecasts from a series that is garbage from the origin on, or that ends there
                assertThat(f.ahead(garbage, origin, 30)).as(f.description()).containsExactly(clean);
                assertThat(f.ahead(Arrays.copyOf(y, origin), origin, 30)).as(f.description()).containsExactly(clean);
                assertThat(Arrays.stream(clean).allMatch(Double::isFinite)).isTrue();
            }
        }
    }

    @Test
    void naiveRepeatsTheLastValue() {
        double[] y = {3, 1, 4, 1, 5, 9, 2, 6};
        Baseline.Fitted naive = new NaiveBaseline().fit(y, 6, 3);
        assertThat(naive.ahead(y, 6, 4)).containsExactly(9, 9, 9, 9);
        assertThat(naive.ahead(y, 8, 2)).containsExactly(6, 6);
        // no history at all
        assertThat(naive.ahead(y, 0, 2)).containsOnly(Double.NaN);
    }

    @Test
    void seasonalNaiveRepeatsTheLastSeason() {
        double[] y = {3, 1, 4, 1, 5, 9, 2, 6};
        Baseline.Fitted sn = new SeasonalNaiveBaseline().fit(y, 6, 3);
        // origin 6, m = 3: steps 1..3 are rows 3, 4, 5 (1, 5, 9); steps 4..5 wrap to rows 3, 4 again
        assertThat(sn.ahead(y, 6, 5)).containsExactly(1, 5, 9, 1, 5);
        // origin 8: the last season is rows 5, 6, 7 (9, 2, 6)
        assertThat(sn.ahead(y, 8, 4)).containsExactly(9, 2, 6, 9);
        // origin 2: step 1 would need row -1; steps 2 and 3 are rows 0 and 1; step 4 row -1 again
        assertThat(sn.ahead(y, 2, 4)).containsExactly(Double.NaN, 3, 1, Double.NaN);
    }

    @Test
    void holtWintersUndampedAdditiveMatchesAPlainRecursion() {
        double[] y = multiplicative(120);
        Model m = form(y, false, Season.ADDITIVE);
        assertThat(m.phi()).isEqualTo(1.0);
        for (int origin : new int[]{5, TRAIN_END, 107, 120}) {
            assertThat(m.ahead(y, origin, 30)).as("origin %d", origin)
                    .containsExactly(plainEts(m, y, origin, 30), within(1e-9));
        }
    }

    @Test
    void holtWintersDampedMultiplicativeMatchesAPlainRecursion() {
        double[] y = multiplicative(120);
        Model m = form(y, true, Season.MULTIPLICATIVE);
        assertThat(m.phi()).isLessThan(1.0);
        for (int origin : new int[]{5, TRAIN_END, 107, 120}) {
            assertThat(m.ahead(y, origin, 30)).as("origin %d", origin)
                    .containsExactly(plainEts(m, y, origin, 30), within(1e-9));
        }
    }

    @Test
    void holtWithoutSeasonIsAStraightLineFromTheLastStates() {
        double[] y = {10, 12, 14, 16, 18, 20, 22, 24};
        Model m = new HoltWintersBaseline().fit(y, 6, M);
        assertThat(m.form().seasonal()).isFalse();
        assertThat(m.ahead(y, 6, 3)).containsExactly(new double[]{22, 24, 26}, within(1e-9));
    }

    @Test
    void rejectsOriginsOutsideTheSeriesAndEmptyHorizons() {
        double[] y = multiplicative(120);
        for (Baseline.Fitted f : fitted(y)) {
            assertThatThrownBy(() -> f.ahead(y, 121, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> f.ahead(y, -1, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> f.ahead(y, 100, 0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /**
     * The textbook ETS recursion with time-indexed states: {@code seasonal[t + m]} is the seasonal state of time
     * {@code t} (the initial states are times {@code −m .. −1}); the h-step forecast made after time {@code T = o − 1}
     * is {@code l_T + (φ + … + φ^h)·b_T} with {@code s[T + h − m(⌊(h−1)/m⌋ + 1)]}.
     */
    private static double[] plainEts(Model model, double[] y, int origin, int horizon) {
        double a = model.alpha();
        double b = model.beta();
        double g = model.gamma();
        double phi = model.phi();
        boolean multiplicative = model.form().season() == Season.MULTIPLICATIVE;
        double[] init = model.initialStates();
        double level = init[0];
        double trend = init[1];
        double[] seasonal = new double[origin + M];
        System.arraycopy(init, 2, seasonal, 0, M);
        for (int t = 0; t < origin; t++) {
            double previousSeason = seasonal[t];
            double previousLevel = level;
            double base = previousLevel + phi * trend;
            if (multiplicative) {
                level = a * y[t] / previousSeason + (1 - a) * base;
                seasonal[t + M] = g * y[t] / base + (1 - g) * previousSeason;
            } else {
                level = a * (y[t] - previousSeason) + (1 - a) * base;
                seasonal[t + M] = g * (y[t] - base) + (1 - g) * previousSeason;
            }
            trend = b * (level - previousLevel) + (1 - b) * phi * trend;
        }
        double[] out = new double[horizon];
        int last = origin - 1;
        for (int h = 1; h <= horizon; h++) {
            double phiH = 0;
            for (int i = 1; i <= h; i++) {
                phiH += Math.pow(phi, i);
            }
            double s = seasonal[last + h - M * ((h - 1) / M + 1) + M];
            double base = level + phiH * trend;
            out[h - 1] = multiplicative ? base * s : base + s;
        }
        return out;
    }
}
