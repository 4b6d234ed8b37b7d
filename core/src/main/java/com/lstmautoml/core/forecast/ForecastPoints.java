package com.lstmautoml.core.forecast;

import com.lstmautoml.core.api.ApiDtos;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The answer's rows of a forecast, made in one place for the service and the offline {@code worker forecast}
 * command, so both give the same numbers: per step its time label, the recursive mean, and per level the
 * split-conformal bounds {@code mean ± halfWidth}, null where the step's calibration errors are too few for the
 * level (or beyond the calibrated steps). Levels are keyed as written without trailing zeros: 80, 95, 97.5.
 */
public final class ForecastPoints {

    private ForecastPoints() {
    }

    /** Interval levels when a request names none, in percent. */
    public static final List<Double> DEFAULT_LEVELS = List.of(80.0, 95.0);

    /** A level's key in the answer's maps: {@code 80.0 -> "80"}, {@code 97.5 -> "97.5"}. */
    public static String key(double level) {
        return BigDecimal.valueOf(level).stripTrailingZeros().toPlainString();
    }

    /**
     * @param mean        the forecasts of steps 1..h
     * @param calibration the conformal errors per step (may have fewer steps than h: later steps get no band)
     * @param levels      percentages in (0, 100)
     * @param times       the h time labels
     */
    public static List<ApiDtos.ForecastPoint> of(double[] mean, Conformal calibration, List<Double> levels,
                                                 List<String> times) {
        List<ApiDtos.ForecastPoint> points = new ArrayList<>(mean.length);
        for (int k = 1; k <= mean.length; k++) {
            double m = mean[k - 1];
            int count = k <= calibration.errors().size() ? calibration.count(k) : 0;
            Map<String, Double> lower = new LinkedHashMap<>();
            Map<String, Double> upper = new LinkedHashMap<>();
            for (double level : levels) {
                OptionalDouble w = count == 0 ? OptionalDouble.empty() : calibration.halfWidth(k, level / 100);
                lower.put(key(level), w.isPresent() ? m - w.getAsDouble() : null);
                upper.put(key(level), w.isPresent() ? m + w.getAsDouble() : null);
            }
            points.add(new ApiDtos.ForecastPoint(times.get(k - 1), m, lower, upper, count));
        }
        return points;
    }
}
