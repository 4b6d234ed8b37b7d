package com.lstmautoml.ui.experiments;

import com.lstmautoml.core.api.ApiDtos.TrialPoint;
import com.lstmautoml.core.space.Hyperparameter;
import com.lstmautoml.core.space.Task;
import com.lstmautoml.ui.fakes.FakeDatasets;
import com.lstmautoml.ui.fakes.FakeExperiments;
import com.lstmautoml.ui.fakes.FakeTrialEvents;
import com.lstmautoml.ui.fakes.Fixtures;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.data.provider.Query;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A generation experiment's pages: scored in bits per character, its own hyperparameters, the n-gram baseline. */
class TextExperimentViewTest {

    private final UI ui = new UI();
    private final FakeExperiments experiments = new FakeExperiments();
    private final FakeTrialEvents events = new FakeTrialEvents();

    @BeforeEach
    void setUp() {
        UI.setCurrent(ui); // held in a field: CurrentInstance keeps only a weak reference
        experiments.experiments.add(Fixtures.textExperiment(2, "chars", "RUNNING", null));
        experiments.trials.add(Fixtures.textTrial(21, 2, 2, "COMPLETED", 2.3));
        experiments.trials.add(Fixtures.textTrial(22, 2, 1, "COMPLETED", 2.7));
        experiments.points.add(new TrialPoint(21, 2, "COMPLETED",
                Fixtures.json("{`units`:128,`sequenceLength`:100,`tbpttLength`:50}"), 2.3));
    }

    @AfterEach
    void tearDown() {
        UI.setCurrent(null);
    }

    private ExperimentDetailView page() {
        ExperimentDetailView view = new ExperimentDetailView(experiments, Fixtures.ANN_ADMIN, events, Fixtures.CLOCK);
        view.show(2);
        view.loadCharts();
        return view;
    }

    private static String footer(ExperimentDetailView view, int row, String key) {
        var cell = view.grid.getFooterRows().get(row).getCell(view.grid.getColumnByKey(key));
        return cell.getComponent() == null ? cell.getText() : cell.getComponent().getElement().getText();
    }

    @Test
    void theRankingSaysBitsPerCharacterAndHasTheTextsColumnsOnly() {
        ExperimentDetailView view = page();

        assertThat(view.grid.getColumnByKey("valRmse").getHeaderText()).isEqualTo("Val bits/char");
        assertThat(view.grid.getColumnByKey("trainRmse").getHeaderText()).isEqualTo("Train bits/char");
        // MAE, MASE, sMAPE and skill do not exist for a text
        for (String key : List.of("valMae", "valMase", "valSmape", "valSkill")) {
            assertThat(view.grid.getColumnByKey(key).isVisible()).as(key).isFalse();
        }
        // a column per hyperparameter of the text's task
        for (Hyperparameter h : Hyperparameter.values()) {
            assertThat(view.grid.getColumnByKey("param-" + h.key()).isVisible()).as(h.key())
                    .isEqualTo(h.tasks().contains(Task.GENERATE));
        }
        assertThat(view.grid.getDataProvider().fetch(new Query<>())).extracting(TrialRanking.TrialRow::rank)
                .containsExactly(1, 2);
        // the character n-gram is the reference row under the ranking, in bits per character
        assertThat(view.grid.getFooterRows()).hasSize(1);
        assertThat(footer(view, 0, "rank")).isEqualTo("character n-gram");
        assertThat(footer(view, 0, "valRmse")).isEqualTo("2.577");
    }

    @Test
    void theHeaderTheChartsAndTheHeldOutTestSayBitsPerCharacter() {
        ExperimentDetailView view = page();
        assertThat(view.header.facts.getText()).startsWith("shakespeare → generated text · random search");
        assertThat(view.header.facts.getText()).doesNotContain("season");
        assertThat(view.header).extracting(h -> h.getElement().getTextRecursively()).asString()
                .contains("Best val bits/char 2.300 (trial #2)").doesNotContain("seasonal naive");
        assertThat(view.charts.history.getOption()).contains("validation bits/char")
                .contains("character n-gram 2.577");
        assertThat(view.charts.parameter.getListDataView().getItems().toList())
                .containsExactlyElementsOf(Task.GENERATE.hyperparameters());
        assertThat(view.charts.parallel.getOption()).contains("sequenceLength").doesNotContain("lookBack");

        // before a promotion: the n-gram's test score alone
        assertThat(view.heldOutTest.verdictText()).startsWith("The test slice (the last 10 % of the text)");
        assertThat(view.heldOutTest.tableRows()).containsExactly(List.of("character n-gram", "2.610"));

        // promoted: the trial's test bits per character against the n-gram's
        experiments.experiments.set(0, Fixtures.textExperiment(2, "chars", "COMPLETED",
                Fixtures.textBrief(21, 2, 2.3, 2.41)));
        view.refresh();
        assertThat(view.heldOutTest.verdictText()).isEqualTo("Promoted trial #2 writes the test text at 2.410"
                + " bits/char, fewer than the character n-gram (2.610).");
        assertThat(view.heldOutTest.tableRows()).containsExactly(List.of("Trial #2 (promoted)", "2.410"),
                List.of("character n-gram", "2.610"));
        assertThat(view.heldOutTest.table.getHead().getRows().get(0).getAllCells())
                .extracting(c -> c.getElement().getText()).containsExactly("", "Test bits/char");
        assertThat(TextVerdict.of(Fixtures.textBrief(21, 2, 2.3, 2.7), List.of(Fixtures.NGRAM), null))
                .contains("no fewer than the character n-gram (2.610)");
    }

    @Test
    void aTextModelIsPromotedWithoutARefitAndTheHistorySaysItsTask() {
        ExperimentDetailView view = page();
        view.promote(21L);
        assertThat(experiments.promoted).containsExactly(21L);
        assertThat(experiments.refits).containsExactly(false);

        // the history: each experiment's task, its best score with its unit
        experiments.experiments.add(Fixtures.experiment(1, "passengers", "COMPLETED"));
        ExperimentsView history = new ExperimentsView(experiments, new FakeDatasets(), Fixtures.ANN_ADMIN, events,
                Fixtures.CLOCK);
        assertThat(history.grid.getColumnByKey("task").getHeaderText()).isEqualTo("Task");
        assertThat(ExperimentsView.bestText(experiments.experiments.get(0))).isEqualTo("2.300 bits/char");
        assertThat(ExperimentsView.bestText(experiments.experiments.get(1))).isEqualTo("RMSE 21.5000");
    }
}
