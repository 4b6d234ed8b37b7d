package com.lstmautoml.ui.experiments;

import com.lstmautoml.core.api.ApiDtos.BaselineView;
import com.lstmautoml.core.api.ApiDtos.ExperimentView;
import com.lstmautoml.core.api.ApiDtos.Split;
import com.lstmautoml.core.api.ApiDtos.TrialBrief;
import com.lstmautoml.ui.layout.Formats;
import com.lstmautoml.ui.layout.TaskScore;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableHeaderCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Paragraph;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The held-out test slice: the promoted trial's test scores next to each baseline's on the same rows, and a sentence
 * saying whether it beats seasonal naive there. The test rows are never used for training, early stopping or ranking,
 * so this is the one unbiased score of the chosen model; they are scored only when a trial is promoted. A text
 * experiment's score is bits per character against its character n-gram ({@link TextVerdict}); MAE, MASE, sMAPE
 * and skill are a forecast's only.
 *
 * <p>For browser tests: the panel has id {@value #ID}, the sentence id {@code held-out-verdict}, the table class
 * {@code held-out-table} and each of its body rows a {@code data-model} attribute ({@code promoted} or the
 * baseline's name).
 */
public class HeldOutTestPanel extends Div {

    public static final String ID = "held-out-test";
    static final String SEASONAL_NAIVE = "seasonal naive";

    final Paragraph verdict = new Paragraph();
    final NativeTable table = new NativeTable();
    /** What is shown, to skip rebuilding on every live refresh. */
    private List<Object> shown;

    public HeldOutTestPanel() {
        setId(ID);
        H3 title = new H3("Held-out test");
        title.getStyle().set("margin", "0").set("font-size", "var(--lumo-font-size-l)");
        verdict.setId("held-out-verdict");
        verdict.getStyle().set("margin", "var(--lumo-space-xs) 0");
        table.addClassName("held-out-table");
        table.getStyle().set("border-collapse", "collapse").set("font-size", "var(--lumo-font-size-s)")
                .set("font-variant-numeric", "tabular-nums");
        getStyle().set("border", "1px solid var(--lumo-contrast-10pct)")
                .set("border-radius", "var(--lumo-border-radius-l)").set("padding", "var(--lumo-space-s)")
                .set("overflow-x", "auto").set("max-width", "100%").set("box-sizing", "border-box");
        add(title, verdict, table);
    }

    /** Shows the experiment's promoted trial and baselines (nothing is rebuilt when they did not change). */
    public void show(ExperimentView e) {
        TrialBrief promoted = e.promotedTrial();
        List<BaselineView> baselines = e.baselines() == null ? List.of() : e.baselines();
        TaskScore score = TaskScore.of(e.task());
        List<Object> key = java.util.Arrays.asList(promoted, baselines, e.split(), score);
        if (key.equals(shown)) {
            return;
        }
        shown = key;
        boolean forecast = score.forecastMetrics();
        Double skill = skill(promoted, baselines);
        // above 0: the promoted trial beats the reference (seasonal naive, or a text's best baseline)
        Double margin = forecast ? skill : TextVerdict.margin(promoted, baselines);
        verdict.setText(forecast ? verdict(promoted, baselines, e.split())
                : TextVerdict.of(promoted, baselines, e.split()));
        verdict.getStyle().set("color", promoted == null || promoted.testRmse() == null || margin == null
                ? "var(--lumo-body-text-color)" : margin > 0 ? "var(--lumo-success-text-color)"
                : "var(--lumo-error-text-color)");
        verdict.getStyle().set("font-weight", margin == null ? "normal" : "600");
        table.getBody().removeAllRows();
        table.removeHead();
        boolean trialRow = promoted != null && promoted.testRmse() != null;
        table.setVisible(trialRow || !baselines.isEmpty());
        NativeTableRow head = table.getHead().addRow();
        List<String> headers = forecast ? List.of("", score.test(), "Test MAE", "Test MASE", "Test sMAPE %",
                "Skill vs seasonal naive") : List.of("", score.test());
        for (String h : headers) {
            NativeTableHeaderCell c = head.addHeaderCell();
            c.setText(h);
            pad(c.getStyle()).set("text-align", h.isEmpty() ? "left" : "right");
        }
        if (trialRow) {
            row(score, "promoted", "Trial #" + promoted.number() + " (promoted)", null, promoted.testRmse(),
                    promoted.testMae(), promoted.testMase(), promoted.testSmape(), skill).getStyle()
                    .set("font-weight", "600");
        }
        for (BaselineView b : baselines) {
            row(score, b.name(), b.name(), b.description(), b.testRmse(), b.testMae(), b.testMase(), b.testSmape(),
                    b.testSkill());
        }
    }

    private NativeTableRow row(TaskScore score, String model, String label, String title, Double rmse, Double mae,
                               Double mase, Double smape, Double skill) {
        NativeTableRow r = table.getBody().addRow();
        r.getElement().setAttribute("data-model", model);
        NativeTableCell name = r.addDataCell();
        name.setText(label);
        if (title != null) {
            name.getElement().setAttribute("title", title);
        }
        pad(name.getStyle()).set("white-space", "nowrap");
        List<String> values = score.forecastMetrics() ? List.of(score.format(rmse), Formats.mae(mae),
                Formats.mase(mase), Formats.smape(smape), Formats.skill(skill)) : List.of(score.format(rmse));
        for (String v : values) {
            NativeTableCell c = r.addDataCell();
            c.setText(v);
            pad(c.getStyle()).set("text-align", "right");
        }
        return r;
    }

    private static com.vaadin.flow.dom.Style pad(com.vaadin.flow.dom.Style s) {
        return s.set("padding", "var(--lumo-space-xs) var(--lumo-space-s)")
                .set("border-bottom", "1px solid var(--lumo-contrast-10pct)");
    }

    /**
     * The promoted trial's test skill against seasonal naive: as the service gives it, else from seasonal naive's
     * test RMSE; null without a test score or a seasonal naive baseline.
     */
    static Double skill(TrialBrief promoted, List<BaselineView> baselines) {
        if (promoted == null || promoted.testRmse() == null) {
            return null;
        }
        if (promoted.testSkill() != null) {
            return promoted.testSkill();
        }
        return seasonalNaive(baselines).filter(b -> b.testRmse() > 0)
                .map(b -> 1 - promoted.testRmse() / b.testRmse()).orElse(null);
    }

    /** The sentence over the table. */
    static String verdict(TrialBrief promoted, List<BaselineView> baselines, Split split) {
        if (promoted == null) {
            return "The test slice (" + testRows(split) + ") is scored only when a trial is promoted: it is never"
                    + " used for training, early stopping or ranking, so it tells how the chosen model does on new"
                    + " data.";
        }
        String trial = "Promoted trial #" + promoted.number();
        if (promoted.testRmse() == null) {
            return trial + " has no test score yet: the test slice (" + testRows(split) + ") is scored when a trial"
                    + " is promoted.";
        }
        Double skill = skill(promoted, baselines);
        StringBuilder s = new StringBuilder();
        if (skill == null) {
            s.append(trial).append(" scores a test RMSE of ").append(Formats.rmse(promoted.testRmse()))
                    .append(" (no seasonal naive baseline to compare with).");
        } else if (skill > 0) {
            s.append(trial).append(" beats seasonal naive on the test rows (skill ").append(Formats.skill(skill))
                    .append(").");
        } else {
            s.append(trial).append(" loses to seasonal naive on the test rows (skill ").append(Formats.skill(skill))
                    .append("): repeating the last season forecasts them at least as well.");
        }
        baselines.stream().filter(b -> !SEASONAL_NAIVE.equals(b.name()) && b.testRmse() < promoted.testRmse())
                .min(Comparator.comparingDouble(BaselineView::testRmse))
                .ifPresent(b -> s.append(" ").append(b.name()).append(" does better (test RMSE ")
                        .append(Formats.rmse(b.testRmse())).append(")."));
        return s.toString();
    }

    private static Optional<BaselineView> seasonalNaive(List<BaselineView> baselines) {
        return baselines == null ? Optional.empty()
                : baselines.stream().filter(b -> SEASONAL_NAIVE.equals(b.name())).findFirst();
    }

    private static String testRows(Split split) {
        if (split == null || !(split.test() > 0)) {
            return "the last rows of the series";
        }
        return "the last " + Math.round(split.test() * 100) + " % of the rows";
    }

    /** The panel's sentence (for tests). */
    String verdictText() {
        return verdict.getText();
    }

    /** Cell texts of the table's body, row by row (for tests). */
    List<List<String>> tableRows() {
        return table.getBody().getRows().stream().map(r -> r.getAllCells().stream()
                .map(c -> c.getElement().getText()).toList()).toList();
    }
}
