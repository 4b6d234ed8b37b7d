package com.lstmautoml.ui.charts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lstmautoml.core.api.ApiDtos.ForecastAnswer;
import com.lstmautoml.core.api.ApiDtos.ForecastPoint;
import com.lstmautoml.core.api.ApiDtos.HorizonStep;
import com.lstmautoml.core.api.ApiDtos.SeriesTail;
import com.lstmautoml.core.api.ApiDtos.VersionEvaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static com.lstmautoml.ui.charts.ChartOptions.axis;
import static com.lstmautoml.ui.charts.ChartOptions.base;
import static com.lstmautoml.ui.charts.ChartOptions.line;

/** ECharts options of a registered model's page: the forecast with its intervals, and the test error per step. */
public final class ModelCharts {

    /** The name of the history line of {@link #forecast}. */
    public static final String HISTORY = "history";
    /** The name of the forecast line of {@link #forecast}. */
    public static final String FORECAST = "forecast";
    private static final String FORECAST_COLOUR = "#1565c0";
    private static final String HISTORY_COLOUR = "#424242";

    private ModelCharts() {
    }

    /** "80 % interval": the legend name of a level's band (both of its stacked series carry it). */
    public static String band(String level) {
        return level + " % interval";
    }

    /**
     * The series' last rows and the forecast after them on one category axis of time labels: the history as a solid
     * line, the forecast as a dashed one that starts at the last actual value, and each interval level as a shaded
     * band, the widest first. A band is ECharts' stacked-area trick: an invisible line at the lower bound and, stacked
     * on it, the width (upper − lower) with an area; where a step has no bound (too few calibration errors) both are
     * null, so the band has a gap there. The bands have no tooltip; two invisible lines per level carry the bounds
     * ("95 % lower", "95 % upper") for the axis tooltip instead of the widths. Either argument may be null.
     */
    public static ObjectNode forecast(SeriesTail tail, ForecastAnswer answer) {
        List<String> past = tail == null || tail.times() == null ? List.of() : tail.times();
        List<ForecastPoint> ahead = answer == null || answer.forecast() == null ? List.of() : answer.forecast();
        String target = tail == null ? null : tail.target();
        ObjectNode o = base(answer == null ? "Last " + past.size() + " rows" + (target == null ? "" : " of " + target)
                : "Forecast of " + (target == null ? "the series" : target) + ", " + ahead.size() + " steps ahead");
        o.putObject("tooltip").put("trigger", "axis");
        int n = past.size();
        int total = n + ahead.size();

        ArrayNode times = axis(o.putObject("xAxis"), "category", null).put("boundaryGap", false).putArray("data");
        past.forEach(times::add);
        ahead.forEach(p -> times.add(p.time()));
        axis(o.putObject("yAxis"), "value", target).put("scale", true).put("nameGap", 45);

        List<String> levels = levels(ahead);
        List<String> legend = new ArrayList<>();
        ArrayNode series = o.putArray("series");
        if (n > 0) {
            legend.add(HISTORY);
            ObjectNode h = line(series, HISTORY).put("color", HISTORY_COLOUR);
            ArrayNode d = h.putArray("data");
            for (int i = 0; i < total; i++) {
                Double v = i < n ? tail.values().get(i) : null;
                add(d, v);
            }
        }
        if (!ahead.isEmpty()) {
            legend.add(FORECAST);
            ObjectNode f = line(series, FORECAST).put("color", FORECAST_COLOUR).put("showSymbol", ahead.size() <= 60);
            f.putObject("lineStyle").put("type", "dashed");
            ArrayNode d = f.putArray("data");
            Double last = n == 0 ? null : tail.values().get(n - 1);
            for (int i = 0; i < total; i++) {
                add(d, i < n - 1 ? null : i == n - 1 ? last : Double.valueOf(ahead.get(i - n).mean()));
            }
            if (n > 0) {
                // where the forecast begins
                ObjectNode mark = f.putObject("markLine").put("symbol", "none").put("silent", true);
                mark.putObject("lineStyle").put("type", "dotted").put("color", "#9e9e9e");
                mark.putObject("label").put("formatter", FORECAST).put("position", "insideEndTop");
                mark.putArray("data").addObject().put("xAxis", ahead.get(0).time());
            }
        }
        double opacity = 0.12;
        for (String level : levels) {
            legend.add(band(level));
            String stack = "band-" + level;
            ObjectNode lower = bandSeries(series, band(level), stack);
            ObjectNode width = bandSeries(series, band(level), stack);
            width.putObject("areaStyle").put("color", FORECAST_COLOUR).put("opacity", opacity);
            opacity += 0.12;
            ObjectNode lowerTip = tipSeries(series, level + " % lower");
            ObjectNode upperTip = tipSeries(series, level + " % upper");
            ArrayNode ld = lower.putArray("data");
            ArrayNode wd = width.putArray("data");
            ArrayNode ltd = lowerTip.putArray("data");
            ArrayNode utd = upperTip.putArray("data");
            for (int i = 0; i < total; i++) {
                Double lo = i < n ? null : bound(ahead.get(i - n).lower(), level);
                Double up = i < n ? null : bound(ahead.get(i - n).upper(), level);
                boolean both = lo != null && up != null;
                add(ld, both ? lo : null);
                add(wd, both ? up - lo : null);
                add(ltd, both ? lo : null);
                add(utd, both ? up : null);
            }
        }
        ChartOptions.legend(o, legend.toArray(String[]::new));
        // a band's legend entry is a shaded square (its series have no visible line to show)
        ArrayNode entries = (ArrayNode) o.get("legend").get("data");
        for (int i = 0; i < entries.size(); i++) {
            String name = entries.get(i).asText();
            int level = levels.indexOf(name.replace(" % interval", ""));
            if (level >= 0 && name.endsWith(" % interval")) {
                ObjectNode e = entries.objectNode().put("name", name).put("icon", "rect");
                e.putObject("itemStyle").put("color", FORECAST_COLOUR).put("opacity", 0.12 * (level + 1) + 0.1);
                entries.set(i, e);
            }
        }
        o.putArray("dataZoom").addObject().put("type", "inside");
        return o;
    }

