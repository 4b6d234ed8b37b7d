package com.lstmautoml.core.data;

import java.util.List;

/**
 * Makes sliding windows for one-step-ahead forecasting. A sample's target is the target column at row {@code t}; its
 * inputs are rows {@code t - lookBack .. t - 1} of all input columns. Only samples whose TARGET row lies in the given
 * range are made; their inputs may reach back into the previous slice (past values are known at forecast time, so this
 * is not leakage). Rows {@code t < lookBack} have no full window and are skipped, so a training range starting at 0
 * yields {@code trainRows - lookBack} samples while validation and test ranges yield one sample per row.
 */
public final class WindowMaker {

    private WindowMaker() {
    }

    /**
     * @param columns      the input columns (already scaled), in model order, all of equal length
     * @param targetColumn index in {@code columns} of the column to forecast
     * @param lookBack     time steps per window, at least 1
     * @param targetRows   rows whose values are the targets
     */
    public static Windows make(List<double[]> columns, int targetColumn, int lookBack, ChronoSplit.Range targetRows) {
        if (columns.isEmpty() || targetColumn < 0 || targetColumn >= columns.size()) {
            throw new IllegalArgumentException("need at least one column and a target index among them");
        }
        if (lookBack < 1) {
            throw new IllegalArgumentException("lookBack must be >= 1, got " + lookBack);
        }
        int rows = columns.get(0).length;
        for (double[] c : columns) {
            if (c.length != rows) {
                throw new IllegalArgumentException("columns differ in length: " + c.length + " vs " + rows);
            }
        }
        if (targetRows.to() > rows) {
            throw new IllegalArgumentException("target rows " + targetRows + " exceed the " + rows + " rows");
        }
        int first = Math.max(targetRows.from(), lookBack);
        int samples = Math.max(0, targetRows.to() - first);
        int features = columns.size();
        double[] inputs = new double[samples * lookBack * features];
        double[] targets = new double[samples];
        int[] rowsOut = new int[samples];
        double[] target = columns.get(targetColumn);
        for (int i = 0; i < samples; i++) {
            int t = first + i;
            rowsOut[i] = t;
            targets[i] = target[t];
            for (int s = 0; s < lookBack; s++) {
                int base = (i * lookBack + s) * features;
                int row = t - lookBack + s;
                for (int f = 0; f < features; f++) {
                    inputs[base + f] = columns.get(f)[row];
                }
            }
        }
        return new Windows(samples, lookBack, features, inputs, targets, rowsOut);
    }
}
