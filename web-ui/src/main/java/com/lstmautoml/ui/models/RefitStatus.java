package com.lstmautoml.ui.models;

import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.ApiDtos.RefitView;
import com.lstmautoml.ui.layout.Formats;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;

import java.time.Instant;
import java.util.Locale;

/**
 * Which model of a version forecasts (the promoted trial's own or its refit) and where the refit stands: queued,
 * running, ready or failed with its error; "no refit" when the version has none. Display only.
 *
 * <p>For browser tests: id {@code refit-status}; the state pill has class {@code refit-state}, the sentences
 * ids {@code serving} and {@code refit-text}.
 */
public class RefitStatus extends FlexLayout {

    final Span serving = new Span();
    final Span state = new Span();
    final Span text = new Span();

    public RefitStatus() {
        setId("refit-status");
        serving.setId("serving");
        text.setId("refit-text");
        setFlexWrap(FlexWrap.WRAP);
        setAlignItems(FlexComponent.Alignment.CENTER);
        getStyle().set("gap", "var(--lumo-space-xs) var(--lumo-space-s)");
        serving.getStyle().set("font-weight", "600");
        add(serving, state, text);
    }

    public void show(RefitView refit, String servingModel, Instant now) {
        serving.setText(servingText(servingModel));
        state.removeAll();
        state.add(pill(refit));
        text.setText(refitText(refit, now));
        text.getStyle().set("color", refit != null && "FAILED".equals(refit.state())
                ? "var(--lumo-error-text-color)" : "var(--lumo-secondary-text-color)");
    }

    static String servingText(String serving) {
        return ApiDtos.SERVING_REFIT.equals(serving)
                ? "Serving: the refit model (retrained on train + validation)"
                : "Serving: the promoted trial's model";
    }

    /** "queued", "running", "ready", "failed", "cancelled"; "no refit" without one. */
    static String stateLabel(RefitView refit) {
        if (refit == null || refit.state() == null) {
            return "no refit";
        }
        return switch (refit.state()) {
            case "QUEUED" -> "refit queued";
            case "RUNNING" -> "refit running";
            case "COMPLETED" -> "refit ready";
            case "FAILED" -> "refit failed";
            default -> "refit " + refit.state().toLowerCase(Locale.ROOT);
        };
    }

    private static Span pill(RefitView refit) {
        String s = refit == null || refit.state() == null ? "" : refit.state();
        Span p = Formats.pill(stateLabel(refit), switch (s) {
            case "QUEUED", "RUNNING" -> "primary";
            case "COMPLETED" -> "success";
            case "FAILED" -> "error";
            default -> "contrast";
        });
        p.addClassName("refit-state");
        return p;
    }

    /** The refit's sentence: what it is, since when, and for a failed one why. */
    static String refitText(RefitView refit, Instant now) {
        if (refit == null || refit.state() == null) {
            return "This version has no refit: the promoted trial's model serves it.";
        }
        String what = "the trial's configuration retrained on train + validation for " + refit.epochs() + " epochs";
        return switch (refit.state()) {
            case "QUEUED" -> "Queued" + at("", refit.queuedAt(), now) + ": " + what
                    + "; the trial's model serves until it is ready.";
            case "RUNNING" -> "Running" + at(", started", refit.startedAt(), now) + ": " + what
                    + "; the trial's model serves until it is ready.";
            case "COMPLETED" -> "Ready" + at(", finished", refit.finishedAt(), now) + ": " + what + ".";
            case "FAILED" -> "Failed" + at("", refit.finishedAt(), now) + ": "
                    + (refit.error() == null || refit.error().isBlank() ? "no reason recorded" : refit.error())
                    + ". The trial's model keeps serving.";
            default -> "The refit was " + refit.state().toLowerCase(Locale.ROOT) + "; the trial's model serves.";
        };
    }

    /** " 5 min ago", ", started 5 min ago"; empty without a time. */
    private static String at(String words, Instant t, Instant now) {
        return t == null ? "" : words + " " + Formats.relative(t, now);
    }

    /** Whether the refit may still change (queued or running): the page then refreshes itself. */
    static boolean inProgress(RefitView refit) {
        return refit != null && ("QUEUED".equals(refit.state()) || "RUNNING".equals(refit.state()));
    }
}
