package com.lstmautoml.core.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WindowMakerTest {

    // rows 0..9, values 10 * row
    private static final double[] Y = {0, 10, 20, 30, 40, 50, 60, 70, 80, 90};
    private static final double[] X = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

    @Test
    void univariateShapeAndContents() {
        Windows w = WindowMaker.make(List.of(Y), 0, 3, new ChronoSplit.Range(0, 6));
        // rule: training windows start at row lookBack: 6 - 3 samples
        assertThat(w.samples()).isEqualTo(3);
        // rule: shape [samples, lookBack, features]
        assertThat(w.toArray()).hasDimensions(3, 3);
        assertThat(w.toArray()[0][0]).hasSize(1);
        // rule: sample i holds rows i..i+2 and targets row i+3
        assertThat(w.toArray()).isDeepEqualTo(new double[][][]{
                {{0}, {10}, {20}}, {{10}, {20}, {30}}, {{20}, {30}, {40}}});
        assertThat(w.targets()).containsExactly(30, 40, 50);
        assertThat(w.targetRows()).containsExactly(3, 4, 5);
    }

    @Test
    void multivariateShapeAndContents() {
        Windows w = WindowMaker.make(List.of(Y, X), 0, 2, new ChronoSplit.Range(0, 4));
        // rule: two features per time step, two samples (rows 2, 3)
        assertThat(w.samples()).isEqualTo(2);
        assertThat(w.features()).isEqualTo(2);
        // rule: [sample][step][feature] with the columns in the given order
        assertThat(w.toArray()).isDeepEqualTo(new double[][][]{
                {{0, 0}, {10, 1}}, {{10, 1}, {20, 2}}});
        // rule: the target comes from the target column only
        assertThat(w.targets()).containsExactly(20, 30);
        // rule: NCW layout is [sample][feature][step]
        assertThat(w.ncw()).containsExactly(0, 10, 0, 1, 10, 20, 1, 2);
    }

    @Test
    void targetColumnNeedNotBeFirst() {
        Windows w = WindowMaker.make(List.of(X, Y), 1, 1, new ChronoSplit.Range(5, 6));
        // rule: target index picks the target column
        assertThat(w.targets()).containsExactly(50);
        assertThat(w.input(0, 0, 1)).isEqualTo(40);
    }

    @Test
    void validationTargetsStartAtFirstValidationRowAndReachBack() {
        ChronoSplit s = ChronoSplit.of(10, new SplitFractions(0.6, 0.2));
        Windows v = WindowMaker.make(List.of(Y), 0, 3, s.validation());
        // rule: one validation sample per validation row (rows 6, 7)
        assertThat(v.targetRows()).containsExactly(6, 7);
        // rule: the first validation window's inputs are the last lookBack training rows
        assertThat(v.toArray()[0]).isDeepEqualTo(new double[][]{{30}, {40}, {50}});
        Windows t = WindowMaker.make(List.of(Y), 0, 3, s.test());
        // rule: test targets are every test row, inputs reach back into validation
        assertThat(t.targetRows()).containsExactly(8, 9);
        assertThat(t.toArray()[0]).isDeepEqualTo(new double[][]{{50}, {60}, {70}});
    }

    @Test
    void rejectsBadArguments() {
        // rule: lookBack must be positive
        assertThatThrownBy(() -> WindowMaker.make(List.of(Y), 0, 0, new ChronoSplit.Range(0, 5)))
                .isInstanceOf(IllegalArgumentException.class);
        // rule: columns must have equal length
        assertThatThrownBy(() -> WindowMaker.make(List.of(Y, new double[3]), 0, 1, new ChronoSplit.Range(0, 3)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
