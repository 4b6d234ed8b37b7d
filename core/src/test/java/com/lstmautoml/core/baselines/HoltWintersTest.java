package com.lstmautoml.core.baselines;

import com.lstmautoml.core.baselines.HoltWintersBaseline.Model;
import com.lstmautoml.core.baselines.HoltWintersBaseline.Season;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HoltWintersTest {

    private static final int M = 12;

    /** 50 + 0.5·t plus a fixed additive pattern, no noise. */
    private static double[] additive(int n) {
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = 50 + 0.5 * t + 10 * Math.sin(2 * Math.PI * t / M) + 4 * Math.cos(4 * Math.PI * t / M);
        }
        return y;
    }

    /** (100 + 2·t) times a positive seasonal factor, with 1% multiplicative noise (seeded). */
    private static double[] multiplicative(int n, long seed) {
        Random r = new Random(seed);
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            double factor = 1 + 0.35 * Math.sin(2 * Math.PI * t / M) + 0.1 * Math.cos(4 * Math.PI * t / M);
            y[t] = (100 + 2 * t) * factor * (1 + 0.01 * r.nextGaussian());
        }
        return y;
    }

    @Test
    void exactTrendPlusAdditiveSeasonIsForecastWithoutError() {
        double[] y = additive(120);
        Model model = new HoltWintersBaseline().fit(y, 96, M);
        assertThat(model.form().seasonal()).isTrue();
        double[] forecasts = model.oneStep(y, 0, y.length);
        for (int t = 0; t < y.length; t++) {
            assertThat(forecasts[t]).as("row %d", t).isCloseTo(y[t], within(1e-6));
        }
    }

    @Test
    void multiplicativeSeasonWinsByAicc() {
        double[] y = multiplicative(120, 7);
        List<Model> candidates = HoltWintersBaseline.candidates(y, 96, M);
        assertThat(candidates).extracting(m -> m.form().season())
                .contains(Season.NONE, Season.ADDITIVE, Season.MULTIPLICATIVE);
        Model best = candidates.stream().min(Comparator.comparingDouble(Model::aicc)).orElseThrow();
        assertThat(best.form().season()).isEqualTo(Season.MULTIPLICATIVE);
        assertThat(new HoltWintersBaseline().fit(y, 96, M).description()).isEqualTo(best.description())
                .contains("multiplicative season (m=12)");
        double bestAdditive = candidates.stream().filter(m -> m.form().season() == Season.ADDITIVE)
                .mapToDouble(Model::aicc).min().orElseThrow();
        assertThat(best.aicc()).isLessThan(bestAdditive);
    }

    @Test
    void noMultiplicativeFormWithANonPositiveTrainingValue() {
        double[] y = multiplicative(120, 7);
        y[30] = 0;
        assertThat(HoltWintersBaseline.candidates(y, 96, M)).extracting(m -> m.form().season())
                .containsExactly(Season.NONE, Season.NONE, Season.ADDITIVE, Season.ADDITIVE);
        y[30] = -5;
        assertThat(HoltWintersBaseline.candidates(y, 96, M)).noneMatch(m -> m.form().season() == Season.MULTIPLICATIVE);
        // only the training rows count
        double[] later = multiplicative(120, 7);
        later[100] = -5;
        assertThat(HoltWintersBaseline.candidates(later, 96, M))
                .anyMatch(m -> m.form().season() == Season.MULTIPLICATIVE);
    }

    @Test
    void seasonalFormsNeedTwoSeasonsAndASeasonLengthAboveOne() {
        double[] y = multiplicative(120, 7);
        assertThat(HoltWintersBaseline.candidates(y, 23, M)).allMatch(m -> !m.form().seasonal());
        assertThat(HoltWintersBaseline.candidates(y, 24, M)).anyMatch(m -> m.form().seasonal());
        assertThat(HoltWintersBaseline.candidates(y, 96, 1)).allMatch(m -> !m.form().seasonal());
    }

    @Test
    void dampedFormsKeepPhiInItsBounds() {
        for (Model m : HoltWintersBaseline.candidates(multiplicative(120, 3), 96, M)) {
            if (m.form().damped()) {
                assertThat(m.phi()).isBetween(HoltWintersBaseline.PHI_MIN, HoltWintersBaseline.PHI_MAX);
                assertThat(m.description()).contains("damped", "φ=");
            } else {
                assertThat(m.phi()).isEqualTo(1.0);
            }
            for (double p : new double[]{m.alpha(), m.beta(), m.gamma()}) {
                assertThat(p).isBetween(0.0, 1.0);
            }
        }
    }

    @Test
    void deterministic() {
        double[] y = multiplicative(120, 11);
        Model a = new HoltWintersBaseline().fit(y, 96, M);
        Model b = new HoltWintersBaseline().fit(y, 96, M);
        assertThat(b.description()).isEqualTo(a.description());
        assertThat(new double[]{b.alpha(), b.beta(), b.gamma(), b.phi(), b.aicc(), b.sse()})
                .containsExactly(a.alpha(), a.beta(), a.gamma(), a.phi(), a.aicc(), a.sse());
        assertThat(b.oneStep(y, 96, 120)).containsExactly(a.oneStep(y, 96, 120));
    }

    @Test
    void holtOnAShortSeries() {
        double[] y = {10, 12, 14, 16, 18, 20, 22, 24};
        Model m = new HoltWintersBaseline().fit(y, 6, M);
        assertThat(m.form().seasonal()).isFalse();
        // a straight line is forecast exactly
        assertThat(m.oneStep(y, 6, 8)).containsExactly(new double[]{22, 24},
                within(1e-9));
    }
}
