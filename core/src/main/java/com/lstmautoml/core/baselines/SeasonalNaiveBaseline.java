package com.lstmautoml.core.baselines;

/**
 * The seasonal naive forecast: the value one season earlier, {@code ŷ[t] = y[t − m]}. Nothing is fitted; the
 * reference that skill scores and MASE are measured against.
 */
public final class SeasonalNaiveBaseline implements Baseline {

    public static final String NAME = "seasonal naive";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Fitted fit(double[] series, int trainEnd, int seasonality) {
        Baseline.checkFit(series, trainEnd, seasonality);
        return new NaiveBaseline.Lagged("value one season earlier, y[t-" + seasonality + "]", seasonality);
    }
}
