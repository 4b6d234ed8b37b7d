package com.lstmautoml.ui.experiments;

import com.lstmautoml.core.api.ApiDtos.ExperimentFilter;
import com.lstmautoml.core.api.ApiDtos.SortOrder;
import com.lstmautoml.core.api.ApiDtos.TrialPoint;
import com.lstmautoml.core.api.ApiDtos.TrialView;
import com.lstmautoml.ui.charts.EChart;
import com.lstmautoml.ui.fakes.FakeDatasets;
import com.lstmautoml.ui.fakes.FakeExperiments;
import com.lstmautoml.ui.fakes.FakeTrialEvents;
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
    private final FakeTrialEvents events = new FakeTrialEvents();

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
        ExperimentsView view = new ExperimentsView(experiments, datasets, Fixtures.ANN_ADMIN, events, Fixtures.CLOCK);
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
        ExperimentDetailView view = new ExperimentDetailView(experiments, Fixtures.ANN_ADMIN, events, Fixtures.CLOCK);
        view.show(1);
        // the first chart load waits for the browser's next round trip (no browser here): the ranking comes first
        assertThat(experiments.trialPointCalls).isZero();
        view.loadCharts();

        List<TrialRanking.TrialRow> rows = view.grid.getDataProvider().fetch(new Query<>()).toList();
        assertThat(rows).extracting(TrialRanking.TrialRow::rank).containsExactly(1, 2, null);
        assertThat(experiments.trialSorts.get(experiments.trialSorts.size() - 1)).isEmpty(); // default: best first
        assertThat(view.header.cancel.isVisible()).isTrue();
        assertThat(view.header.promoteBest.isEnabled()).isTrue();
        assertThat(view.header.promoteSelected.isEnabled()).isFalse();

        view.grid.select(rows.get(2));
        assertThat(view.header.promoteSelected.isEnabled()).isFalse(); // failed trial
        view.grid.select(rows.get(0));
        assertThat(view.header.promoteSelected.isEnabled()).isTrue();
        assertThat(view.selectedTrial()).map(t -> t.id()).contains(11L);

        // a refresh with nothing finished does not reload the chart points; the selection stays (by trial id)
        int calls = experiments.trialPointCalls;
        view.refresh();
        assertThat(experiments.trialPointCalls).isEqualTo(calls);
        assertThat(view.charts.history.getOption()).contains("\"data\":[[2,21.5,11]]");
        assertThat(view.grid.getDataProvider().getId(rows.get(0))).isEqualTo(11L);
        assertThat(view.selectedTrial()).map(t -> t.id()).contains(11L);
    }

    @Test
    void theHeaderSaysWhyNoMoreTrialsAreQueuedAndShowsTheTimeBudget() {
        var e = Fixtures.experiment(1, "budgeted", "RUNNING");
        var stopping = new com.lstmautoml.core.api.ApiDtos.ExperimentView(e.id(), e.name(), e.dataset(), e.target(),
                e.features(), e.strategy(), e.state(), e.maxTrials(), e.parallelism(), e.maxEpochs(), e.patience(),
                e.seed(), e.split(), e.searchSpace(), e.createdBy(), e.createdAt(), e.finishedAt(), e.trialsCreated(),
                e.trialsFinished(), e.trialCounts(), e.bestTrial(), e.promotedTrial(), e.etaSeconds(),
                Fixtures.json("{`type`:`none`}"), e.minEpochs(), e.seasonality(), e.seasonalitySource(),
                e.maseScale(), e.baselines(), false, "PT30M", "TIME_BUDGET", 1, e.task());
        // running trials still finish after the budget
        assertThat(ExperimentHeader.stopText(stopping)).isEqualTo(" · time budget spent, running trials finish");
        // no pruner, no pruner text
        assertThat(ExperimentHeader.prunerText(stopping)).isEmpty();
        // still queueing: nothing to say
        assertThat(ExperimentHeader.stopText(e)).isEmpty();
        experiments.experiments.set(0, stopping);
        ExperimentDetailView view = new ExperimentDetailView(experiments, Fixtures.ANN_ADMIN, events, Fixtures.CLOCK);
        view.show(1);
        assertThat(view.header.facts.getText()).contains("· time budget PT30M ·");
        // a budget spent fills the bar, and the trial count does not read as a share of maxTrials
        assertThat(view.header.progress.getValue()).isEqualTo(1.0);
        assertThat(view.header.progressText.getText()).isEqualTo(e.trialsFinished() + " (at most " + e.maxTrials()
                + ") trials finished · time budget spent, running trials finish");
        // a quarter of a 40-minute budget spent, 3 trials of 1000: the bar shows the time, the larger share
        var young = new com.lstmautoml.core.api.ApiDtos.ExperimentView(e.id(), e.name(), e.dataset(), e.target(),
                e.features(), e.strategy(), e.state(), 1000, e.parallelism(), e.maxEpochs(), e.patience(),
                e.seed(), e.split(), e.searchSpace(), e.createdBy(), Fixtures.CLOCK.instant().minusSeconds(600),
                e.finishedAt(), e.trialsCreated(), 3, e.trialCounts(), e.bestTrial(), e.promotedTrial(),
                e.etaSeconds(), Fixtures.json("{`type`:`none`}"), e.minEpochs(), e.seasonality(),
                e.seasonalitySource(), e.maseScale(), e.baselines(), false, "PT40M", null, 1, e.task());
        assertThat(ExperimentHeader.progressFraction(young, Fixtures.CLOCK.instant())).isEqualTo(0.25);
        // without a budget: trials finished of maxTrials, as before
        assertThat(ExperimentHeader.progressFraction(e, Fixtures.CLOCK.instant()))
                .isEqualTo((double) e.trialsFinished() / e.maxTrials());
    }

    @Test
    void theSpreadOfTheValidationWindowsIsAColumnOfWindowedExperimentsOnly() {
        experiments.trials.add(Fixtures.withWindows(Fixtures.trial(11, 2, "COMPLETED", 21.5), List.of(20.0, 23.0),
                2.1213));
        ExperimentDetailView view = new ExperimentDetailView(experiments, Fixtures.ANN_ADMIN, events, Fixtures.CLOCK);
        view.show(1);
        // one window: no spread to show
        assertThat(view.grid.getColumnByKey("valRmseStd").isVisible()).isFalse();

        experiments.experiments.set(0, Fixtures.withWindows(experiments.experiments.get(0), 2));
        view.refresh();
        // two windows: the column shows each trial's spread, its tooltip each window's RMSE
        assertThat(view.grid.getColumnByKey("valRmseStd").isVisible()).isTrue();
        assertThat(view.header.facts.getText()).contains("2 validation windows");
        TrialView t = view.grid.getDataProvider().fetch(new Query<>()).findFirst().orElseThrow().trial();
        assertThat(TrialRanking.spread(t)).isEqualTo("± 2.1213");
        assertThat(TrialRanking.windowsText(t)).endsWith("20.0000, 23.0000");
        assertThat(t.valRmse()).isEqualTo(21.5);
    }

    /** The text of a footer row's cell in the column with this key. */
    private static String footer(ExperimentDetailView view, int row, String key) {
        var cell = view.grid.getFooterRows().get(row).getCell(view.grid.getColumnByKey(key));
        return cell.getComponent() == null ? cell.getText() : cell.getComponent().getElement().getText();
    }

    @Test
    void detailShowsTheSeasonAndTheBaselinesAsLabelledFooterRows() {
        experiments.trials.add(Fixtures.trial(11, 2, "COMPLETED", 21.5));
        ExperimentDetailView view = new ExperimentDetailView(experiments, Fixtures.ANN_ADMIN, events, Fixtures.CLOCK);
        view.show(1);

        assertThat(view.header.facts.getText()).contains("season 12 (from the time column)").contains("(min 20)")
                // the pruner with its settings
                .contains("random search, median pruning (startupTrials 5, warmupEpochs 5) · max 60 epochs");
        // trials: the new validation metrics in their columns
        TrialRanking.TrialRow row = view.grid.getDataProvider().fetch(new Query<>()).findFirst().orElseThrow();
        assertThat(view.grid.getColumnByKey("valMae").getHeaderText()).isEqualTo("Val MAE");
        assertThat(view.grid.getColumnByKey("valSmape").getHeaderText()).isEqualTo("Val sMAPE %");
        assertThat(view.grid.getColumnByKey("valSkill").getHeaderText()).isEqualTo("Skill vs seasonal naive");
        assertThat(row.trial().valSkill()).isEqualTo(1 - 21.5 / 31.04);
        // baselines: one labelled footer row each, their validation figures in the trials' columns
        assertThat(view.grid.getFooterRows()).hasSize(3);
        assertThat(footer(view, 1, "rank")).isEqualTo("seasonal naive");
        var label = view.grid.getFooterRows().get(1).getCell(view.grid.getColumnByKey("rank")).getComponent();
        assertThat(label.getId()).contains("baseline-seasonal-naive");
        assertThat(label.getElement().getAttribute("title")).isEqualTo("y[t-12]");
        assertThat(footer(view, 1, "valRmse")).isEqualTo("31.0400");
        assertThat(footer(view, 1, "valMae")).isEqualTo("24.8320");
        assertThat(footer(view, 1, "valMase")).isEqualTo("1.419"); // 24.832 / 17.5
        assertThat(footer(view, 1, "valSmape")).isEqualTo("7.76");
        assertThat(footer(view, 1, "valSkill")).isEqualTo("0.00");
        assertThat(footer(view, 2, "rank")).isEqualTo("Holt-Winters");
        assertThat(footer(view, 2, "valRmse")).isEqualTo("20.9800");
        assertThat(footer(view, 2, "valSkill")).isEqualTo("0.32");
        assertThat(footer(view, 0, "rank")).isEqualTo("naive");
        assertThat(footer(view, 0, "valSkill")).isEqualTo("-0.47");
        assertThat(footer(view, 0, "trainRmse")).isEmpty();

        // a live refresh keeps the same rows; the grid stays lazy and sorted by the service
        var rows = view.grid.getFooterRows();
        view.refresh();
        assertThat(view.grid.getFooterRows()).isEqualTo(rows);
        // sorting by skill (best first) is valRmse ascending in the database
        view.grid.getDataProvider().fetch(new Query<>(0, 50, view.grid.getColumnByKey("valSkill")
                .getSortOrder(SortDirection.DESCENDING).toList(), null, null)).toList();
        assertThat(experiments.trialSorts.get(experiments.trialSorts.size() - 1))
                .containsExactly(new SortOrder("valRmse", false));

        // the optimisation history has a dashed reference line per baseline
        view.loadCharts();
        assertThat(view.charts.history.getOption()).contains("\"yAxis\":31.04").contains("\"type\":\"dashed\"");
    }

    @Test
    void heldOutTestPanelComparesThePromotedTrialWithTheBaselines() {
        experiments.experiments.add(Fixtures.experiment(3, "promoted", "COMPLETED",
                Fixtures.brief(17, 7, 19.0, 19.37)));
        ExperimentDetailView view = new ExperimentDetailView(experiments, Fixtures.ANN_ADMIN, events, Fixtures.CLOCK);
        view.show(3);

        assertThat(view.heldOutTest.getId()).contains(HeldOutTestPanel.ID);
        assertThat(view.heldOutTest.verdictText())
                .isEqualTo("Promoted trial #7 beats seasonal naive on the test rows (skill 0.62)."
                        + " Holt-Winters does better (test RMSE 16.0200).");
        List<List<String>> table = view.heldOutTest.tableRows();
        assertThat(table.get(0)).containsExactly("Trial #7 (promoted)", "19.3700", "15.4960", "0.885", "4.84",
                "0.62");
        assertThat(table.get(2)).startsWith("seasonal naive", "50.8900");
        assertThat(table).hasSize(4);
        assertThat(view.heldOutTest.table.getBody().getRows().get(2).getElement().getAttribute("data-model"))
                .isEqualTo("seasonal naive");
    }

    @Test
    void heldOutTestSaysPlainlyWhenThePromotedTrialLosesToSeasonalNaive() {
        experiments.experiments.add(Fixtures.experiment(3, "worse", "COMPLETED",
                Fixtures.brief(17, 7, 25.0, 60.0)));
        ExperimentDetailView view = new ExperimentDetailView(experiments, Fixtures.ANN_ADMIN, events, Fixtures.CLOCK);
        view.show(3);
        assertThat(view.heldOutTest.verdictText()).startsWith(
                "Promoted trial #7 loses to seasonal naive on the test rows (skill -0.18)");
        assertThat(view.heldOutTest.tableRows().get(0)).startsWith("Trial #7 (promoted)", "60.0000");
        assertThat(view.heldOutTest.tableRows().get(2)).startsWith("seasonal naive", "50.8900");

        // exactly as good as seasonal naive is no win either
        var tie = Fixtures.brief(18, 8, 25.0, 50.89);
        assertThat(HeldOutTestPanel.verdict(tie, Fixtures.BASELINES, null)).contains("loses to seasonal naive");
        // without the service's skill, it is computed from seasonal naive's test RMSE
        var noSkill = new com.lstmautoml.core.api.ApiDtos.TrialBrief(19, 9, "COMPLETED", null, 20.0, 18.0, null,
                null, null, null, 40.0, null, null, null, null);
        assertThat(HeldOutTestPanel.verdict(noSkill, Fixtures.BASELINES, null)).contains("beats seasonal naive")
                .contains("(skill 0.21)");
    }

    @Test
    void withoutAPromotedTrialTheTestSliceIsNotScored() {
        ExperimentDetailView view = new ExperimentDetailView(experiments, Fixtures.ANN_ADMIN, events, Fixtures.CLOCK);
        view.show(1);
        assertThat(view.heldOutTest.verdictText())
                .startsWith("The test slice (the last 20 % of the rows) is scored only when a trial is promoted");
        assertThat(view.heldOutTest.tableRows()).extracting(r -> r.get(0))
                .containsExactly("naive", "seasonal naive", "Holt-Winters");

        // promoting scores the test slice: the next refresh shows it
        experiments.experiments.set(0, Fixtures.experiment(1, "a", "RUNNING", Fixtures.brief(11, 2, 21.5, 30.0)));
        view.refresh();
        assertThat(view.heldOutTest.verdictText()).startsWith("Promoted trial #2 beats seasonal naive");
        assertThat(view.heldOutTest.tableRows()).hasSize(4);
        assertThat(view.heldOutTest.table.getHead().getRows()).hasSize(1);
        assertThat(view.heldOutTest.tableRows().get(0)).startsWith("Trial #2 (promoted)", "30.0000");
    }

    @Test
    void chartsKeepTheirOptionAndAStableClass() {
        EChart chart = new EChart();
        chart.setOption("{\"series\":[]}");
        assertThat(chart.getOption()).isEqualTo("{\"series\":[]}");
        assertThat(chart.getClassNames()).contains(EChart.CSS_CLASS);
    }
}
