package com.lstmautoml.ui.trials;

import com.lstmautoml.ui.layout.LiveUpdates;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lstmautoml.core.api.ApiDtos.ExperimentView;
import com.lstmautoml.core.api.ApiDtos.TrialDetail;
import com.lstmautoml.core.api.ApiDtos.TrialView;
import com.lstmautoml.core.api.Experiments;
import com.lstmautoml.core.api.NotFoundException;
import com.lstmautoml.core.api.TrialEvents;
import com.lstmautoml.core.api.Trials;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.ui.security.CurrentCaller;
import com.lstmautoml.core.space.Hyperparameter;
import com.lstmautoml.core.space.Task;
import com.lstmautoml.ui.charts.ChartOptions;
import com.lstmautoml.ui.charts.EChart;
import com.lstmautoml.ui.layout.DetailPage;
import com.lstmautoml.ui.layout.Formats;
import com.lstmautoml.ui.layout.MainLayout;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.Route;

import java.util.Locale;

/**
 * One trial: parameters, outcome, why it stopped, loss curves, predictions, configuration. Live: each epoch recorded
 * and each change of state reaches the page by server push ({@link LiveUpdates}).
 */
@Route(value = "trials/:id", layout = MainLayout.class)
public class TrialDetailView extends DetailPage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Trials trials;
    private final Experiments experiments;
    private final CurrentCaller caller;
    TrialDetail detail;
    private ExperimentView experiment;
    private final LiveUpdates live;
    private String lossSignature;

    private final H2 title = new H2();
    private final Span state = new Span();
    private final Div backLink = new Div();
    private final FlexLayout facts = new FlexLayout();
    private final FlexLayout params = new FlexLayout();
    /** The held-out test scores, shown once the trial was promoted (the test slice is scored only then). */
    final FlexLayout test = new FlexLayout();
    private final Div error = new Div();
    final EChart loss = new EChart("320px");
    final EChart predictions = new EChart("320px");

    {
        loss.setId("loss-chart");
        predictions.setId("predictions-chart");
    }
    private final Pre config = new Pre();
    private final Pre preprocessing = new Pre();

    /** One constructor only: the router creates views through CDI. */
    public TrialDetailView(Trials trials, Experiments experiments, CurrentCaller caller, TrialEvents events) {
        this.trials = trials;
        this.experiments = experiments;
        this.caller = caller;
        this.live = LiveUpdates.rowsAndEpochs(this, events, this::changed);
        title.getStyle().set("margin", "0");
        HorizontalLayout titleRow = new HorizontalLayout(title, state);
        titleRow.setAlignItems(FlexComponent.Alignment.CENTER);
        test.setId("trial-test-scores");
        for (FlexLayout f : new FlexLayout[] {facts, params, test}) {
            f.setFlexWrap(FlexLayout.FlexWrap.WRAP);
            f.getStyle().set("gap", "var(--lumo-space-s) var(--lumo-space-l)");
        }
        error.getStyle().set("white-space", "pre-wrap").set("color", "var(--lumo-error-text-color)")
                .set("background", "var(--lumo-error-color-10pct)").set("padding", "var(--lumo-space-s)")
                .set("border-radius", "var(--lumo-border-radius-m)");
        for (Pre p : new Pre[] {config, preprocessing}) {
            p.getStyle().set("max-height", "50vh").set("overflow", "auto").set("font-size", "var(--lumo-font-size-xs)")
                    .set("margin", "0");
        }
        FlexLayout charts = new FlexLayout(card(loss, "460px"), card(predictions, "460px"));
        charts.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        charts.setWidthFull();
        charts.getStyle().set("gap", "var(--lumo-space-m)");
        Details configDetails = new Details("DL4J configuration (JSON)", config);
        Details prepDetails = new Details("Preprocessing (fitted on the training slice)", preprocessing);
        content.add(backLink, titleRow, facts, test, params, error, charts, configDetails, prepDetails);
    }

    @Override
    protected void showNotFound(String raw) {
        detail = null;
        super.showNotFound(raw);
    }

    @Override
    protected Component[] notFound(String raw) {
        return new Component[] {new H2("Trial " + raw + " not found"), routerLink("All experiments", "")};
    }

    /**
     * A change announced (or the fallback poll, which says "everything"): re-reads the trial when it is the one that
     * changed; a finished trial is not re-read on a mere poll.
     */
    void changed(TrialEvents.Changes changes) {
        if (detail == null || !changes.touchesTrial(id)
                || (changes.everything() && isFinal(detail.trial().state()))) {
            return;
        }
        refreshOrNotFound();
    }

    @Override
    protected void show(long trialId) {
        lossSignature = null;
        experiment = null;
        super.show(trialId);
    }

    @Override
    public String getPageTitle() {
        return (detail == null ? "Trial" : "Trial #" + detail.trial().number()) + " · LSTM AutoML";
    }

    @Override
    protected void refresh() {
        Caller c = caller.get();
        detail = trials.get(c, id);
        TrialView t = detail.trial();
        live.follow(t.experimentId());
        if (experiment == null || experiment.id() != t.experimentId()) {
            try {
                experiment = experiments.get(c, t.experimentId());
            } catch (NotFoundException e) {
                experiment = null;
            }
        }
        backLink.removeAll();
        backLink.add(routerLink("← " + (experiment == null ? "Experiment " + t.experimentId() : experiment.name()),
                "experiments/" + t.experimentId()));
        title.setText("Trial #" + t.number());
        state.removeAll();
        state.add(Formats.badge(t.state()));

        facts.removeAll();
        int windows = experiment == null ? 1 : experiment.validationWindows();
        boolean windowed = windows > 1;
        facts.add(fact(windowed ? "Val RMSE (mean of windows)" : "Val RMSE", Formats.rmse(t.valRmse())), fact("Val MAE", Formats.mae(t.valMae())),
                fact("Val MASE", Formats.mase(t.valMase())), fact("Val sMAPE %", Formats.smape(t.valSmape())),
                fact("Skill vs seasonal naive", Formats.skill(t.valSkill())),
                fact("Train RMSE", Formats.rmse(t.trainRmse())),
                fact(windowed ? "Epochs run (all windows)" : "Epochs run",
                        t.epochsRun() == null ? "–" : String.valueOf(t.epochsRun())),
                fact(windowed ? "Best epoch (last window)" : "Best epoch",
                        t.bestEpoch() == null ? "–" : String.valueOf(t.bestEpoch())),
                fact("Stopped", stopReason(t.stopReason(), experiment)),
                fact("Duration", t.durationSeconds() == null ? "–" : Formats.duration(t.durationSeconds())),
                fact("Worker", t.workerId() == null ? "–" : t.workerId()),
                fact("Attempt", String.valueOf(t.attempt())),
                fact("Queued", Formats.shortTime(t.queuedAt())), fact("Started", Formats.shortTime(t.startedAt())),
                fact("Finished", Formats.shortTime(t.finishedAt())));
        if (windowed) {
            facts.add(fact("Validation windows", windowsText(t, detail.curve(), windows)));
        }
        test.removeAll();
        if (t.testRmse() != null) {
            test.add(fact("Test RMSE", Formats.rmse(t.testRmse())), fact("Test MAE", Formats.mae(t.testMae())),
                    fact("Test MASE", Formats.mase(t.testMase())), fact("Test sMAPE %", Formats.smape(t.testSmape())),
                    fact("Test skill vs seasonal naive", Formats.skill(t.testSkill())));
            test.getStyle().set("padding", "var(--lumo-space-xs) var(--lumo-space-s)")
                    .set("background", "var(--lumo-contrast-5pct)").set("border-radius", "var(--lumo-border-radius-m)");
            test.getElement().setAttribute("title", "held-out test slice, scored when the trial was promoted");
        }
        test.setVisible(t.testRmse() != null);
        params.removeAll();
        for (Hyperparameter h : Task.FORECAST.hyperparameters()) {
            params.add(fact(h.key(), Formats.param(t.params(), h)));
        }
        StringBuilder err = new StringBuilder(t.error() == null ? "" : t.error());
        if (t.attemptErrors() != null && !t.attemptErrors().isEmpty()) {
            err.append(err.length() == 0 ? "" : "\n").append("Earlier attempts:");
            t.attemptErrors().forEach(a -> err.append("\n• ").append(a));
        }
        error.setText(err.toString());
        error.setVisible(err.length() > 0);

        String signature = (detail.curve() == null ? 0 : detail.curve().size()) + "/" + t.bestEpoch() + "/" + t.state();
        if (!signature.equals(lossSignature)) {
            lossSignature = signature;
            loss.setOption(ChartOptions.lossCurves(detail.curve() == null ? java.util.List.of() : detail.curve(),
                    t.bestEpoch()));
            if (detail.validation() != null && detail.validation().times() != null) {
                predictions.setOption(ChartOptions.actualVsPredicted(detail.validation(),
                        experiment == null ? null : experiment.target()));
                predictions.setVisible(true);
            } else {
                predictions.setVisible(false);
            }
            config.setText(pretty(detail.modelConfig()));
            preprocessing.setText(pretty(detail.preprocessing()));
        }
    }

    /** A link the client-side router handles (no page reload), like RouterLink but without a router lookup. */
    private static Anchor routerLink(String text, String href) {
        Anchor a = new Anchor(href, text);
        a.getElement().setAttribute("router-link", true);
        return a;
    }

    private static Component fact(String label, String value) {
        Span l = new Span(label);
        l.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)")
                .set("display", "block");
        Span v = new Span(value == null || value.isEmpty() ? "–" : value);
        v.getStyle().set("font-weight", "600");
        return new Div(l, v);
    }

    /**
     * A trial's validation windows: each one's RMSE and their spread once it finished, "window i of k" while it
     * trains (from the window of the last epoch recorded).
     */
    static String windowsText(TrialView t, java.util.List<com.lstmautoml.core.api.ApiDtos.EpochPoint> curve,
                              int windows) {
        if (t.valRmseWindows() != null && !t.valRmseWindows().isEmpty()) {
            return t.valRmseWindows().stream().map(Formats::rmse)
                    .collect(java.util.stream.Collectors.joining(" / "))
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

    private static String pretty(JsonNode node) {
        if (node == null || node.isNull()) {
            return "(not available yet)";
        }
        try {
            JsonNode n = node.isTextual() ? JSON.readTree(node.textValue()) : node;
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n);
        } catch (JsonProcessingException e) {
            return node.toString();
        }
    }

    private static boolean isFinal(String state) {
        return state != null && !state.equals("QUEUED") && !state.equals("RUNNING");
    }
}
