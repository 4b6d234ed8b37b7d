package com.lstmautoml.core.baselines;

/**
 * A classical one-step-ahead forecaster that an LSTM has to beat ({@code FORECASTING.md}, Baselines).
 *
 * <p>{@link #fit} sees only the training rows {@code [0, trainEnd)} of the series, so nothing of the validation or
 * test rows leaks into the parameters. {@link Fitted#oneStep} then forecasts each row from the ACTUAL history before
 * it, with the parameters as fitted (states, where a model has them, are updated with the actual values), which is
 * how the LSTMs of the service are scored too. {@link Fitted#ahead} forecasts several steps from one origin without
 * the actual values after it, which is how a recursive multi-step LSTM forecast is made and so what it is compared
 * with at each step of a horizon.
 */
public interface Baseline {

    /** A short display name, e.g. {@code "seasonal naive"}. */
    String name();

    /**
     * Fits the baseline on the rows {@code [0, trainEnd)} of {@code series} only.
     *
     * @param seasonality the season length m, at least 1 (1: no season)
     */
    Fitted fit(double[] series, int trainEnd, int seasonality);

    /** A baseline with its parameters fixed. */
    interface Fitted {

        /** What was fitted, in words, with its parameters. */
        String description();

        /**
         * One-step-ahead forecasts of the rows {@code [from, to)} of {@code series}: element {@code i} is the forecast
         * of {@code series[from + i]} made from {@code series[0 .. from + i − 1]}. Rows without enough history for
         * the model get NaN.
         */
        double[] oneStep(double[] series, int from, int to);

        /**
         * The forecasts made at {@code origin} of the rows {@code origin .. origin + horizon − 1} (element
         * {@code k − 1} is step {@code k}), from {@code series[0 .. origin − 1]} only: no value at or after the
         * origin is read, so the series may end there or hold anything after it. Step 1 equals
         * {@link #oneStep oneStep} at row {@code origin}. Steps without enough history get NaN.
         *
         * @param origin  the first row forecast, in {@code [0, series.length]}
         * @param horizon the number of steps, at least 1
         */
        double[] ahead(double[] series, int origin, int horizon);
    }

    /** Checks {@code 0 <= from <= to <= series.length}. */
    static void checkRows(double[] series, int from, int to) {
        if (from < 0 || from > to || to > series.length) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") are not within the "
                    + series.length + " of the series");
        }
    }

    /** Checks {@code 0 <= origin <= series.length} and {@code horizon >= 1}. */
    static void checkAhead(double[] series, int origin, int horizon) {
        if (origin < 0 || origin > series.length) {
            throw new IllegalArgumentException("origin " + origin + " is not within [0, " + series.length + "]");
        }
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
        }
    }

    /** Checks {@code 1 <= trainEnd <= series.length} and {@code seasonality >= 1}. */
    static void checkFit(double[] series, int trainEnd, int seasonality) {
        if (trainEnd < 1 || trainEnd > series.length) {
            throw new IllegalArgumentException("trainEnd must be in [1, " + series.length + "], got " + trainEnd);
        }
        if (seasonality < 1) {
            throw new IllegalArgumentException("season length must be >= 1, got " + seasonality);
        }
    }
}
