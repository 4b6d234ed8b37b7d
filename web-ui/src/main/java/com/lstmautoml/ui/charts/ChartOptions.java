package com.lstmautoml.ui.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lstmautoml.core.api.ApiDtos.BaselineView;
import com.lstmautoml.core.api.ApiDtos.TrialPoint;
import com.lstmautoml.core.space.Hyperparameter;
import com.lstmautoml.ui.layout.Formats;
import com.lstmautoml.ui.layout.TaskScore;

import java.util.Comparator;
import java.util.List;

/**
 * ECharts options of an experiment's charts, built as JSON trees (no JavaScript functions: plain data only), and the
 * parts every chart of the dashboard shares. The trials are scored by their experiment's {@link TaskScore} (RMSE or
 * bits per character) and have its task's hyperparameters.
 */
public final class ChartOptions {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ChartOptions() {
    }

    /** Colours of the baselines' reference lines, by name (others: grey). */
    static final java.util.Map<String, String> BASELINE_COLOURS = java.util.Map.of(
            "naive", "#757575", "seasonal naive", "#c62828", "Holt-Winters", "#6a1b9a", "character n-gram", "#c62828");

    /**
     * Optimisation history: one point per trial with a validation score (x = trial number) and the best score so far
     * as a step line, which never goes up; each baseline's validation score is a dashed, labelled horizontal line (a
     * series of its own, so the legend toggles it), which shows at once whether trials beat seasonal naive (or the
     * character n-gram).
     */
    public static ObjectNode optimisationHistory(List<TrialPoint> points, List<BaselineView> baselines,
                                                 TaskScore score) {
        List<BaselineView> refs = baselines == null ? List.of() : baselines.stream()
                .filter(b -> b.name() != null && Double.isFinite(b.valRmse())).toList();
        ObjectNode o = base("Optimisation history");
        o.putObject("tooltip").put("trigger", "item");
        String[] names = new String[2 + refs.size()];
        names[0] = "trial";
        names[1] = "best so far";
        for (int i = 0; i < refs.size(); i++) {
            names[2 + i] = refs.get(i).name();
        }
        legend(o, names);
        axis(o.putObject("xAxis"), "value", "trial #").put("minInterval", 1);
        axis(o.putObject("yAxis"), "value", score.validation()).put("scale", true);
        ArrayNode series = o.putArray("series");
        ObjectNode scatter = largeScatter(series.addObject().put("name", "trial"));
        ObjectNode best = line(series, "best so far");
        best.put("step", "end");
        best.put("showSymbol", false);
        ArrayNode sd = scatter.putArray("data");
        ArrayNode bd = best.putArray("data");
        double bestSoFar = Double.POSITIVE_INFINITY;
        List<TrialPoint> done = finished(points);
        for (TrialPoint p : done) {
            sd.addArray().add(p.number()).add(p.valRmse()).add(p.id());
            bestSoFar = Math.min(bestSoFar, p.valRmse());
            bd.addArray().add(p.number()).add(bestSoFar);
        }
        int first = done.isEmpty() ? 1 : done.get(0).number();
        int last = done.isEmpty() ? 1 : done.get(done.size() - 1).number();
        for (BaselineView b : refs) {
            baselineLine(series, b, first, last, score);
        }
        return o;
    }

    /**
     * A baseline's reference line: a dashed horizontal markLine at its validation score, labelled with its name and
     * value. The series also holds two invisible points at that height (first and last trial), because ECharts sizes
     * the axis from data only: a baseline far above the trials would otherwise fall off the chart.
     */
    private static void baselineLine(ArrayNode series, BaselineView b, int firstTrial, int lastTrial,
                                     TaskScore score) {
        String colour = BASELINE_COLOURS.getOrDefault(b.name(), "#757575");
        ObjectNode s = line(series, b.name());
        s.put("color", colour).put("silent", true);
        s.putObject("lineStyle").put("opacity", 0);
        s.putObject("tooltip").put("show", false);
        ArrayNode d = s.putArray("data");
        d.addArray().add(firstTrial).add(b.valRmse());
        d.addArray().add(Math.max(firstTrial, lastTrial)).add(b.valRmse());
        ObjectNode markLine = s.putObject("markLine");
        markLine.put("symbol", "none").put("silent", true);
        markLine.putObject("lineStyle").put("type", "dashed").put("color", colour).put("width", 1.5);
        markLine.putObject("label").put("position", "insideEndTop").put("color", colour)
                .put("formatter", b.name() + " " + score.format(b.valRmse()));
        markLine.putArray("data").addObject().put("name", b.name()).put("yAxis", b.valRmse());
    }

    /**
     * Validation score against the value of one hyperparameter (log x axis for the learning rate; a category axis of
     * its labels for transform and scaler).
     */
    public static ObjectNode parameterScatter(List<TrialPoint> points, Hyperparameter h, TaskScore score) {
        ObjectNode o = base(score.unit() + " vs " + h.key());
        o.putObject("tooltip").put("trigger", "item");
        boolean log = h.isLogScaled();
        if (h.isCategorical()) {
            ArrayNode labels = axis(o.putObject("xAxis"), "category", h.key()).putArray("data");
            h.labels().forEach(labels::add);
        } else {
            axis(o.putObject("xAxis"), log ? "log" : "value", h.key()).put("scale", true);
        }
        axis(o.putObject("yAxis"), "value", score.validation()).put("scale", true);
        ObjectNode s = largeScatter(o.putArray("series").addObject().put("name", h.key()));
        ArrayNode d = s.putArray("data");
        for (TrialPoint p : finished(points)) {
            JsonNode v = Formats.paramNode(p.params(), h);
            if (v != null && v.isNumber()) {
                d.addArray().add(v.doubleValue()).add(p.valRmse()).add(p.number());
            } else if (v != null && v.isTextual() && h.isCategorical()) {
                d.addArray().add(v.asText()).add(p.valRmse()).add(p.number());
            }
        }
        return o;
    }

