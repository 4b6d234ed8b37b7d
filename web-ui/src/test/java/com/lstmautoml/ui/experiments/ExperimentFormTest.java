package com.lstmautoml.ui.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lstmautoml.core.api.ExperimentOptions;
import com.lstmautoml.core.experiment.ExperimentSpec;
import com.lstmautoml.core.space.Hyperparameter;
import com.lstmautoml.core.space.SearchSpace;
import com.lstmautoml.core.space.Task;
import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.ui.fakes.Fixtures;
import com.vaadin.flow.component.UI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static com.lstmautoml.ui.fakes.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ExperimentFormTest {

    private final UI ui = new UI();

    private ExperimentForm form;
    private final List<ExperimentForm.SubmitEvent> submitted = new ArrayList<>();
    private final List<ExperimentForm.ValidateEvent> validations = new ArrayList<>();

    @BeforeEach
    void setUp() {
        UI.setCurrent(ui); // held in a field: CurrentInstance keeps only a weak reference
        form = new ExperimentForm();
        form.setDatasets(List.of(Fixtures.dataset("airline-passengers", 144, "Passengers", "Temp", "Rain"),
                Fixtures.dataset("sunspots", 2820, "Sunspots")));
        form.addSubmitListener(submitted::add);
        form.addValidateListener(validations::add);
    }

    @AfterEach
    void tearDown() {
        UI.setCurrent(null);
    }

    private void fillEverything() {
        form.name.setValue("passengers-mixed");
        form.dataset.setValue("airline-passengers");
        form.target.setValue("Passengers");
        form.features.setValue(Set.of("Rain", "Temp"));
        form.strategy.setValue("random");
        form.pruner.setValue("asha");
        form.prunerSettings.get("reductionFactor").setValue(4);
        form.timeBudget.setValue(" PT2H ");
        form.maxTrials.setValue(12);
        form.parallelism.setValue(3);
        form.maxEpochs.setValue(80);
        form.patience.setValue(8);
        form.minEpochs.setValue(15);
        form.seasonality.setValue(12);
        form.seed.setValue("7");
        form.splitTrain.setValue(0.6);
        form.splitValidation.setValue(0.2);
        range(Hyperparameter.UNITS, 8, 64, 8);
        range(Hyperparameter.LAYERS, 1, 3, null);
        choices(Hyperparameter.LOOK_BACK, "3, 6,12");
        ParamSpecEditor dropout = form.space.get(Hyperparameter.DROPOUT);
        dropout.mode.setValue(ParamSpecEditor.RANGE);
        ((com.vaadin.flow.component.textfield.NumberField) dropout.min).setValue(0.0);
        ((com.vaadin.flow.component.textfield.NumberField) dropout.max).setValue(0.3);
        ((com.vaadin.flow.component.textfield.NumberField) dropout.step).setValue(0.1);
        dropout.log.setValue(false);
        choices(Hyperparameter.BATCH_SIZE, "16, 32");
        ParamSpecEditor lr = form.space.get(Hyperparameter.LEARNING_RATE);
        lr.mode.setValue(ParamSpecEditor.RANGE);
        ((com.vaadin.flow.component.textfield.NumberField) lr.min).setValue(0.0005);
        ((com.vaadin.flow.component.textfield.NumberField) lr.max).setValue(0.02);
        lr.step.clear();
        lr.log.setValue(true);
        choices(Hyperparameter.DIFFERENCE, "0, 12"); // transform and scaler stay automatic
    }

    private void range(Hyperparameter h, int min, int max, Integer step) {
        ParamSpecEditor row = form.space.get(h);
        row.mode.setValue(ParamSpecEditor.RANGE);
        ((com.vaadin.flow.component.textfield.IntegerField) row.min).setValue(min);
        ((com.vaadin.flow.component.textfield.IntegerField) row.max).setValue(max);
        ((com.vaadin.flow.component.textfield.IntegerField) row.step).setValue(step);
    }

    private void choices(Hyperparameter h, String values) {
        ParamSpecEditor row = form.space.get(h);
        row.mode.setValue(ParamSpecEditor.CHOICES);
        row.choices.setValue(values);
    }

    @Test
    void startExperimentEmitsTheApiBody() {
        fillEverything();
        form.start.click();

        assertThat(submitted).hasSize(1);
        JsonNode expected = json("""
                {"name": "passengers-mixed", "dataset": "airline-passengers", "target": "Passengers",
                 "features": ["Temp", "Rain"], "strategy": "random",
                 "pruner": {"type": "asha", "minEpochs": 3, "reductionFactor": 4, "bootstrapCount": 0},
                 "maxTrials": 12, "parallelism": 3, "timeBudget": "PT2H",
                 "maxEpochs": 80, "patience": 8, "minEpochs": 15, "seasonality": 12, "seed": 7,
                 "split": {"train": 0.6, "validation": 0.2},
                 "searchSpace": {
                   "units": {"type": "int", "min": 8, "max": 64, "step": 8},
                   "layers": {"type": "int", "min": 1, "max": 3},
                   "lookBack": {"type": "choice", "values": [3, 6, 12]},
                   "dropout": {"type": "float", "min": 0.0, "max": 0.3, "log": false, "step": 0.1},
                   "batchSize": {"type": "choice", "values": [16, 32]},
                   "learningRate": {"type": "float", "min": 0.0005, "max": 0.02, "log": true},
                   "difference": {"type": "choice", "values": [0, 12]}}}""");
        assertThat(submitted.get(0).getRequest()).isEqualTo(expected);
    }

    @Test
    void aFreshFormHoldsTheDomainDefaults() {
        ObjectNode r = form.request();
        assertThat(r.has("name")).isFalse();
        // a forecast, the request's default task, which it leaves out
        assertThat(form.task.getValue()).isEqualTo(ExperimentOptions.FORECAST_TASK);
        assertThat(r.has("task")).isFalse();
        assertThat(r.get("maxTrials").intValue()).isEqualTo(ExperimentSpec.DEFAULT_MAX_TRIALS);
        assertThat(r.get("parallelism").intValue()).isEqualTo(ExperimentSpec.DEFAULT_PARALLELISM);
        assertThat(r.get("maxEpochs").intValue()).isEqualTo(ExperimentSpec.DEFAULT_MAX_EPOCHS);
        assertThat(r.get("patience").intValue()).isEqualTo(ExperimentSpec.DEFAULT_PATIENCE);
        assertThat(r.get("seed").longValue()).isEqualTo(ExperimentSpec.DEFAULT_SEED);
        assertThat(r.get("strategy").textValue()).isEqualTo(ExperimentSpec.DEFAULT_STRATEGY);
        // a fresh form has the request's default pruner, ASHA, with its settings shown at their defaults
        assertThat(r.get("pruner")).isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("type", ExperimentSpec.DEFAULT_PRUNER).put("minEpochs", 3).put("reductionFactor", 3)
                .put("bootstrapCount", 0));
        assertThat(form.prunerSettings.entrySet()).filteredOn(e -> e.getValue().isVisible())
                .extracting(java.util.Map.Entry::getKey)
                .containsExactlyInAnyOrder("minEpochs", "reductionFactor", "bootstrapCount");
        // and no time budget
        assertThat(r.has("timeBudget")).isFalse();
        assertThat(r.get("minEpochs").intValue()).isEqualTo(ExperimentSpec.DEFAULT_MIN_EPOCHS);
        assertThat(r.has("seasonality")).isFalse(); // detected from the data
        assertThat(form.seasonality.getHelperText()).contains("detect from the data").contains("12 for monthly");
        // the model keys at their defaults; the preprocessing keys left out: the series' defaults apply
        ObjectNode expected = SearchSpace.defaults(false).toJson();
        expected.remove(List.of("transform", "difference", "scaler"));
        assertThat(r.get("searchSpace")).isEqualTo(expected);
        assertThat(form.space.get(Hyperparameter.TRANSFORM).choices.getPlaceholder()).isEqualTo("automatic: none, log");
        assertThat(form.space.get(Hyperparameter.DIFFERENCE).choices.getPlaceholder())
                .isEqualTo("automatic: 0, 1, season");
        assertThat(form.space.get(Hyperparameter.SCALER).choices.getPlaceholder())
                .isEqualTo("automatic: minmax, standard");
        assertThat(form.name.getMaxLength()).isEqualTo(ExperimentSpec.NAME_MAX_LENGTH);
    }

    @Test
    void choosingADatasetOffersItsColumnsAndPicksASingleOne() {
        form.dataset.setValue("sunspots");
        assertThat(form.target.getValue()).isEqualTo("Sunspots");
        form.dataset.setValue("airline-passengers");
        assertThat(form.target.getValue()).isNull(); // Sunspots is not a column there
        form.target.setValue("Temp");
        assertThat(form.features.getListDataView().getItems().toList()).containsExactly("Passengers", "Rain");
    }

    @Test
    void switchingToGridMakesTheDefaultLearningRateFinite() {
        form.strategy.setValue("grid");
        ObjectNode expected = SearchSpace.defaults(true).toJson();
        expected.remove(List.of("transform", "difference", "scaler"));
        assertThat(form.request().get("searchSpace")).isEqualTo(expected);
    }

    @Test
    void showErrorsMarksTheFieldsOfTheirJsonPaths() {
        form.showErrors(List.of(
                new FieldError("searchSpace.units.min", "must be at least 1, got 0"),
                new FieldError("maxTrials", "must be between 1 and 1000, got 5000 (the configured cap)"),
                new FieldError("name", "give a name of 1 to 200 characters"),
                new FieldError("searchSpace.batchSize.values[1]", "batchSize takes whole numbers, got 1.5"),
                new FieldError("searchSpace.learningRate", "grid search needs a step or a list of values"),
                new FieldError("body", "send a JSON object")));

        ParamSpecEditor units = form.space.get(Hyperparameter.UNITS);
        assertThat(units.min.isInvalid()).isTrue();
        assertThat(units.min.getErrorMessage()).isEqualTo("must be at least 1, got 0");
        assertThat(units.max.isInvalid()).isFalse();
        assertThat(form.maxTrials.isInvalid()).isTrue();
        assertThat(form.maxTrials.getErrorMessage()).contains("between 1 and 1000");
        assertThat(form.name.isInvalid()).isTrue();
        assertThat(form.name.getErrorMessage()).isEqualTo("give a name of 1 to 200 characters");
        assertThat(form.space.get(Hyperparameter.BATCH_SIZE).choices.getErrorMessage())
                .isEqualTo("values[1]: batchSize takes whole numbers, got 1.5");
        assertThat(form.errorAt("searchSpace.learningRate")).contains("grid search needs");
        assertThat(form.generalErrors()).containsExactly("body: send a JSON object");
        assertThat(form.dataset.isInvalid()).isFalse();

        form.showErrors(List.of());
        assertThat(units.min.isInvalid()).isFalse();
        assertThat(form.name.isInvalid()).isFalse();
        assertThat(form.generalErrors()).isEmpty();
    }

    @Test
    void liveValidationLeavesUntouchedEmptyFieldsAlone() {
        form.maxTrials.setValue(5000);
        form.showErrors(List.of(new FieldError("name", "is required"),
                new FieldError("maxTrials", "must be between 1 and 1000, got 5000")), true);
        assertThat(form.name.isInvalid()).isFalse();
        assertThat(form.maxTrials.isInvalid()).isTrue();
        assertThat(validations).isNotEmpty();
        assertThat(validations.get(validations.size() - 1).getRequest().get("maxTrials").intValue()).isEqualTo(5000);
    }

    @Test
    void setRequestThenRequestGivesTheSameJson() {
        ObjectNode request = ExperimentRequests.fromView(Fixtures.experiment(3, "passengers 'quoted'", "COMPLETED"));
        validations.clear();
        form.setRequest(request);
        assertThat(form.request()).isEqualTo(request);
        assertThat(validations).isEmpty(); // filling is not the user's typing

        JsonNode readme = json("""
                {"name": "passengers-random", "dataset": "airline-passengers", "target": "Passengers", "features": [],
                 "strategy": "grid", "pruner": {"type": "median", "startupTrials": 3, "warmupEpochs": 0},
                 "maxTrials": 20, "parallelism": 2, "maxEpochs": 100, "timeBudget": "PT45M",
                 "patience": 10, "minEpochs": 20, "seasonality": 12, "seed": 42,
                 "split": {"train": 0.7, "validation": 0.15},
                 "searchSpace": %s}""".formatted(SearchSpace.defaults(true).toJson()));
        form.setRequest(readme);
        assertThat(form.request()).isEqualTo(readme);

        // a pruner given by name shows its defaults, and the form sends them in the object form
        ((ObjectNode) readme).put("pruner", "median");
        form.setRequest(readme);
        assertThat(form.prunerSettings.get("startupTrials").getValue()).isEqualTo(5);
        assertThat(form.request().get("pruner")).isEqualTo(json("{`type`:`median`,`startupTrials`:5,`warmupEpochs`:5}"));
    }

    @Test
    void choosingAPrunerShowsItsSettingsAtTheirDefaultsAndErrorsLandOnThem() {
        form.maxEpochs.setValue(40);
        form.pruner.setValue("asha");
        // only ASHA's settings show, at their defaults, with their ranges for 40 epochs
        assertThat(form.prunerSettings.get("minEpochs").isVisible()).isTrue();
        assertThat(form.prunerSettings.get("startupTrials").isVisible()).isFalse();
        assertThat(form.prunerSettings.get("minEpochs").getValue()).isEqualTo(3);
        assertThat(form.prunerSettings.get("minEpochs").getHelperText()).endsWith("from 1 to 40 (maxEpochs)");
        assertThat(validations.get(validations.size() - 1).getRequest().get("pruner"))
                .isEqualTo(json("{`type`:`asha`,`minEpochs`:3,`reductionFactor`:3,`bootstrapCount`:0}"));
        // a setting cleared is left out (the server's default)
        form.prunerSettings.get("bootstrapCount").clear();
        assertThat(form.request().get("pruner")).isEqualTo(json("{`type`:`asha`,`minEpochs`:3,`reductionFactor`:3}"));

        form.pruner.setValue("median");
        // switching shows the median's settings at their defaults; ASHA's are hidden and not sent
        assertThat(form.prunerSettings.get("minEpochs").isVisible()).isFalse();
        assertThat(form.prunerSettings.get("warmupEpochs").getHelperText()).endsWith("from 0 to 39 (maxEpochs - 1)");
        assertThat(form.request().get("pruner")).isEqualTo(json("{`type`:`median`,`startupTrials`:5,`warmupEpochs`:5}"));

        form.showErrors(List.of(new FieldError("pruner.warmupEpochs", "must be a whole number from 0 to 39"),
                new FieldError("timeBudget", "'30m' is not an ISO-8601 duration")));
        // the server's errors land on the setting's field and on the time budget
        assertThat(form.errorAt("pruner.warmupEpochs")).isEqualTo("must be a whole number from 0 to 39");
        assertThat(form.prunerSettings.get("warmupEpochs").isInvalid()).isTrue();
        assertThat(form.timeBudget.getErrorMessage()).isEqualTo("'30m' is not an ISO-8601 duration");
        assertThat(form.generalErrors()).isEmpty();
    }

    @Test
    void seasonalityAndMinEpochsAreSentWhenSetAndEmptyPreprocessingRowsAreLeftOut() {
        form.name.setValue("seasonal");
        form.seasonality.setValue(12);
        form.minEpochs.setValue(5);
        choices(Hyperparameter.SCALER, "standard");
        ObjectNode r = form.request();
        assertThat(r.get("seasonality").intValue()).isEqualTo(12);
        assertThat(r.get("minEpochs").intValue()).isEqualTo(5);
        JsonNode ss = r.get("searchSpace");
        assertThat(ss.has("transform")).isFalse();
        assertThat(ss.has("difference")).isFalse();
        assertThat(ss.get("scaler")).isEqualTo(json("{`type`:`choice`,`values`:[`standard`]}"));
        assertThat(ss.has("units")).isTrue();
        // the difference row says which lags "automatic" means for this season length
        assertThat(form.space.get(Hyperparameter.DIFFERENCE).choices.getPlaceholder())
                .isEqualTo("automatic: 0, 1, 12");
        // the API call is the same request
        assertThat(form.curlCommand("http://h")).contains("\"seasonality\" : 12").doesNotContain("transform");

        form.seasonality.clear(); // detect again
        form.space.get(Hyperparameter.SCALER).choices.clear();
        r = form.request();
        assertThat(r.has("seasonality")).isFalse();
        assertThat(r.get("searchSpace").has("scaler")).isFalse();
        assertThat(validations.get(validations.size() - 1).getRequest()).isEqualTo(r);
    }

    @Test
    void minEpochsFollowsTheDefaultForMaxEpochsUntilTheUserSetsIt() {
        form.maxEpochs.setValue(3); // a quick try: min epochs must not exceed max epochs
        assertThat(form.minEpochs.getValue()).isEqualTo(3);
        assertThat(validations.get(validations.size() - 1).getRequest().get("minEpochs").intValue()).isEqualTo(3);
        form.maxEpochs.setValue(200);
        assertThat(form.minEpochs.getValue()).isEqualTo(ExperimentSpec.DEFAULT_MIN_EPOCHS);
        form.maxEpochs.clear(); // a browser may clear the field before the new value arrives
        form.maxEpochs.setValue(4);
        assertThat(form.minEpochs.getValue()).isEqualTo(4);
        form.minEpochs.setValue(30);
        form.maxEpochs.setValue(50);
        assertThat(form.minEpochs.getValue()).isEqualTo(30); // the user's choice stays
    }

    @Test
    void errorsAtSeasonalityAndMinEpochsLandOnTheirFields() {
        form.seasonality.setValue(0);
        form.showErrors(List.of(
                new FieldError("seasonality", "must be a whole number of at least 1"),
                new FieldError("minEpochs", "must be between 1 and 60, got 80"),
                new FieldError("searchSpace.transform.values[0]", "unknown transform sqrt")));
        assertThat(form.seasonality.isInvalid()).isTrue();
        assertThat(form.seasonality.getErrorMessage()).isEqualTo("must be a whole number of at least 1");
        assertThat(form.minEpochs.isInvalid()).isTrue();
        assertThat(form.minEpochs.getErrorMessage()).isEqualTo("must be between 1 and 60, got 80");
        assertThat(form.errorAt("searchSpace.transform.values[0]")).contains("unknown transform sqrt");
        assertThat(form.generalErrors()).isEmpty();
        assertThat(form.maxEpochs.isInvalid()).isFalse();

        form.showErrors(List.of());
        assertThat(form.seasonality.isInvalid()).isFalse();
        assertThat(form.minEpochs.isInvalid()).isFalse();
    }

    @Test
    void validationWindowsAreSentWhenNotOneClonedAndTheirErrorsLandOnTheField() {
        // a fresh form: one window, left out of the request (the server's default)
        assertThat(form.validationWindows.getValue()).isEqualTo(ExperimentSpec.DEFAULT_VALIDATION_WINDOWS);
        assertThat(form.request().has("validationWindows")).isFalse();
        form.validationWindows.setValue(3);
        assertThat(form.request().get("validationWindows").intValue()).isEqualTo(3);
        assertThat(validations.get(validations.size() - 1).getRequest().get("validationWindows").intValue())
                .isEqualTo(3);

        form.showErrors(List.of(new FieldError("validationWindows", "must be between 1 and 4 for this series, got 5")));
        assertThat(form.validationWindows.isInvalid()).isTrue();
        assertThat(form.validationWindows.getErrorMessage()).isEqualTo("must be between 1 and 4 for this series, got 5");
        assertThat(form.generalErrors()).isEmpty();

        // a clone of an experiment of three windows keeps them
        ObjectNode request = ExperimentRequests.fromView(Fixtures.withWindows(
                Fixtures.experiment(3, "windows", "COMPLETED"), 3));
        assertThat(request.get("validationWindows").intValue()).isEqualTo(3);
        form.setRequest(request);
        assertThat(form.validationWindows.getValue()).isEqualTo(3);
        assertThat(form.request()).isEqualTo(request);
    }

    @Test
    void aCloneKeepsTheSeasonMinEpochsAndThePreprocessingSearched() {
        ObjectNode request = ExperimentRequests.fromView(Fixtures.experiment(3, "seasonal", "COMPLETED"));
        assertThat(request.get("seasonality").intValue()).isEqualTo(12); // detected from the time column
        assertThat(request.get("minEpochs").intValue()).isEqualTo(20);
        form.setRequest(request);
        assertThat(form.seasonality.getValue()).isEqualTo(12);
        assertThat(form.minEpochs.getValue()).isEqualTo(20);
        assertThat(form.space.get(Hyperparameter.TRANSFORM).choices.getValue()).isEqualTo("none");
        assertThat(form.request()).isEqualTo(request);

        // a space stored before the preprocessing keys existed: its trials used none, 0, minmax (not automatic)
        var old = Fixtures.experiment(4, "old", "COMPLETED");
        var stored = (ObjectNode) old.searchSpace().deepCopy();
        stored.remove(List.of("transform", "difference", "scaler"));
        var oldView = new com.lstmautoml.core.api.ApiDtos.ExperimentView(old.id(), old.name(), old.dataset(),
                old.target(), old.features(), old.strategy(), old.state(), old.maxTrials(), old.parallelism(),
                old.maxEpochs(), old.patience(), old.seed(), old.split(), stored, old.createdBy(), old.createdAt(),
                old.finishedAt(), old.trialsCreated(), old.trialsFinished(), old.trialCounts(), old.bestTrial(),
                old.promotedTrial(), old.etaSeconds(), old.pruner(), 0, 1, "none", null, List.of(), false, null, null, 1,
                old.task());
        ObjectNode oldRequest = ExperimentRequests.fromView(oldView);
        assertThat(oldRequest.has("seasonality")).isFalse(); // no season found: detect again
        assertThat(oldRequest.has("minEpochs")).isFalse();
        assertThat(oldRequest.get("searchSpace").get("difference")).isEqualTo(json("{`type`:`choice`,`values`:[0]}"));
        assertThat(oldRequest.get("searchSpace").get("scaler"))
                .isEqualTo(json("{`type`:`choice`,`values`:[`minmax`]}"));
        form.setRequest(oldRequest);
        assertThat(form.request().get("searchSpace")).isEqualTo(oldRequest.get("searchSpace"));
        assertThat(form.request().get("minEpochs").intValue()).isEqualTo(20); // the server's default for 60 epochs
    }

    @Test
    void theMultivariateOptionBelongsToTpe() {
        fillEverything();
        // strategy random: the option is hidden and not sent
        assertThat(form.tpeMultivariate.isVisible()).isFalse();
        assertThat(form.request().has("tpeMultivariate")).isFalse();
        form.strategy.setValue("tpe");
        assertThat(form.tpeMultivariate.isVisible()).isTrue();
        // unchecked: left out (the server's default, univariate)
        assertThat(form.request().has("tpeMultivariate")).isFalse();
        form.tpeMultivariate.setValue(true);
        assertThat(form.request().get("tpeMultivariate").booleanValue()).isTrue();
        // checked, then another strategy: hidden and not sent (the server would refuse it)
        form.strategy.setValue("genetic");
        assertThat(form.tpeMultivariate.isVisible()).isFalse();
        assertThat(form.request().has("tpeMultivariate")).isFalse();
        // an error at the field lands on the checkbox
        form.strategy.setValue("tpe");
        form.showErrors(List.of(new FieldError("tpeMultivariate", "must be true or false")));
        assertThat(form.errorAt("tpeMultivariate")).isEqualTo("must be true or false");
        assertThat(form.tpeMultivariate.isInvalid()).isTrue();

        // a clone of a multivariate TPE experiment asks for it again, and the form shows it
        var e = Fixtures.experiment(5, "joint", "COMPLETED");
        var joint = new com.lstmautoml.core.api.ApiDtos.ExperimentView(e.id(), e.name(), e.dataset(), e.target(),
                e.features(), "tpe", e.state(), e.maxTrials(), e.parallelism(), e.maxEpochs(), e.patience(),
                e.seed(), e.split(), e.searchSpace(), e.createdBy(), e.createdAt(), e.finishedAt(), e.trialsCreated(),
                e.trialsFinished(), e.trialCounts(), e.bestTrial(), e.promotedTrial(), e.etaSeconds(), e.pruner(),
                e.minEpochs(), e.seasonality(), e.seasonalitySource(), e.maseScale(), e.baselines(), true, null, null, 1,
                e.task());
        ObjectNode request = ExperimentRequests.fromView(joint);
        assertThat(request.get("tpeMultivariate").booleanValue()).isTrue();
        form.setRequest(request);
        assertThat(form.tpeMultivariate.getValue()).isTrue();
        assertThat(form.tpeMultivariate.isVisible()).isTrue();
        assertThat(form.request()).isEqualTo(request);
        // a univariate one does not carry the key
        assertThat(ExperimentRequests.fromView(e).has("tpeMultivariate")).isFalse();
    }

    @Test
    void setRequestKeepsAMissingDatasetVisible() {
        ObjectNode request = ExperimentRequests.fromView(Fixtures.experiment(3, "old", "COMPLETED"));
        request.put("dataset", "deleted-data");
        form.setRequest(request);
        assertThat(form.request().get("dataset").textValue()).isEqualTo("deleted-data");
        assertThat(form.request().get("target").textValue()).isEqualTo("Passengers");
    }

    @Test
    void curlCommandIsValidShell() throws Exception {
        fillEverything();
        form.name.setValue("bob's \"best\" $HOME `run`");
        String command = form.curlCommand("http://localhost:8080/");
        assertThat(command).startsWith("curl -X POST http://localhost:8080/api/experiments "
                + "-H 'Content-Type: application/json' -H \"Authorization: Bearer $AUTOML_TOKEN\" -d '");

        assumeTrue(new File("/bin/sh").canExecute(), "needs a POSIX shell");
        // a curl function that prints its arguments, one per line, NUL-terminated
        String script = "curl() { for a in \"$@\"; do printf '%s\\0' \"$a\"; done; }; " + command;
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true);
        pb.environment().put(CurlCommand.TOKEN_VARIABLE, "lat_t0k3n");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        List<String> args = List.of(out.split("\0"));
        // the API token comes from the environment, never written into the command
        assertThat(command).doesNotContain("lat_t0k3n");
        assertThat(args).containsExactly("-X", "POST", "http://localhost:8080/api/experiments", "-H",
                "Content-Type: application/json", "-H", "Authorization: Bearer lat_t0k3n", "-d", args.get(8));
        assertThat(Fixtures.JSON.readTree(args.get(8))).isEqualTo(form.request());
        assertThat(Fixtures.JSON.readTree(args.get(8)).get("name").textValue())
                .isEqualTo("bob's \"best\" $HOME `run`");
    }

    @Test
    void shellQuotingOfOddBaseUrls() {
        assertThat(CurlCommand.shellWord("http://h:8080/api/experiments")).isEqualTo("http://h:8080/api/experiments");
        assertThat(CurlCommand.shellWord("http://h/a b&c")).isEqualTo("'http://h/a b&c'");
        assertThat(CurlCommand.shellQuote("it's")).isEqualTo("'it'\\''s'");
    }

    @Test
    void unparseableChoicesAreMarkedAndSentForTheServerToName() {
        choices(Hyperparameter.BATCH_SIZE, "16, lots");
        JsonNode spec = form.request().get("searchSpace").get("batchSize");
        assertThat(spec.get("values").get(0).intValue()).isEqualTo(16);
        assertThat(spec.get("values").get(1).textValue()).isEqualTo("lots");
        assertThat(form.space.get(Hyperparameter.BATCH_SIZE).choices.isInvalid()).isTrue();
    }

    private void withTextDatasets() {
        form.setDatasets(List.of(Fixtures.dataset("airline-passengers", 144, "Passengers", "Temp", "Rain"),
                Fixtures.textDataset("shakespeare", 1_115_394), Fixtures.dataset("sunspots", 2820, "Sunspots")));
    }

    private List<String> datasetsOffered() {
        return form.dataset.getListDataView().getItems().toList();
    }

    @Test
    void generateShowsOnlyItsFieldsAndSendsOnlyItsKeys() {
        withTextDatasets();
        // a forecast learns a table's column: the text is not offered
        assertThat(datasetsOffered()).containsExactly("airline-passengers", "sunspots");
        form.name.setValue("chars");

        form.task.setValue(ExperimentOptions.GENERATE_TASK);
        // no target, extra columns, season, split, validation windows or preprocessing
        assertThat(List.of(form.target, form.features, form.seasonality, form.splitTrain, form.splitValidation,
                form.validationWindows)).noneMatch(com.vaadin.flow.component.Component::isVisible);
        assertThat(form.space.entrySet()).filteredOn(e -> e.getValue().isVisible())
                .extracting(e -> e.getKey().key()).containsExactlyElementsOf(Task.GENERATE.keys());
        assertThat(form.spaceHelp.getText()).contains("sequenceLength").doesNotContain("Transform");
        // texts only, labelled by their characters
        assertThat(datasetsOffered()).containsExactly("shakespeare");
        assertThat(form.columns.label("shakespeare")).isEqualTo("shakespeare (1,115,394 characters)");
        // the text defaults
        assertThat(form.maxEpochs.getValue()).isEqualTo(ExperimentOptions.DEFAULT_TEXT_MAX_EPOCHS);
        assertThat(form.patience.getValue()).isEqualTo(ExperimentOptions.DEFAULT_TEXT_PATIENCE);
        assertThat(form.minEpochs.getValue()).isEqualTo(ExperimentOptions.DEFAULT_TEXT_MIN_EPOCHS);

        form.dataset.setValue("shakespeare");
        form.start.click();
        JsonNode r = submitted.get(0).getRequest();
        assertThat(r.get("task").textValue()).isEqualTo(ExperimentOptions.GENERATE_TASK);
        // none of the forecast's fields: the server would refuse them
        List<String> keys = new ArrayList<>();
        r.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyInAnyOrder("name", "task", "dataset", "strategy", "pruner", "maxTrials",
                "parallelism", "maxEpochs", "patience", "minEpochs", "seed", "searchSpace");
        assertThat(r.get("maxEpochs").intValue()).isEqualTo(ExperimentOptions.DEFAULT_TEXT_MAX_EPOCHS);
        // the generation space's keys at their defaults
        assertThat(r.get("searchSpace")).isEqualTo(SearchSpace.defaults(Task.GENERATE, false).toJson());
        // the live validation and the API call send the same
        assertThat(validations.get(validations.size() - 1).getRequest()).isEqualTo(r);
        assertThat(form.curlCommand("http://h")).contains("\"task\" : \"generate\"")
                .contains("\"sequenceLength\"").doesNotContain("\"target\"").doesNotContain("lookBack");
    }

    @Test
    void switchingTheTaskSwitchesDatasetsDefaultsAndSpaceBack() {
        withTextDatasets();
        form.dataset.setValue("airline-passengers");
        form.target.setValue("Passengers");
        form.maxEpochs.setValue(80);

        form.task.setValue(ExperimentOptions.GENERATE_TASK);
        // the table is no text: dropped, without an error at a field the user did not clear
        assertThat(form.dataset.getValue()).isNull();
        assertThat(form.dataset.isInvalid()).isFalse();
        assertThat(form.maxEpochs.getValue()).isEqualTo(ExperimentOptions.DEFAULT_TEXT_MAX_EPOCHS);
        form.dataset.setValue("shakespeare");
        // grid search needs lists: the text space's learning rate becomes one too
        form.strategy.setValue("grid");
        assertThat(form.request().get("searchSpace").get("learningRate"))
                .isEqualTo(SearchSpace.defaults(Task.GENERATE, true).toJson().get("learningRate"));

        form.task.setValue(ExperimentOptions.FORECAST_TASK);
        assertThat(form.dataset.getValue()).isNull();
        assertThat(datasetsOffered()).containsExactly("airline-passengers", "sunspots");
        assertThat(form.target.isVisible()).isTrue();
        assertThat(form.maxEpochs.getValue()).isEqualTo(ExperimentOptions.DEFAULT_MAX_EPOCHS);
        assertThat(form.minEpochs.getValue()).isEqualTo(ExperimentOptions.DEFAULT_MIN_EPOCHS);
        ObjectNode r = form.request();
        assertThat(r.has("task")).isFalse();
        assertThat(r.get("searchSpace")).isEqualTo(ExperimentTask.defaultSpace(Task.FORECAST, true));
    }

    @Test
    void aCloneOfAGenerationExperimentAsksForTheSameAgain() {
        withTextDatasets();
        ObjectNode request = ExperimentRequests.fromView(Fixtures.textExperiment(9, "chars", "COMPLETED", null));
        assertThat(request.get("task").textValue()).isEqualTo(ExperimentOptions.GENERATE_TASK);
        for (String forecastOnly : ExperimentTask.FORECAST_ONLY) {
            assertThat(request.has(forecastOnly)).as(forecastOnly).isFalse();
        }
        assertThat(request.get("searchSpace")).isEqualTo(json(Fixtures.TEXT_SPACE));

        validations.clear();
        form.setRequest(request);
        assertThat(form.task.getValue()).isEqualTo(ExperimentOptions.GENERATE_TASK);
        assertThat(form.target.isVisible()).isFalse();
        assertThat(form.dataset.getValue()).isEqualTo("shakespeare");
        assertThat(form.request()).isEqualTo(request);
        assertThat(validations).isEmpty();
        // and a forecast's clone turns the form back
        ObjectNode forecast = ExperimentRequests.fromView(Fixtures.experiment(3, "passengers", "COMPLETED"));
        form.setRequest(forecast);
        assertThat(form.target.isVisible()).isTrue();
        assertThat(form.request()).isEqualTo(forecast);
    }

    @Test
    void anErrorAtTheTaskLandsOnItsChoice() {
        form.showErrors(List.of(new FieldError("task", "must be one of [forecast, generate]"),
                new FieldError("searchSpace.tbpttLength.values[0]", "must be at most sequenceLength")));
        assertThat(form.errorAt("task")).isEqualTo("must be one of [forecast, generate]");
        assertThat(form.errorAt("searchSpace.tbpttLength.values[0]")).contains("must be at most sequenceLength");
        assertThat(form.generalErrors()).isEmpty();
    }

    @Test
    void clonesGetANewName() {
        assertThat(ExperimentRequests.cloneName("run")).isEqualTo("run (2)");
        assertThat(ExperimentRequests.cloneName("run (2)")).isEqualTo("run (3)");
        assertThat(ExperimentRequests.cloneName("x".repeat(300))).hasSize(ExperimentSpec.NAME_MAX_LENGTH);
    }
}
