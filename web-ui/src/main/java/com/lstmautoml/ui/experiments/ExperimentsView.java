package com.lstmautoml.ui.experiments;

import com.lstmautoml.ui.layout.LiveUpdates;
import com.lstmautoml.core.api.ApiDtos.DatasetView;
import com.lstmautoml.core.api.ApiDtos.ExperimentFilter;
import com.lstmautoml.core.api.ApiDtos.ExperimentView;
import com.lstmautoml.core.api.Datasets;
import com.lstmautoml.core.api.Experiments;
import com.lstmautoml.core.api.Role;
import com.lstmautoml.core.api.TrialEvents;
import com.lstmautoml.ui.security.CurrentCaller;
import com.lstmautoml.ui.layout.Formats;
import com.lstmautoml.ui.layout.TaskScore;
import com.lstmautoml.ui.layout.MainLayout;
import com.lstmautoml.ui.layout.Routes;
import com.lstmautoml.ui.layout.Sorts;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Home: the team's shared experiment history, lazy, filtered and sorted in the database, refreshed live. */
@Route(value = Routes.EXPERIMENTS, layout = MainLayout.class)
@PageTitle("Experiments · LSTM AutoML")
public class ExperimentsView extends VerticalLayout {

    static final List<String> STATES = List.of("RUNNING", "COMPLETED", "CANCELLED");

    private final Experiments experiments;
    private final CurrentCaller caller;
    /** Whether the caller's role may create experiments (members and admins): "New experiment" and "Clone". */
    final boolean mayCreate;
    final Button create;
    final Grid<ExperimentView> grid = new Grid<>();

    {
        grid.setId("experiments-grid");
    }
    final TextField nameFilter = new TextField();
    final ComboBox<String> datasetFilter = new ComboBox<>();
    final ComboBox<String> stateFilter = new ComboBox<>();
    final ComboBox<String> ownerFilter = new ComboBox<>();
    private ExperimentFilter filter = ExperimentFilter.ALL;
    private final Clock clock;
    /** Any experiment's change refreshes the grid (by push; it stays lazy, sorted and filtered in the database). */
    private final LiveUpdates live;

    /** One constructor only: the router creates views through CDI. */
    public ExperimentsView(Experiments experiments, Datasets datasets, CurrentCaller caller, TrialEvents events,
                           Clock clock) {
        this.experiments = experiments;
        this.caller = caller;
        this.clock = clock;
        this.live = LiveUpdates.rows(this, events, changes -> grid.getDataProvider().refreshAll());
        live.followAll();
        var me = caller.get();
        this.mayCreate = me.role().atLeast(Role.MEMBER);
        setSizeFull();

        H2 title = new H2("Experiments");
        title.getStyle().set("margin", "0");
        create = new Button("New experiment", VaadinIcon.PLUS.create(),
                e -> getUI().ifPresent(ui -> ui.navigate(NewExperimentView.class)));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setVisible(mayCreate);
        HorizontalLayout top = new HorizontalLayout(title, create);
        top.setWidthFull();
        top.setAlignItems(FlexComponent.Alignment.CENTER);
        top.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);

        nameFilter.setPlaceholder("Name contains…");
        nameFilter.setPrefixComponent(VaadinIcon.SEARCH.create());
        nameFilter.setValueChangeMode(ValueChangeMode.LAZY);
        nameFilter.setClearButtonVisible(true);
        datasetFilter.setPlaceholder("Dataset");
        datasetFilter.setItems(datasets.list(me).stream().map(DatasetView::name).toList());
        stateFilter.setPlaceholder("State");
        stateFilter.setItems(STATES);
        ownerFilter.setPlaceholder("Owner");
        ownerFilter.setItems(experiments.owners(me));
        for (var c : List.of(datasetFilter, stateFilter, ownerFilter)) {
            c.setClearButtonVisible(true);
            c.addValueChangeListener(e -> filterChanged());
        }
        nameFilter.addValueChangeListener(e -> filterChanged());
        FlexLayout filters = new FlexLayout(nameFilter, datasetFilter, stateFilter, ownerFilter);
        filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        filters.getStyle().set("gap", "var(--lumo-space-s)");

