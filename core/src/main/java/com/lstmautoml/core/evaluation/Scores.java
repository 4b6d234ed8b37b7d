package com.lstmautoml.core.evaluation;

/**
 * The point-forecast scores of one model on one slice of rows, in original units ({@link ForecastMetrics}):
 * RMSE, MAE, MASE (MAE over the training slice's seasonal naive scale) and sMAPE in percent.
 */
public record Scores(double rmse, double mae, double mase, double smape) {

    /**
     * Scores {@code predicted} against {@code actual}.
     *
     * @param maseScale the MASE denominator, usually {@link ForecastMetrics#seasonalNaiveScale} on the training rows
     */
    public static Scores of(double[] actual, double[] predicted, double maseScale) {
        double mae = ForecastMetrics.mae(actual, predicted);
        return new Scores(ForecastMetrics.rmse(actual, predicted), mae, ForecastMetrics.mase(mae, maseScale),
                ForecastMetrics.smape(actual, predicted));
    }
}
