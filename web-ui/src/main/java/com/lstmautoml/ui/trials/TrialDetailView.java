package com.lstmautoml.ui.trials;

import com.lstmautoml.ui.layout.LiveUpdates;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lstmautoml.core.api.ApiDtos.ExperimentView;
import com.lstmautoml.core.api.ApiDtos.SampleRequest;
import com.lstmautoml.core.api.ApiDtos.TrialDetail;
import com.lstmautoml.core.api.ApiDtos.TrialView;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.ConflictException;
import com.lstmautoml.core.api.Experiments;
import com.lstmautoml.core.api.ForbiddenException;
import com.lstmautoml.core.api.NotFoundException;
import com.lstmautoml.core.api.TrialEvents;
import com.lstmautoml.core.api.Trials;
import com.lstmautoml.core.space.Task;
import com.lstmautoml.core.validation.ValidationException;
import com.lstmautoml.ui.charts.EChart;
import com.lstmautoml.ui.charts.TrialCharts;
import com.lstmautoml.ui.layout.DetailPage;
import com.lstmautoml.ui.layout.Formats;
import com.lstmautoml.ui.layout.MainLayout;
import com.lstmautoml.ui.layout.TaskScore;
import com.lstmautoml.ui.security.CurrentCaller;
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

import java.util.ArrayList;
import java.util.List;

/**
 * One trial: parameters, outcome, why it stopped, loss curves, predictions, configuration; a generation trial's
 * scores in bits per character, its samples and a form that asks its model for more ({@link TextSamplesPanel}: the
 * view calls the service) instead of predictions. Live: each epoch recorded and each change of state reaches the
 * page by server push ({@link LiveUpdates}).
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
    /** How often a completed text trial's page looks for its samples until they are there. */
    static final int SAMPLES_POLL_MS = 2_000;
    /** A completed text trial whose samples are not written yet. */
    private boolean awaitingSamples;
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
    /** The predictions' card: a forecast's only. */
    private final Div predictionsCard;
    /** A generation trial's samples and the form for more (hidden for a forecast). */
    final TextSamplesPanel samples = new TextSamplesPanel();

    {
        loss.setId("loss-chart");
        predictions.setId("predictions-chart");
    }
    private final Pre config = new Pre();
    private final Pre preprocessing = new Pre();
    private final Details prepDetails = new Details("Preprocessing (fitted on the training slice)", preprocessing);

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
        predictionsCard = card(predictions, "460px");
        FlexLayout charts = new FlexLayout(card(loss, "460px"), predictionsCard);
        charts.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        charts.setWidthFull();
        charts.getStyle().set("gap", "var(--lumo-space-m)");
        Details configDetails = new Details("DL4J configuration (JSON)", config);
        samples.setVisible(false);
        samples.addSampleListener(e -> sample(e.request()));
        content.add(backLink, titleRow, facts, test, params, error, charts, samples, configDetails, prepDetails);
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
        // a poll re-reads a finished trial only while its samples are still to come
        if (detail == null || !changes.touchesTrial(id)
                || (changes.everything() && isFinal(detail.trial().state()) && !awaitingSamples)) {
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

        TaskScore score = scoreOf(t);
        boolean text = !score.forecastMetrics();
        facts.removeAll();
        TrialFacts.outcome(t, experiment, detail.curve(), score).forEach(facts::add);
        test.removeAll();
        if (t.testRmse() != null) {
            TrialFacts.test(t, score).forEach(test::add);
            test.getStyle().set("padding", "var(--lumo-space-xs) var(--lumo-space-s)")
                    .set("background", "var(--lumo-contrast-5pct)").set("border-radius", "var(--lumo-border-radius-m)");
            test.getElement().setAttribute("title", "held-out test slice, scored when the trial was promoted");
        }
        test.setVisible(t.testRmse() != null);
        params.removeAll();
        TrialFacts.params(t, score).forEach(params::add);
        StringBuilder err = new StringBuilder(t.error() == null ? "" : t.error());
        if (t.attemptErrors() != null && !t.attemptErrors().isEmpty()) {
            err.append(err.length() == 0 ? "" : "\n").append("Earlier attempts:");
            t.attemptErrors().forEach(a -> err.append("\n• ").append(a));
        }
        error.setText(err.toString());
        error.setVisible(err.length() > 0);

        samples.setVisible(text);
        // a completed text trial's samples are written moments after it ended, with no event: poll for them
        awaitingSamples = text && "COMPLETED".equals(t.state()) && detail.samples().isEmpty();
        live.pollEvery(awaitingSamples ? SAMPLES_POLL_MS : LiveUpdates.FALLBACK_POLL_MS);
        if (text) {
            samples.showSamples(detail.samples());
            samples.setSampling(mayWrite(t.state()), t.state());
        }
        prepDetails.setSummaryText(text ? "Vocabulary (of the training slice)"
                : "Preprocessing (fitted on the training slice)");

        String signature = (detail.curve() == null ? 0 : detail.curve().size()) + "/" + t.bestEpoch() + "/" + t.state()
                + "/" + score;
        if (!signature.equals(lossSignature)) {
            lossSignature = signature;
            loss.setOption(TrialCharts.lossCurves(detail.curve() == null ? List.of() : detail.curve(),
                    t.bestEpoch(), score));
            if (!text && detail.validation() != null && detail.validation().times() != null) {
                predictions.setOption(TrialCharts.actualVsPredicted(detail.validation(),
                        experiment == null ? null : experiment.target()));
                predictions.setVisible(true);
            } else {
                predictions.setVisible(false);
            }
            predictionsCard.setVisible(!text);
            config.setText(pretty(detail.modelConfig()));
            preprocessing.setText(pretty(detail.preprocessing()));
        }
    }

    /**
     * The trial's score: its experiment's task's, or (experiment not readable) the task its parameters' keys tell.
     */
    private TaskScore scoreOf(TrialView t) {
        if (experiment != null) {
            return TaskScore.of(experiment.task());
        }
        List<String> keys = new ArrayList<>();
        if (t.params() != null) {
            t.params().fieldNames().forEachRemaining(keys::add);
        }
        return TaskScore.of(Task.ofKeys(keys));
    }

    /** A trial whose model is trained: completed (or pruned, trained as far as it went). */
    private static boolean mayWrite(String state) {
        return "COMPLETED".equals(state) || "PRUNED".equals(state);
    }

    /** Asks the trial's model for a text; the panel shows it, or the fields to fix, or why it cannot. */
    void sample(SampleRequest request) {
        try {
            samples.showAnswer(trials.sample(caller.get(), id, request));
        } catch (ValidationException e) {
            samples.showErrors(e.errors());
        } catch (ConflictException | NotFoundException | ForbiddenException e) {
            samples.showProblem(e.getMessage());
        }
    }

    /** A link the client-side router handles (no page reload), like RouterLink but without a router lookup. */
    private static Anchor routerLink(String text, String href) {
        Anchor a = new Anchor(href, text);
        a.getElement().setAttribute("router-link", true);
        return a;
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
