package com.lstmautoml.core.baselines;

/**
 * The seasonal naive forecast: the value one season earlier, {@code ŷ[t] = y[t − m]}. Nothing is fitted; the
 * reference that skill scores and MASE are measured against. Several steps ahead of an origin {@code o}, step
 * {@code k} is the last value of the same season before the origin, {@code y[o + k − 1 − m·⌈k/m⌉]}.
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
