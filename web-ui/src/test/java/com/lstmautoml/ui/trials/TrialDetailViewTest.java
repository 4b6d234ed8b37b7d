package com.lstmautoml.ui.trials;

import com.lstmautoml.ui.layout.LiveUpdates;
import com.lstmautoml.core.api.ApiDtos.EpochPoint;
import com.lstmautoml.core.api.ApiDtos.SampleRequest;
import com.lstmautoml.core.api.ApiDtos.TextSample;
import com.lstmautoml.core.api.ConflictException;
import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;
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

    /** A finished generation trial of the text experiment 2, with its samples at three temperatures. */
    private FakeTrials textTrial(String state) {
        experiments.experiments.add(Fixtures.textExperiment(2, "chars", "COMPLETED", null));
        TrialView t = Fixtures.textTrial(21, 2, 2, state, 2.3);
        List<TextSample> written = List.of(
                new TextSample("ROMEO:", 0.5, 30, 11, "\nI will not.\nJULIET:\nThou wilt."),
                new TextSample("ROMEO:", 1.0, 12, 12, " What, ho!\n"),
                new TextSample("ROMEO:", 1.2, 10, 13, " Zounds qx"));
        return new FakeTrials((caller, id) -> new TrialDetail(t, null, List.of(new EpochPoint(0, 2.0, 1.9, 2.8),
                new EpochPoint(1, 1.7, 1.6, 2.3)), new Predictions(List.of(), new double[0], new double[0]),
                Fixtures.json("{`characters`:[`a`,`b`]}"), null, "COMPLETED".equals(state) ? written : List.of()));
    }

    /** The texts of the samples shown, seed and text, as a browser shows them. */
    private static List<String> sampleTexts(com.vaadin.flow.component.Component c) {
        return c.getElement().getChildren().flatMap(e -> e.getChildren())
                .filter(e -> e.getClassList().contains(TextSamplesPanel.SAMPLE_CLASS))
                .map(com.vaadin.flow.dom.Element::getTextRecursively).toList();
    }

    @Test
    void aCompletedTextTrialsPageLooksForItsSamplesUntilTheyAreWritten() {
        experiments.experiments.add(Fixtures.textExperiment(2, "chars", "COMPLETED", null));
        TrialView t = Fixtures.textTrial(21, 2, 2, "COMPLETED", 2.3);
        List<TextSample> written = new ArrayList<>();
        FakeTrials texts = new FakeTrials((caller, id) -> new TrialDetail(t, null, List.of(), new Predictions(
                List.of(), new double[0], new double[0]), null, null, List.copyOf(written)));
        CurrentUi current = new CurrentUi();
        current.beforeEach(null);
        try {
            TrialDetailView view = new TrialDetailView(texts, experiments, Fixtures.ANN_ADMIN, new FakeTrialEvents());
            view.show(21);
            current.ui.add(view);
            view.refresh();
            // no samples yet and no event will announce them: the page polls every 2 s
            assertThat(current.ui.getPollInterval()).isEqualTo(TrialDetailView.SAMPLES_POLL_MS);
            written.add(new TextSample("ROMEO:", 0.5, 5, 11, " Ay me"));
            // the poll's re-read (a poll announces "everything")
            view.changed(com.lstmautoml.core.api.TrialEvents.Changes.EVERYTHING);
            // once they are there, back to the slow fallback poll
            assertThat(sampleTexts(view.samples.samples)).hasSize(1);
            assertThat(current.ui.getPollInterval()).isEqualTo(LiveUpdates.FALLBACK_POLL_MS);
            // from then on a poll no longer re-reads the finished trial
            written.add(new TextSample("ROMEO:", 1.0, 5, 12, " Ay ay"));
            view.changed(com.lstmautoml.core.api.TrialEvents.Changes.EVERYTHING);
            assertThat(sampleTexts(view.samples.samples)).hasSize(1);
        } finally {
            current.afterEach(null);
        }
    }

    @Test
    void aGenerationTrialShowsBitsPerCharacterItsSamplesAndNoPredictions() {
        TrialDetailView view = new TrialDetailView(textTrial("COMPLETED"), experiments, Fixtures.ANN_ADMIN,
                new FakeTrialEvents());
        view.show(21);

        // bits per character; none of a forecast's metrics
        assertThat(texts(view)).containsSubsequence("Val bits/char", "2.300", "Train bits/char", "2.070")
                .doesNotContain("Val MAE", "Val MASE", "Skill vs seasonal naive", "Val RMSE");
        // the text's hyperparameters
        assertThat(texts(view)).contains("sequenceLength", "100", "tbpttLength", "50").doesNotContain("lookBack");
        // the loss curve with the validation bits per character per epoch; no validation predictions
        assertThat(view.loss.getOption()).contains("validation bits/char").contains("cross-entropy");
        assertThat(view.predictions.isVisible()).isFalse();
        // the samples at their temperatures, seed first, line breaks as written
        assertThat(view.samples.isVisible()).isTrue();
        assertThat(sampleTexts(view.samples.samples)).containsExactly(
                "ROMEO:\nI will not.\nJULIET:\nThou wilt.", "ROMEO: What, ho!\n", "ROMEO: Zounds qx");
        assertThat(view.samples.samples.getElement().getChild(0).getChild(1).getStyle().get("white-space"))
                .isEqualTo("pre-wrap");
        assertThat(view.samples.samples.getElement().getTextRecursively()).contains("temperature 0.5");
    }

    @Test
    void theSampleFormAsksTheTrialsModelAndShowsItsAnswer() {
        FakeTrials fake = textTrial("COMPLETED");
        TrialDetailView view = new TrialDetailView(fake, experiments, Fixtures.ANN_ADMIN, new FakeTrialEvents());
        view.show(21);
        // the form starts from the samples' seed
        assertThat(view.samples.seed.getValue()).isEqualTo("ROMEO:");
        assertThat(view.samples.form.isVisible()).isTrue();

        view.samples.seed.setValue("JULIET:\n");
        view.samples.length.setValue(50);
        view.samples.temperature.setValue(0.8);
        view.samples.randomSeed.setValue("42");
        view.samples.write.click();

        assertThat(fake.samples).singleElement().isEqualTo(new FakeTrials.SampleCall(21,
                new SampleRequest("JULIET:\n", 50, 0.8, 42L)));
        assertThat(view.samples.answer.isVisible()).isTrue();
        assertThat(sampleTexts(view.samples.answer)).containsExactly("JULIET:\n" + "x".repeat(50));

        // an empty random seed asks for a random one
        view.samples.randomSeed.clear();
        view.samples.write.click();
        assertThat(fake.samples.get(1).request().randomSeed()).isNull();
    }

    @Test
    void theServicesObjectionsShowAtTheSampleFormsFields() {
        FakeTrials fake = textTrial("COMPLETED");
        TrialDetailView view = new TrialDetailView(fake, experiments, Fixtures.ANN_ADMIN, new FakeTrialEvents());
        view.show(21);
        fake.sampleFailure = new ValidationException(List.of(
                new FieldError("temperature", "must be greater than 0 and at most 5.0, got 9"),
                new FieldError("seed", "is empty: give the text to continue")));
        view.samples.write.click();
        assertThat(view.samples.temperature.isInvalid()).isTrue();
        assertThat(view.samples.temperature.getErrorMessage()).isEqualTo("must be greater than 0 and at most 5.0, got 9");
        assertThat(view.samples.seed.getErrorMessage()).isEqualTo("is empty: give the text to continue");
        assertThat(view.samples.answer.isVisible()).isFalse();

        // a trial without a stored model: said below the form, the field errors gone
        fake.sampleFailure = new ConflictException("trial 21 has no stored model");
        view.samples.write.click();
        assertThat(view.samples.temperature.isInvalid()).isFalse();
        assertThat(view.samples.errors.getElement().getTextRecursively()).isEqualTo("trial 21 has no stored model");

        // a random seed that is no number never reaches the service
        int calls = fake.samples.size();
        view.samples.randomSeed.setValue("4-2");
        view.samples.write.click();
        assertThat(fake.samples).hasSize(calls);
        assertThat(view.samples.randomSeed.isInvalid()).isTrue();
    }

    @Test
    void aGenerationTrialStillTrainingHasNoSamplesYet() {
        TrialDetailView view = new TrialDetailView(textTrial("RUNNING"), experiments, Fixtures.ANN_ADMIN,
                new FakeTrialEvents());
        view.show(21);
        assertThat(view.samples.isVisible()).isTrue();
        assertThat(view.samples.form.isVisible()).isFalse();
        assertThat(view.samples.note.getText()).contains("once the trial has finished training (it is running now)");
        assertThat(sampleTexts(view.samples.samples)).isEmpty();
        // a forecast's trial page has no samples
        TrialDetailView forecast = new TrialDetailView(trials, experiments, Fixtures.ANN_ADMIN, new FakeTrialEvents());
        forecast.show(11);
        assertThat(forecast.samples.isVisible()).isFalse();
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
        assertThat(TrialFacts.stopReason("PATIENCE", experiment)).isEqualTo("no improvement for 7 epochs");
        assertThat(TrialFacts.stopReason("MAX_EPOCHS", experiment)).isEqualTo("reached max epochs (60)");
        assertThat(TrialFacts.stopReason(null, experiment)).isEqualTo("–");
    }
}
