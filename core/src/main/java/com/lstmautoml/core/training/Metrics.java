package com.lstmautoml.core.training;

/** Forecast error metrics. */
public final class Metrics {

    private Metrics() {
    }

    /** Root mean squared error; NaN for empty input. */
    public static double rmse(double[] actual, double[] predicted) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException("actual has " + actual.length + " values, predicted "
                    + predicted.length);
        }
        if (actual.length == 0) {
            return Double.NaN;
        }
        double ss = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = actual[i] - predicted[i];
            ss += d * d;
        }
        return Math.sqrt(ss / actual.length);
    }
}