    /** The interval levels that have a bound at some step, widest first ("95", "80"). */
    public static List<String> levels(List<ForecastPoint> points) {
        Set<String> keys = new LinkedHashSet<>();
        for (ForecastPoint p : points) {
            if (p.lower() != null && p.upper() != null) {
                p.lower().forEach((k, v) -> {
                    if (v != null && p.upper().get(k) != null) {
                        keys.add(k);
                    }
                });
            }
        }
        return keys.stream().sorted(Comparator.comparingDouble(ModelCharts::percent).reversed()).toList();
    }

    private static double percent(String key) {
        try {
            return Double.parseDouble(key);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Double bound(Map<String, Double> bounds, String level) {
        Double v = bounds == null ? null : bounds.get(level);
        return v == null || !Double.isFinite(v) ? null : v;
    }

    /** One of the two stacked series of a band: no line, no symbols, no tooltip. */
    private static ObjectNode bandSeries(ArrayNode series, String name, String stack) {
        ObjectNode s = line(series, name).put("stack", stack).put("color", FORECAST_COLOUR).put("silent", true)
                .put("connectNulls", false);
        s.putObject("lineStyle").put("opacity", 0);
        s.putObject("tooltip").put("show", false);
        return s;
    }

    /** An invisible line whose only use is to put a bound into the axis tooltip. */
    private static ObjectNode tipSeries(ArrayNode series, String name) {
        ObjectNode s = line(series, name).put("color", FORECAST_COLOUR).put("silent", true);
        s.putObject("lineStyle").put("opacity", 0);
        return s;
    }

    private static void add(ArrayNode data, Double v) {
        if (v == null || !Double.isFinite(v)) {
            data.addNull();
        } else {
            data.add(v);
        }
    }

    /**
     * Test RMSE per horizon step: a line per evaluated model ("LSTM (trial)", "LSTM (refit)") and one per baseline,
     * dashed, from the first evaluation that has them (all evaluations use the same test origins). Steps are the x
     * axis; a step with no origin left is absent.
     */
    public static ObjectNode horizonErrors(List<VersionEvaluation> evaluations) {
        ObjectNode o = base("Test RMSE per horizon step");
        o.putObject("tooltip").put("trigger", "axis");
        List<VersionEvaluation> evals = evaluations == null ? List.of() : evaluations.stream()
                .filter(e -> e.horizon() != null && !e.horizon().isEmpty()).toList();
        axis(o.putObject("xAxis"), "value", "steps ahead").put("minInterval", 1).put("min", 1);
        axis(o.putObject("yAxis"), "value", "test RMSE").put("scale", true);
        List<String> legend = new ArrayList<>();
        ArrayNode series = o.putArray("series");
        for (VersionEvaluation e : evals) {
            String name = "LSTM (" + e.model() + ")";
            legend.add(name);
            ObjectNode s = line(series, name).put("showSymbol", true);
            ArrayNode d = s.putArray("data");
            e.horizon().stream().sorted(Comparator.comparingInt(HorizonStep::step))
                    .forEach(h -> d.addArray().add(h.step()).add(h.rmse()));
        }
        Map<String, List<double[]>> baselines = new TreeMap<>();
        evals.stream()
                .filter(e -> e.horizon().stream().anyMatch(h -> h.baselines() != null && !h.baselines().isEmpty()))
                .findFirst().ifPresent(e -> e.horizon().stream().sorted(Comparator.comparingInt(HorizonStep::step))
                        .forEach(h -> (h.baselines() == null ? Map.<String, Double>of() : h.baselines())
                                .forEach((name, rmse) -> {
                                    if (rmse != null && Double.isFinite(rmse)) {
                                        baselines.computeIfAbsent(name, k -> new ArrayList<>())
                                                .add(new double[] {h.step(), rmse});
                                    }
                                })));
        baselines.forEach((name, points) -> {
            legend.add(name);
            ObjectNode s = line(series, name).put("color", ChartOptions.BASELINE_COLOURS.getOrDefault(name, "#757575"));
            s.putObject("lineStyle").put("type", "dashed");
            ArrayNode d = s.putArray("data");
            points.forEach(p -> d.addArray().add((int) p[0]).add(p[1]));
        });
        ChartOptions.legend(o, legend.toArray(String[]::new));
        return o;
    }
}
