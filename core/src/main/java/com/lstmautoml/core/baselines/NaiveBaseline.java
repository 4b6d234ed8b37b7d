package com.lstmautoml.core.baselines;

/** The naive (random walk) forecast: the last value, {@code ŷ[t] = y[t − 1]}. Nothing is fitted. */
public final class NaiveBaseline implements Baseline {

    public static final String NAME = "naive";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Fitted fit(double[] series, int trainEnd, int seasonality) {
        Baseline.checkFit(series, trainEnd, seasonality);
        return new Lagged("last value, y[t-1]", 1);
    }

    /**
     * {@code ŷ[t] = y[t − lag]}, NaN for {@code t < lag}; shared with {@link SeasonalNaiveBaseline}. From an origin
     * {@code o}, step {@code k} repeats the last value of the same phase before the origin,
     * {@code y[o + k − 1 − lag·⌈k/lag⌉]}: the last value for lag 1, the same season's last value for lag m.
     */
    record Lagged(String description, int lag) implements Fitted {

        @Override
        public double[] oneStep(double[] series, int from, int to) {
            Baseline.checkRows(series, from, to);
            double[] out = new double[to - from];
            for (int t = from; t < to; t++) {
                out[t - from] = t >= lag ? series[t - lag] : Double.NaN;
            }
            return out;
        }

        @Override
        public double[] ahead(double[] series, int origin, int horizon) {
            Baseline.checkAhead(series, origin, horizon);
            double[] out = new double[horizon];
            for (int k = 1; k <= horizon; k++) {
                int row = origin + k - 1 - lag * ((k + lag - 1) / lag);
                out[k - 1] = row >= 0 ? series[row] : Double.NaN;
            }
            return out;
        }
    }
}
