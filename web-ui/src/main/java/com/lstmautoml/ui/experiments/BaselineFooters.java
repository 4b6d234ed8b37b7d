package com.lstmautoml.ui.experiments;

import com.lstmautoml.core.api.ApiDtos.BaselineView;
import com.lstmautoml.ui.layout.Formats;
import com.lstmautoml.ui.layout.TaskScore;
import com.vaadin.flow.component.grid.FooterRow;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The experiment's baselines as labelled reference rows under the trial ranking: one grid footer row per baseline
 * (naive, seasonal naive, Holt-Winters; a text's character n-gram), its name in the label column (its fitted form as
 * the title) and its validation metrics in the trials' columns, found by their keys ({@link #METRICS}); the score in
 * the experiment's {@link TaskScore}. Footer rows stay put while the lazy grid scrolls and sorts in the database.
 *
 * <p>For browser tests: the name is a span with class {@value #LABEL_CLASS} and id {@code baseline-<name>}
 * ({@code baseline-seasonal-naive}); each value a span with class {@value #VALUE_CLASS} and {@code data-metric} set
 * to its column key.
 */
class BaselineFooters {

    static final String LABEL_CLASS = "baseline-label";
    static final String VALUE_CLASS = "baseline-value";

    /** Column key → the baseline's figure in that column (the same keys as the trials' metric columns). */
    static final Map<String, BiFunction<BaselineView, TaskScore, String>> METRICS = metrics();

    private final Grid<?> grid;
    private final Grid.Column<?> label;
    private final List<FooterRow> rows = new ArrayList<>();
    private List<BaselineView> shown = List.of();
    private TaskScore shownScore = TaskScore.RMSE;

    BaselineFooters(Grid<?> grid, Grid.Column<?> label) {
        this.grid = grid;
        this.label = label;
    }

    private static Map<String, BiFunction<BaselineView, TaskScore, String>> metrics() {
        Map<String, BiFunction<BaselineView, TaskScore, String>> m = new LinkedHashMap<>();
        m.put("valRmse", (b, score) -> score.format(b.valRmse()));
        m.put("valMae", (b, score) -> Formats.mae(b.valMae()));
        m.put("valMase", (b, score) -> Formats.mase(b.valMase()));
        m.put("valSmape", (b, score) -> Formats.smape(b.valSmape()));
        m.put("valSkill", (b, score) -> Formats.skill(b.valSkill()));
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Shows these baselines (null or empty: none) scored as {@code score}; rebuilds the rows only when they changed. */
    void show(List<BaselineView> baselines, TaskScore score) {
        List<BaselineView> list = baselines == null ? List.of() : List.copyOf(baselines);
        if (list.equals(shown) && score == shownScore) {
            return;
        }
        rows.forEach(grid::removeFooterRow);
        rows.clear();
        for (BaselineView b : list) {
            FooterRow row = grid.appendFooterRow();
            Span name = new Span(b.name());
            name.addClassName(LABEL_CLASS);
            name.setId("baseline-" + slug(b.name()));
            if (b.description() != null) {
                name.getElement().setAttribute("title", b.description());
            }
            name.getStyle().set("white-space", "nowrap").set("font-style", "italic")
                    .set("color", "var(--lumo-secondary-text-color)");
            row.getCell(label).setComponent(name);
            METRICS.forEach((key, value) -> {
                Grid.Column<?> column = grid.getColumnByKey(key);
                if (column != null) {
                    Span v = new Span(value.apply(b, score));
                    v.addClassName(VALUE_CLASS);
                    v.getElement().setAttribute("data-metric", key);
                    v.getStyle().set("font-style", "italic");
                    row.getCell(column).setComponent(v);
                }
            });
            rows.add(row);
        }
        shown = list;
        shownScore = score;
    }

    /** The footer rows shown, one per baseline in the experiment's order. */
    List<FooterRow> rows() {
        return List.copyOf(rows);
    }

    /** "seasonal naive" → "seasonal-naive", "Holt-Winters" → "holt-winters". */
    static String slug(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
    }
}
