package com.lstmautoml.ui.experiments;

import com.lstmautoml.core.api.ExperimentOptions;
import com.lstmautoml.core.api.ExperimentOptions.PrunerOption;
import com.lstmautoml.core.api.ExperimentOptions.SettingOption;
import com.lstmautoml.core.space.Hyperparameter;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of the {@link ExperimentForm}, each with its label, id, helper text and limits (from
 * {@link ExperimentOptions}), and a row per hyperparameter; the form lays them out and wires them.

 */
abstract class ExperimentFields extends VerticalLayout {

    // package-private so tests can fill them
    final TextField name = new TextField("Experiment name");
    /** {@code forecast} or {@code generate}: decides the fields that show, the datasets offered and the space. */
    final RadioButtonGroup<String> task = new RadioButtonGroup<>("Task");
    final ComboBox<String> dataset = new ComboBox<>("Dataset");
    final ComboBox<String> target = new ComboBox<>("Target column");
    final MultiSelectComboBox<String> features = new MultiSelectComboBox<>("Extra input columns");
    final RadioButtonGroup<String> strategy = new RadioButtonGroup<>("Search strategy");
    /** Shown for strategy tpe only: one joint model of all hyperparameters. */
    final Checkbox tpeMultivariate = new Checkbox("Multivariate TPE");
    final Select<String> pruner = new Select<>();
    /**
     * A field per pruner setting ({@link ExperimentOptions#pruners()}: each pruner declares its settings), by key;
     * only the chosen pruner's are visible and sent.
     */
    final Map<String, IntegerField> prunerSettings = prunerSettingFields();
    final TextField timeBudget = new TextField("Time budget");
    final IntegerField maxTrials = new IntegerField("Max trials");
    final IntegerField parallelism = new IntegerField("Parallel trials");
    final IntegerField maxEpochs = new IntegerField("Max epochs");
    final IntegerField patience = new IntegerField("Patience (epochs)");
    final IntegerField minEpochs = new IntegerField("Min epochs");
    final IntegerField seasonality = new IntegerField("Season length");
    final TextField seed = new TextField("Seed");
    final NumberField splitTrain = new NumberField("Train fraction");
    final NumberField splitValidation = new NumberField("Validation fraction");
    final IntegerField validationWindows = new IntegerField("Validation windows");
    /** A row per hyperparameter of every task; the rows of the form's task show ({@link com.lstmautoml.core.space.Task#hyperparameters()}). */
    final Map<Hyperparameter, ParamSpecEditor> space = new EnumMap<>(Hyperparameter.class);
    final Button start = new Button("Start experiment", VaadinIcon.PLAY.create());
    final Button copyAsCurl = new Button("Copy as API call", VaadinIcon.TERMINAL.create());

    {
        // stable ids for browser tests and scripts
        name.setId("experiment-name");
        task.setId("experiment-task");
        dataset.setId("experiment-dataset");
        target.setId("experiment-target");
        pruner.setId("experiment-pruner");
        tpeMultivariate.setId("experiment-tpe-multivariate");
        timeBudget.setId("experiment-time-budget");
        maxTrials.setId("experiment-max-trials");
        parallelism.setId("experiment-parallelism");
        maxEpochs.setId("experiment-max-epochs");
        patience.setId("experiment-patience");
        minEpochs.setId("experiment-min-epochs");
        seasonality.setId("experiment-seasonality");
        validationWindows.setId("experiment-validation-windows");
        start.setId("experiment-start");
        copyAsCurl.setId("experiment-copy-curl");
    }

    ExperimentFields() {
        name.setMaxLength(ExperimentOptions.NAME_MAX_LENGTH);
        name.setRequiredIndicatorVisible(true);
        name.setPlaceholder("e.g. passengers-random");
        task.setItems(ExperimentOptions.tasks());
        task.setItemLabelGenerator(ExperimentTask::label);
        dataset.setRequiredIndicatorVisible(true);
        dataset.setPlaceholder("choose or upload below");
        target.setRequiredIndicatorVisible(true);
        target.setHelperText("the column to forecast (one step ahead)");
        features.setHelperText("optional; the target is always an input");
        strategy.setItems(ExperimentOptions.strategies());
        tpeMultivariate.setHelperText("one joint model of all hyperparameters, so good combinations stay together");
        pruner.setLabel("Pruner");
        pruner.setItems(ExperimentOptions.prunerNames());
        pruner.setHelperText("stop unpromising trials early: median (worse than the completed trials' median) or"
                + " asha (successive halving)");
        timeBudget.setPlaceholder("none");
        timeBudget.setHelperText("ISO-8601 duration, e.g. PT30M or PT2H: no trial is queued after it, running ones"
                + " finish");
        timeBudget.setClearButtonVisible(true);
        maxTrials.setHelperText("trials to train at most; empty with a time budget: up to the configured cap");
        parallelism.setHelperText("trials queued or running at once");
        patience.setHelperText("stop after this many epochs without improvement");
        minEpochs.setHelperText("epochs before early stopping may stop");
        seasonality.setPlaceholder("detect");
        seasonality.setHelperText("rows per season; empty: detect from the data (e.g. 12 for monthly data)");
        seasonality.setClearButtonVisible(true);
        seed.setAllowedCharPattern("[0-9-]");
        splitTrain.setHelperText("first share of the series");
        splitValidation.setHelperText("next share: early stopping and ranking; the rest is the test slice");
        validationWindows.setHelperText("rolling origins, each as long as the validation share: every trial trains"
                + " once per window and is ranked on the mean RMSE (steadier, k times the training)");
        validationWindows.setMax(ExperimentOptions.MAX_VALIDATION_WINDOWS);
        for (IntegerField f : List.of(maxTrials, parallelism, maxEpochs, patience, minEpochs, seasonality,
                validationWindows)) {
            f.setMin(1);
            f.setStepButtonsVisible(true);
        }
        for (TextField f : List.of(name, seed, timeBudget)) {
            f.setManualValidation(true);
        }
        for (IntegerField f : List.of(maxTrials, parallelism, maxEpochs, patience, minEpochs, seasonality,
                validationWindows)) {
            f.setManualValidation(true);
        }
        splitTrain.setManualValidation(true);
        splitValidation.setManualValidation(true);
        dataset.setManualValidation(true);
        target.setManualValidation(true);
        features.setManualValidation(true);
        for (Hyperparameter h : Hyperparameter.values()) {
            space.put(h, new ParamSpecEditor(h));
        }
    }

    /** A field per setting of every pruner, by key (hidden until its pruner is chosen). */
    private static Map<String, IntegerField> prunerSettingFields() {
        Map<String, IntegerField> fields = new LinkedHashMap<>();
        for (PrunerOption type : ExperimentOptions.pruners()) {
            for (SettingOption setting : type.settings()) {
                IntegerField f = new IntegerField(setting.label());
                f.setId("experiment-pruner-" + setting.key());
                f.setStepButtonsVisible(true);
                f.setManualValidation(true);
                f.setMin(setting.min());
                fields.put(setting.key(), f);
            }
        }
        return fields;
    }
}
