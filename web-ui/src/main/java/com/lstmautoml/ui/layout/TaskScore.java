package com.lstmautoml.ui.layout;

import com.lstmautoml.core.space.Task;

import java.util.Arrays;
import java.util.Locale;

/**
 * What an experiment's trials are scored and ranked on, by its {@link Task}: a forecast's RMSE in the series' units,
 * or a text's bits per character (lower is better for both). Every page that shows a {@code valRmse} or
 * {@code testRmse} (of a trial, a baseline, a model version) takes its words and its number format from here, and
 * asks here whether the forecast-only metrics (MAE, MASE, sMAPE, skill against seasonal naive) apply.
 */
public enum TaskScore {
    RMSE(Task.FORECAST, "RMSE", "loss (MSE, scaled)"),
    BITS_PER_CHARACTER(Task.GENERATE, "bits/char", "loss (cross-entropy, nats/char)");

    private final Task task;
    private final String unit;
    private final String lossAxis;

    TaskScore(Task task, String unit, String lossAxis) {
        this.task = task;
        this.unit = unit;
        this.lossAxis = lossAxis;
    }

    /** The score of {@code task}'s experiments. */
    public static TaskScore of(Task task) {
        return Arrays.stream(values()).filter(s -> s.task == task).findFirst().orElse(RMSE);
    }

    /** The score of the task a DTO names ({@code forecast}, {@code generate}; null or unknown: forecast). */
    public static TaskScore of(String taskKey) {
        return of(task(taskKey));
    }

    /**
     * The task a DTO or a request names by its key; {@link Task#FORECAST} for null or an unknown key (rows and
     * requests from before there were tasks are forecasts).
     */
    public static Task task(String taskKey) {
        return Arrays.stream(Task.values()).filter(t -> t.key().equals(taskKey)).findFirst().orElse(Task.FORECAST);
    }

    public Task task() {
        return task;
    }

    /** "RMSE", "bits/char". */
    public String unit() {
        return unit;
    }

    /** "Val RMSE", "Val bits/char": a column's or a fact's label. */
    public String val() {
        return "Val " + unit;
    }

    /** "Train RMSE", "Train bits/char". */
    public String train() {
        return "Train " + unit;
    }

    /** "Test RMSE", "Test bits/char". */
    public String test() {
        return "Test " + unit;
    }

    /** "validation RMSE", "validation bits/char": in sentences and on chart axes. */
    public String validation() {
        return "validation " + unit;
    }

    /** The name of a loss curve's axis: the loss the network is trained on, per epoch. */
    public String lossAxis() {
        return lossAxis;
    }

    /** Whether MAE, MASE, sMAPE and the skill against seasonal naive exist for this task (a forecast's only). */
    public boolean forecastMetrics() {
        return this == RMSE;
    }

    /** A score for display: an RMSE as {@link Formats#rmse}, bits per character with three decimals; "–" for none. */
    public String format(Double v) {
        if (this == RMSE) {
            return Formats.rmse(v);
        }
        return v == null || !Double.isFinite(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** "RMSE 21.5000", "2.300 bits/char": a score where rows of both tasks share a column. */
    public String withUnit(Double v) {
        return this == RMSE ? unit + " " + format(v) : format(v) + " " + unit;
    }
}
