package com.lstmautoml.core.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScalerTest {

    private static final double[] SERIES = {5, 3, 8, 6, 4, 7, 2, 9, 1, 10};

    @ParameterizedTest
    @EnumSource(ScalerType.class)
    void roundTrip(ScalerType type) {
        Scaler s = type.fit(SERIES, 0, 7);
        double[] back = s.inverse(s.transform(SERIES));
        for (int i = 0; i < SERIES.length; i++) {
            // rule: inverse(transform(x)) == x, also for values outside the fitted slice
            assertThat(back[i]).isCloseTo(SERIES[i], within(1e-9));
        }
    }

    @ParameterizedTest
    @EnumSource(ScalerType.class)
    void jsonRoundTrip(ScalerType type) {
        Scaler s = type.fit(SERIES, 0, 7);
        Scaler back = Scaler.fromJson(s.toJson());
        // rule: the parameters survive JSON exactly
        assertThat(back).isEqualTo(s);
        // rule: the JSON names its type
        assertThat(s.toJson().get("type").asText()).isEqualTo(type.jsonName());
    }

    @Test
    void minMaxMapsTrainingSliceToUnitInterval() {
        MinMaxScaler s = MinMaxScaler.fit(SERIES, 0, 7);
        // rule: min and max are those of the fitted slice (rows 0..6)
        assertThat(s.min()).isEqualTo(2);
        assertThat(s.max()).isEqualTo(8);
        // rule: min -> 0, max -> 1
        assertThat(s.transform(2)).isEqualTo(0.0);
        assertThat(s.transform(8)).isEqualTo(1.0);
        // rule: values outside the training range map outside [0, 1]
        assertThat(s.transform(10)).isGreaterThan(1.0);
    }

    @Test
    void fitSeesOnlyTheTrainingSlice() {
        double[] series = new double[20];
        for (int i = 0; i < 20; i++) {
            series[i] = 100 + i;
        }
        series[15] = 1e6;   // test slice holds an extreme high
        series[13] = -1e6;  // validation slice an extreme low
        Table table = new Table("t", java.util.stream.IntStream.range(0, 20).mapToObj(Integer::toString).toList(),
                Map.of("y", series));
        Preprocessing p = Preprocessing.fit(table, List.of("y"), 2, new SplitFractions(0.6, 0.2), ScalerType.MIN_MAX);
        MinMaxScaler s = (MinMaxScaler) p.targetScaler();
        // rule: no leakage - min/max are the training rows' (0..11), ignoring validation and test extremes
        assertThat(s.min()).isEqualTo(100);
        assertThat(s.max()).isEqualTo(111);
        // rule: the preprocessing JSON carries the same parameters
        assertThat(Preprocessing.fromJson(p.toJson()).targetScaler()).isEqualTo(s);
    }

    @Test
    void constantSeriesIsGuarded() {
        Scaler s = ScalerType.MIN_MAX.fit(new double[]{4, 4, 4}, 0, 3);
        // rule: a constant slice does not divide by zero
        assertThat(s.transform(4)).isEqualTo(0.0);
        assertThat(s.transform(6)).isEqualTo(2.0);
        // rule: still invertible
        assertThat(s.inverse(2.0)).isEqualTo(6.0);
        Scaler z = ScalerType.STANDARD.fit(new double[]{4, 4, 4}, 0, 3);
        // rule: standard scaler also guards a zero std
        assertThat(z.transform(5)).isEqualTo(1.0);
    }

    @Test
    void standardScalerHasZeroMeanUnitStd() {
        StandardScaler s = StandardScaler.fit(new double[]{1, 2, 3, 4, 100}, 0, 4);
        // rule: mean and population std of the fitted slice only
        assertThat(s.mean()).isEqualTo(2.5);
        assertThat(s.std()).isCloseTo(Math.sqrt(1.25), within(1e-12));
    }
}
