package com.lstmautoml.core.forecast;

import com.lstmautoml.core.baselines.Baseline;
import com.lstmautoml.core.baselines.HoltWintersBaseline;
import com.lstmautoml.core.baselines.SeasonalNaiveBaseline;
import com.lstmautoml.core.data.ChronoSplit;
import com.lstmautoml.core.data.Preprocessing;
import com.lstmautoml.core.data.Table;
import com.lstmautoml.core.evaluation.ForecastMetrics;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * How a model's forecasts hold up over a horizon on the held-out test rows, which one-step scores cannot say: a
 * recursive forecast feeds its own errors back, so step 12 can be far worse than step 1, and a served forecast is
 * read at every step. From EVERY test origin {@code o} in {@code [validationEnd, n)} the model forecasts steps
 * {@code k = 1..h} (those whose actual row {@code o + k − 1} exists), and per step this reports the RMSE next to
 * seasonal naive's and Holt-Winters' at the same origins and steps (both fitted on the training rows only, as
 * {@link com.lstmautoml.core.baselines.Baselines#evaluate} fits them, forecasting with
 * {@link Baseline.Fitted#ahead}), and for each interval level the share of test actuals inside the split-conformal
 * band ({@code FORECASTING.md}, Intervals: coverage next to the nominal level).
 *
 * <p>The model enters only as its forecasts, a {@code double[][]} as {@link RecursiveForecaster#fromOrigins} makes
 * them, so the arithmetic here is checked with hand-made forecasts; {@link #evaluate(MultiLayerNetwork,
 * Preprocessing, Table, int, int, Conformal, double...)} makes them from a network.
 *
 * <p>It lives with the forecasts rather than in {@code evaluation}, which holds the metrics that the baselines and
 * the trainer use: there it would close the package cycles evaluation → baselines → evaluation and evaluation →
 * forecast → training → evaluation.
 *
 * @param horizon  the most steps forecast from an origin
 * @param steps    per step {@code k = 1..horizon} (index {@code k − 1}), the errors' count and RMSEs
 * @param coverage per level, in the order given
 */
public record HorizonEvaluation(int horizon, List<Step> steps, List<Coverage> coverage) {

    /** The default horizon's floor: a year of monthly data, the usual reach of a forecast that is read. */
    public static final int MIN_DEFAULT_HORIZON = 12;
    /** The default horizon's ceiling, so that a long season (a week of hours, 168) does not make it slow. */
    public static final int MAX_DEFAULT_HORIZON = 48;

    public HorizonEvaluation {
        steps = List.copyOf(steps);
        coverage = List.copyOf(coverage);
    }

    /**
     * The RMSEs of step {@code step} over the pairs (origin, step) whose actual row lies in the test rows; NaN
     * where there are none.
     *
     * @param count the number of pairs, the same for the model and the baselines
     */
    public record Step(int step, int count, double rmse, double seasonalNaiveRmse, double holtWintersRmse) {

        /** Skill against seasonal naive at this step, {@code 1 − rmse / seasonalNaiveRmse}. */
        public double skill() {
            return ForecastMetrics.skill(rmse, seasonalNaiveRmse);
        }
    }

    /**
     * The share of test actuals within the level's band, {@code |actual − forecast| <= halfWidth(k, level)},
     * pooled over the (origin, step) pairs whose step has a band at this level; {@code count} is 0 when none has.
     *
     * @param level in percent, e.g. 80
     * @param steps per step {@code k = 1..horizon}
     */
    public record Coverage(double level, int inside, int count, List<StepCoverage> steps) {

        public Coverage {
            steps = List.copyOf(steps);
        }

        /** {@code inside / count}, NaN when no step has a band. */
        public double share() {
            return count == 0 ? Double.NaN : (double) inside / count;
        }
    }

    /**
     * The coverage of one step: its band's half-width (NaN and {@code count} 0 when the calibration has too few
     * errors of that step for the level, or none at all), and how many of its pairs fall inside.
     */
    public record StepCoverage(int step, double halfWidth, int inside, int count) {

        /** {@code inside / count}, NaN without a band. */
        public double share() {
            return count == 0 ? Double.NaN : (double) inside / count;
        }
    }

    /**
     * The horizon evaluated unless the user chooses one: a season, at least {@value #MIN_DEFAULT_HORIZON} steps,
     * at most {@value #MAX_DEFAULT_HORIZON} and at most the test rows, {@code clamp(max(12, m), 1, min(48,
     * testRows))}; at least 1.
     */
    public static int defaultHorizon(int seasonality, int testRows) {
        int upper = Math.min(MAX_DEFAULT_HORIZON, testRows);
        return Math.max(1, Math.min(Math.max(MIN_DEFAULT_HORIZON, seasonality), upper));
    }

    /**
     * The evaluation of a network on the test rows of the table it was trained on (split as {@code prep.rows()}):
     * its forecasts from every test origin by {@link RecursiveForecaster#fromOrigins}, then
     * {@link #evaluate(double[], int, int, int, int, double[][], Conformal, double...)}.
     *
     * @throws IllegalArgumentException when the table's rows differ from the split's
     */
    public static HorizonEvaluation evaluate(MultiLayerNetwork net, Preprocessing prep, Table table, int seasonality,
                                             int horizon, Conformal calibration, double... levels) {
        ChronoSplit split = prep.rows();
        if (split.rows() != table.rows()) {
            throw new IllegalArgumentException("the model was trained on " + split.rows() + " rows, the table has "
                    + table.rows());
        }
        double[][] forecasts = RecursiveForecaster.fromOrigins(net, prep, table, split.test(), horizon,
                table.rows());
        return evaluate(table.column(prep.target()), split.trainEnd(), split.validationEnd(), seasonality, horizon,
                forecasts, calibration, levels);
    }

    /**
     * Evaluates the model's forecasts from every test origin against the actual series and the baselines.
     *
     * @param series        the whole series: training rows {@code [0, trainEnd)}, validation
     *                      {@code [trainEnd, validationEnd)}, test {@code [validationEnd, n)}
     * @param seasonality   the season length m, in {@code [1, trainEnd]}
     * @param forecasts     one element per test origin {@code validationEnd + i}: the model's forecasts of steps
     *                      {@code 1 .. min(horizon, n − o)}, or empty where the model made none from that origin
     *                      (then no method is scored there)
     * @param calibration   the split-conformal errors per step (the validation rows'); steps beyond them have no band
     * @param levels        interval levels in percent, each in (0, 100)
     * @throws IllegalArgumentException on a bad split, season length, horizon or level, or forecasts of the wrong
     *                                  shape
     */
    public static HorizonEvaluation evaluate(double[] series, int trainEnd, int validationEnd, int seasonality,
                                             int horizon, double[][] forecasts, Conformal calibration,
                                             double... levels) {
        int n = series.length;
        if (!(1 <= trainEnd && trainEnd <= validationEnd && validationEnd < n)) {
            throw new IllegalArgumentException("need training rows and at least one test row: trainEnd " + trainEnd
                    + ", validationEnd " + validationEnd + ", rows " + n);
        }
        if (seasonality < 1 || seasonality > trainEnd) {
            throw new IllegalArgumentException("season length must be in [1, trainEnd = " + trainEnd + "], got "
                    + seasonality);
        }
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
        }
        if (forecasts.length != n - validationEnd) {
            throw new IllegalArgumentException(forecasts.length + " origins of forecasts for the "
                    + (n - validationEnd) + " test rows");
        }
        for (int i = 0; i < forecasts.length; i++) {
            int steps = Math.min(horizon, n - (validationEnd + i));
            if (forecasts[i].length != 0 && forecasts[i].length != steps) {
                throw new IllegalArgumentException("origin " + (validationEnd + i) + " has " + forecasts[i].length
                        + " forecasts; it needs " + steps + " (or none)");
            }
        }
        for (double level : levels) {
            if (!(level > 0 && level < 100)) {
                throw new IllegalArgumentException("levels are percentages in (0, 100), got " + level);
            }
        }
        Baseline.Fitted seasonalNaive = new SeasonalNaiveBaseline().fit(series, trainEnd, seasonality);
        Baseline.Fitted holtWinters = new HoltWintersBaseline().fit(series, trainEnd, seasonality);
        int[] count = new int[horizon];
        double[] model = new double[horizon];
        double[] naive = new double[horizon];
        double[] hw = new double[horizon];
        for (int i = 0; i < forecasts.length; i++) {
            int steps = forecasts[i].length;
            if (steps == 0) {
                continue;
            }
            int origin = validationEnd + i;
            double[] sn = seasonalNaive.ahead(series, origin, steps);
            double[] ets = holtWinters.ahead(series, origin, steps);
            for (int k = 0; k < steps; k++) {
                double actual = series[origin + k];
                count[k]++;
                model[k] += square(actual - forecasts[i][k]);
                naive[k] += square(actual - sn[k]);
                hw[k] += square(actual - ets[k]);
            }
        }
        List<Step> perStep = new ArrayList<>(horizon);
        for (int k = 0; k < horizon; k++) {
            perStep.add(new Step(k + 1, count[k], root(model[k], count[k]), root(naive[k], count[k]),
                    root(hw[k], count[k])));
        }
        List<Coverage> coverage = new ArrayList<>(levels.length);
        for (double level : levels) {
            coverage.add(coverage(series, validationEnd, horizon, forecasts, calibration, level));
        }
        return new HorizonEvaluation(horizon, perStep, coverage);
    }

    private static Coverage coverage(double[] series, int validationEnd, int horizon, double[][] forecasts,
                                     Conformal calibration, double level) {
        int[] inside = new int[horizon];
        int[] count = new int[horizon];
        double[] halfWidth = new double[horizon];
        for (int k = 0; k < horizon; k++) {
            OptionalDouble w = k < calibration.errors().size() ? calibration.halfWidth(k + 1, level / 100)
                    : OptionalDouble.empty();
            halfWidth[k] = w.orElse(Double.NaN);
        }
        for (int i = 0; i < forecasts.length; i++) {
            int origin = validationEnd + i;
            for (int k = 0; k < forecasts[i].length; k++) {
                if (Double.isNaN(halfWidth[k])) {
                    continue;
                }
                count[k]++;
                if (Math.abs(series[origin + k] - forecasts[i][k]) <= halfWidth[k]) {
                    inside[k]++;
                }
            }
        }
        List<StepCoverage> steps = new ArrayList<>(horizon);
        int pooledInside = 0;
        int pooledCount = 0;
        for (int k = 0; k < horizon; k++) {
            steps.add(new StepCoverage(k + 1, halfWidth[k], inside[k], count[k]));
            pooledInside += inside[k];
            pooledCount += count[k];
        }
        return new Coverage(level, pooledInside, pooledCount, steps);
    }

    private static double square(double x) {
        return x * x;
    }

    private static double root(double sumOfSquares, int count) {
        return count == 0 ? Double.NaN : Math.sqrt(sumOfSquares / count);
    }
}
