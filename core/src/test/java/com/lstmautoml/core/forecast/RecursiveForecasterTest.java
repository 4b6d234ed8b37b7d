package com.lstmautoml.core.forecast;

import com.lstmautoml.core.testing.TinyForecaster;
import com.lstmautoml.core.data.ChronoSplit;
import com.lstmautoml.core.data.Preprocessing;
import com.lstmautoml.core.data.Table;
import com.lstmautoml.core.training.OneStepForecasts;
import com.lstmautoml.core.training.TrainingResult;
import com.lstmautoml.core.trial.TrialParams;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Recursive multi-step forecasts against independent computations with the one-step path, the split-conformal rank
 * rule on hand-listed errors, and the time labels of future steps.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecursiveForecasterTest {

    static final int ROWS = 60;
    static final long SEED = 42;
    /** lag-1 differencing and a feature column, so both the inversion and the future inputs are exercised */
    static final TrialParams TINY = new TrialParams(4, 1, 3, 0.0, 16, 0.01, "none", 1, "minmax");

    Table table;
    TrainingResult result;
    Preprocessing prep;
    MultiLayerNetwork net;

    @BeforeAll
    void trainOnce() {
        TinyForecaster tiny = TinyForecaster.train(TinyForecaster.seasonalTable(ROWS), TINY, SEED);
        table = tiny.table();
        result = tiny.result();
        prep = tiny.prep();
        net = tiny.net();
    }

    private Table head(Table t, int rows) {
        Map<String, double[]> cols = new LinkedHashMap<>();
        t.columns().forEach((c, v) -> cols.put(c, Arrays.copyOf(v, rows)));
        return new Table(t.timeColumn(), t.times().subList(0, rows), cols);
    }

    private Map<String, double[]> futureX(int from, int steps) {
        return Map.of("x", Arrays.copyOfRange(table.column("x"), from, from + steps));
    }

    @Test
    void oneStepEqualsTheOneStepPathForTheNextRow() {
        for (int row : new int[]{prep.firstTargetRow(), 30, 45, ROWS - 1}) {
            double expected = OneStepForecasts.forRows(result.modelZip(), result.preprocessingJson(), table,
                    new ChronoSplit.Range(row, row + 1)).predicted()[0];
            double[] got = RecursiveForecaster.forecast(net, prep, head(table, row), futureX(row, 1), 1);
            assertThat(got).containsExactly(expected);
        }
    }

    @Test
    void stepKFeedsTheModelsOwnEarlierOutputsBack() {
        int origin = 40;
        int h = 6;
        double[] got = RecursiveForecaster.forecast(net, prep, head(table, origin), futureX(origin, h), h);
        // independently: extend a copy of the table row by row with the one-step forecast in place of the actual
        double[] y = Arrays.copyOf(table.column("y"), ROWS);
        double[] expected = new double[h];
        for (int k = 0; k < h; k++) {
            int row = origin + k;
            Map<String, double[]> cols = new LinkedHashMap<>();
            cols.put("y", y.clone());
            cols.put("x", table.column("x"));
            Table extended = new Table("t", table.times(), cols);
            expected[k] = OneStepForecasts.forRows(net, prep, extended, new ChronoSplit.Range(row, row + 1))
                    .predicted()[0];
            y[row] = expected[k];
        }
        assertThat(got).containsExactly(expected);
        assertThat(Arrays.stream(got).allMatch(Double::isFinite)).isTrue();
        // step 1 uses only actual history: the one-step forecast of that row
        assertThat(got[0]).isEqualTo(OneStepForecasts.forRows(net, prep, table,
                new ChronoSplit.Range(origin, origin + 1)).predicted()[0]);
    }

    @Test
    void featuresWithoutFutureValuesOrAShortHistoryAreRefused() {
        assertThatThrownBy(() -> RecursiveForecaster.forecast(net, prep, head(table, 40), Map.of(), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[x]")
                .hasMessageContaining("3 rows of 'future'");
        assertThatThrownBy(() -> RecursiveForecaster.forecast(net, prep, head(table, 40), futureX(40, 2), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[x]");
        assertThatThrownBy(() -> RecursiveForecaster.forecast(net, prep, head(table, 3), futureX(3, 1), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 4");
    }

    @Test
    void calibrationCollectsTheErrorsOfEveryValidationOriginPerStep() {
        int h = 3;
        ChronoSplit rows = prep.rows();
        Conformal c = Conformal.calibrate(net, prep, table, rows.validation(), rows.validation().to(), h);
        int origins = rows.validation().size();
        for (int k = 1; k <= h; k++) {
            // step k has an actual inside the validation rows for origins o with o + k - 1 < validationEnd
            assertThat(c.count(k)).isEqualTo(origins - (k - 1));
        }
        // the errors of step 2 are those of independent 2-step forecasts from each origin
        List<Double> expected = new ArrayList<>();
        for (int o = rows.validation().from(); o + 1 < rows.validation().to(); o++) {
            double[] f = RecursiveForecaster.forecast(net, prep, head(table, o), futureX(o, 2), 2);
            expected.add(Math.abs(table.column("y")[o + 1] - f[1]));
        }
        double[] sorted = expected.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        assertThat(c.errors().get(1)).containsExactly(sorted);
    }

    @Test
    void theBandIsTheRightOrderStatistic() {
        double[] errors = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
        // n = 9, alpha 0.8: ceil(10 * 0.8) = 8th smallest
        assertThat(Conformal.quantile(errors, 0.8)).hasValue(0.8);
        // alpha 0.5: ceil(5) = 5th
        assertThat(Conformal.quantile(errors, 0.5)).hasValue(0.5);
        // alpha 0.85: ceil(8.5) = 9th
        assertThat(Conformal.quantile(errors, 0.85)).hasValue(0.9);
        // alpha 0.95: ceil(9.5) = 10 > 9: no band
        assertThat(Conformal.quantile(errors, 0.95)).isEmpty();
        assertThat(Conformal.quantile(new double[0], 0.5)).isEmpty();
        assertThatThrownBy(() -> Conformal.quantile(errors, 1.0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timeLabelsContinueTheSeriesStep() {
        assertThat(TimeLabels.next(List.of("1960-11", "1960-12"), 3)).containsExactly("1961-01", "1961-02", "1961-03");
        assertThat(TimeLabels.next(List.of("2024-01-01", "2024-01-02", "2024-01-03"), 2))
                .containsExactly("2024-01-04", "2024-01-05");
        assertThat(TimeLabels.next(List.of("2024-01-01 22:00", "2024-01-01 23:00"), 2))
                .containsExactly("2024-01-02 00:00", "2024-01-02 01:00");
        assertThat(TimeLabels.next(List.of("2024-01-01T00:00:00", "2024-01-01T06:00:00"), 1))
                .containsExactly("2024-01-01T12:00:00");
        assertThat(TimeLabels.next(List.of("1", "2", "3.5"), 2)).containsExactly("5.0", "6.5");
        assertThat(TimeLabels.next(List.of("t0", "t1"), 2)).containsExactly("t+1", "t+2");
        assertThat(TimeLabels.next(List.of("1960-12"), 1)).containsExactly("t+1");
    }
}
