package com.lstmautoml.ui.models;

import com.lstmautoml.core.api.ApiDtos.VersionEvaluation;
import com.lstmautoml.ui.charts.EChart;
import com.lstmautoml.ui.charts.ModelCharts;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;

import java.util.List;

/**
 * Test RMSE per horizon step of the version's models against seasonal naive and Holt-Winters (from its evaluations);
 * a sentence instead of the chart while there is no evaluation with steps. Display only.
 *
 * <p>For browser tests: the chart has id {@code horizon-chart}, the sentence {@code horizon-note}.
 */
public class HorizonErrorsPanel extends Div {

    final EChart chart = new EChart("300px");
    final Paragraph note = new Paragraph();

    public HorizonErrorsPanel() {
        setId("horizon-errors");
        chart.setId("horizon-chart");
        note.setId("horizon-note");
        note.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)")
                .set("margin", "var(--lumo-space-xs) 0");
        Cards.flexCard(this);
        add(chart, note);
    }

    public void show(List<VersionEvaluation> evaluations) {
        boolean steps = evaluations != null && evaluations.stream()
                .anyMatch(e -> e.horizon() != null && !e.horizon().isEmpty());
        chart.setVisible(steps);
        if (steps) {
            chart.setOption(ModelCharts.horizonErrors(evaluations));
            note.setText("Recursive forecasts from every test origin, scored at each step ahead; the baselines"
                    + " forecast from the same origins.");
        } else {
            note.setText("Test RMSE per horizon step: not evaluated yet.");
        }
    }
}
