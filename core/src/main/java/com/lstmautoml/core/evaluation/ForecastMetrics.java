package com.lstmautoml.core.evaluation;

/**
 * Point-forecast error metrics in the conventions of {@code FORECASTING.md}: RMSE and MAE in the series' units,
 * sMAPE in percent, MASE scaled by the in-sample MAE of the seasonal naive forecast, and skill against a reference.
 * Lower is better for all but skill.
 *
 * <p>The array metrics take actual and predicted values of equal length ({@link IllegalArgumentException}
 * otherwise) and return NaN for empty input.
 */
public final class ForecastMetrics {

    private ForecastMetrics() {
    }

    /** Root mean squared error. */
    public static double rmse(double[] actual, double[] predicted) {
        check(actual, predicted);
        if (actual.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            double e = actual[i] - predicted[i];
            sum += e * e;
        }
        return Math.sqrt(sum / actual.length);
    }

    /** Mean absolute error. */
    public static double mae(double[] actual, double[] predicted) {
        check(actual, predicted);
        if (actual.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            sum += Math.abs(actual[i] - predicted[i]);
        }
        return sum / actual.length;
    }

    /**
     * Symmetric MAPE in percent: the mean of {@code 200·|y − ŷ| / (|y| + |ŷ|)}; a term where both are 0 counts 0
     * (a perfect forecast of zero), so the result lies in [0, 200].
     */
    public static double smape(double[] actual, double[] predicted) {
        check(actual, predicted);
        if (actual.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            double denominator = Math.abs(actual[i]) + Math.abs(predicted[i]);
            if (denominator != 0) {
                sum += 200 * Math.abs(actual[i] - predicted[i]) / denominator;
            }
        }
        return sum / actual.length;
    }

    /**
     * The in-sample MAE of the seasonal naive forecast {@code ŷ[t] = y[t − m]} over the rows {@code [from, to)}:
     * the mean over {@code t} in {@code [from + m, to)} of {@code |y[t] − y[t − m]|} (only rows of the slice are
     * used); NaN when there is no such {@code t}. MASE divides by it.
     *
     * @param m the season length, at least 1 (1: the naive forecast)
     */
    public static double seasonalNaiveScale(double[] series, int from, int to, int m) {
        if (m < 1) {
            throw new IllegalArgumentException("season length must be >= 1, got " + m);
        }
        if (from < 0 || to > series.length || from > to) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") are not within the "
                    + series.length + " of the series");
        }
        int count = 0;
        double sum = 0;
        for (int t = from + m; t < to; t++) {
            sum += Math.abs(series[t] - series[t - m]);
            count++;
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Mean absolute scaled error {@code mae / scale}; NaN when the scale is 0, NaN or infinite. */
    public static double mase(double mae, double scale) {
        if (scale == 0 || !Double.isFinite(scale)) {
            return Double.NaN;
        }
        return mae / scale;
    }

    /**
     * Skill against a reference on the same rows, {@code 1 − rmse / referenceRmse}: 0 ties the reference, above 0
     * beats it, 1 is perfect. NaN when the reference RMSE is 0 or NaN.
     */
    public static double skill(double rmse, double referenceRmse) {
        if (referenceRmse == 0 || Double.isNaN(referenceRmse)) {
            return Double.NaN;
        }
        return 1 - rmse / referenceRmse;
    }

    private static void check(double[] actual, double[] predicted) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException(actual.length + " actual values but " + predicted.length
                    + " predicted");
        }
    }
}
