package com.lstmautoml.ui.experiments;

import com.lstmautoml.core.api.ApiDtos.BaselineView;
import com.lstmautoml.core.api.ApiDtos.SortOrder;
import com.lstmautoml.core.api.ApiDtos.TrialView;
import com.lstmautoml.core.api.Experiments;
import com.lstmautoml.core.space.Hyperparameter;
import com.lstmautoml.ui.layout.Formats;
import com.lstmautoml.ui.layout.Sorts;
import com.lstmautoml.ui.layout.TaskScore;
import com.lstmautoml.ui.trials.TrialDetailView;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.router.RouteParameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An experiment's trials, ranked: a lazy grid sorted in the database (the view hands it the page reader), a row per
 * trial with its metrics, parameters and error, the baselines as reference rows at its foot. Rows are identified by
 * trial id, so a reload keeps sort, selection and scroll. A double click (or the row's link) opens the trial; a click
 * on a failed trial's row shows its error. The score and the parameter columns are the experiment's task's
 * ({@link #show}): a text's trials have bits per character and no MAE, MASE, sMAPE or skill.
 */
class TrialRanking extends Grid<TrialRanking.TrialRow> {

    /**
     * A grid row: the trial and its rank (when the grid is in the ranking's order: COMPLETED trials by validation
     * RMSE, then PRUNED ones).
     */
    record TrialRow(Integer rank, TrialView trial) {
    }

    /** A page of the experiment's trials in the order given (what the view reads from the service). */
    interface Pages {
        List<TrialView> read(List<SortOrder> sort, int offset, int limit);
    }

    /** The freshest copy of each fetched trial, so the selection's state is current after a refresh. */
    private final Map<Long, TrialView> latest = new ConcurrentHashMap<>();
    /** The baselines as reference rows under the ranking (set up with the grid's columns). */
    private final BaselineFooters baselineFooters;
    /** The spread of each trial's validation windows: shown for experiments with more than one. */
    final Grid.Column<TrialRow> windowSpread;
    /** The columns of the forecast-only metrics (MAE, MASE, sMAPE, skill). */
    private final List<Grid.Column<TrialRow>> forecastMetrics = new ArrayList<>();
    /** A column per hyperparameter of any task, keyed {@code param-<key>}; the experiment's task's show. */
    private final Map<Hyperparameter, Grid.Column<TrialRow>> parameters = new java.util.EnumMap<>(Hyperparameter.class);
    private final Grid.Column<TrialRow> valScore;
    private final Grid.Column<TrialRow> trainScore;
    /** The experiment's score: how the score columns read. */
    private TaskScore score = TaskScore.RMSE;

    /** {@code rowsChanged} runs when the rows or the selection changed (the view's buttons follow the selection). */
    TrialRanking(Pages pages, LongSupplier count, Runnable rowsChanged) {
        setId("trials-grid");
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        setHeight("50vh");
        setMinHeight("260px");
        Grid.Column<TrialRow> rank = addColumn(r -> r.rank() == null ? "" : String.valueOf(r.rank()))
                .setHeader("Rank").setKey("rank").setSortProperty("rank").setAutoWidth(true).setFlexGrow(0)
                .setTooltipGenerator(r -> r.rank() == null ? null : "COMPLETED trials by " + score.validation()
                        + ", then PRUNED ones (those that trained further first)");
        // the link and the badge are templates, not components: a pushed refresh updates them in place, so a click
        // under way is never lost to a replaced element.
        // A real link to the trial page (router navigation, middle-click opens a tab); double click works too
        addColumn(LitRenderer.<TrialRow>of(
                        "<a class=\"trial-link\" router-link href=\"trials/${item.id}\">#${item.number}</a>")
                        .withProperty("id", r -> r.trial().id()).withProperty("number", r -> r.trial().number()))
                .setHeader("Trial").setKey("trial").setSortProperty("number").setAutoWidth(true).setFlexGrow(0);
        addColumn(LitRenderer.<TrialRow>of("<span class=\"" + Formats.BADGE_CLASS
                                + "\" style=\"${item.css}\">${item.state}</span>")
                        .withProperty("state", r -> r.trial().state())
                        .withProperty("css", r -> Formats.pillCss(Formats.stateColour(r.trial().state()))))
                .setHeader("State").setKey("state").setSortProperty("state").setAutoWidth(true).setFlexGrow(0);
        valScore = addColumn(r -> score.format(r.trial().valRmse())).setHeader(score.val()).setKey("valRmse")
                .setSortProperty("valRmse").setAutoWidth(true).setFlexGrow(0);
        windowSpread = addColumn(r -> spread(r.trial())).setHeader("Windows ± sd").setKey("valRmseStd")
                .setAutoWidth(true).setFlexGrow(0).setTooltipGenerator(r -> windowsText(r.trial()));
        windowSpread.setVisible(false);
        // MAE, MASE and sMAPE are not sort keys of the service; the skill is 1 - valRmse / seasonal naive's, so
        // sorting by it is sorting by valRmse the other way round (in the database, as every sort here)
        forecastMetrics.add(addColumn(r -> Formats.mae(r.trial().valMae())).setHeader("Val MAE").setKey("valMae")
                .setAutoWidth(true).setFlexGrow(0));
        forecastMetrics.add(addColumn(r -> Formats.mase(r.trial().valMase())).setHeader("Val MASE")
                .setKey("valMase").setAutoWidth(true).setFlexGrow(0)
                .setTooltipGenerator(r -> "MAE over seasonal naive's in-sample MAE: below 1 beats it"));
        forecastMetrics.add(addColumn(r -> Formats.smape(r.trial().valSmape())).setHeader("Val sMAPE %")
                .setKey("valSmape").setAutoWidth(true).setFlexGrow(0));
        forecastMetrics.add(addColumn(r -> Formats.skill(r.trial().valSkill())).setHeader("Skill vs seasonal naive")
                .setKey("valSkill").setSortOrderProvider(d -> Stream.of(new QuerySortOrder("valRmse",
                        d == SortDirection.ASCENDING ? SortDirection.DESCENDING : SortDirection.ASCENDING)))
                .setAutoWidth(true).setFlexGrow(0));
        trainScore = addColumn(r -> score.format(r.trial().trainRmse())).setHeader(score.train())
                .setKey("trainRmse").setSortProperty("trainRmse").setAutoWidth(true).setFlexGrow(0);
        addColumn(r -> epochs(r.trial())).setHeader("Epochs (best)").setSortProperty("epochsRun")
                .setAutoWidth(true).setFlexGrow(0).setTooltipGenerator(r -> r.trial().stopReason());
        for (Hyperparameter h : Hyperparameter.values()) {
            parameters.put(h, addColumn(r -> Formats.param(r.trial().params(), h)).setHeader(h.key())
                    .setKey("param-" + h.key()).setAutoWidth(true).setFlexGrow(0));
        }
        addColumn(r -> Formats.shortTime(r.trial().startedAt())).setHeader("Started").setSortProperty("startedAt")
                .setAutoWidth(true).setFlexGrow(0);
        addColumn(r -> Formats.duration(r.trial().durationSeconds())).setHeader("Duration").setAutoWidth(true)
                .setFlexGrow(0);
        addColumn(r -> r.trial().workerId()).setHeader("Worker").setAutoWidth(true).setFlexGrow(0);
        addColumn(r -> r.trial().error() == null ? "" : r.trial().error()).setHeader("Error").setFlexGrow(1)
                .setTooltipGenerator(r -> errorText(r.trial()));
        baselineFooters = new BaselineFooters(this, rank);
        setMultiSort(true, Grid.MultiSortPriority.APPEND);
        setColumnReorderingAllowed(true);
        setItems(new CallbackDataProvider<TrialRow, Void>(query -> {
            var sort = Sorts.of(query.getSortOrders(), Experiments.TRIAL_SORTS);
            boolean ranked = sort.isEmpty() || (sort.get(0).field().equals("rank") && !sort.get(0).descending());
            List<TrialView> page = pages.read(sort, query.getOffset(), query.getLimit());
            List<TrialRow> rows = new ArrayList<>(page.size());
            for (int i = 0; i < page.size(); i++) {
                TrialView t = page.get(i);
                latest.put(t.id(), t);
                boolean rankable = t.valRmse() != null && ("COMPLETED".equals(t.state()) || "PRUNED".equals(t.state()));
                rows.add(new TrialRow(ranked && rankable ? query.getOffset() + i + 1 : null, t));
            }
            rowsChanged.run();
            return rows.stream();
        }, query -> (int) Math.min(Integer.MAX_VALUE, count.getAsLong()), r -> r.trial().id()));
        setEmptyStateText("No trials yet: the first ones are queued and start when a worker is free");
        addSelectionListener(e -> rowsChanged.run());
        addItemDoubleClickListener(e -> openTrial(e.getItem().trial()));
        setItemDetailsRenderer(new ComponentRenderer<>(r -> {
            Div d = new Div();
            d.setText(errorText(r.trial()));
            d.getStyle().set("white-space", "pre-wrap").set("color", "var(--lumo-error-text-color)")
                    .set("font-size", "var(--lumo-font-size-s)");
            Button open = new Button("Open trial", e -> openTrial(r.trial()));
            open.addThemeVariants(ButtonVariant.LUMO_SMALL);
            return new VerticalLayout(d, open);
        }));
        setDetailsVisibleOnClick(false);
        addItemClickListener(e -> {
            if (e.getItem().trial().error() != null) {
                setDetailsVisible(e.getItem(), !isDetailsVisible(e.getItem()));
            }
        });
    }

    /**
     * The baselines' rows at the foot; the windows' spread for an experiment of several validation windows; the
     * score's words and the metric and parameter columns of the experiment's task.
     */
    void show(List<BaselineView> baselines, int validationWindows, TaskScore taskScore) {
        score = taskScore;
        valScore.setHeader(score.val());
        trainScore.setHeader(score.train());
        forecastMetrics.forEach(c -> c.setVisible(score.forecastMetrics()));
        parameters.forEach((h, c) -> c.setVisible(h.tasks().contains(score.task())));
        baselineFooters.show(baselines, score);
        // with several windows the val RMSE is their mean; the spread says how much they agree
        windowSpread.setVisible(validationWindows > 1);
    }

    /** Forgets the rows and the selection (another experiment is shown). */
    void reset() {
        latest.clear();
        deselectAll();
    }

    /** The selected trial as last read. */
    Optional<TrialView> selectedTrial() {
        return getSelectedItems().stream().findFirst().map(r -> latest.getOrDefault(r.trial().id(), r.trial()));
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
                .collect(Collectors.joining(", "));
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

    private void openTrial(TrialView t) {
        getUI().ifPresent(ui -> ui.navigate(TrialDetailView.class, new RouteParameters("id", String.valueOf(t.id()))));
    }
}
