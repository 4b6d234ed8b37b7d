package com.lstmautoml.ui.models;

import com.lstmautoml.core.api.ApiDtos.ModelSummary;
import com.lstmautoml.core.api.Models;
import com.lstmautoml.ui.layout.Formats;
import com.lstmautoml.ui.layout.MainLayout;
import com.lstmautoml.ui.layout.Routes;
import com.lstmautoml.ui.layout.TaskScore;
import com.lstmautoml.ui.security.CurrentCaller;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import java.time.Clock;
import java.time.Instant;

/**
 * The team's registered models: name (a link to the model's page), how many versions, the champion, the newest
 * version's test RMSE and when the model was created. A model is created by promoting a trial.
 *
 * <p>For browser tests: the grid has id {@code models-grid}, each name link class {@code model-link}.
 */
@Route(value = Routes.MODELS, layout = MainLayout.class)
@PageTitle("Models · LSTM AutoML")
public class ModelsView extends VerticalLayout implements BeforeEnterObserver {

    private final Models models;
    private final CurrentCaller caller;
    private final Clock clock;
    final Grid<ModelSummary> grid = new Grid<>();
    private Instant now;

    public ModelsView(Models models, CurrentCaller caller, Clock clock) {
        this.models = models;
        this.caller = caller;
        this.clock = clock;
        this.now = clock.instant();
        setSizeFull();
        H2 title = new H2("Models");
        title.getStyle().set("margin", "0");
        Paragraph intro = new Paragraph("Promoting a trial on an experiment's page registers it as the next version"
                + " of a model and makes it the champion, which forecasts serve unless they name a version.");
        intro.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin", "0");

        grid.setId("models-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addComponentColumn(m -> VersionHistory.link(ModelDetailView.path(m.name()), m.name(), "model-link"))
                .setHeader("Name").setKey("name").setFlexGrow(3).setResizable(true)
                .setComparator(ModelSummary::name);
        textColumn("versions", "Versions");
        textColumn("champion", "Champion");
        textColumn("latestTestRmse", "Newest version's test score")
                .setTooltipGenerator(m -> m.latestVersion() == null ? "" : "version " + m.latestVersion());
        textColumn("created", "Created").setTooltipGenerator(m -> Formats.shortTime(m.createdAt()));
        grid.setEmptyStateText("No models yet: promote a trial on an experiment's page to register one");
        grid.setSizeFull();
        grid.setMinHeight("240px");
        add(title, intro, grid);
        setFlexGrow(1, grid);
    }

    private Grid.Column<ModelSummary> textColumn(String key, String header) {
        return grid.addColumn(m -> text(key, m)).setHeader(header).setKey(key).setAutoWidth(true).setFlexGrow(0);
    }

    /** What the column {@code key} shows for a model. */
    String text(String key, ModelSummary m) {
        return switch (key) {
            case "versions" -> String.valueOf(m.versions());
            case "champion" -> m.championVersion() == null ? "–" : "v" + m.championVersion();
            case "latestTestRmse" -> m.latestVersion() == null ? "–"
                    : TaskScore.of(m.latestTask()).withUnit(m.latestTestRmse());
            case "created" -> Formats.relative(m.createdAt(), now);
            default -> throw new IllegalArgumentException(key);
        };
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        refresh();
    }

    /** Lists the caller's team's models again. */
    void refresh() {
        now = clock.instant();
        grid.setItems(models.list(caller.get()));
    }
}
