package com.lstmautoml.ui.experiments;

import com.lstmautoml.core.api.ApiDtos.BaselineView;
import com.lstmautoml.core.api.ApiDtos.TrialPoint;
import com.lstmautoml.core.space.Hyperparameter;
import com.lstmautoml.core.space.Task;
import com.lstmautoml.ui.charts.ChartOptions;
import com.lstmautoml.ui.charts.EChart;
import com.lstmautoml.ui.layout.DetailPage;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

import java.util.List;

/**
 * An experiment's charts, side by side as room allows: the optimisation history with the baselines' validation RMSE
 * as dashed lines, the validation RMSE against one parameter (chosen in a box above it) and parallel coordinates.
 */
class ExperimentCharts extends FlexLayout {

    final EChart history = new EChart("300px");
    final EChart perParameter = new EChart("300px");
    final EChart parallel = new EChart("320px");
    final ComboBox<Hyperparameter> parameter = new ComboBox<>();
    private List<TrialPoint> points = List.of();

    ExperimentCharts() {
        history.setId("history-chart");
        parameter.setItems(Task.FORECAST.hyperparameters());
        parameter.setItemLabelGenerator(Hyperparameter::key);
        parameter.setValue(Hyperparameter.UNITS);
        parameter.setLabel("Parameter");
        parameter.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                perParameter.setOption(ChartOptions.parameterScatter(points, e.getValue()));
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

    /** Redraws the three charts from the trials' points and the experiment's baselines. */
    void show(List<TrialPoint> trialPoints, List<BaselineView> baselines) {
        points = trialPoints;
        history.setOption(ChartOptions.optimisationHistory(points, baselines));
        perParameter.setOption(ChartOptions.parameterScatter(points,
                parameter.getValue() == null ? Hyperparameter.UNITS : parameter.getValue()));
        parallel.setOption(ChartOptions.parallelCoordinates(points));
    }
}
