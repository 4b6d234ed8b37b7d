package com.lstmautoml.core.evaluation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ForecastMetricsTest {

    private static final double[] ACTUAL = {1, 2, 3};
    private static final double[] PREDICTED = {2, 2, 5};

    @Test
    void rmseAndMae() {
        // errors 1, 0, 2: squares 1, 0, 4 -> sqrt(5/3); absolute 1, 0, 2 -> 1
        assertThat(ForecastMetrics.rmse(ACTUAL, PREDICTED)).isCloseTo(Math.sqrt(5.0 / 3), within(1e-12));
        assertThat(ForecastMetrics.mae(ACTUAL, PREDICTED)).isCloseTo(1.0, within(1e-12));
        assertThat(ForecastMetrics.rmse(ACTUAL, ACTUAL)).isZero();
        assertThat(ForecastMetrics.mae(ACTUAL, ACTUAL)).isZero();
    }

    @Test
    void smapeInPercentWithBothZeroCountingZero() {
        // terms: 200*10/210, 0 (both zero), 200*50/50 = 200
        double expected = (2000.0 / 210 + 0 + 200) / 3;
        assertThat(ForecastMetrics.smape(new double[]{100, 0, 50}, new double[]{110, 0, 0}))
                .isCloseTo(expected, within(1e-12));
        // symmetric in actual and predicted
        assertThat(ForecastMetrics.smape(new double[]{110, 0, 0}, new double[]{100, 0, 50}))
                .isCloseTo(expected, within(1e-12));
        assertThat(ForecastMetrics.smape(new double[]{0}, new double[]{0})).isZero();
    }

    @Test
    void seasonalNaiveScale() {
        double[] y = {1, 2, 4, 8, 5, 5};
        // m=2 over all rows: |4-1|, |8-2|, |5-4|, |5-8| = 3, 6, 1, 3 -> 13/4
        assertThat(ForecastMetrics.seasonalNaiveScale(y, 0, 6, 2)).isCloseTo(3.25, within(1e-12));
        // rows [1, 5): t = 3, 4 only: |8-2|, |5-4| -> 3.5 (row 0 and row 5 are outside the slice)
        assertThat(ForecastMetrics.seasonalNaiveScale(y, 1, 5, 2)).isCloseTo(3.5, within(1e-12));
        // m=1 is the naive scale: 1, 2, 4, 3, 0 -> 2
        assertThat(ForecastMetrics.seasonalNaiveScale(y, 0, 6, 1)).isCloseTo(2.0, within(1e-12));
        // no row has a value m rows earlier within the slice
        assertThat(ForecastMetrics.seasonalNaiveScale(y, 0, 6, 6)).isNaN();
        assertThat(ForecastMetrics.seasonalNaiveScale(y, 2, 4, 2)).isNaN();
        assertThatThrownBy(() -> ForecastMetrics.seasonalNaiveScale(y, 0, 6, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ForecastMetrics.seasonalNaiveScale(y, 0, 7, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mase() {
        assertThat(ForecastMetrics.mase(2, 4)).isEqualTo(0.5);
        assertThat(ForecastMetrics.mase(1, 0)).isNaN();
        assertThat(ForecastMetrics.mase(1, Double.NaN)).isNaN();
        assertThat(ForecastMetrics.mase(1, Double.POSITIVE_INFINITY)).isNaN();
    }

    @Test
    void skill() {
        assertThat(ForecastMetrics.skill(5, 10)).isEqualTo(0.5);
        assertThat(ForecastMetrics.skill(10, 10)).isZero();
        assertThat(ForecastMetrics.skill(15, 10)).isEqualTo(-0.5);
        assertThat(ForecastMetrics.skill(1, 0)).isNaN();
        assertThat(ForecastMetrics.skill(1, Double.NaN)).isNaN();
    }

    @Test
    void emptyIsNaNAndLengthsMustMatch() {
        double[] none = {};
        assertThat(ForecastMetrics.rmse(none, none)).isNaN();
        assertThat(ForecastMetrics.mae(none, none)).isNaN();
        assertThat(ForecastMetrics.smape(none, none)).isNaN();
        assertThatThrownBy(() -> ForecastMetrics.rmse(new double[]{1}, new double[]{1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ForecastMetrics.mae(new double[]{1}, none))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ForecastMetrics.smape(none, new double[]{1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scoresOf() {
        Scores s = Scores.of(ACTUAL, PREDICTED, 4);
        assertThat(s.rmse()).isCloseTo(Math.sqrt(5.0 / 3), within(1e-12));
        assertThat(s.mae()).isCloseTo(1.0, within(1e-12));
        assertThat(s.mase()).isCloseTo(0.25, within(1e-12));
        // terms: 200*1/3, 0, 200*2/8
        assertThat(s.smape()).isCloseTo((200.0 / 3 + 50) / 3, within(1e-12));
        assertThat(Scores.of(ACTUAL, PREDICTED, 0).mase()).isNaN();
    }
}
