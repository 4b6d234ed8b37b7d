package com.lstmautoml.ui.models;

import com.lstmautoml.core.api.ApiDtos.IntervalCoverage;
import com.lstmautoml.core.api.ApiDtos.ModelVersionView;
import com.lstmautoml.core.api.ApiDtos.VersionBaseline;
import com.lstmautoml.core.api.ApiDtos.VersionEvaluation;
import com.lstmautoml.ui.layout.Formats;
import com.lstmautoml.ui.layout.TaskScore;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableHeaderCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Paragraph;

import java.util.List;
import java.util.Locale;

/**
 * A version's held-out test scores: its test RMSE, MAE, MASE, sMAPE and skill as recorded at promotion, each
 * evaluation of its models (the trial's and the refit's, once evaluated) and the baselines' on the same rows; under
 * it, the intervals' coverage per evaluation, observed against nominal. Says "not evaluated yet" while the version has
 * no evaluation. A text generation version has its test bits per character beside its baselines' (the character
 * n-gram) and nothing else. Display only.
 *
 * <p>For browser tests: the panel has id {@value #ID}; the metrics table class {@code version-metrics}, its body rows
 * a {@code data-model} attribute ({@code version}, {@code evaluation-trial}, {@code evaluation-refit} or the
 * baseline's name); the coverage table class {@code interval-coverage}.
 */
public class VersionMetricsPanel extends Div {

    public static final String ID = "version-metrics";
    static final String SEASONAL_NAIVE = "seasonal naive";

    final Paragraph verdict = new Paragraph();
    final NativeTable table = new NativeTable();
    final Paragraph evaluationNote = new Paragraph();
    final NativeTable coverage = new NativeTable();

    public VersionMetricsPanel() {
        setId(ID);
        H3 title = new H3("Held-out test");
        title.getStyle().set("margin", "0").set("font-size", "var(--lumo-font-size-l)");
        verdict.setId("version-verdict");
        evaluationNote.setId("evaluation-note");
        table.addClassName("version-metrics");
        coverage.addClassName("interval-coverage");
        for (NativeTable t : List.of(table, coverage)) {
            t.getStyle().set("border-collapse", "collapse").set("font-size", "var(--lumo-font-size-s)")
                    .set("font-variant-numeric", "tabular-nums");
        }
        for (Paragraph p : List.of(verdict, evaluationNote)) {
            p.getStyle().set("margin", "var(--lumo-space-xs) 0");
        }
        evaluationNote.getStyle().set("color", "var(--lumo-secondary-text-color)")
                .set("font-size", "var(--lumo-font-size-s)");
        // the wider of the two cards of its row: seven columns
        Cards.flexCard(this).getStyle().set("overflow-x", "auto").set("flex", "3 1 600px")
                .set("min-width", "min(600px, 100%)");
        add(title, verdict, table, evaluationNote, coverage);
    }

