package com.lstmautoml.ui.trials;

import com.lstmautoml.core.api.ApiDtos.EpochPoint;
import com.lstmautoml.core.api.ApiDtos.ExperimentView;
import com.lstmautoml.core.api.ApiDtos.TrialView;
import com.lstmautoml.core.space.Hyperparameter;
import com.lstmautoml.ui.layout.Formats;
import com.lstmautoml.ui.layout.TaskScore;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The figures of a trial's page as facts (a small label over a bold value): its validation scores, training and
 * timing, its held-out test scores, and its hyperparameters, each as its experiment's task has them (a text's score
 * is bits per character; MAE, MASE, sMAPE and skill are a forecast's only).
 */
final class TrialFacts {

    private TrialFacts() {
    }

    static Component fact(String label, String value) {
        Span l = new Span(label);
        l.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)")
                .set("display", "block");
        Span v = new Span(value == null || value.isEmpty() ? "–" : value);
        v.getStyle().set("font-weight", "600");
        return new Div(l, v);
    }

    /** Validation scores, epochs, why it stopped, timing; the validation windows of an experiment of several. */
    static List<Component> outcome(TrialView t, ExperimentView experiment, List<EpochPoint> curve, TaskScore score) {
        int windows = experiment == null ? 1 : experiment.validationWindows();
        boolean windowed = windows > 1;
        List<Component> facts = new ArrayList<>();
        facts.add(fact(windowed ? score.val() + " (mean of windows)" : score.val(), score.format(t.valRmse())));
        if (score.forecastMetrics()) {
            facts.addAll(List.of(fact("Val MAE", Formats.mae(t.valMae())), fact("Val MASE", Formats.mase(t.valMase())),
                    fact("Val sMAPE %", Formats.smape(t.valSmape())),
                    fact("Skill vs seasonal naive", Formats.skill(t.valSkill()))));
        }
        facts.addAll(List.of(fact(score.train(), score.format(t.trainRmse())),
                fact(windowed ? "Epochs run (all windows)" : "Epochs run",
                        t.epochsRun() == null ? "–" : String.valueOf(t.epochsRun())),
                fact(windowed ? "Best epoch (last window)" : "Best epoch",
                        t.bestEpoch() == null ? "–" : String.valueOf(t.bestEpoch())),
                fact("Stopped", stopReason(t.stopReason(), experiment)),
                fact("Duration", t.durationSeconds() == null ? "–" : Formats.duration(t.durationSeconds())),
                fact("Worker", t.workerId() == null ? "–" : t.workerId()),
                fact("Attempt", String.valueOf(t.attempt())),
                fact("Queued", Formats.shortTime(t.queuedAt())), fact("Started", Formats.shortTime(t.startedAt())),
                fact("Finished", Formats.shortTime(t.finishedAt()))));
        if (windowed) {
            facts.add(fact("Validation windows", windowsText(t, curve, windows)));
        }
        return facts;
    }

    /** The held-out test scores of a promoted trial (none before: the test slice is scored at promotion). */
    static List<Component> test(TrialView t, TaskScore score) {
        if (t.testRmse() == null) {
            return List.of();
        }
        if (!score.forecastMetrics()) {
            return List.of(fact(score.test(), score.format(t.testRmse())));
        }
        return List.of(fact(score.test(), score.format(t.testRmse())), fact("Test MAE", Formats.mae(t.testMae())),
                fact("Test MASE", Formats.mase(t.testMase())), fact("Test sMAPE %", Formats.smape(t.testSmape())),
                fact("Test skill vs seasonal naive", Formats.skill(t.testSkill())));
    }

    /** The trial's value of each hyperparameter of its task. */
    static List<Component> params(TrialView t, TaskScore score) {
        List<Component> facts = new ArrayList<>();
        for (Hyperparameter h : score.task().hyperparameters()) {
            facts.add(fact(h.key(), Formats.param(t.params(), h)));
        }
        return facts;
    }

    /**
     * A trial's validation windows: each one's RMSE and their spread once it finished, "window i of k" while it
     * trains (from the window of the last epoch recorded).
     */
    static String windowsText(TrialView t, List<EpochPoint> curve, int windows) {
        if (t.valRmseWindows() != null && !t.valRmseWindows().isEmpty()) {
            return t.valRmseWindows().stream().map(Formats::rmse).collect(Collectors.joining(" / "))
                    + (t.valRmseStd() == null ? "" : " (sd " + Formats.rmse(t.valRmseStd()) + ")");
        }
        if (curve == null || curve.isEmpty()) {
            return windows + " windows";
        }
        return "window " + (curve.get(curve.size() - 1).window() + 1) + " of " + windows;
    }

    /** Why training stopped, in words. */
    static String stopReason(String reason, ExperimentView experiment) {
        if (reason == null) {
            return "–";
        }
        return switch (reason) {
            case "PATIENCE" -> "no improvement for " + (experiment == null ? "patience" : experiment.patience())
                    + " epochs";
            case "MAX_EPOCHS" -> "reached max epochs" + (experiment == null ? "" : " (" + experiment.maxEpochs() + ")");
            case "CANCELLED" -> "cancelled";
            case "PRUNED" -> "pruned (not promising)";
            case "LEASE_LOST" -> "worker lost its lease";
            case "DIVERGED" -> "loss diverged (NaN or infinite)";
            default -> reason.toLowerCase(Locale.ROOT);
        };
    }
}
