package com.lstmautoml.ui.experiments;

import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.ExperimentOptions;
import com.lstmautoml.core.api.Role;
import com.lstmautoml.core.space.Hyperparameter;
import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;
import com.lstmautoml.ui.datasets.UploadPanelProbe;
import com.lstmautoml.ui.fakes.FakeDatasets;
import com.lstmautoml.ui.fakes.FakeExperiments;
import com.lstmautoml.ui.fakes.Fixtures;
import com.vaadin.flow.component.UI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NewExperimentViewTest {

    private final UI ui = new UI();

    private final FakeExperiments experiments = new FakeExperiments();
    private final FakeDatasets datasets = new FakeDatasets();
    private NewExperimentView view;

    @BeforeEach
    void setUp() {
        UI.setCurrent(ui); // held in a field: CurrentInstance keeps only a weak reference
        datasets.datasets.add(Fixtures.dataset("airline-passengers", 144, "Passengers", "Temp"));
        view = new NewExperimentView(experiments, datasets, Fixtures.ANN_ADMIN);
    }

    @AfterEach
    void tearDown() {
        UI.setCurrent(null);
    }

    private void fillRequired() {
        view.form.name.setValue("first");
        view.form.dataset.setValue("airline-passengers");
        view.form.target.setValue("Passengers");
    }

    @Test
    void validationErrorsOfTheServiceShowAtTheFieldsBeforeSubmit() {
        experiments.validator = r -> r.path("searchSpace").path("units").path("min").asInt() < 1
                ? new ValidationException("searchSpace.units.min", "must be at least 1, got 0") : null;
        ((com.vaadin.flow.component.textfield.IntegerField) view.form.space.get(Hyperparameter.UNITS).min).setValue(0);

        assertThat(experiments.validated).isNotEmpty();
        assertThat(experiments.validated.get(experiments.validated.size() - 1).path("searchSpace").path("units")
                .path("min").asInt()).isZero();
        assertThat(view.form.space.get(Hyperparameter.UNITS).min.isInvalid()).isTrue();
        assertThat(view.form.errorAt("searchSpace.units.min")).isEqualTo("must be at least 1, got 0");
        assertThat(experiments.created).isEmpty();

        ((com.vaadin.flow.component.textfield.IntegerField) view.form.space.get(Hyperparameter.UNITS).min).setValue(8);
        assertThat(view.form.space.get(Hyperparameter.UNITS).min.isInvalid()).isFalse();
    }

    @Test
    void submitCreatesWithTheFormsJsonAsTheSignedInUser() {
        fillRequired();
        view.form.start.click();

        assertThat(experiments.created).hasSize(1);
        assertThat(experiments.created.get(0).request()).isEqualTo(view.form.request());
        assertThat(experiments.created.get(0).request().get("name").textValue()).isEqualTo("first");
        assertThat(experiments.created.get(0).createdBy()).isEqualTo("ann");
    }

    @Test
    void submitErrorsAreShownEvenOnUntouchedFields() {
        experiments.validator = r -> r.has("name") ? null
                : new ValidationException(List.of(new FieldError("name", "is required"),
                new FieldError("dataset", "is required")));
        view.form.start.click();

        assertThat(experiments.created).isEmpty();
        assertThat(view.form.name.isInvalid()).isTrue();
        assertThat(view.form.name.getErrorMessage()).isEqualTo("is required");
        assertThat(view.form.dataset.isInvalid()).isTrue();
    }

    @Test
    void anUploadPreviewsWithColumnTypesThenSavesAndIsChosen() {
        String csv = "Month,Sales,Price\n2020-01,10,1.5\n2020-02,12,1.6\n";
        UploadPanelProbe panel = new UploadPanelProbe(view.upload);
        panel.receive("sales.csv", csv);

        assertThat(panel.name().getValue()).isEqualTo("sales");
        assertThat(panel.preview().isVisible()).isTrue();
        assertThat(panel.preview().getColumns()).hasSize(3);
        assertThat(panel.preview().getColumns().get(0).getHeaderText()).isEqualTo("Month (time)");
        assertThat(panel.preview().getColumns().get(1).getHeaderText()).isEqualTo("Sales (numeric)");
        assertThat(panel.summary().getText()).startsWith("2 rows");
        assertThat(panel.save().isEnabled()).isTrue();

        panel.save().click();
        assertThat(datasets.created).containsExactly("sales");
        assertThat(view.form.dataset.getValue()).isEqualTo("sales");
        assertThat(panel.save().isEnabled()).isFalse();
    }

    @Test
    void aRoleTooLowForTheUploadIsANotificationNotAnError() {
        Caller[] now = {Fixtures.caller(Role.MEMBER)};
        NewExperimentView demoted = new NewExperimentView(experiments, datasets, () -> now[0]);
        now[0] = Fixtures.caller(Role.VIEWER); // demoted while the page is open
        UploadPanelProbe panel = new UploadPanelProbe(demoted.upload);
        panel.receive("sales.csv", "Month,Sales\n2020-01,10\n");
        org.assertj.core.api.Assertions.assertThatCode(panel.save()::click).doesNotThrowAnyException();
        assertThat(datasets.created).isEmpty();
        assertThat(demoted.form.dataset.getValue()).isNull();
    }

    @Test
    void parseErrorsNameTheRowAndColumnAndBlockSaving() {
        datasets.previewError = new ValidationException("row 3, column Sales", "not a number: 'abc'");
        UploadPanelProbe panel = new UploadPanelProbe(view.upload);
        panel.receive("bad.csv", "Month,Sales\n2020-01,abc\n");

        assertThat(panel.save().isEnabled()).isFalse();
        assertThat(panel.errors().getElement().getTextRecursively())
                .contains("row 3, column Sales: not a number");
    }

    @Test
    void aTextUploadShowsItsFiguresThenSavesAsATextAndTheFormTurnsToGeneration() {
        String text = "First Citizen:\nBefore we proceed any further, hear me speak.\n".repeat(3);
        UploadPanelProbe panel = new UploadPanelProbe(view.upload);
        panel.receive("tiny-shakespeare.txt", text);

        // the service read the file's bytes as a text
        assertThat(datasets.texts).singleElement().isEqualTo(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(panel.kind().getValue()).isEqualTo(ApiDtos.TEXT);
        assertThat(panel.textPreview().get(0)).startsWith("183 characters (183 bytes of UTF-8), a vocabulary of");
        assertThat(panel.textPreview().get(1)).startsWith("First Citizen:\nBefore we proceed");
        assertThat(panel.save().isEnabled()).isTrue();

        panel.save().click();
        assertThat(datasets.created).containsExactly("tiny-shakespeare");
        assertThat(datasets.get(Fixtures.caller(Role.ADMIN), "tiny-shakespeare").kind()).isEqualTo(ApiDtos.TEXT);
        // the new text is chosen, so the form generates text now, with the text defaults
        assertThat(view.form.task.getValue()).isEqualTo(ExperimentOptions.GENERATE_TASK);
        assertThat(view.form.dataset.getValue()).isEqualTo("tiny-shakespeare");
        assertThat(view.form.maxEpochs.getValue()).isEqualTo(ExperimentOptions.DEFAULT_TEXT_MAX_EPOCHS);
        assertThat(view.form.target.isVisible()).isFalse();
    }

    @Test
    void aTextTheServiceCannotReadIsRefusedAtTheFile() {
        UploadPanelProbe panel = new UploadPanelProbe(view.upload);
        panel.receive("bad.txt", new byte[] {'a', (byte) 0xC3, (byte) 0x28});
        assertThat(panel.save().isEnabled()).isFalse();
        assertThat(panel.errors().getElement().getTextRecursively()).contains("file: is not UTF-8 text");

        panel.receive("short.txt", "too short".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(panel.errors().getElement().getTextRecursively()).contains("file: has 9 characters");
        assertThat(datasets.created).isEmpty();
    }

    @Test
    void cloneFillsTheFormWithTheExperimentUnderANewName() {
        experiments.experiments.add(Fixtures.experiment(7, "passengers", "COMPLETED"));
        view.cloneOf(7);

        var expected = ExperimentRequests.fromView(experiments.get(Fixtures.caller(com.lstmautoml.core.api.Role.ADMIN), 7));
        expected.put("name", "passengers (2)");
        assertThat(view.form.request()).isEqualTo(expected);
    }
}
