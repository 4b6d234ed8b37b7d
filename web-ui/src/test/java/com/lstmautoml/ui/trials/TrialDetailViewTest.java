package com.lstmautoml.ui.trials;

import com.lstmautoml.core.api.ApiDtos.EpochPoint;
import com.lstmautoml.core.api.ApiDtos.Predictions;
import com.lstmautoml.core.api.ApiDtos.TrialDetail;
import com.lstmautoml.core.api.ApiDtos.TrialView;
import com.lstmautoml.core.api.NotFoundException;
import com.lstmautoml.core.api.Trials;
import com.lstmautoml.ui.fakes.CurrentUi;
import com.lstmautoml.ui.fakes.FakeExperiments;
import com.lstmautoml.ui.fakes.FakeTrials;
import com.lstmautoml.ui.fakes.FakeTrialEvents;
import com.lstmautoml.ui.fakes.Fixtures;
import com.vaadin.flow.component.UI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrialDetailViewTest {

    private final UI ui = new UI();
    private final FakeExperiments experiments = new FakeExperiments();
    private final List<EpochPoint> curve = new ArrayList<>();
    private int gets;

    private final Trials trials = new FakeTrials((caller, id) -> {
        gets++;
        if (id != 11) {
            throw new NotFoundException("no trial " + id);
        }
        TrialView t = Fixtures.trial(11, 2, "RUNNING", null);
        return new TrialDetail(t, Fixtures.json("{`layers`:[]}"), List.copyOf(curve),
                new Predictions(List.of("1959-01"), new double[] {360}, new double[] {351}), null, null, List.of());
    });

    @BeforeEach
    void setUp() {
        UI.setCurrent(ui); // held in a field: CurrentInstance keeps only a weak reference
        experiments.experiments.add(Fixtures.experiment(1, "a", "RUNNING"));
    }

    @AfterEach
    void tearDown() {
        UI.setCurrent(null);
    }

    @Test
    void lossCurveGrowsWhileTheTrialRuns() {
        TrialDetailView view = new TrialDetailView(trials, experiments, Fixtures.ANN_ADMIN, new FakeTrialEvents());
        curve.add(new EpochPoint(1, 0.9, 1.0, null));
        view.show(11);
        assertThat(view.loss.getOption()).contains("[1,0.9]");
        assertThat(view.predictions.getOption()).contains("1959-01");

        curve.add(new EpochPoint(2, 0.5, 0.6, null));
        view.refresh();
        assertThat(view.loss.getOption()).contains("[2,0.5]");
        assertThat(gets).isEqualTo(2);
    }

    @Test
    void anEpochOfThisTrialReachesThePageByPushOtherTrialsDoNot() {
        FakeTrialEvents events = new FakeTrialEvents();
        CurrentUi current = new CurrentUi();
        current.beforeEach(null);
        try {
            TrialDetailView view = new TrialDetailView(trials, experiments, Fixtures.ANN_ADMIN, events);
            curve.add(new EpochPoint(1, 0.9, 1.0, null));
            view.show(11);
            current.ui.add(view);
            // the page follows the trial's experiment
            assertThat(events.followed()).containsExactly(1L);
            int before = gets;

            curve.add(new EpochPoint(2, 0.5, 0.6, null));
            events.epochRecorded(1, 12);
            events.trialChanged(1, 12);
            current.session.runPendingAccess();
            // a sibling trial's epoch or result does not re-read this one
            assertThat(gets).isEqualTo(before);

            events.epochRecorded(1, 11);
            // this trial's epoch is applied inside UI.access (pushed), not on the event's thread
            assertThat(view.loss.getOption()).doesNotContain("[2,0.5]");
            current.session.runPendingAccess();
            assertThat(view.loss.getOption()).contains("[2,0.5]");
            assertThat(gets).isEqualTo(before + 1);

            current.ui.remove(view);
            assertThat(events.subscriptions).isEmpty();
        } finally {
            current.afterEach(null);
        }
    }

    @Test
    void validationMetricsAlwaysAndTestScoresOnceTheTrialWasPromoted() {
        TrialView plain = Fixtures.trial(11, 2, "COMPLETED", 20.0);
        TrialView promoted = new TrialView(12, 1, 3, "COMPLETED", plain.params(), 20.0, 18.0, 30, 20, "PATIENCE",
                12.0, "w-1", 1, null, List.of(), null, null, null, 16.0, 0.914, 5.1, 0.356, 19.37, 15.5, 0.886, 4.84,
                0.619, List.of(20.0), null);
        Trials both = new FakeTrials((caller, id) -> new TrialDetail(id == 11 ? plain : promoted, null, List.of(), null,
                null, null, List.of()));
        TrialDetailView view = new TrialDetailView(both, experiments, Fixtures.ANN_ADMIN, new FakeTrialEvents());

        view.show(11);
        assertThat(texts(view)).contains("Val MAE", "16.0000", "Val MASE", "0.914", "Val sMAPE %", "5.00",
                "Skill vs seasonal naive", "0.36");
        assertThat(view.test.isVisible()).isFalse();

        view.show(12);
        assertThat(view.test.isVisible()).isTrue();
        assertThat(texts(view.test)).containsExactly("Test RMSE", "19.3700", "Test MAE", "15.5000", "Test MASE",
                "0.886", "Test sMAPE %", "4.84", "Test skill vs seasonal naive", "0.62");
    }

    @Test
    void aTrialOfSeveralValidationWindowsShowsEachWindowOrWhereItIs() {
        experiments.experiments.set(0, Fixtures.withWindows(Fixtures.experiment(1, "a", "RUNNING"), 3));
        // running: two epochs of window 0 and one of window 1 recorded
        curve.add(new EpochPoint(0, 0.9, 1.0, 40.0, 0));
        curve.add(new EpochPoint(1, 0.5, 0.6, 30.0, 0));
        curve.add(new EpochPoint(0, 0.8, 0.9, 35.0, 1));
        TrialDetailView view = new TrialDetailView(trials, experiments, Fixtures.ANN_ADMIN, new FakeTrialEvents());
        view.show(11);
        assertThat(texts(view)).containsSubsequence("Validation windows", "window 2 of 3");
        assertThat(texts(view)).contains("Val RMSE (mean of windows)", "Epochs run (all windows)");

        // finished: each window's RMSE, oldest first, and their spread
        TrialView done = Fixtures.withWindows(Fixtures.trial(12, 3, "COMPLETED", 20.0), List.of(18.0, 20.0, 22.0),
                2.0);
        TrialDetailView finished = new TrialDetailView(new FakeTrials((caller, id) -> new TrialDetail(done, null,
                List.of(), null, null, null, List.of())), experiments, Fixtures.ANN_ADMIN, new FakeTrialEvents());
        finished.show(12);
        assertThat(texts(finished)).containsSubsequence("Val RMSE (mean of windows)", "20.0000", "Validation windows",
                "18.0000 / 20.0000 / 22.0000 (sd 2.0000)");
    }

    /** Every text of the component's descendants (leaves only). */
    private static List<String> texts(com.vaadin.flow.component.Component c) {
        List<String> out = new ArrayList<>();
        c.getChildren().forEach(child -> {
            if (child.getChildren().findAny().isEmpty()) {
                String t = child.getElement().getText();
                if (!t.isEmpty()) {
                    out.add(t);
                }
            } else {
                out.addAll(texts(child));
            }
        });
        return out;
    }

    @Test
    void stopReasonsInWords() {
        var experiment = experiments.get(Fixtures.caller(com.lstmautoml.core.api.Role.VIEWER), 1);
        assertThat(TrialDetailView.stopReason("PATIENCE", experiment)).isEqualTo("no improvement for 7 epochs");
        assertThat(TrialDetailView.stopReason("MAX_EPOCHS", experiment)).isEqualTo("reached max epochs (60)");
        assertThat(TrialDetailView.stopReason(null, experiment)).isEqualTo("–");
    }
}