    public void show(ModelVersionView v) {
        TaskScore score = TaskScore.of(v.task());
        if (!score.forecastMetrics()) {
            showText(v, score);
            return;
        }
        evaluationNote.setVisible(true);
        verdict.setText(verdict(v));
        Double skill = v.testSkill();
        verdict.getStyle().set("color", v.testRmse() == null || skill == null ? "var(--lumo-body-text-color)"
                : skill > 0 ? "var(--lumo-success-text-color)" : "var(--lumo-error-text-color)");
        verdict.getStyle().set("font-weight", skill == null ? "normal" : "600");

        table.removeHead();
        table.getBody().removeAllRows();
        header(table, "", "RMSE", "MAE", "MASE", "sMAPE %", "Skill", "Rows");
        table.getHead().getRows().get(0).getHeaderCell(5).ifPresent(c -> c.getElement().setAttribute("title",
                "Skill vs seasonal naive: 1 − RMSE / its RMSE on the same rows; above 0 beats it"));
        row(table, "version", "Version " + v.version() + ", at promotion", null,
                v.testRmse(), v.testMae(), v.testMase(), v.testSmape(), v.testSkill(), null)
                .getStyle().set("font-weight", "600");
        List<VersionEvaluation> evaluations = v.evaluations() == null ? List.of() : v.evaluations();
        for (VersionEvaluation e : evaluations) {
            row(table, "evaluation-" + e.model(), modelLabel(e.model()) + ", evaluated",
                    e.evaluatedAt() == null ? null : "evaluated " + Formats.shortTime(e.evaluatedAt()),
                    e.testRmse(), e.testMae(), e.testMase(), e.testSmape(), e.testSkill(), e.testRows());
        }
        List<VersionBaseline> baselines = v.baselines() == null ? List.of() : v.baselines();
        for (VersionBaseline b : baselines) {
            row(table, b.name(), b.name(), null, b.testRmse(), b.testMae(), b.testMase(), b.testSmape(),
                    b.testSkill(), null).getStyle().set("font-style", "italic");
        }

        evaluationNote.setText(evaluations.isEmpty()
                ? "Not evaluated yet: the version's models are scored per horizon step and for interval coverage"
                + " on the test rows after promotion (and the refit's once it is ready)."
                : "Coverage: how often the actual test value fell inside the interval, over every test origin and"
                + " step with a band; near the nominal level is well calibrated, below it too narrow.");

        coverage.removeHead();
        coverage.getBody().removeAllRows();
        boolean anyCoverage = evaluations.stream().anyMatch(e -> e.coverage() != null && !e.coverage().isEmpty());
        coverage.setVisible(anyCoverage);
        if (anyCoverage) {
            header(coverage, "Model", "Nominal", "Observed", "Intervals");
            for (VersionEvaluation e : evaluations) {
                for (IntervalCoverage c : e.coverage() == null ? List.<IntervalCoverage>of() : e.coverage()) {
                    NativeTableRow r = coverage.getBody().addRow();
                    r.getElement().setAttribute("data-model", e.model());
                    cell(r, modelLabel(e.model()), "left");
                    cell(r, percent(c.level()), "right");
                    cell(r, c.observed() == null ? "no band" : percent(observedPercent(c)), "right");
                    cell(r, String.valueOf(c.intervals()), "right");
                }
            }
        }
    }

    /** A text model's test bits per character and its baselines'; no evaluations, coverage or skill. */
    private void showText(ModelVersionView v, TaskScore score) {
        List<VersionBaseline> baselines = v.baselines() == null ? List.of() : v.baselines();
        VersionBaseline best = baselines.stream().filter(b -> b.testRmse() != null)
                .min(java.util.Comparator.comparingDouble(VersionBaseline::testRmse)).orElse(null);
        verdict.setText(textVerdict(v, best, score));
        boolean better = v.testRmse() != null && best != null && v.testRmse() < best.testRmse();
        verdict.getStyle().set("color", v.testRmse() == null || best == null ? "var(--lumo-body-text-color)"
                : better ? "var(--lumo-success-text-color)" : "var(--lumo-error-text-color)");
        verdict.getStyle().set("font-weight", best == null ? "normal" : "600");
        table.removeHead();
        table.getBody().removeAllRows();
        header(table, "", score.test());
        cells(table, "version", "Version " + v.version() + ", at promotion", score.format(v.testRmse()))
                .getStyle().set("font-weight", "600");
        for (VersionBaseline b : baselines) {
            cells(table, b.name(), b.name(), score.format(b.testRmse())).getStyle().set("font-style", "italic");
        }
        evaluationNote.setVisible(false);
        coverage.setVisible(false);
    }

    /** "Version 2 writes the test text at 2.410 bits/char, fewer than the character n-gram (2.610)." */
    static String textVerdict(ModelVersionView v, VersionBaseline best, TaskScore score) {
        String who = "Version " + v.version();
        if (v.testRmse() == null) {
            return who + " has no test score.";
        }
        String bits = who + " writes the test text at " + score.format(v.testRmse()) + " " + score.unit();
        String samples = " Its trial's page writes samples with it.";
        if (best == null) {
            return bits + "." + samples;
        }
        return bits + (v.testRmse() < best.testRmse() ? ", fewer than the " : ", no fewer than the ") + best.name()
                + " (" + score.format(best.testRmse()) + ")." + samples;
    }

