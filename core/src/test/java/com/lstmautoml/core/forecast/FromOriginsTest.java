package com.lstmautoml.core.forecast;

import com.lstmautoml.core.testing.TinyForecaster;
import com.lstmautoml.core.data.ChronoSplit;
import com.lstmautoml.core.data.Preprocessing;
import com.lstmautoml.core.data.Table;
import com.lstmautoml.core.training.OneStepForecasts;
import com.lstmautoml.core.trial.TrialParams;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Batched recursive forecasts from many origins ({@link RecursiveForecaster#fromOrigins}) against the one-origin
 * {@link RecursiveForecaster#forecast} and against the one-step path on a table extended row by row, with a log
 * transform, lag-12 differencing and a feature column, so the inversion reaches back into earlier forecasts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FromOriginsTest {

    static final int ROWS = 90;
    static final long SEED = 7;
    static final int H = 15;
    /** log, lag-12 differencing, standard scaler; look-back 4, so a forecast needs 16 rows of history */
    static final TrialParams TINY = new TrialParams(4, 1, 4, 0.0, 16, 0.01, "log", 12, "standard");

    Table table;
    Preprocessing prep;
    MultiLayerNetwork net;

    @BeforeAll
    void trainOnce() {
        double[] y = new double[ROWS];
        double[] x = new double[ROWS];
        for (int t = 0; t < ROWS; t++) {
            y[t] = (20 + 0.3 * t) * (1 + 0.25 * Math.sin(2 * Math.PI * t / 12)) + Math.cos(t);
            x[t] = 2 + Math.sin(2 * Math.PI * t / 7); // positive: the log applies to every input
        }
        TinyForecaster tiny = TinyForecaster.train(TinyForecaster.table(y, x), TINY, SEED);
        table = tiny.table();
        prep = tiny.prep();
        net = tiny.net();
    }

    private Table head(Table t, int rows) {
        Map<String, double[]> cols = new LinkedHashMap<>();
        t.columns().forEach((c, v) -> cols.put(c, Arrays.copyOf(v, rows)));
        return new Table(t.timeColumn(), t.times().subList(0, rows), cols);
    }

    /** The recursion as it was first written: the table extended row by row, the one-step path on each row. */
    private double[] oneStepPath(int origin, int steps) {
        double[] y = table.column("y").clone();
        Arrays.fill(y, origin, ROWS, Double.NaN);
        double[] out = new double[steps];
        for (int k = 0; k < steps; k++) {
            int row = origin + k;
            Map<String, double[]> cols = new LinkedHashMap<>();
            cols.put("y", Arrays.copyOf(y, row + 1));
            cols.put("x", Arrays.copyOf(table.column("x"), row + 1));
            Table upTo = new Table("t", table.times().subList(0, row + 1), cols);
            out[k] = OneStepForecasts.forRows(net, prep, upTo, new ChronoSplit.Range(row, row + 1)).predicted()[0];
            y[row] = out[k];
        }
        return out;
    }

    @Test
    void everyOriginEqualsItsOwnRecursiveForecast() {
        assertThat(prep.difference()).isEqualTo(12);
        int min = RecursiveForecaster.minHistory(prep);
        assertThat(min).isEqualTo(16);
        double[][] got = RecursiveForecaster.fromOrigins(net, prep, table, new ChronoSplit.Range(0, ROWS), H, ROWS);
        assertThat(got).hasNumberOfRows(ROWS);
        for (int o = 0; o < ROWS; o++) {
            if (o < min) {
                // no full window of differenced rows
                assertThat(got[o]).as("origin %d", o).isEmpty();
                continue;
            }
            int steps = Math.min(H, ROWS - o);
            double[] expected = RecursiveForecaster.forecast(net, prep, head(table, o),
                    Map.of("x", Arrays.copyOfRange(table.column("x"), o, o + steps)), steps);
            // the steps whose actual row o + k - 1 is in the table, each as the one-origin forecast makes it
            assertThat(got[o]).as("origin %d", o).hasSize(steps).containsExactly(expected, within(1e-9));
        }
    }

    @Test
    void equalsTheOneStepPathOnAnExtendedTable() {
        for (int o : new int[]{16, 40, 63, 80}) {
            int steps = Math.min(H, ROWS - o);
            double[] path = oneStepPath(o, steps);
            assertThat(RecursiveForecaster.fromOrigins(net, prep, table, new ChronoSplit.Range(o, o + 1), H, ROWS)[0])
                    .as("origin %d", o).containsExactly(path, within(1e-9));
            assertThat(RecursiveForecaster.forecast(net, prep, head(table, o),
                    Map.of("x", Arrays.copyOfRange(table.column("x"), o, o + steps)), steps))
                    .as("origin %d", o).containsExactly(path, within(1e-9));
        }
    }

    @Test
    void stepsEndAtTheActualsEndAndOriginsOutsideGetNone() {
        ChronoSplit.Range origins = new ChronoSplit.Range(10, 60);
        double[][] got = RecursiveForecaster.fromOrigins(net, prep, table, origins, 5, 50);
        assertThat(got).hasNumberOfRows(50);
        for (int o = 10; o < 60; o++) {
            int expectedSteps = o < 16 ? 0 : Math.max(0, Math.min(5, 50 - o));
            assertThat(got[o - 10]).as("origin %d", o).hasSize(expectedSteps);
        }
        // origin 47: rows 47, 48, 49 lie before the end
        assertThat(got[47 - 10]).containsExactly(
                Arrays.copyOf(RecursiveForecaster.fromOrigins(net, prep, table, origins, 5, ROWS)[47 - 10], 3),
                within(1e-9));
    }

    @Test
    void theTargetAtAndAfterAnOriginIsNotRead() {
        int o = 50;
        double[] clean = RecursiveForecaster.fromOrigins(net, prep, table, new ChronoSplit.Range(o, o + 1), H,
                ROWS)[0];
        Map<String, double[]> cols = new LinkedHashMap<>(table.columns());
        double[] garbage = table.column("y").clone();
        Arrays.fill(garbage, o, ROWS, -1e6);
        cols.put("y", garbage);
        Table spoiled = new Table("t", table.times(), cols);
        assertThat(RecursiveForecaster.fromOrigins(net, prep, spoiled, new ChronoSplit.Range(o, o + 1), H, ROWS)[0])
                .containsExactly(clean);
        // the single forecast reads only the last minHistory rows
        Table tail = head(table, o);
        Map<String, double[]> future = Map.of("x", Arrays.copyOfRange(table.column("x"), o, o + H));
        Map<String, double[]> early = new LinkedHashMap<>(tail.columns());
        double[] y = tail.column("y").clone();
        Arrays.fill(y, 0, o - RecursiveForecaster.minHistory(prep), Double.NaN);
        early.put("y", y);
        assertThat(RecursiveForecaster.forecast(net, prep, new Table("t", tail.times(), early), future, H))
                .containsExactly(RecursiveForecaster.forecast(net, prep, tail, future, H));
    }

    @Test
    void oneNetworkCallPerStepForAllOrigins() {
        CountingNetwork counting = new CountingNetwork(net);
        ChronoSplit.Range validation = prep.rows().validation();
        double[][] batched = RecursiveForecaster.fromOrigins(counting, prep, table, validation, H,
                validation.to());
        // validation has 13 origins; the longest runs min(H, 13) steps, one call each
        assertThat(counting.calls).isEqualTo(Math.min(H, validation.size()));
        assertThat(batched[0]).containsExactly(
                RecursiveForecaster.fromOrigins(net, prep, table, validation, H, validation.to())[0]);
    }

    /** The trained network with a count of its {@code output} calls. */
    static final class CountingNetwork extends MultiLayerNetwork {
        int calls;

        CountingNetwork(MultiLayerNetwork trained) {
            super(trained.getLayerWiseConfigurations().clone());
            init(trained.params().dup(), false);
        }

        @Override
        public INDArray output(INDArray input, boolean train) {
            calls++;
            return super.output(input, train);
        }
    }
}
