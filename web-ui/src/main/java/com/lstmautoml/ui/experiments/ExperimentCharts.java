package com.lstmautoml.ui.experiments;

import com.lstmautoml.core.api.ApiDtos.BaselineView;
import com.lstmautoml.core.api.ApiDtos.TrialPoint;
import com.lstmautoml.core.space.Hyperparameter;
import com.lstmautoml.ui.charts.ChartOptions;
import com.lstmautoml.ui.charts.EChart;
import com.lstmautoml.ui.layout.DetailPage;
import com.lstmautoml.ui.layout.TaskScore;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

import java.util.List;

/**
 * An experiment's charts, side by side as room allows: the optimisation history with the baselines' validation score
 * as dashed lines, the validation score against one parameter of the experiment's task (chosen in a box above it) and
 * parallel coordinates. The score is the task's: RMSE or bits per character.
 */
class ExperimentCharts extends FlexLayout {

    final EChart history = new EChart("300px");
    final EChart perParameter = new EChart("300px");
    final EChart parallel = new EChart("320px");
    final ComboBox<Hyperparameter> parameter = new ComboBox<>();
    private List<TrialPoint> points = List.of();
    private TaskScore score;

    ExperimentCharts() {
        history.setId("history-chart");
        parameter.setItemLabelGenerator(Hyperparameter::key);
        parameter.setLabel("Parameter");
        parameter.addValueChangeListener(e -> {
            if (e.getValue() != null && score != null) {
                perParameter.setOption(ChartOptions.parameterScatter(points, e.getValue(), score));
            }
        });
        VerticalLayout scatter = new VerticalLayout(parameter, perParameter);
        scatter.setPadding(false);
        scatter.setSpacing(false);
        add(DetailPage.card(history, "420px"), DetailPage.card(scatter, "420px"), DetailPage.card(parallel, "420px"));
        setFlexWrap(FlexLayout.FlexWrap.WRAP);
        setWidthFull();
        getStyle().set("gap", "var(--lumo-space-m)");
    }

    /**
     * Redraws the three charts from the trials' points and the experiment's baselines, scored as its task's; the
     * parameter box offers the task's hyperparameters.
     */
    void show(List<TrialPoint> trialPoints, List<BaselineView> baselines, TaskScore taskScore) {
        points = trialPoints;
        if (taskScore != score) {
            score = taskScore;
            List<Hyperparameter> hs = taskScore.task().hyperparameters();
            Hyperparameter chosen = hs.contains(parameter.getValue()) ? parameter.getValue() : hs.get(0);
            parameter.setItems(hs);
            parameter.setValue(chosen); // draws the scatter when the choice changes
        }
        history.setOption(ChartOptions.optimisationHistory(points, baselines, score));
        perParameter.setOption(ChartOptions.parameterScatter(points, parameter.getValue(), score));
        parallel.setOption(ChartOptions.parallelCoordinates(points, score));
    }
}