    /** Most lines the parallel-coordinates chart draws: the best ones (thousands more are noise and slow). */
    public static final int PARALLEL_MAX_LINES = 1000;

    /**
     * Parallel coordinates: one axis per hyperparameter of the task (a category axis for transform and scaler) plus
     * the score, lines coloured by score (low is green); the best {@link #PARALLEL_MAX_LINES} trials when there are
     * more.
     */
    public static ObjectNode parallelCoordinates(List<TrialPoint> points, TaskScore score) {
        List<TrialPoint> all = finished(points);
        List<TrialPoint> done = all.size() <= PARALLEL_MAX_LINES ? all : all.stream()
                .sorted(java.util.Comparator.comparingDouble(TrialPoint::valRmse)).limit(PARALLEL_MAX_LINES).toList();
        String colour = " (colour: " + score.validation() + ")";
        ObjectNode o = base(all.size() == done.size() ? "Parameters of finished trials" + colour
                : "Parameters of the best " + done.size() + " of " + all.size() + " finished trials" + colour);
        ArrayNode axes = o.putArray("parallelAxis");
        List<Hyperparameter> hs = score.task().hyperparameters();
        for (int i = 0; i < hs.size(); i++) {
            ObjectNode a = axes.addObject().put("dim", i).put("name", hs.get(i).key());
            if (hs.get(i).isCategorical()) {
                ArrayNode labels = a.put("type", "category").putArray("data");
                hs.get(i).labels().forEach(labels::add);
            } else {
                a.put("type", hs.get(i).isLogScaled() ? "log" : "value").put("scale", true);
            }
        }
        axes.addObject().put("dim", hs.size()).put("name", score.val()).put("scale", true);
        o.putObject("parallel").put("left", 40).put("right", 80).put("top", 50).put("bottom", 30);
        double min = done.stream().mapToDouble(TrialPoint::valRmse).min().orElse(0);
        double max = done.stream().mapToDouble(TrialPoint::valRmse).max().orElse(1);
        ObjectNode vm = o.putObject("visualMap");
        vm.put("type", "continuous").put("dimension", hs.size()).put("min", min).put("max", max == min ? min + 1 : max)
                .put("calculable", true).put("right", 0).put("top", "middle").put("itemHeight", 120);
        vm.putObject("inRange").putArray("color").add("#2e7d32").add("#f9a825").add("#c62828");
        ObjectNode s = o.putArray("series").addObject().put("type", "parallel").put("name", "trials");
        s.putObject("lineStyle").put("width", 1.5).put("opacity", 0.6);
        ArrayNode d = s.putArray("data");
        for (TrialPoint p : done) {
            ArrayNode row = d.addArray();
            for (Hyperparameter h : hs) {
                JsonNode v = Formats.paramNode(p.params(), h);
                if (v != null && v.isNumber()) {
                    row.add(v.doubleValue());
                } else if (v != null && v.isTextual() && h.isCategorical()) {
                    row.add(v.asText()); // a category axis takes the label
                } else {
                    row.addNull();
                }
            }
            row.add(p.valRmse());
        }
        return o;
    }

    /** A scatter series that switches to ECharts' large mode (one batched draw) past 2000 points. */
    private static ObjectNode largeScatter(ObjectNode series) {
        return series.put("type", "scatter").put("symbolSize", 8).put("large", true).put("largeThreshold", 2000);
    }

    /** Trials with a validation score, by trial number. */
    static List<TrialPoint> finished(List<TrialPoint> points) {
        return points.stream().filter(p -> p.valRmse() != null && Double.isFinite(p.valRmse()))
                .sorted(Comparator.comparingInt(TrialPoint::number)).toList();
    }

    static ObjectNode base(String title) {
        ObjectNode o = F.objectNode();
        o.put("animation", false);
        o.putObject("title").put("text", title).put("left", "center")
                .putObject("textStyle").put("fontSize", 13).put("fontWeight", "normal");
        o.putObject("grid").put("left", 60).put("right", 30).put("top", 50).put("bottom", 40).put("containLabel", true);
        return o;
    }

    static void legend(ObjectNode o, String... names) {
        ArrayNode d = o.putObject("legend").put("top", 22).putArray("data");
        for (String n : names) {
            d.add(n);
        }
    }

    static ObjectNode axis(ObjectNode axis, String type, String name) {
        axis.put("type", type);
        if (name != null) {
            axis.put("name", name).put("nameLocation", "middle").put("nameGap", 28);
        }
        return axis;
    }

    static ObjectNode line(ArrayNode series, String name) {
        return series.addObject().put("name", name).put("type", "line").put("showSymbol", false);
    }
}
