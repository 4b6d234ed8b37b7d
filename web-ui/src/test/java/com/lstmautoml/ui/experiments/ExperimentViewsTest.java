package com.lstmautoml.ui.experiments;

import com.lstmautoml.core.api.ApiDtos.ExperimentFilter;
import com.lstmautoml.core.api.ApiDtos.SortOrder;
import com.lstmautoml.core.api.ApiDtos.TrialPoint;
import com.lstmautoml.ui.charts.EChart;
import com.lstmautoml.ui.fakes.FakeDatasets;
import com.lstmautoml.ui.fakes.FakeExperiments;
import com.lstmautoml.ui.fakes.Fixtures;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The history and the experiment detail against fake services: queries go to the service, live refresh. */
class ExperimentViewsTest {

    private final UI ui = new UI();
    private final FakeExperiments experiments = new FakeExperiments();
    private final FakeDatasets datasets = new FakeDatasets();

    @BeforeEach
    void setUp() {
        UI.setCurrent(ui); // held in a field: CurrentInstance keeps only a weak reference
        experiments.experiments.add(Fixtures.experiment(1, "a", "RUNNING"));
        experiments.experiments.add(Fixtures.experiment(2, "b", "COMPLETED"));
        datasets.datasets.add(Fixtures.dataset("airline-passengers", 144, "Passengers"));
    }

    @AfterEach
    void tearDown() {
        UI.setCurrent(null);
    }

    @Test
    void historyFiltersAndSortsInTheService() {
        ExperimentsView view = new ExperimentsView(experiments, datasets, Fixtures.ANN_ADMIN);
        view.stateFilter.setValue("COMPLETED");
        view.nameFilter.setValue("  b ");
        assertThat(view.filter()).isEqualTo(new ExperimentFilter("b", null, "COMPLETED", null));

        List<?> rows = view.grid.getDataProvider().fetch(new Query<>(0, 50, List.of(
                new QuerySortOrder("name", SortDirection.ASCENDING), new QuerySortOrder("bestRmse",
                        SortDirection.DESCENDING)), null, null)).toList();
        assertThat(rows).hasSize(1);
        FakeExperiments.HistoryCall call = experiments.historyCalls.get(experiments.historyCalls.size() - 1);
        assertThat(call.filter().state()).isEqualTo("COMPLETED");
        assertThat(call.sort()).containsExactly(new SortOrder("name", false)); // unknown keys never reach the service
        assertThat(call.offset()).isZero();
        assertThat(call.limit()).isEqualTo(50);
        assertThat(view.grid.getColumns()).anySatisfy(c -> assertThat(c.getSortOrder(SortDirection.ASCENDING)
                .map(QuerySortOrder::getSorted).toList()).containsExactly("createdBy"));
    }

    @Test
    void detailRanksTrialsAndEnablesPromoteOnlyForACompletedSelection() {
        experiments.trials.add(Fixtures.trial(11, 2, "COMPLETED", 21.5));
        experiments.trials.add(Fixtures.trial(12, 1, "COMPLETED", 30.0));
        experiments.trials.add(Fixtures.trial(13, 3, "FAILED", null));
        experiments.points.add(new TrialPoint(11, 2, "COMPLETED", Fixtures.json("{`units`:32}"), 21.5));
        ExperimentDetailView view = new ExperimentDetailView(experiments, Fixtures.ANN_ADMIN);
        view.show(1);
        // the first chart load waits for the browser's next round trip (no browser here): the ranking comes first
        assertThat(experiments.trialPointCalls).isZero();
        view.loadCharts();

        List<ExperimentDetailView.TrialRow> rows = view.grid.getDataProvider().fetch(new Query<>()).toList();
        assertThat(rows).extracting(ExperimentDetailView.TrialRow::rank).containsExactly(1, 2, null);
        assertThat(experiments.trialSorts.get(experiments.trialSorts.size() - 1)).isEmpty(); // default: best first
        assertThat(view.cancel.isVisible()).isTrue();
        assertThat(view.promoteBest.isEnabled()).isTrue();
        assertThat(view.promoteSelected.isEnabled()).isFalse();

        view.grid.select(rows.get(2));
        assertThat(view.promoteSelected.isEnabled()).isFalse(); // failed trial
        view.grid.select(rows.get(0));
        assertThat(view.promoteSelected.isEnabled()).isTrue();
        assertThat(view.selectedTrial()).map(t -> t.id()).contains(11L);

        // a refresh with nothing finished does not reload the chart points; the selection stays (by trial id)
        int calls = experiments.trialPointCalls;
        view.refresh();
        assertThat(experiments.trialPointCalls).isEqualTo(calls);
        assertThat(view.history.getOption()).contains("\"data\":[[2,21.5,11]]");
        assertThat(view.grid.getDataProvider().getId(rows.get(0))).isEqualTo(11L);
        assertThat(view.selectedTrial()).map(t -> t.id()).contains(11L);
    }

    @Test
    void chartsKeepTheirOptionAndAStableClass() {
        EChart chart = new EChart();
        chart.setOption("{\"series\":[]}");
        assertThat(chart.getOption()).isEqualTo("{\"series\":[]}");
        assertThat(chart.getClassNames()).contains(EChart.CSS_CLASS);
    }
}
