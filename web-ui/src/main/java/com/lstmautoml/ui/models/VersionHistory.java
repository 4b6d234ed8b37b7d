package com.lstmautoml.ui.models;

import com.lstmautoml.core.api.ApiDtos.ModelVersionView;
import com.lstmautoml.ui.layout.Formats;
import com.lstmautoml.ui.layout.TaskScore;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.shared.Registration;

import java.time.Instant;
import java.util.List;

/**
 * A model's versions, newest first: version (a link to its page; the one shown in bold), champion badge, who promoted
 * it when, its trial, validation and test score (RMSE, or a text model's bits per character). For team admins a "Make champion" button on every other row fires a
 * {@link MakeChampion}; the view asks the service. Viewers and members get no button.
 *
 * <p>For browser tests: the grid has id {@code versions-grid}; version links class {@code version-link}; the champion
 * badge class {@code champion-badge}; the buttons class {@code make-champion}.
 */
public class VersionHistory extends Div {

    /** Up to this many versions the grid shows every row; beyond, it scrolls. */
    static final int ALL_ROWS_UP_TO = 12;

    final Grid<ModelVersionView> grid = new Grid<>();
    private String model = "";
    private int shown;
    private boolean admin;
    private Instant now = Instant.EPOCH;
    private final Grid.Column<ModelVersionView> valColumn;
    private final Grid.Column<ModelVersionView> testColumn;

    public VersionHistory() {
        H3 title = new H3("Versions");
        title.getStyle().set("margin", "0 0 var(--lumo-space-xs)").set("font-size", "var(--lumo-font-size-l)");
        grid.setId("versions-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addComponentColumn(this::versionLink).setHeader("Version").setKey("version").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(v -> v.champion() ? championBadge() : new Span()).setHeader("Champion")
                .setKey("champion").setAutoWidth(true).setFlexGrow(0);
        textColumn("promotedBy", "Promoted by");
        textColumn("promotedAt", "Promoted").setTooltipGenerator(v -> Formats.shortTime(v.promotedAt()));
        grid.addComponentColumn(VersionHistory::trialLink)
                .setHeader("Trial").setKey("trial").setAutoWidth(true).setFlexGrow(0);
        valColumn = textColumn("valRmse", "Val RMSE");
        testColumn = textColumn("testRmse", "Test RMSE");
        grid.addComponentColumn(this::action).setHeader("").setKey("action").setFlexGrow(1);
        grid.setEmptyStateText("No versions");
        Cards.card(this).setWidthFull();
        add(title, grid);
    }

    private Grid.Column<ModelVersionView> textColumn(String key, String header) {
        return grid.addColumn(v -> text(key, v)).setHeader(header).setKey(key).setAutoWidth(true).setFlexGrow(0);
    }

    /** What the column {@code key} shows for a version. */
    String text(String key, ModelVersionView v) {
        return switch (key) {
            case "promotedBy" -> v.promotedBy() == null ? "" : v.promotedBy();
            case "promotedAt" -> Formats.relative(v.promotedAt(), now);
            case "valRmse" -> TaskScore.of(v.task()).format(v.valRmse());
            case "testRmse" -> TaskScore.of(v.task()).format(v.testRmse());
            default -> throw new IllegalArgumentException(key);
        };
    }

    /**
     * @param model    the model's name (for the links)
     * @param versions its versions, newest first
     * @param shown    the version the page shows
     * @param admin    whether the caller may move the champion
     * @param now      for "promoted 3 d ago"
     * @param score    the shown version's score, which the columns name
     */
    public void show(String model, List<ModelVersionView> versions, int shown, boolean admin, Instant now,
                     TaskScore score) {
        valColumn.setHeader(score.val());
        testColumn.setHeader(score.test());
        this.model = model;
        this.shown = shown;
        this.admin = admin;
        this.now = now;
        grid.setItems(versions);
        // a short history in full; a long one scrolls
        grid.setAllRowsVisible(versions.size() <= ALL_ROWS_UP_TO);
        if (versions.size() > ALL_ROWS_UP_TO) {
            grid.setHeight("420px");
        }
    }

    private Component versionLink(ModelVersionView v) {
        Anchor a = link(ModelDetailView.path(model, v.version()), "v" + v.version(), "version-link");
        if (v.version() == shown) {
            a.getStyle().set("font-weight", "700");
            a.getElement().setAttribute("aria-current", "page");
        }
        return a;
    }

    static Anchor link(String href, String text, String cssClass) {
        Anchor a = new Anchor(href, text);
        a.getElement().setAttribute("router-link", true);
        a.addClassName(cssClass);
        return a;
    }

    /** "trial id 17", a link to the trial's page (the DTO has its id, not its number in the experiment). */
    static Anchor trialLink(ModelVersionView v) {
        return link("trials/" + v.trialId(), "trial id " + v.trialId(), "trial-link");
    }

    static Span championBadge() {
        Span b = Formats.pill("champion", "success");
        b.addClassName("champion-badge");
        return b;
    }

    private Component action(ModelVersionView v) {
        if (!admin || v.champion()) {
            return new Span();
        }
        Button b = new Button("Make champion", VaadinIcon.TROPHY.create(),
                e -> fireEvent(new MakeChampion(this, v.version())));
        b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        b.addClassName("make-champion");
        b.setTooltipText("Forecasts that name no version use the champion");
        return b;
    }

    public Registration addMakeChampionListener(ComponentEventListener<MakeChampion> l) {
        return addListener(MakeChampion.class, l);
    }

    /** An admin asked to point the champion alias at {@link #version()}. */
    public static class MakeChampion extends ComponentEvent<VersionHistory> {
        private final int version;

        public MakeChampion(VersionHistory source, int version) {
            super(source, false);
            this.version = version;
        }

        public int version() {
            return version;
        }
    }
}
