package com.lstmautoml.core.baselines;

import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Holt-Winters exponential smoothing (ETS with additive errors), the classical baseline with a trend and a season.
 *
 * <p><b>Forms.</b> The trend is additive, undamped or damped ({@code φ} in [{@value #PHI_MIN}, {@value #PHI_MAX}]);
 * the season is none, additive or multiplicative. Seasonal forms are tried only when {@code m >= 2} and the training
 * slice holds at least two seasons ({@code trainEnd >= 2m}), multiplicative ones only when every training value is
 * positive; otherwise only the non-seasonal (Holt) forms are. The form with the lowest AICc on the training rows is
 * chosen (ties: the earlier of none, additive, multiplicative, undamped before damped).
 *
 * <p><b>Recursions</b> (component form, as in statsmodels' {@code ExponentialSmoothing}), with
 * {@code base = l[t−1] + φ·b[t−1]} ({@code φ = 1} undamped) and {@code s = s[t−m]}:
 * <pre>
 *   forecast  ŷ[t] = base (none) | base + s (additive) | base · s (multiplicative)
 *   level     l[t] = α·y[t] + (1−α)·base   with y[t] de-seasonalised: y − s | y / s
 *   trend     b[t] = β·(l[t] − l[t−1]) + (1−β)·φ·b[t−1]
 *   season    s[t] = γ·(y[t] − base) + (1−γ)·s  |  γ·y[t] / base + (1−γ)·s
 * </pre>
 * From an origin {@code o} (the states after row {@code o − 1}: {@code l}, {@code b}, and per phase its latest
 * seasonal state), step {@code h} is the standard ETS point forecast with {@code φ_h = φ + φ² + … + φ^h}
 * ({@code = h} undamped): {@code l + φ_h·b}, plus (or times) {@code s[o − 1 + h − m·(⌊(h−1)/m⌋ + 1)]}.
 * β here is the trend parameter relative to the level ({@code β* } of Hyndman's notation; the ETS {@code β} is
 * {@code α·β*}), so it lies in [0, 1] like α and γ.
 *
 * <p><b>Fitting.</b> The initial states are set by the classical heuristic from the first two seasons and are not
 * optimised: {@code b0} = (mean of season 2 − mean of season 1) / m, {@code l0} = mean of season 1 moved back to
 * the time before row 0 ({@code − b0·(m+1)/2}), and the seasonal states are the first season's values less (or
 * over) the trend line {@code l0 + (i+1)·b0}. Non-seasonal: {@code b0 = y[1] − y[0]}, {@code l0 = y[0] − b0}. (A
 * series that is exactly trend plus season is then forecast without error from the first row.) α, β, γ and φ are
 * fitted by minimising the sum of squared one-step errors over the training rows with Commons Math's
 * {@link BOBYQAOptimizer} (bounded, derivative-free, on the unit cube onto which φ's bounds are mapped) from a fixed
 * grid of starting points, keeping the best point any run evaluated (BOBYQA can give up on a flat objective), so
 * fits are deterministic. On AirPassengers' 100 training rows this chooses additive trend, multiplicative season,
 * validation / test RMSE 15.4 / 15.0; statsmodels, which also optimises the initial states, reports 21.0 / 16.0.
 *
 * <p><b>AICc</b> = {@code n·ln(SSE/n) + 2k + 2k(k+1)/(n−k−1)} with {@code n = trainEnd} and {@code k} counting the
 * smoothing parameters (α, β, γ if seasonal, φ if damped) and the initial states ({@code l0}, {@code b0}, and the m
 * seasonal states if seasonal), as statsmodels counts them: although the states come from a heuristic they are
 * estimated from the data. Infinite when {@code n − k − 1 <= 0}.
 */
public final class HoltWintersBaseline implements Baseline {

    public static final String NAME = "Holt-Winters";
    public static final double PHI_MIN = 0.8;
    public static final double PHI_MAX = 0.98;

    private static final int MAX_EVALUATIONS = 20_000;
    private static final double[] ALPHA_STARTS = {0.2, 0.5, 0.8};
    private static final double[] BETA_STARTS = {0.05, 0.3};
    private static final double[] GAMMA_STARTS = {0.1, 0.5};
    /** SSE for parameters whose states blow up (a non-finite forecast, or a non-positive multiplicative base). */
    private static final double INVALID = 1e300;

    /** The seasonal component of a form. */
    public enum Season {
        NONE("no season"), ADDITIVE("additive season"), MULTIPLICATIVE("multiplicative season");

        private final String words;

        Season(String words) {
            this.words = words;
        }
    }

    /** A candidate form: always an additive trend, damped or not, and a season. */
    public record Form(boolean damped, Season season) {

        public boolean seasonal() {
            return season != Season.NONE;
        }

        /** The number of smoothing parameters: α, β, and γ if seasonal, φ if damped. */
        int smoothingParameters() {
            return 2 + (seasonal() ? 1 : 0) + (damped ? 1 : 0);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Fits every candidate form on the rows {@code [0, trainEnd)} and returns the one with the lowest AICc. */
    @Override
    public Model fit(double[] series, int trainEnd, int seasonality) {
        Model best = null;
        for (Model m : candidates(series, trainEnd, seasonality)) {
            if (best == null || m.aicc() < best.aicc()) {
                best = m;
            }
        }
        return best;
    }

    /**
     * Every form tried on the training rows, fitted, in the order of {@link #forms}: rows {@code [0, trainEnd)}, or
     * on a long series its last {@code max(}{@value #MAX_FIT_ROWS}{@code , 3·m)} training rows (the fit's cost grows
     * with the rows, and a baseline must not hold up creating an experiment; the states then start there).
     */
    public static List<Model> candidates(double[] series, int trainEnd, int seasonality) {
        Baseline.checkFit(series, trainEnd, seasonality);
        int firstRow = Math.max(0, trainEnd - Math.max(MAX_FIT_ROWS, 3 * seasonality));
        double[] train = Arrays.copyOfRange(series, firstRow, trainEnd);
        List<Model> out = new ArrayList<>();
        for (Form f : forms(train, seasonality)) {
            out.add(fitForm(train, seasonality, f).startingAt(firstRow));
        }
        return out;
    }

    /** The most training rows a fit looks at (see {@link #candidates}). */
    public static final int MAX_FIT_ROWS = 10_000;

    /** The forms tried on {@code train} with season length {@code m} (see the class comment). */
    public static List<Form> forms(double[] train, int m) {
        List<Season> seasons = new ArrayList<>(List.of(Season.NONE));
        if (m >= 2 && train.length >= 2 * m) {
            seasons.add(Season.ADDITIVE);
            if (Arrays.stream(train).allMatch(v -> v > 0)) {
                seasons.add(Season.MULTIPLICATIVE);
            }
        }
        List<Form> out = new ArrayList<>();
        for (Season s : seasons) {
            out.add(new Form(false, s));
            out.add(new Form(true, s));
        }
        return out;
    }

    /** Fits the smoothing parameters of {@code form} on all of {@code train}. */
    static Model fitForm(double[] train, int m, Form form) {
        int period = form.seasonal() ? m : 1;
        double[] init = initialStates(train, period, form.season());
        int dims = form.smoothingParameters();
        // the best point evaluated by any run: BOBYQA can stop with an exception (its trust-region step fails on a
        // flat objective, e.g. an exactly fitting series) after having found good points
        double[] best = null;
        double bestSse = Double.POSITIVE_INFINITY;
        for (double[] start : starts(form)) {
            double[][] bestPoint = {null};
            double[] bestValue = {Double.POSITIVE_INFINITY};
            try {
                new BOBYQAOptimizer(2 * dims + 1, 0.2, 1e-8).optimize(new MaxEval(MAX_EVALUATIONS),
                        new ObjectiveFunction(u -> {
                            double v = sse(train, period, form, parameters(u, form), init);
                            if (v < bestValue[0]) {
                                bestValue[0] = v;
                                bestPoint[0] = u.clone();
                            }
                            return v;
                        }),
                        GoalType.MINIMIZE, new InitialGuess(start),
                        new SimpleBounds(new double[dims], filled(dims, 1.0)));
            } catch (MathIllegalStateException e) {
                // too many evaluations, or the trust-region step failed: keep the best point seen
            }
            if (bestValue[0] < bestSse) {
                bestSse = bestValue[0];
                best = bestPoint[0];
            }
        }
        if (best == null) { // every point evaluated was invalid
            best = starts(form).get(0);
            bestSse = INVALID;
        }
        double[] p = parameters(best, form);
        int n = train.length;
        int k = form.smoothingParameters() + 2 + (form.seasonal() ? m : 0);
        double aicc = n - k - 1 <= 0 || bestSse >= INVALID ? Double.POSITIVE_INFINITY
                : n * Math.log(bestSse / n) + 2.0 * k + 2.0 * k * (k + 1) / (n - k - 1);
        return new Model(form, m, p[0], p[1], p[2], p[3], init, n, bestSse, aicc);
    }

    /** (α, β, γ, φ) from a point of the unit cube: γ = 0 without season, φ = 1 undamped. */
    private static double[] parameters(double[] u, Form form) {
        int i = 2;
        double gamma = form.seasonal() ? u[i++] : 0;
        double phi = form.damped() ? PHI_MIN + (PHI_MAX - PHI_MIN) * u[i] : 1;
        return new double[]{u[0], u[1], gamma, phi};
    }

    private static List<double[]> starts(Form form) {
        List<double[]> out = new ArrayList<>();
        for (double a : ALPHA_STARTS) {
            for (double b : BETA_STARTS) {
                for (double g : form.seasonal() ? GAMMA_STARTS : new double[]{0}) {
                    double[] x = new double[form.smoothingParameters()];
                    x[0] = a;
                    x[1] = b;
                    int i = 2;
                    if (form.seasonal()) {
                        x[i++] = g;
                    }
                    if (form.damped()) {
                        x[i] = 0.5;
                    }
                    out.add(x);
                }
            }
        }
        return out;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    /**
     * The initial states {@code [l0, b0, s_0 .. s_(period−1)]} by the classical heuristic (class comment); the
     * seasonal states are the ones used for rows {@code 0 .. period−1}.
     */
    static double[] initialStates(double[] y, int period, Season season) {
        double[] st = new double[2 + period];
        if (season == Season.NONE) {
            double b0 = y.length >= 2 ? y[1] - y[0] : 0;
            st[0] = y[0] - b0;
            st[1] = b0;
            return st;
        }
        int m = period;
        double mean1 = 0;
        double mean2 = 0;
        for (int i = 0; i < m; i++) {
            mean1 += y[i] / m;
            mean2 += y[m + i] / m;
        }
        double b0 = (mean2 - mean1) / m;
        double l0 = mean1 - b0 * (m + 1) / 2.0;
        st[0] = l0;
        st[1] = b0;
        for (int i = 0; i < m; i++) {
            double trendLine = l0 + (i + 1) * b0;
            st[2 + i] = season == Season.ADDITIVE ? y[i] - trendLine : y[i] / trendLine;
        }
        return st;
    }

    /** The sum of squared one-step errors over all of {@code y}; {@link #INVALID} when the states blow up. */
    private static double sse(double[] y, int period, Form form, double[] p, double[] init) {
        double sse = filter(y, period, form.season(), p, init, 0, 0, null, null);
        return Double.isFinite(sse) && sse < INVALID ? sse : INVALID;
    }

    /**
     * Runs the recursions over {@code y} from the initial states with parameters {@code p = (α, β, γ, φ)}, writes
     * the one-step forecasts of the rows {@code [from, to)} into {@code out} and returns the sum of squared one-step
     * errors over the rows run: all of {@code y} when {@code out} is null, else {@code [0, to)}. A multiplicative run
     * whose base or seasonal state turns non-positive stops: infinite SSE, NaN forecasts from there on. When
     * {@code last} is given (length {@code 2 + period}) it receives the states after the last row run,
     * {@code [l, b, s by phase: row t uses s[t % period]]}, or NaNs when the run stopped.
     */
    private static double filter(double[] y, int period, Season season, double[] p, double[] init, int from, int to,
                                 double[] out, double[] last) {
        double alpha = p[0];
        double beta = p[1];
        double gamma = p[2];
        double phi = p[3];
        double level = init[0];
        double trend = init[1];
        double[] s = Arrays.copyOfRange(init, 2, 2 + period);
        int end = out == null ? y.length : to;
        double sse = 0;
        for (int t = 0; t < end; t++) {
            double base = level + phi * trend;
            double seasonal = s[t % period];
            double forecast;
            switch (season) {
                case ADDITIVE -> forecast = base + seasonal;
                case MULTIPLICATIVE -> forecast = base * seasonal;
                default -> forecast = base;
            }
            if (out != null && t >= from) {
                out[t - from] = forecast;
            }
            double e = y[t] - forecast;
            sse += e * e;
            double newLevel;
            switch (season) {
                case ADDITIVE -> {
                    newLevel = alpha * (y[t] - seasonal) + (1 - alpha) * base;
                    s[t % period] = gamma * (y[t] - base) + (1 - gamma) * seasonal;
                }
                case MULTIPLICATIVE -> {
                    if (!(base > 0) || !(seasonal > 0)) {
                        if (last != null) {
                            Arrays.fill(last, Double.NaN);
                        }
                        return out == null ? Double.POSITIVE_INFINITY : fillNaN(out, t + 1 - from, sse);
                    }
                    newLevel = alpha * (y[t] / seasonal) + (1 - alpha) * base;
                    s[t % period] = gamma * (y[t] / base) + (1 - gamma) * seasonal;
                }
                default -> newLevel = alpha * y[t] + (1 - alpha) * base;
            }
            trend = beta * (newLevel - level) + (1 - beta) * phi * trend;
            level = newLevel;
        }
        if (last != null) {
            last[0] = level;
            last[1] = trend;
            System.arraycopy(s, 0, last, 2, period);
        }
        return sse;
    }

    private static double fillNaN(double[] out, int fromIndex, double sse) {
        Arrays.fill(out, Math.max(0, fromIndex), out.length, Double.NaN);
        return sse;
    }

    /** A fitted Holt-Winters form: its smoothing parameters, initial states and fit on the training rows. */
    public static final class Model implements Fitted {

        private final Form form;
        private final int seasonality;
        private final double alpha;
        private final double beta;
        private final double gamma;
        private final double phi;
        private final double[] initialStates;
        private final int trainRows;
        private final double sse;
        private final double aicc;
        /** The series row the initial states belong to (0 unless a long series was fitted on its last rows). */
        private int firstRow;

        Model(Form form, int seasonality, double alpha, double beta, double gamma, double phi,
              double[] initialStates, int trainRows, double sse, double aicc) {
            this.form = form;
            this.seasonality = seasonality;
            this.alpha = alpha;
            this.beta = beta;
            this.gamma = gamma;
            this.phi = phi;
            this.initialStates = initialStates.clone();
            this.trainRows = trainRows;
            this.sse = sse;
            this.aicc = aicc;
        }

        public Form form() {
            return form;
        }

        Model startingAt(int row) {
            this.firstRow = row;
            return this;
        }

        public double alpha() {
            return alpha;
        }

        /** The trend parameter relative to the level (β*), in [0, 1]. */
        public double beta() {
            return beta;
        }

        /** 0 without season. */
        public double gamma() {
            return gamma;
        }

        /** 1 undamped. */
        public double phi() {
            return phi;
        }

        /** {@code [l0, b0, s_0 .. s_(m−1)]} (no seasonal states without season). */
        public double[] initialStates() {
            return initialStates.clone();
        }

        /** The sum of squared one-step errors over the training rows. */
        public double sse() {
            return sse;
        }

        public double aicc() {
            return aicc;
        }

        /** The number of training rows it was fitted on. */
        public int trainRows() {
            return trainRows;
        }

        @Override
        public String description() {
            StringBuilder sb = new StringBuilder(form.damped() ? "damped additive trend" : "additive trend");
            sb.append(", ").append(form.season().words);
            if (form.seasonal()) {
                sb.append(" (m=").append(seasonality).append(')');
            }
            sb.append(String.format(Locale.ROOT, ", α=%.2f β=%.2f", alpha, beta));
            if (form.seasonal()) {
                sb.append(String.format(Locale.ROOT, " γ=%.2f", gamma));
            }
            if (form.damped()) {
                sb.append(String.format(Locale.ROOT, " φ=%.2f", phi));
            }
            sb.append(String.format(Locale.ROOT, ", AICc %.1f", aicc));
            return sb.toString();
        }

        /**
         * Runs the recursions from the fitted initial states over {@code series[0 .. to − 1]} (the actual values
         * update the states) and returns the one-step forecasts of the rows {@code [from, to)}.
         */
        @Override
        public double[] oneStep(double[] series, int from, int to) {
            Baseline.checkRows(series, from, to);
            if (from < firstRow) {
                throw new IllegalArgumentException("rows before " + firstRow + " come before the fitted states");
            }
            double[] out = new double[to - from];
            int period = form.seasonal() ? seasonality : 1;
            filter(Arrays.copyOfRange(series, firstRow, to), period, form.season(),
                    new double[]{alpha, beta, gamma, phi}, initialStates, from - firstRow, to - firstRow, out, null);
            return out;
        }

        /**
         * Runs the recursions from the fitted initial states over {@code series[0 .. origin − 1]} only, then
         * forecasts {@code horizon} steps from the final states (class comment); all NaN when a multiplicative run
         * stopped before the origin.
         */
        @Override
        public double[] ahead(double[] series, int origin, int horizon) {
            Baseline.checkAhead(series, origin, horizon);
            if (origin < firstRow) {
                throw new IllegalArgumentException("origin " + origin + " comes before the fitted states (row "
                        + firstRow + ")");
            }
            int period = form.seasonal() ? seasonality : 1;
            double[] last = new double[2 + period];
            int rows = origin - firstRow;
            filter(Arrays.copyOfRange(series, firstRow, origin), period, form.season(),
                    new double[]{alpha, beta, gamma, phi}, initialStates, rows, rows, null, last);
            double level = last[0];
            double trend = last[1];
            double[] out = new double[horizon];
            double damping = 1;
            double phiSum = 0;
            for (int h = 1; h <= horizon; h++) {
                damping *= phi;
                phiSum += damping;
                double base = level + phiSum * trend;
                // the latest seasonal state of the phase of row origin + h - 1 (relative to firstRow)
                double seasonal = last[2 + (rows + h - 1) % period];
                out[h - 1] = switch (form.season()) {
                    case ADDITIVE -> base + seasonal;
                    case MULTIPLICATIVE -> base * seasonal;
                    default -> base;
                };
            }
            return out;
        }

        @Override
        public String toString() {
            return description();
        }
    }
}
