package com.lstmautoml.core.forecast;

import com.lstmautoml.core.data.ChronoSplit;
import com.lstmautoml.core.data.Preprocessing;
import com.lstmautoml.core.data.Table;
import com.lstmautoml.core.training.OneStepForecasts;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Multi-step forecasts of a one-step model, made recursively: forecast the next row with
 * {@link OneStepForecasts#forRows(MultiLayerNetwork, Preprocessing, Table, ChronoSplit.Range)}, append the forecast to
 * the history as if observed, repeat. Extra input (feature) columns are not forecast: the caller gives their future
 * values, one row per step (row {@code k} holds the features at the time of step {@code k + 1}).
 *
 * <p>Not thread-safe for one network: callers serialise calls that share a {@link MultiLayerNetwork}.
 */
public final class RecursiveForecaster {

    private RecursiveForecaster() {
    }

    /** The features of the model: its input columns after the target. */
    public static List<String> features(Preprocessing prep) {
        return prep.inputColumns().subList(1, prep.inputColumns().size());
    }

    /** The fewest history rows a forecast needs: look-back plus the differencing lag. */
    public static int minHistory(Preprocessing prep) {
        return prep.firstTargetRow();
    }

    /**
     * The next {@code horizon} values of the target after the last row of {@code history}, in the series' units.
     *
     * @param history the model's input columns (others are ignored), in row order
     * @param future  for each feature, its values for the {@code horizon} steps (at least that many); ignored and may
     *                be empty when the model has no features
     * @throws IllegalArgumentException when the history is too short, lacks an input column, or a feature has fewer
     *                                  than {@code horizon} future values
     */
    public static double[] forecast(MultiLayerNetwork net, Preprocessing prep, Table history,
                                    Map<String, double[]> future, int horizon) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
        }
        int n = history.rows();
        if (n < minHistory(prep)) {
            throw new IllegalArgumentException("the history has " + n + " rows; the model needs at least "
                    + minHistory(prep) + " (look-back " + prep.lookBack() + " + difference " + prep.difference() + ")");
        }
        List<String> missing = new ArrayList<>();
        for (String f : features(prep)) {
            double[] values = future == null ? null : future.get(f);
            if (values == null || values.length < horizon) {
                missing.add(f);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the model's extra input columns " + missing + " need their future"
                    + " values for every step: " + horizon + " rows of 'future'");
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (String c : prep.inputColumns()) {
            double[] extended = Arrays.copyOf(history.column(c), n + horizon);
            if (c.equals(prep.target())) {
                Arrays.fill(extended, n, n + horizon, Double.NaN);
            } else {
                System.arraycopy(future.get(c), 0, extended, n, horizon);
            }
            columns.put(c, extended);
        }
        List<String> times = new ArrayList<>(history.times());
        for (int k = 1; k <= horizon; k++) {
            times.add("t+" + k);
        }
        double[] target = columns.get(prep.target());
        double[] out = new double[horizon];
        for (int k = 0; k < horizon; k++) {
            int row = n + k;
            Map<String, double[]> upTo = new LinkedHashMap<>();
            columns.forEach((c, v) -> upTo.put(c, Arrays.copyOf(v, row + 1)));
            Table t = new Table(history.timeColumn(), times.subList(0, row + 1), upTo);
            out[k] = OneStepForecasts.forRows(net, prep, t, new ChronoSplit.Range(row, row + 1)).predicted()[0];
            target[row] = out[k];
        }
        return out;
    }
}
