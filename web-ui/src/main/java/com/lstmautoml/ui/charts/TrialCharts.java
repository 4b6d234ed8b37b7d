package com.lstmautoml.ui.charts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lstmautoml.core.api.ApiDtos.EpochPoint;
import com.lstmautoml.core.api.ApiDtos.Predictions;
import com.lstmautoml.ui.layout.TaskScore;

import java.util.List;

import static com.lstmautoml.ui.charts.ChartOptions.axis;
import static com.lstmautoml.ui.charts.ChartOptions.base;
import static com.lstmautoml.ui.charts.ChartOptions.legend;
import static com.lstmautoml.ui.charts.ChartOptions.line;

/** ECharts options of a trial's charts: its loss curves and, for a forecast, its validation predictions. */
public final class TrialCharts {

    /** The name of the per-epoch validation RMSE line of {@link #lossCurves} of a forecast. */
    public static final String VAL_RMSE = TaskScore.RMSE.validation();

    private TrialCharts() {
    }

    /**
     * Train and validation loss per epoch (a forecast's MSE on the scaled data, a text's cross-entropy in nats per
     * character, as {@code score} names it); the best epoch is marked with a vertical line. When the epochs carry a
     * validation score (a forecast's RMSE in the series' units, a text's bits per character), it is a third, dashed
     * line on a second y axis at the right.
     *
     * <p>A trial with several validation windows trains a network per window, each from epoch 0: the windows are
     * drawn one after another (x counts the epochs trained so far), each window's start marked and labelled with a
     * vertical line, and the best epoch is the last drawn window's ({@code bestEpoch} counts within that window).
     */
    public static ObjectNode lossCurves(List<EpochPoint> curve, Integer bestEpoch, TaskScore score) {
        String valScore = score.validation();
        ObjectNode o = base("Loss per epoch");
        o.putObject("tooltip").put("trigger", "axis");
        boolean withRmse = curve.stream().anyMatch(p -> p.valRmse() != null && Double.isFinite(p.valRmse()));
        if (withRmse) {
            legend(o, "train loss", "validation loss", valScore);
        } else {
            legend(o, "train loss", "validation loss");
        }
        java.util.SortedMap<Integer, Integer> offsets = windowOffsets(curve);
        boolean windows = offsets.size() > 1 || (!offsets.isEmpty() && offsets.firstKey() > 0);
        axis(o.putObject("xAxis"), "value", windows ? "epoch (windows one after another)" : "epoch")
                .put("minInterval", 1);
        if (withRmse) {
            ((ObjectNode) o.get("grid")).put("right", 60); // room for the right axis' name
            ArrayNode axes = o.putArray("yAxis");
            axis(axes.addObject(), "value", score.lossAxis()).put("scale", true);
            axis(axes.addObject(), "value", valScore).put("scale", true).put("position", "right")
                    .put("nameGap", 40).putObject("splitLine").put("show", false);
        } else {
            axis(o.putObject("yAxis"), "value", score.lossAxis()).put("scale", true);
        }
        ArrayNode series = o.putArray("series");
        ObjectNode train = line(series, "train loss");
        ObjectNode val = line(series, "validation loss");
        ArrayNode td = train.putArray("data");
        ArrayNode vd = val.putArray("data");
        for (EpochPoint p : curve) {
            td.addArray().add(x(p, offsets)).add(p.trainLoss());
            vd.addArray().add(x(p, offsets)).add(p.valLoss());
        }
        if (withRmse) {
            ObjectNode rmse = line(series, valScore).put("yAxisIndex", 1);
            rmse.putObject("lineStyle").put("type", "dashed");
            ArrayNode rd = rmse.putArray("data");
            for (EpochPoint p : curve) {
                if (p.valRmse() != null && Double.isFinite(p.valRmse())) {
                    rd.addArray().add(x(p, offsets)).add(p.valRmse());
                }
            }
        }
        if (windows) {
            ObjectNode starts = train.putObject("markLine");
            starts.put("symbol", "none");
            starts.putObject("lineStyle").put("type", "dotted").put("color", "#757575");
            ArrayNode data = starts.putArray("data");
            offsets.forEach((window, offset) -> {
                ObjectNode line = data.addObject().put("xAxis", offset);
                line.putObject("label").put("formatter", "window " + (window + 1));
            });
        }
        if (bestEpoch != null) {
            int lastWindow = offsets.isEmpty() ? 0 : offsets.lastKey();
            int bestX = offsets.getOrDefault(lastWindow, 0) + bestEpoch;
            ObjectNode markLine = val.putObject("markLine");
            markLine.put("symbol", "none");
            markLine.putObject("label").put("formatter", "best epoch " + bestEpoch
                    + (windows ? " of window " + (lastWindow + 1) : ""));
            markLine.putObject("lineStyle").put("type", "dashed").put("color", "#2e7d32");
            markLine.putArray("data").addObject().put("xAxis", bestX);
            curve.stream().filter(p -> p.window() == lastWindow && p.epoch() == bestEpoch).findFirst().ifPresent(p -> {
                ObjectNode point = val.putObject("markPoint").putArray("data").addObject();
                point.put("name", "best").putArray("coord").add(bestX).add(p.valLoss());
                point.put("value", "best");
            });
        }
        o.putArray("dataZoom").addObject().put("type", "inside");
        return o;
    }

    /** Where each validation window's epoch 0 is drawn: the epochs of the windows before it. */
    private static java.util.SortedMap<Integer, Integer> windowOffsets(List<EpochPoint> curve) {
        java.util.SortedMap<Integer, Integer> lengths = new java.util.TreeMap<>();
        for (EpochPoint p : curve) {
            lengths.merge(p.window(), p.epoch() + 1, Math::max);
        }
        java.util.SortedMap<Integer, Integer> offsets = new java.util.TreeMap<>();
        int offset = 0;
        for (var e : lengths.entrySet()) {
            offsets.put(e.getKey(), offset);
            offset += e.getValue();
        }
        return offsets;
    }

    private static int x(EpochPoint p, java.util.Map<Integer, Integer> offsets) {
        return offsets.getOrDefault(p.window(), 0) + p.epoch();
    }

    /** Actual and predicted values on the validation slice, in original units, over its time stamps. */
    public static ObjectNode actualVsPredicted(Predictions p, String target) {
        ObjectNode o = base("Validation: actual vs predicted" + (target == null ? "" : " " + target));
        o.putObject("tooltip").put("trigger", "axis");
        legend(o, "actual", "predicted");
        ObjectNode x = axis(o.putObject("xAxis"), "category", null);
        ArrayNode times = x.putArray("data");
        p.times().forEach(times::add);
        axis(o.putObject("yAxis"), "value", target).put("scale", true);
        ArrayNode series = o.putArray("series");
        ArrayNode a = line(series, "actual").putArray("data");
        for (double v : p.actual()) {
            a.add(v);
        }
        ArrayNode pr = line(series, "predicted").putArray("data");
        for (double v : p.predicted()) {
            pr.add(v);
        }
        ((ObjectNode) series.get(1)).putObject("lineStyle").put("type", "dashed");
        o.putArray("dataZoom").addObject().put("type", "inside");
        return o;
    }

}