        configureGrid();
        add(top, filters, grid);
        setFlexGrow(1, grid);
    }

    private void configureGrid() {
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setSizeFull();
        grid.setMinHeight("300px");
        Grid.Column<ExperimentView> name = grid.addColumn(ExperimentView::name).setHeader("Name").setSortProperty("name")
                .setFlexGrow(3).setResizable(true).setTooltipGenerator(ExperimentView::name);
        grid.addColumn(ExperimentView::dataset).setHeader("Dataset").setSortProperty("dataset").setFlexGrow(2);
        grid.addColumn(e -> TaskScore.task(e.task()).key()).setHeader("Task").setKey("task").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(ExperimentView::strategy).setHeader("Strategy").setSortProperty("strategy").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(ExperimentView::createdBy).setHeader("Owner").setSortProperty("createdBy").setFlexGrow(1);
        Grid.Column<ExperimentView> created = grid.addColumn(e -> Formats.relative(e.createdAt(), clock.instant()))
                .setHeader("Created").setSortProperty("createdAt").setAutoWidth(true).setFlexGrow(0)
                .setTooltipGenerator(e -> Formats.shortTime(e.createdAt()));
        grid.addComponentColumn(e -> Formats.badge(e.state())).setHeader("State").setSortProperty("state")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(ExperimentsView::progress).setHeader("Progress")
                .setWidth("11em").setFlexGrow(0);
        grid.addColumn(ExperimentsView::bestText).setHeader("Best val score").setKey("best").setAutoWidth(true).setFlexGrow(0)
                .setTooltipGenerator(e -> e.bestTrial() == null ? "no completed trial yet"
                        : "trial #" + e.bestTrial().number());
        grid.addColumn(e -> e.promotedTrial() == null ? "" : "✓ #" + e.promotedTrial().number())
                .setHeader("Promoted").setAutoWidth(true).setFlexGrow(0);
        if (mayCreate) {
            grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true).setFlexGrow(0).setKey("actions");
        }
        grid.setMultiSort(true, Grid.MultiSortPriority.APPEND);
        grid.setItems(query -> experiments.history(caller.get(), filter, Sorts.of(query.getSortOrders(), Experiments.HISTORY_SORTS),
                query.getOffset(), query.getLimit()).stream(), query -> (int) Math.min(Integer.MAX_VALUE,
                experiments.count(caller.get(), filter)));
        grid.addItemClickListener(e -> open(e.getItem()));
        grid.setEmptyStateComponent(emptyState());
        grid.sort(List.of(new GridSortOrder<>(created, SortDirection.DESCENDING)));
        name.setKey("name");
    }

    /** "RMSE 21.5000", "2.300 bits/char": the best trial's validation score as its task's; "–" before one. */
    static String bestText(ExperimentView e) {
        return e.bestTrial() == null ? "–" : TaskScore.of(e.task()).withUnit(e.bestTrial().valRmse());
    }

    private static Component progress(ExperimentView e) {
        ProgressBar bar = new ProgressBar(0, Math.max(1, e.maxTrials()), Math.min(e.trialsFinished(), e.maxTrials()));
        bar.setWidth("5em");
        if ("CANCELLED".equals(e.state())) {
            bar.addThemeVariants(com.vaadin.flow.component.progressbar.ProgressBarVariant.LUMO_CONTRAST);
        } else if ("COMPLETED".equals(e.state())) {
            bar.addThemeVariants(com.vaadin.flow.component.progressbar.ProgressBarVariant.LUMO_SUCCESS);
        }
        Span text = new Span(e.trialsFinished() + "/" + e.maxTrials());
        text.getStyle().set("font-size", "var(--lumo-font-size-s)").set("white-space", "nowrap");
        HorizontalLayout l = new HorizontalLayout(bar, text);
        l.setAlignItems(FlexComponent.Alignment.CENTER);
        l.setSpacing(true);
        return l;
    }

    private Component actions(ExperimentView e) {
        Button clone = new Button(VaadinIcon.COPY_O.create(), click -> clone(e));
        clone.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        clone.setTooltipText("Clone: a new experiment with these settings");
        clone.setAriaLabel("Clone " + e.name());
        // the row click would open the experiment: keep the click on the button
        clone.getElement().addEventListener("click", ignored -> { }).addEventData("event.stopPropagation()");
        return clone;
    }

    private Component emptyState() {
        Div box = new Div();
        box.getStyle().set("padding", "var(--lumo-space-l)").set("text-align", "center");
        Span text = new Span();
        Button action = new Button();
        action.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        box.add(text, new Div(action));
        Runnable update = () -> {
            if (filter.equals(ExperimentFilter.ALL)) {
                text.setText(mayCreate ? "No experiments yet: start one" : "No experiments yet");
                action.setText("New experiment");
                action.setVisible(mayCreate);
            } else {
                action.setVisible(true);
                text.setText("No experiment matches the filter");
                action.setText("Clear the filter");
            }
        };
        update.run();
        action.addClickListener(e -> {
            if (filter.equals(ExperimentFilter.ALL)) {
                getUI().ifPresent(ui -> ui.navigate(NewExperimentView.class));
            } else {
                nameFilter.clear();
                datasetFilter.clear();
                stateFilter.clear();
                ownerFilter.clear();
            }
        });
        emptyStateUpdater = update;
        return box;
    }

    private Runnable emptyStateUpdater = () -> { };

    private void filterChanged() {
        String n = nameFilter.getValue().strip();
        filter = new ExperimentFilter(n.isEmpty() ? null : n, datasetFilter.getValue(), stateFilter.getValue(),
                ownerFilter.getValue());
        emptyStateUpdater.run();
        grid.getDataProvider().refreshAll();
    }

    /** The filter the grid queries with (for tests). */
    ExperimentFilter filter() {
        return filter;
    }

    private void open(ExperimentView e) {
        getUI().ifPresent(ui -> ui.navigate(ExperimentDetailView.class, new RouteParameters("id", String.valueOf(e.id()))));
    }

    private void clone(ExperimentView e) {
        getUI().ifPresent(ui -> ui.navigate(NewExperimentView.class,
                QueryParameters.simple(Map.of("clone", String.valueOf(e.id())))));
    }
}
