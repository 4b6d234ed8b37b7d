package com.lstmautoml.core.forecast;

import com.lstmautoml.core.data.ChronoSplit;
import com.lstmautoml.core.data.Preprocessing;
import com.lstmautoml.core.data.Scaler;
import com.lstmautoml.core.data.Table;
import com.lstmautoml.core.data.Transform;
import com.lstmautoml.core.training.OneStepForecasts;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Multi-step forecasts of a one-step model, made recursively: forecast the next row as
 * {@link OneStepForecasts#forRows(MultiLayerNetwork, Preprocessing, Table, ChronoSplit.Range)} would, append the
 * forecast to the history as if observed, repeat. Extra input (feature) columns are not forecast: the caller gives
 * their future values, one row per step (row {@code k} holds the features at the time of step {@code k + 1}).
 *
 * <p>The work is done in the model's space, not by re-preprocessing a growing table: the inputs are transformed,
 * differenced and scaled once, and each forecast is pushed through the same three steps before it is fed back
 * (the arithmetic of {@link Preprocessing#scaledColumns} and {@link Preprocessing#invertTarget}, so the results
 * equal the one-step path's). A step needs only the last {@link #minHistory} rows, so {@link #forecast} costs the
 * same on any length of history, and {@link #fromOrigins} forecasts step {@code k} from every origin in one batched
 * {@code net.output} call: conformal calibration and horizon evaluation make {@code horizon} calls, not
 * {@code origins × horizon}.
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
     * Only the last {@link #minHistory} rows of the history are read.
     *
     * @param history the model's input columns (others are ignored), in row order
     * @param future  for each feature, its values for the {@code horizon} steps (at least that many); ignored and may
     *                be empty when the model has no features
     * @throws IllegalArgumentException when the history is too short, lacks an input column, or a feature has fewer
     *                                  than {@code horizon} future values
     */
    public static double[] forecast(MultiLayerNetwork net, Preprocessing prep, Table history,
                                    Map<String, double[]> future, int horizon) {
        checkHorizon(horizon);
        int n = history.rows();
        int keep = minHistory(prep);
        if (n < keep) {
            throw new IllegalArgumentException("the history has " + n + " rows; the model needs at least "
                    + keep + " (look-back " + prep.lookBack() + " + difference " + prep.difference() + ")");
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
        List<String> inputs = prep.inputColumns();
        double[][] raw = new double[inputs.size()][keep + horizon];
        for (int c = 0; c < inputs.size(); c++) {
            System.arraycopy(history.column(inputs.get(c)), n - keep, raw[c], 0, keep);
            if (c == 0) {
                Arrays.fill(raw[c], keep, keep + horizon, Double.NaN); // the target's future: never read
            } else {
                System.arraycopy(future.get(inputs.get(c)), 0, raw[c], keep, horizon);
            }
        }
        return recursive(net, prep, raw, new int[]{keep}, new int[]{horizon})[0];
    }

    /**
     * Recursive forecasts from every origin {@code o} of {@code origins}, as {@link #forecast} makes them with the
     * history rows {@code [0, o)} of {@code table} and the table's actual feature values as their future (how
     * conformal calibration and horizon evaluation use the model), for the steps {@code 1 .. min(horizon,
     * actualsEnd − o)}: those whose actual row {@code o + k − 1} lies before {@code actualsEnd} (and the table's
     * end). The target after an origin is never read for that origin.
     *
     * @return element {@code i} holds the forecasts made at origin {@code origins.from() + i}, step {@code k} at
     * index {@code k − 1}; empty for an origin below {@link #minHistory} (no full window) or at or after the end
     * @throws IllegalArgumentException when {@code horizon < 1} or the table lacks an input column
     */
    public static double[][] fromOrigins(MultiLayerNetwork net, Preprocessing prep, Table table,
                                         ChronoSplit.Range origins, int horizon, int actualsEnd) {
        checkHorizon(horizon);
        int end = Math.min(actualsEnd, table.rows());
        int first = Math.max(origins.from(), minHistory(prep));
        int last = Math.min(origins.to(), end); // exclusive
        double[][] out = new double[origins.size()][];
        Arrays.fill(out, new double[0]);
        if (first >= last) {
            return out;
        }
        // only the rows the windows and the inversion reach: [first - minHistory, end)
        int lo = first - minHistory(prep);
        List<String> inputs = prep.inputColumns();
        double[][] raw = new double[inputs.size()][];
        for (int c = 0; c < inputs.size(); c++) {
            raw[c] = Arrays.copyOfRange(table.column(inputs.get(c)), lo, end);
        }
        int[] at = new int[last - first];
        int[] steps = new int[at.length];
        for (int i = 0; i < at.length; i++) {
            at[i] = first + i - lo;
            steps[i] = Math.min(horizon, end - (first + i));
        }
        double[][] f = recursive(net, prep, raw, at, steps);
        System.arraycopy(f, 0, out, first - origins.from(), f.length);
        return out;
    }

    /**
     * The engine: recursive forecasts from each origin {@code origins[i]} (a row of {@code raw}) for
     * {@code steps[i]} steps, one batched {@code net.output} per step for all origins still running.
     *
     * @param raw    the model's input columns in model order, raw values; the target is read only before each
     *               origin, the features up to the row before each origin's last step
     * @param origins each at least {@link #minHistory} (a full window of differenced rows)
     */
    private static double[][] recursive(MultiLayerNetwork net, Preprocessing prep, double[][] raw, int[] origins,
                                        int[] steps) {
        int columns = raw.length;
        int lookBack = prep.lookBack();
        int lag = prep.difference();
        Transform transform = prep.transform();
        Scaler targetScaler = prep.targetScaler();
        // every input transformed, differenced and scaled once (the target's rows at and after an origin are
        // replaced, for that origin, by its own scaled forecasts)
        double[][] scaled = new double[columns][];
        for (int c = 0; c < columns; c++) {
            scaled[c] = prep.scalers().get(prep.inputColumns().get(c))
                    .transform(Preprocessing.stationary(raw[c], transform, lag));
        }
        double[] target = raw[0];
        int maxSteps = 0;
        double[][] forecasts = new double[origins.length][];
        double[][] fedBack = new double[origins.length][];
        for (int i = 0; i < origins.length; i++) {
            forecasts[i] = new double[steps[i]];
            fedBack[i] = new double[steps[i]];
            maxSteps = Math.max(maxSteps, steps[i]);
        }
        int[] running = new int[origins.length];
        var dataType = net.getLayerWiseConfigurations().getDataType();
        for (int k = 0; k < maxSteps; k++) {
            int batch = 0;
            for (int i = 0; i < origins.length; i++) {
                if (steps[i] > k) {
                    running[batch++] = i;
                }
            }
            // windows in DL4J's NCW layout [batch, columns, lookBack]: feature c at step s of window b
            double[] ncw = new double[batch * columns * lookBack];
            for (int b = 0; b < batch; b++) {
                int i = running[b];
                int origin = origins[i];
                int row = origin + k;
                for (int c = 0; c < columns; c++) {
                    int base = (b * columns + c) * lookBack;
                    for (int s = 0; s < lookBack; s++) {
                        int t = row - lookBack + s;
                        ncw[base + s] = c == 0 && t >= origin ? fedBack[i][t - origin] : scaled[c][t];
                    }
                }
            }
            INDArray output = net.output(Nd4j.create(ncw, new long[]{batch, columns, lookBack}, dataType), false);
            double[] next = output.get(NDArrayIndex.all(), NDArrayIndex.point(0),
                    NDArrayIndex.point(output.size(2) - 1)).toDoubleVector();
            for (int b = 0; b < batch; b++) {
                int i = running[b];
                int origin = origins[i];
                int row = origin + k;
                // Preprocessing.invertTarget with the history as extended so far
                double z = targetScaler.inverse(next[b]);
                double previous = Double.NaN;
                if (lag > 0) {
                    int p = row - lag;
                    previous = transform.apply(p >= origin ? forecasts[i][p - origin] : target[p]);
                    z += previous;
                }
                double y = transform.inverse(z);
                forecasts[i][k] = y;
                // Preprocessing.scaledColumns of the forecast, to feed it back
                double d = lag > 0 ? transform.apply(y) - previous : transform.apply(y);
                fedBack[i][k] = targetScaler.transform(d);
            }
        }
        return forecasts;
    }

    private static void checkHorizon(int horizon) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
        }
    }
}