    /** The sentence over the table: does the version beat seasonal naive on the test rows? */
    static String verdict(ModelVersionView v) {
        String who = "Version " + v.version();
        if (v.testRmse() == null) {
            return who + " has no test score.";
        }
        Double skill = v.testSkill();
        if (skill == null) {
            return who + " scores a test RMSE of " + Formats.rmse(v.testRmse())
                    + " (no seasonal naive baseline to compare with).";
        }
        return skill > 0 ? who + " beats seasonal naive on the test rows (skill " + Formats.skill(skill) + ")."
                : who + " loses to seasonal naive on the test rows (skill " + Formats.skill(skill)
                + "): repeating the last season forecasts them at least as well.";
    }

    /** "Trial model", "Refit model". */
    static String modelLabel(String model) {
        if (model == null || model.isEmpty()) {
            return "Model";
        }
        return Character.toUpperCase(model.charAt(0)) + model.substring(1) + " model";
    }

    /**
     * The observed coverage in percent. The DTO says "how often": a fraction of the intervals (0..1) is turned into
     * percent; a value above 1 is taken as percent already.
     */
    static double observedPercent(IntervalCoverage c) {
        return c.observed() <= 1 ? c.observed() * 100 : c.observed();
    }

    /** Percent with at most one decimal: 80 → "80 %", 78.57 → "78.6 %". */
    static String percent(double p) {
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.1f", p)).stripTrailingZeros().toPlainString()
                + " %";
    }

    private static void header(NativeTable t, String... titles) {
        NativeTableRow head = t.getHead().addRow();
        for (int i = 0; i < titles.length; i++) {
            NativeTableHeaderCell c = head.addHeaderCell();
            c.setText(titles[i]);
            pad(c.getStyle()).set("text-align", i == 0 ? "left" : "right");
        }
    }

    private static NativeTableRow row(NativeTable t, String model, String label, String title, Double rmse,
                                      Double mae, Double mase, Double smape, Double skill, Integer rows) {
        NativeTableRow r = t.getBody().addRow();
        r.getElement().setAttribute("data-model", model);
        NativeTableCell name = cell(r, label, "left");
        name.getStyle().set("white-space", "nowrap");
        if (title != null) {
            name.getElement().setAttribute("title", title);
        }
        for (String v : List.of(Formats.rmse(rmse), Formats.mae(mae), Formats.mase(mase), Formats.smape(smape),
                Formats.skill(skill), rows == null ? "" : String.valueOf(rows))) {
            cell(r, v, "right");
        }
        return r;
    }

    /** A body row of a label and values, right-aligned. */
    private static NativeTableRow cells(NativeTable t, String model, String label, String... values) {
        NativeTableRow r = t.getBody().addRow();
        r.getElement().setAttribute("data-model", model);
        cell(r, label, "left").getStyle().set("white-space", "nowrap");
        for (String v : values) {
            cell(r, v, "right");
        }
        return r;
    }

    private static NativeTableCell cell(NativeTableRow r, String text, String align) {
        NativeTableCell c = r.addDataCell();
        c.setText(text);
        pad(c.getStyle()).set("text-align", align);
        return c;
    }

    private static com.vaadin.flow.dom.Style pad(com.vaadin.flow.dom.Style s) {
        return s.set("padding", "var(--lumo-space-xs) var(--lumo-space-s)")
                .set("border-bottom", "1px solid var(--lumo-contrast-10pct)");
    }

    /** Cell texts of the metrics table's body, row by row (for tests). */
    List<List<String>> tableRows() {
        return rows(table);
    }

    /** Cell texts of the coverage table's body, row by row (for tests). */
    List<List<String>> coverageRows() {
        return rows(coverage);
    }

    private static List<List<String>> rows(NativeTable t) {
        return t.getBody().getRows().stream().map(r -> r.getAllCells().stream()
                .map(c -> c.getElement().getText()).toList()).toList();
    }
}
