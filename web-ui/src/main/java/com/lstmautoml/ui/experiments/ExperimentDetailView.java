package com.lstmautoml.ui.experiments;

import com.lstmautoml.ui.layout.LiveUpdates;
import com.lstmautoml.core.api.ApiDtos.BaselineView;
import com.lstmautoml.core.api.ApiDtos.Promotion;
import com.lstmautoml.core.api.ApiDtos.ExperimentView;
import com.lstmautoml.core.api.ApiDtos.TrialBrief;
import com.lstmautoml.core.api.ApiDtos.TrialPoint;
import com.lstmautoml.core.api.ApiDtos.TrialView;
import com.lstmautoml.core.api.ConflictException;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.Experiments;
import com.lstmautoml.core.api.ForbiddenException;
import com.lstmautoml.core.api.Role;
import com.lstmautoml.core.api.TrialEvents;
import com.lstmautoml.core.api.ExperimentOptions;
import com.lstmautoml.ui.security.CurrentCaller;
import com.lstmautoml.core.api.NotFoundException;
import com.lstmautoml.core.space.Hyperparameter;
import com.lstmautoml.ui.charts.ChartOptions;
import com.lstmautoml.ui.charts.EChart;
import com.lstmautoml.ui.layout.Formats;
import com.lstmautoml.ui.layout.MainLayout;
import com.lstmautoml.ui.layout.Sorts;
import com.lstmautoml.ui.models.ModelDetailView;
import com.lstmautoml.ui.trials.TrialDetailView;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One experiment: progress, actions, the trial ranking (lazy, live) and its charts. Live: when it or one of its
 * trials changes (a claim, a result; epochs show on the trial's page) the page refreshes by server push
 * ({@link LiveUpdates}); the ranking is reloaded in place, keeping its sort, its selection (rows are identified by
 * trial id) and its scroll position.
 */
@Route(value = "experiments/:id", layout = MainLayout.class)
public class ExperimentDetailView extends VerticalLayout implements BeforeEnterObserver,
        com.vaadin.flow.router.HasDynamicTitle {


    /**
     * A grid row: the trial and its rank (when the grid is in the ranking's order: COMPLETED trials by validation
     * RMSE, then PRUNED ones).
     */
    record TrialRow(Integer rank, TrialView trial) {
    }

    /** What a promotion does besides: the end of the confirmation's sentence. */
    private static final String REGISTERED = " and the next version (the champion) of its registered model; a refit"
            + " on train + validation is queued.";

    private final Experiments experiments;
    private final CurrentCaller caller;
    /** The caller as of the last refresh: decides which actions show. */
    private Caller lastCaller;
    private long id;
    ExperimentView experiment;
    private String chartSignature;
    private final Clock clock;
    private final LiveUpdates live;
    /** The freshest copy of each fetched trial, so the selection's state is current after a refresh. */
    private final Map<Long, TrialView> latest = new ConcurrentHashMap<>();

    private final H2 name = new H2();
    private final Span stateBadge = new Span();
    final Span facts = new Span();
    final ProgressBar progress = new ProgressBar();
    final Span progressText = new Span();
    private final Span eta = new Span();
    private final FlexLayout counts = new FlexLayout();
    private final Span best = new Span();
    private final Span promoted = new Span();
    /** After a promotion here: a link to the model version it created. */
    final Span promotedVersion = new Span();
    final Button cancel = new Button("Cancel experiment", VaadinIcon.STOP.create());
    final Button promoteBest = new Button("Promote best", VaadinIcon.TROPHY.create());
    final Button promoteSelected = new Button("Promote selected trial", VaadinIcon.CHECK.create());
    final Button clone = new Button("Clone", VaadinIcon.COPY_O.create());
    final Grid<TrialRow> grid = new Grid<>();
    final EChart history = new EChart("300px");
    final EChart perParameter = new EChart("300px");
    final EChart parallel = new EChart("320px");
    final HeldOutTestPanel heldOutTest = new HeldOutTestPanel();
    /** The baselines as reference rows under the ranking (set up with the grid's columns). */
    private BaselineFooters baselineFooters;
    /** The spread of each trial's validation windows: shown for experiments with more than one. */
    Grid.Column<TrialRow> windowSpread;

    {
        // stable ids for browser tests
        cancel.setId("cancel-experiment");
        promoteBest.setId("promote-best");
        promoteSelected.setId("promote-selected");
        grid.setId("trials-grid");
        promoted.setId("promoted-model");
        promotedVersion.setId("promoted-version");
        best.setId("best-trial");
        history.setId("history-chart");
        facts.setId("experiment-facts");
    }
    final ComboBox<Hyperparameter> parameter = new ComboBox<>();
    private List<TrialPoint> points = List.of();
    private final Div notFound = new Div();
    private final VerticalLayout content = new VerticalLayout();

    /** One constructor only: the router creates views through CDI. */
    public ExperimentDetailView(Experiments experiments, CurrentCaller caller, TrialEvents events, Clock clock) {
        this.experiments = experiments;
        this.caller = caller;
        this.clock = clock;
        this.live = LiveUpdates.rows(this, events, changes -> {
            if (experiment != null && changes.touchesExperiment(id)) {
                try {
                    refresh();
                } catch (NotFoundException e) {
                    showNotFound(String.valueOf(id)); // deleted meanwhile
                }
            }
        });
        setPadding(true);
        content.setPadding(false);
        name.getStyle().set("margin", "0");
        progress.setWidth("12em");
        eta.getStyle().set("color", "var(--lumo-secondary-text-color)");
        facts.getStyle().set("color", "var(--lumo-secondary-text-color)");
        counts.getStyle().set("gap", "var(--lumo-space-xs)");
        counts.setFlexWrap(FlexLayout.FlexWrap.WRAP);

        HorizontalLayout titleRow = new HorizontalLayout(name, stateBadge);
        titleRow.setAlignItems(FlexComponent.Alignment.CENTER);
        FlexLayout progressRow = wrap(progress, progressText, eta, counts);
        FlexLayout resultRow = wrap(best, promoted, promotedVersion);
        FlexLayout buttons = wrap(cancel, promoteBest, promoteSelected, clone);
        cancel.addThemeVariants(ButtonVariant.LUMO_ERROR);
        promoteBest.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        cancel.addClickListener(e -> confirm("Cancel " + experiment.name() + "?",
                "Queued trials are cancelled now; running ones stop after their current epoch.", "Cancel experiment",
                () -> act(() -> experiments.cancel(caller.get(), id), "Experiment cancelled")));
        promoteBest.addClickListener(e -> confirm("Promote the best trial?",
                "The completed trial with the lowest validation RMSE becomes the experiment's model" + REGISTERED,
                "Promote", () -> promote(null)));
        promoteSelected.addClickListener(e -> selectedTrial().ifPresent(t -> confirm("Promote trial #" + t.number() + "?",
                "Its model (validation RMSE " + Formats.rmse(t.valRmse()) + ") becomes the experiment's model"
                        + REGISTERED, "Promote", () -> promote(t.id()))));
        promoteSelected.setEnabled(false);
        clone.addClickListener(e -> getUI().ifPresent(ui -> ui.navigate(NewExperimentView.class,
                QueryParameters.simple(Map.of("clone", String.valueOf(id))))));

        configureGrid();

        parameter.setItems(Hyperparameter.values());
        parameter.setItemLabelGenerator(Hyperparameter::key);
        parameter.setValue(Hyperparameter.UNITS);
        parameter.setLabel("Parameter");
        parameter.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                perParameter.setOption(ChartOptions.parameterScatter(points, e.getValue()));
            }
        });
        FlexLayout charts = new FlexLayout(card(history), card(new VerticalLayout(parameter, perParameter) {{
            setPadding(false);
            setSpacing(false);
        }}), card(parallel));
        charts.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        charts.setWidthFull();
        charts.getStyle().set("gap", "var(--lumo-space-m)");

        content.add(titleRow, facts, progressRow, resultRow, buttons, grid, heldOutTest, charts);
        notFound.setVisible(false);
        add(notFound, content);
    }

    private static FlexLayout wrap(Component... c) {
        FlexLayout f = new FlexLayout(c);
        f.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        f.setAlignItems(FlexComponent.Alignment.CENTER);
        f.getStyle().set("gap", "var(--lumo-space-s) var(--lumo-space-m)");
        f.setWidthFull();
        return f;
    }

    private static Div card(Component c) {
        Div d = new Div(c);
        d.getStyle().set("flex", "1 1 420px").set("min-width", "min(420px, 100%)")
                .set("border", "1px solid var(--lumo-contrast-10pct)").set("border-radius", "var(--lumo-border-radius-l)")
                .set("padding", "var(--lumo-space-s)");
        return d;
    }

    private void configureGrid() {
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setHeight("50vh");
        grid.setMinHeight("260px");
        Grid.Column<TrialRow> rank = grid.addColumn(r -> r.rank() == null ? "" : String.valueOf(r.rank()))
                .setHeader("Rank").setKey("rank").setSortProperty("rank").setAutoWidth(true).setFlexGrow(0)
                .setTooltipGenerator(r -> r.rank() == null ? null : "COMPLETED trials by validation RMSE, then PRUNED"
                        + " ones (those that trained further first)");
        // the link and the badge are templates, not components: a pushed refresh updates them in place, so a click
        // under way is never lost to a replaced element.
        // A real link to the trial page (router navigation, middle-click opens a tab); double click works too
        grid.addColumn(LitRenderer.<TrialRow>of(
                        "<a class=\"trial-link\" router-link href=\"trials/${item.id}\">#${item.number}</a>")
                        .withProperty("id", r -> r.trial().id()).withProperty("number", r -> r.trial().number()))
                .setHeader("Trial").setKey("trial").setSortProperty("number").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(LitRenderer.<TrialRow>of("<span class=\"" + Formats.BADGE_CLASS
                                + "\" style=\"${item.css}\">${item.state}</span>")
                        .withProperty("state", r -> r.trial().state())
                        .withProperty("css", r -> Formats.pillCss(Formats.stateColour(r.trial().state()))))
                .setHeader("State").setKey("state").setSortProperty("state").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> Formats.rmse(r.trial().valRmse())).setHeader("Val RMSE").setKey("valRmse")
                .setSortProperty("valRmse").setAutoWidth(true).setFlexGrow(0);
        windowSpread = grid.addColumn(r -> spread(r.trial())).setHeader("Windows ± sd").setKey("valRmseStd")
                .setAutoWidth(true).setFlexGrow(0).setTooltipGenerator(r -> windowsText(r.trial()));
        windowSpread.setVisible(false);
        // MAE, MASE and sMAPE are not sort keys of the service; the skill is 1 - valRmse / seasonal naive's, so
        // sorting by it is sorting by valRmse the other way round (in the database, as every sort here)
        grid.addColumn(r -> Formats.mae(r.trial().valMae())).setHeader("Val MAE").setKey("valMae")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> Formats.mase(r.trial().valMase())).setHeader("Val MASE").setKey("valMase")
                .setAutoWidth(true).setFlexGrow(0)
                .setTooltipGenerator(r -> "MAE over seasonal naive's in-sample MAE: below 1 beats it");
        grid.addColumn(r -> Formats.smape(r.trial().valSmape())).setHeader("Val sMAPE %").setKey("valSmape")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> Formats.skill(r.trial().valSkill())).setHeader("Skill vs seasonal naive")
                .setKey("valSkill").setSortOrderProvider(d -> java.util.stream.Stream.of(new QuerySortOrder("valRmse",
                        d == SortDirection.ASCENDING ? SortDirection.DESCENDING : SortDirection.ASCENDING)))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> Formats.rmse(r.trial().trainRmse())).setHeader("Train RMSE").setKey("trainRmse")
                .setSortProperty("trainRmse")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> epochs(r.trial())).setHeader("Epochs (best)").setSortProperty("epochsRun")
                .setAutoWidth(true).setFlexGrow(0).setTooltipGenerator(r -> r.trial().stopReason());
        for (Hyperparameter h : Hyperparameter.values()) {
            grid.addColumn(r -> Formats.param(r.trial().params(), h))
                    .setHeader(h.key()).setAutoWidth(true).setFlexGrow(0);
        }
        grid.addColumn(r -> Formats.shortTime(r.trial().startedAt())).setHeader("Started").setSortProperty("startedAt")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> Formats.duration(r.trial().durationSeconds())).setHeader("Duration").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(r -> r.trial().workerId()).setHeader("Worker").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> r.trial().error() == null ? "" : r.trial().error()).setHeader("Error").setFlexGrow(1)
                .setTooltipGenerator(r -> errorText(r.trial()));
        baselineFooters = new BaselineFooters(grid, rank);
        grid.setMultiSort(true, Grid.MultiSortPriority.APPEND);
        grid.setColumnReorderingAllowed(true);
        grid.setItems(new CallbackDataProvider<TrialRow, Void>(query -> {
            var sort = Sorts.of(query.getSortOrders(), Experiments.TRIAL_SORTS);
            boolean ranked = sort.isEmpty() || (sort.get(0).field().equals("rank") && !sort.get(0).descending());
            List<TrialView> page = experiments.trials(caller.get(), id, sort, query.getOffset(), query.getLimit());
            List<TrialRow> rows = new ArrayList<>(page.size());
            for (int i = 0; i < page.size(); i++) {
                TrialView t = page.get(i);
                latest.put(t.id(), t);
                boolean rankable = t.valRmse() != null && ("COMPLETED".equals(t.state()) || "PRUNED".equals(t.state()));
                rows.add(new TrialRow(ranked && rankable ? query.getOffset() + i + 1 : null, t));
            }
            updateSelectionButtons();
            return rows.stream();
        }, query -> (int) Math.min(Integer.MAX_VALUE, experiments.trials(caller.get(), id, "valRmse", 0, 1).total()),
                r -> r.trial().id()));
        grid.setEmptyStateText("No trials yet: the first ones are queued and start when a worker is free");
        grid.addSelectionListener(e -> updateSelectionButtons());
        grid.addItemDoubleClickListener(e -> openTrial(e.getItem().trial()));
        grid.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(r -> {
            Div d = new Div();
            d.setText(errorText(r.trial()));
            d.getStyle().set("white-space", "pre-wrap").set("color", "var(--lumo-error-text-color)")
                    .set("font-size", "var(--lumo-font-size-s)");
            Button open = new Button("Open trial", e -> openTrial(r.trial()));
            open.addThemeVariants(ButtonVariant.LUMO_SMALL);
            return new VerticalLayout(d, open);
        }));
        grid.setDetailsVisibleOnClick(false);
        grid.addItemClickListener(e -> {
            if (e.getItem().trial().error() != null) {
                grid.setDetailsVisible(e.getItem(), !grid.isDetailsVisible(e.getItem()));
            }
        });
    }

    /** "± sd" of the trial's validation windows' RMSEs (the val RMSE is their mean); empty before it finished. */
    static String spread(TrialView t) {
        return t.valRmseStd() == null ? "" : "± " + Formats.rmse(t.valRmseStd());
    }

    /** Each validation window's best RMSE, oldest first. */
    static String windowsText(TrialView t) {
        if (t.valRmseWindows() == null || t.valRmseWindows().isEmpty()) {
            return "";
        }
        return "validation RMSE per window, oldest first: " + t.valRmseWindows().stream().map(Formats::rmse)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static String epochs(TrialView t) {
        if (t.epochsRun() == null) {
            return "";
        }
        return t.epochsRun() + (t.bestEpoch() == null ? "" : " (" + t.bestEpoch() + ")");
    }

    private static String errorText(TrialView t) {
        StringBuilder b = new StringBuilder(t.error() == null ? "" : t.error());
        if (t.attemptErrors() != null && !t.attemptErrors().isEmpty()) {
            b.append("\nearlier attempts:");
            t.attemptErrors().forEach(a -> b.append("\n• ").append(a));
        }
        return b.toString();
    }

    java.util.Optional<TrialView> selectedTrial() {
        return grid.getSelectedItems().stream().findFirst().map(r -> latest.getOrDefault(r.trial().id(), r.trial()));
    }

    private void updateSelectionButtons() {
        promoteSelected.setEnabled(selectedTrial().map(t -> "COMPLETED".equals(t.state())).orElse(false));
    }

    private void openTrial(TrialView t) {
        getUI().ifPresent(ui -> ui.navigate(TrialDetailView.class, new RouteParameters("id", String.valueOf(t.id()))));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String raw = event.getRouteParameters().get("id").orElse("");
        try {
            show(Long.parseLong(raw));
        } catch (NumberFormatException | NotFoundException e) {
            showNotFound(raw);
        }
    }

    /** Loads the experiment {@code experimentId} into the view. */
    void show(long experimentId) {
        this.id = experimentId;
        live.follow(experimentId);
        this.chartSignature = null;
        promotedVersion.removeAll();
        latest.clear();
        grid.deselectAll();
        refresh();
        notFound.setVisible(false);
        content.setVisible(true);
    }

    private void showNotFound(String raw) {
        experiment = null;
        notFound.removeAll();
        Button back = new Button("All experiments", e -> getUI().ifPresent(ui -> ui.navigate(ExperimentsView.class)));
        notFound.add(new H2("Experiment " + raw + " not found"), new Div("It may have been deleted, or the link is wrong."),
                back);
        notFound.setVisible(true);
        content.setVisible(false);
    }

    @Override
    public String getPageTitle() {
        return (experiment == null ? "Experiment" : experiment.name()) + " · LSTM AutoML";
    }

    /** Reloads the header; the grid when something may have changed; the charts when a trial finished. */
    void refresh() {
        ExperimentView previous = experiment;
        lastCaller = caller.get();
        experiment = experiments.get(lastCaller, id);
        header(experiment);
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
        points = experiments.trialPoints(caller.get(), id);
        history.setOption(ChartOptions.optimisationHistory(points, baselines(experiment)));
        perParameter.setOption(ChartOptions.parameterScatter(points,
                parameter.getValue() == null ? Hyperparameter.UNITS : parameter.getValue()));
        parallel.setOption(ChartOptions.parallelCoordinates(points));
    }

    private static List<BaselineView> baselines(ExperimentView e) {
        return e == null || e.baselines() == null ? List.of() : e.baselines();
    }

    /**
     * "season 12 (from the time column)", "season 7 (set in the request)", "season 24 (from the autocorrelation)",
     * "no season found"; empty for an experiment stored before season lengths were recorded.
     */
    static String seasonText(ExperimentView e) {
        String source = e.seasonalitySource();
        if (source == null || e.seasonality() < 1) {
            return "";
        }
        return switch (source) {
            case "request" -> "season " + e.seasonality() + " (set in the request)";
            case "none" -> "no season found";
            default -> "season " + e.seasonality() + " (from the " + source + ")";
        };
    }

    /**
     * How far the experiment is towards its end, 0..1: trials finished of maxTrials, or, with a time budget, the share
     * of the budget spent when that is further (whichever ends the search first fills the bar).
     */
    static double progressFraction(ExperimentView e, java.time.Instant now) {
        double byTrials = Math.min(1.0, (double) e.trialsFinished() / Math.max(1, e.maxTrials()));
        if (e.timeBudget() == null || e.createdAt() == null) {
            return byTrials;
        }
        java.time.Duration budget = java.time.Duration.parse(e.timeBudget());
        double byTime = Math.min(1.0, Math.max(0.0, java.time.Duration.between(e.createdAt(), now).toMillis()
                / (double) Math.max(1, budget.toMillis())));
        return Math.max(byTrials, byTime);
    }

    /**
     * ", asha pruning (minEpochs 3, reductionFactor 3, bootstrapCount 0)" from the experiment's pruner object; empty for
     * none.
     */
    static String prunerText(ExperimentView e) {
        JsonNode p = e.pruner();
        String type = p == null ? null : p.path("type").asText(null);
        if (type == null || ExperimentOptions.NO_PRUNER.equals(type)) {
            return "";
        }
        List<String> settings = new ArrayList<>();
        p.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("type")) {
                settings.add(f.getKey() + " " + f.getValue().asText());
            }
        });
        return ", " + type + " pruning" + (settings.isEmpty() ? "" : " (" + String.join(", ", settings) + ")");
    }

    /**
     * Why no more trials are queued: " · time budget spent, running trials finish" while some run, " · time budget
     * spent" once done; empty while the scheduler still queues.
     */
    static String stopText(ExperimentView e) {
        if (e.stopReason() == null) {
            return "";
        }
        String why = ExperimentOptions.stopReasonText(e.stopReason());
        return " · " + why + ("RUNNING".equals(e.state()) ? ", running trials finish" : "");
    }

    private void header(ExperimentView e) {
        name.setText(e.name());
        stateBadge.removeAll();
        stateBadge.add(Formats.badge(e.state()));
        String features = e.features() == null || e.features().isEmpty() ? "" : " + " + String.join(", ", e.features());
        facts.setText(e.dataset() + " → " + e.target() + features + " · " + e.strategy() + (e.tpeMultivariate() ? " (multivariate)" : "") + " search"
                + prunerText(e) + (e.timeBudget() == null ? "" : " · time budget " + e.timeBudget())
                + " · max " + e.maxEpochs() + " epochs" + (e.minEpochs() >= 1 ? " (min " + e.minEpochs() + ")" : "")
                + ", patience " + e.patience() + (seasonText(e).isEmpty() ? "" : " · " + seasonText(e))
                + (e.validationWindows() > 1 ? " · " + e.validationWindows() + " validation windows" : "")
                + " · seed " + e.seed()
                + (e.createdBy() == null ? "" : " · by " + e.createdBy()) + " · created "
                + Formats.relative(e.createdAt(), clock.instant()));
        progress.setMax(1);
        progress.setValue(progressFraction(e, clock.instant()));
        progressText.setText(e.trialsFinished() + (e.timeBudget() == null ? "/" + e.maxTrials()
                : " (at most " + e.maxTrials() + ")") + " trials finished" + stopText(e));
        String etaText = "RUNNING".equals(e.state()) ? Formats.eta(e.etaSeconds()) : null;
        eta.setText(etaText == null ? "" : etaText);
        eta.setVisible(etaText != null);
        counts.removeAll();
        if (e.trialCounts() != null) {
            e.trialCounts().forEach((state, n) -> {
                if (n != null && n > 0) {
                    Span b = Formats.badge(state);
                    b.setText(n + " " + state.toLowerCase(java.util.Locale.ROOT));
                    counts.add(b);
                }
            });
        }
        TrialBrief bt = e.bestTrial();
        best.setText(bt == null ? "No completed trial yet" : "Best val RMSE " + Formats.rmse(bt.valRmse())
                + " (trial #" + bt.number() + ")" + (bt.valSkill() == null ? ""
                : ", skill " + Formats.skill(bt.valSkill()) + " vs seasonal naive"));
        best.getStyle().set("font-weight", "600");
        TrialBrief pt = e.promotedTrial();
        promoted.setText(pt == null ? "No model promoted" : "Promoted: trial #" + pt.number() + " (val RMSE "
                + Formats.rmse(pt.valRmse()) + (pt.testRmse() == null ? "" : ", test RMSE "
                + Formats.rmse(pt.testRmse())) + ")");
        baselineFooters.show(baselines(e));
        // with several windows the val RMSE is their mean; the spread says how much they agree
        windowSpread.setVisible(e.validationWindows() > 1);
        heldOutTest.show(e);
        cancel.setVisible("RUNNING".equals(e.state()) && mayCancel(lastCaller, e));
        boolean admin = lastCaller != null && lastCaller.role().atLeast(Role.ADMIN);
        promoteBest.setVisible(admin);
        promoteSelected.setVisible(admin);
        clone.setVisible(lastCaller != null && lastCaller.role().atLeast(Role.MEMBER));
        promoteBest.setEnabled(bt != null);
        updateSelectionButtons();
    }

    /**
     * Whether the caller may cancel the experiment: admins any, members their own (the service decides; this only
     * hides a button that would be refused).
     */
    static boolean mayCancel(Caller c, ExperimentView e) {
        if (c == null) {
            return false;
        }
        return c.role().atLeast(Role.ADMIN)
                || (c.role() == Role.MEMBER && c.username() != null && c.username().equals(e.createdBy()));
    }

    private void confirm(String header, String text, String confirmText, Runnable action) {
        ConfirmDialog d = new ConfirmDialog(header, text, confirmText, e -> action.run());
        d.setId("confirm-dialog");
        d.setCancelable(true);
        d.open();
    }

    /**
     * Promotes the trial ({@code trialId} null: the best) into the next version of the default model with a refit,
     * and links to that version's page.
     */
    void promote(Long trialId) {
        try {
            Promotion p = experiments.promote(caller.get(), id, trialId, null, true);
            String version = "Version " + p.version() + " of " + p.model();
            TrialBrief t = p.experiment() == null ? null : p.experiment().promotedTrial();
            promotedVersion.removeAll();
            promotedVersion.add(new Span("Registered as "),
                    ModelDetailView.versionLink(p.model(), p.version(), version));
            Notification.show((t == null ? "Trial" : "Trial #" + t.number()) + " promoted: " + version, 4000,
                    Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (ConflictException | NotFoundException | ForbiddenException
                 | com.lstmautoml.core.validation.ValidationException e) {
            Notification.show(e.getMessage(), 5000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        refresh();
    }

    private void act(java.util.function.Supplier<ExperimentView> call, String done) {
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
