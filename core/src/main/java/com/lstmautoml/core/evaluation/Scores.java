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

    /** Each score's mean over {@code scores} (e.g. over validation windows); one score gives itself. */
    public static Scores mean(java.util.List<Scores> scores) {
        if (scores.size() == 1) {
            return scores.get(0);
        }
        double n = scores.size();
        return new Scores(scores.stream().mapToDouble(Scores::rmse).sum() / n,
                scores.stream().mapToDouble(Scores::mae).sum() / n,
                scores.stream().mapToDouble(Scores::mase).sum() / n,
                scores.stream().mapToDouble(Scores::smape).sum() / n);
    }
}
