package com.lstmautoml.ui.experiments;

import com.lstmautoml.ui.fakes.CurrentUi;
import com.lstmautoml.ui.fakes.FakeDatasets;
import com.lstmautoml.ui.fakes.FakeExperiments;
import com.lstmautoml.ui.fakes.FakeTrialEvents;
import com.lstmautoml.ui.fakes.Fixtures;
import com.lstmautoml.ui.layout.LiveUpdates;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.data.provider.DataChangeEvent;
import com.vaadin.flow.data.provider.Query;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The experiment pages live, against a fake event source: a change of the page's experiment refreshes it by push
 * (inside {@code UI.access}), another experiment's change does not, the ranking keeps its sort and selection, and
 * leaving the page ends the subscription.
 */
class ExperimentLiveTest {

    @RegisterExtension
    final CurrentUi current = new CurrentUi();
    private final FakeExperiments experiments = new FakeExperiments();
    private final FakeTrialEvents events = new FakeTrialEvents();

    @BeforeEach
    void setUp() {
        experiments.experiments.add(Fixtures.experiment(1, "a", "RUNNING"));
        experiments.experiments.add(Fixtures.experiment(2, "b", "RUNNING"));
        experiments.trials.add(Fixtures.trial(11, 2, "COMPLETED", 21.5));
        experiments.trials.add(Fixtures.trial(12, 1, "RUNNING", null));
    }

    private ExperimentDetailView openExperiment(long id) {
        ExperimentDetailView view = new ExperimentDetailView(experiments, Fixtures.ANN_ADMIN, events, Fixtures.CLOCK);
        view.show(id);
        current.ui.add(view);
        return view;
    }

    @Test
    void aChangeOfItsExperimentRefreshesThePageByPushAndAnotherExperimentsDoesNot() {
        ExperimentDetailView view = openExperiment(1);
        // while attached, the page follows its own experiment, and polls only as a slow fallback
        assertThat(events.followed()).containsExactly(1L);
        assertThat(current.ui.getPollInterval()).isEqualTo(LiveUpdates.FALLBACK_POLL_MS);

        // the user sorts the ranking by validation RMSE, worst first, and selects trial 11
        var valRmse = view.grid.getColumnByKey("valRmse");
        view.grid.sort(GridSortOrder.desc(valRmse).build());
        var rows = view.grid.getDataProvider().fetch(new Query<>()).toList();
        view.grid.select(rows.stream().filter(r -> r.trial().id() == 11).findFirst().orElseThrow());
        List<DataChangeEvent<?>> reloads = new ArrayList<>();
        view.grid.getDataProvider().addDataProviderListener(reloads::add);
        assertThat(view.header.cancel.isVisible()).isTrue();

        // meanwhile a worker finishes trial 12 and the experiment completes
        experiments.experiments.set(0, Fixtures.experiment(1, "a", "COMPLETED"));
        experiments.trials.set(1, Fixtures.trial(12, 1, "COMPLETED", 19.0));

        events.trialChanged(2, 21);
        // another experiment's change never reaches the page
        assertThat(current.session.pendingAccess).isEmpty();
        events.epochRecorded(1, 12);
        // nor does an epoch alone: the page shows no epochs (the trial's page does)
        assertThat(current.session.pendingAccess).isEmpty();

        events.trialChanged(1, 12);
        // its own experiment's change is handed to the UI (UI.access), not applied on the event's thread
        assertThat(current.session.pendingAccess).hasSize(1);
        assertThat(view.header.cancel.isVisible()).isTrue();
        current.session.runPendingAccess();

        // with the UI's lock the page re-reads: the header shows the completed experiment (no cancel any more)...
        assertThat(view.experiment.state()).isEqualTo("COMPLETED");
        assertThat(view.header.cancel.isVisible()).isFalse();
        // ...and the ranking is reloaded in place: same sort, same selection (rows are identified by trial id)
        assertThat(reloads).hasSize(1);
        assertThat(view.grid.getSortOrder()).extracting(o -> o.getSorted().getKey(), GridSortOrder::getDirection)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("valRmse",
                        com.vaadin.flow.data.provider.SortDirection.DESCENDING));
        assertThat(view.selectedTrial()).map(t -> t.id()).contains(11L);
        var fresh = view.grid.getDataProvider().fetch(new Query<>()).toList();
        assertThat(fresh.stream().filter(r -> r.trial().id() == 12).findFirst().orElseThrow().trial().state())
                .isEqualTo("COMPLETED");
    }

    @Test
    void thePageFollowsTheExperimentItShowsAndLeavingEndsTheSubscription() {
        ExperimentDetailView view = openExperiment(1);
        // the same view shown for another experiment (a link between experiments) follows that one instead
        view.show(2);
        assertThat(events.followed()).containsExactly(2L);
        events.trialChanged(1, 11);
        assertThat(current.session.pendingAccess).isEmpty();

        current.ui.remove(view);
        // detached: no subscription, no polling
        assertThat(events.subscriptions).isEmpty();
        assertThat(current.ui.getPollInterval()).isEqualTo(-1);
        events.trialChanged(2, 21);
        assertThat(current.session.pendingAccess).isEmpty();
    }

    @Test
    void theHistoryFollowsEveryExperiment() {
        ExperimentsView history = new ExperimentsView(experiments, new FakeDatasets(), Fixtures.ANN_ADMIN, events,
                Fixtures.CLOCK);
        current.ui.add(history);
        List<DataChangeEvent<?>> reloads = new ArrayList<>();
        history.grid.getDataProvider().addDataProviderListener(reloads::add);
        // the history hears every experiment (null: all)
        assertThat(events.followed()).containsExactly((Long) null);

        events.trialChanged(2, 21);
        current.session.runPendingAccess();
        // any experiment's change reloads the lazy grid in place
        assertThat(reloads).hasSize(1);
        current.ui.remove(history);
        assertThat(events.subscriptions).isEmpty();
    }
}
