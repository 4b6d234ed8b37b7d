package com.lstmautoml.ui.experiments;

import com.lstmautoml.core.api.ApiDtos.BaselineView;
import com.lstmautoml.core.api.ApiDtos.ExperimentView;
import com.lstmautoml.core.api.ApiDtos.Promotion;
import com.lstmautoml.core.api.ApiDtos.TrialBrief;
import com.lstmautoml.core.api.ApiDtos.TrialView;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.ConflictException;
import com.lstmautoml.core.api.Experiments;
import com.lstmautoml.core.api.ForbiddenException;
import com.lstmautoml.core.api.NotFoundException;
import com.lstmautoml.core.api.TrialEvents;
import com.lstmautoml.core.validation.ValidationException;
import com.lstmautoml.ui.layout.DetailPage;
import com.lstmautoml.ui.layout.LiveUpdates;
import com.lstmautoml.ui.layout.MainLayout;
import com.lstmautoml.ui.layout.TaskScore;
import com.lstmautoml.ui.models.ModelDetailView;
import com.lstmautoml.ui.security.CurrentCaller;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One experiment: its {@link ExperimentHeader} (progress, actions), the {@link TrialRanking} (lazy, live), the
 * held-out test panel and the {@link ExperimentCharts}. The view alone calls the service. Live: when it or one of its
 * trials changes (a claim, a result; epochs show on the trial's page) the page refreshes by server push
 * ({@link LiveUpdates}); the ranking is reloaded in place, keeping its sort, its selection (rows are identified by
 * trial id) and its scroll position.
 */
@Route(value = "experiments/:id", layout = MainLayout.class)
public class ExperimentDetailView extends DetailPage {

    /** What a promotion does besides: the end of the confirmation's sentence (a text's model has no refit). */
    private static final String REGISTERED = " and the next version (the champion) of its registered model";
    private static final String REFIT = "; a refit on train + validation is queued.";

    private final Experiments experiments;
    private final CurrentCaller caller;
    /** The caller as of the last refresh: decides which actions show. */
    private Caller lastCaller;
    ExperimentView experiment;
    private String chartSignature;
    private final Clock clock;
    private final LiveUpdates live;

    final ExperimentHeader header = new ExperimentHeader();
    final TrialRanking grid;
    final HeldOutTestPanel heldOutTest = new HeldOutTestPanel();
    final ExperimentCharts charts = new ExperimentCharts();

    /** One constructor only: the router creates views through CDI. */
    public ExperimentDetailView(Experiments experiments, CurrentCaller caller, TrialEvents events, Clock clock) {
        this.experiments = experiments;
        this.caller = caller;
        this.clock = clock;
        this.live = LiveUpdates.rows(this, events, changes -> {
            if (experiment != null && changes.touchesExperiment(id)) {
                refreshOrNotFound();
            }
        });
        setPadding(true);
        grid = new TrialRanking((sort, offset, limit) -> experiments.trials(caller.get(), id, sort, offset, limit),
                () -> experiments.trials(caller.get(), id, "valRmse", 0, 1).total(), this::updateSelectionButtons);
        header.cancel.addClickListener(e -> confirm("Cancel " + experiment.name() + "?",
                "Queued trials are cancelled now; running ones stop after their current epoch.", "Cancel experiment",
                () -> act(() -> experiments.cancel(caller.get(), id), "Experiment cancelled")));
        header.promoteBest.addClickListener(e -> confirm("Promote the best trial?",
                "The completed trial with the lowest " + score().validation() + " becomes the experiment's model"
                        + registered(), "Promote", () -> promote(null)));
        header.promoteSelected.addClickListener(e -> selectedTrial().ifPresent(t -> confirm("Promote trial #"
                + t.number() + "?", "Its model (" + score().validation() + " " + score().format(t.valRmse())
                + ") becomes the experiment's model" + registered(), "Promote", () -> promote(t.id()))));
        header.clone.addClickListener(e -> getUI().ifPresent(ui -> ui.navigate(NewExperimentView.class,
                QueryParameters.simple(Map.of("clone", String.valueOf(id))))));
        content.add(header, grid, heldOutTest, charts);
    }

    /** The experiment's score: RMSE, or a text's bits per character. */
    private TaskScore score() {
        return TaskScore.of(experiment == null ? null : experiment.task());
    }

    /** A forecast's promotion also queues a refit; a text's model serves as trained. */
    private boolean refits() {
        return score().forecastMetrics();
    }

    private String registered() {
        return REGISTERED + (refits() ? REFIT : ".");
    }

    Optional<TrialView> selectedTrial() {
        return grid.selectedTrial();
    }

    private void updateSelectionButtons() {
        header.promoteSelected.setEnabled(selectedTrial().map(t -> "COMPLETED".equals(t.state())).orElse(false));
    }

    /** Loads the experiment {@code experimentId} into the view. */
    @Override
    protected void show(long experimentId) {
        live.follow(experimentId);
        this.chartSignature = null;
        header.promotedVersion.removeAll();
        grid.reset();
        super.show(experimentId);
    }

    @Override
    protected void showNotFound(String raw) {
        experiment = null;
        super.showNotFound(raw);
    }

    @Override
    protected Component[] notFound(String raw) {
        Button back = new Button("All experiments", e -> getUI().ifPresent(ui -> ui.navigate(ExperimentsView.class)));
        return new Component[] {new H2("Experiment " + raw + " not found"),
                new Div("It may have been deleted, or the link is wrong."), back};
    }

    @Override
    public String getPageTitle() {
        return (experiment == null ? "Experiment" : experiment.name()) + " · LSTM AutoML";
    }

    /** Reloads the header; the grid when something may have changed; the charts when a trial finished. */
    @Override
    protected void refresh() {
        ExperimentView previous = experiment;
        lastCaller = caller.get();
        experiment = experiments.get(lastCaller, id);
        header.show(experiment, lastCaller, clock.instant());
        grid.show(baselines(experiment), experiment.validationWindows(), score());
        heldOutTest.show(experiment);
        updateSelectionButtons();
        if (previous == null || !previous.equals(experiment) || "RUNNING".equals(experiment.state())) {
            grid.getDataProvider().refreshAll();
        }
        String signature = experiment.trialsFinished() + "/" + experiment.trialsCreated() + "/" + experiment.state()
                + "/" + baselines(experiment).hashCode();
        if (!signature.equals(chartSignature)) {
            boolean firstLoad = chartSignature == null;
            chartSignature = signature;
            if (firstLoad) {
                // header and ranking first: the charts follow in the next round trip, so a big experiment's points
                // never delay the first rows on screen
                getElement().executeJs("return 0").then(ignored -> loadCharts());
            } else {
                loadCharts();
            }
        }
    }

    /** Loads the chart points and redraws the three charts (package-private: tests stand in for the round trip). */
    void loadCharts() {
        charts.show(experiments.trialPoints(caller.get(), id), baselines(experiment), score());
    }

    private static List<BaselineView> baselines(ExperimentView e) {
        return e == null || e.baselines() == null ? List.of() : e.baselines();
    }

    private void confirm(String header, String text, String confirmText, Runnable action) {
        ConfirmDialog d = new ConfirmDialog(header, text, confirmText, e -> action.run());
        d.setId("confirm-dialog");
        d.setCancelable(true);
        d.open();
    }

    /**
     * Promotes the trial ({@code trialId} null: the best) into the next version of the default model, with a refit
     * for a forecast, and links to that version's page.
     */
    void promote(Long trialId) {
        try {
            Promotion p = experiments.promote(caller.get(), id, trialId, null, refits());
            String version = "Version " + p.version() + " of " + p.model();
            TrialBrief t = p.experiment() == null ? null : p.experiment().promotedTrial();
            header.promotedVersion.removeAll();
            header.promotedVersion.add(new Span("Registered as "),
                    ModelDetailView.versionLink(p.model(), p.version(), version));
            Notification.show((t == null ? "Trial" : "Trial #" + t.number()) + " promoted: " + version, 4000,
                    Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (ConflictException | NotFoundException | ForbiddenException | ValidationException e) {
            Notification.show(e.getMessage(), 5000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        refresh();
    }

    private void act(Supplier<ExperimentView> call, String done) {
        try {
            call.get();
            Notification.show(done, 3000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (ConflictException | NotFoundException | ForbiddenException e) {
            Notification.show(e.getMessage(), 5000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        refresh();
    }
}
