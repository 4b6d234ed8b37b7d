package com.lstmautoml.ui.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lstmautoml.core.api.ApiDtos.DatasetView;
import com.lstmautoml.core.api.ExperimentOptions;
import com.lstmautoml.core.space.SearchSpace;
import com.lstmautoml.core.space.Task;
import com.lstmautoml.core.validation.FieldError;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.shared.Registration;
import com.lstmautoml.ui.layout.TaskScore;

import java.util.Collection;
import java.util.List;

/**
 * The experiment form: its fields, their layout and its events. It never calls a service: it builds the request JSON
 * of {@code POST /api/experiments} ({@link ExperimentRequestBinder}: same field names, defaults from
 * {@link ExperimentOptions} and {@link SearchSpace}) and fires {@link SubmitEvent} and {@link ValidateEvent}; the view
 * calls the services and hands errors back through {@link #showErrors(List)} ({@link FormErrors} routes each to its
 * field). "Copy as API call" shows the same request as a {@link CurlCommand}. The task (forecast or generate) decides
 * which fields show, which datasets are offered and which search space rows there are.
 */
public class ExperimentForm extends ExperimentFields {

    final Div generalErrors = new Div();
    /** The words over the search space, for the form's task. */
    final Paragraph spaceHelp = new Paragraph();
    private final Div datasetExtras = new Div();

    /** The chosen dataset's columns as the target and feature choices. */
    final DatasetColumns columns = new DatasetColumns(this);
    private final ExperimentRequestBinder binder = new ExperimentRequestBinder(this);
    private final FormErrors errors;
    /** True while the form sets its own fields: no validation, nothing counts as touched. */
    private boolean filling;

    public ExperimentForm() {
        setPadding(false);
        setSpacing(true);

        dataset.setItemLabelGenerator(columns::label);

        dataset.addValueChangeListener(e -> columns.datasetChanged());
        target.addValueChangeListener(e -> columns.targetChanged());

        FormLayout about = section(name);
        FormLayout data = section(task, dataset, datasetExtras, target, features);
        data.setColspan(task, 2);
        data.setColspan(datasetExtras, 2);
        FormLayout search = section(strategy, tpeMultivariate, maxTrials, parallelism, seed, timeBudget, pruner);
        prunerSettings.values().forEach(search::add);
        FormLayout training = section(maxEpochs, minEpochs, patience, seasonality, splitTrain, splitValidation,
                validationWindows);

        VerticalLayout spaceRows = new VerticalLayout();
        spaceRows.setPadding(false);
        spaceRows.setSpacing(false);
        space.values().forEach(spaceRows::add);
        Button resetSpace = new Button("Reset to defaults", e -> {
            binder.resetSpace();
            fireValidate();
        });
        resetSpace.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);

        generalErrors.getStyle().set("color", "var(--lumo-error-text-color)");
        generalErrors.setVisible(false);

        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        start.addClickListener(e -> fireEvent(new SubmitEvent(this, request())));
        copyAsCurl.addClickListener(e -> {
            fireEvent(new CopyAsCurlEvent(this, request()));
            CurlCommand.open(this);
        });
        HorizontalLayout buttons = new HorizontalLayout(start, copyAsCurl);
        buttons.getStyle().set("flex-wrap", "wrap");

        add(title("About"), about, title("Data"), data, title("Search"), search, title("Training"), training,
                new HorizontalLayout(title("Search space"), resetSpace) {{
                    setAlignItems(FlexComponent.Alignment.BASELINE);
                }},
                spaceHelp, spaceRows, generalErrors, buttons);
        errors = new FormErrors(this);

        binder.listen();
        for (HasValue<?, ?> f : List.of(name, task, dataset, target, features, strategy, tpeMultivariate, pruner, maxTrials,
                parallelism, maxEpochs, minEpochs, patience, seasonality, seed, splitTrain, splitValidation,
                timeBudget, validationWindows)) {
            f.addValueChangeListener(e -> changed(f));
        }
        for (IntegerField f : prunerSettings.values()) {
            f.addValueChangeListener(e -> changed(f));
        }
        for (ParamSpecEditor row : space.values()) {
            row.addChangeListener(this::changed);
        }
        setRequest(null);
    }

    private static H3 title(String text) {
        H3 h = new H3(text);
        h.getStyle().set("margin", "var(--lumo-space-s) 0 0 0").set("font-size", "var(--lumo-font-size-l)");
        return h;
    }

    private static FormLayout section(Component... components) {
        FormLayout f = new FormLayout(components);
        f.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("32em", 2),
                new FormLayout.ResponsiveStep("60em", 4));
        f.setWidthFull();
        return f;
    }

    /** Whether the form is setting its own fields (their change events are no user's edits). */
    boolean filling() {
        return filling;
    }

    /** Runs {@code change} as the form's own: no validation, nothing touched. */
    void quietly(Runnable change) {
        boolean was = filling;
        filling = true;
        try {
            change.run();
        } finally {
            filling = was;
        }
    }

    /** The task chosen. */
    Task chosenTask() {
        return TaskScore.task(task.getValue());
    }

    /**
     * Shows the fields of {@code t}: a generation experiment has no target, extra columns, season, split, validation
     * windows or preprocessing, and only its own search space rows.
     */
    void showTask(Task t) {
        boolean forecast = t == Task.FORECAST;
        for (Component c : List.<Component>of(target, features, seasonality, splitTrain, splitValidation,
                validationWindows)) {
            c.setVisible(forecast);
        }
        space.forEach((h, row) -> row.setVisible(h.tasks().contains(t)));
        spaceHelp.setText(ExperimentTask.spaceHelp(t));
        dataset.setHelperText(forecast ? "a table: a time column and numeric columns" : "a text");
    }

    // ---------------------------------------------------------------- what the view calls

    /** The datasets to choose from (the view loads them); keeps the current choice when it still exists. */
    public void setDatasets(Collection<DatasetView> list) {
        quietly(() -> columns.setDatasets(list));
    }

    /** A place under the dataset choice, e.g. for the CSV upload panel. */
    public void setDatasetExtras(Component component) {
        datasetExtras.removeAll();
        if (component != null) {
            datasetExtras.add(component);
        }
    }

    /**
     * Chooses a dataset (after an upload) and picks its only column as target when there is just one; a dataset of
     * the other kind (a text while forecasting) switches the task first, as if the user had.
     */
    public void selectDataset(String datasetName) {
        Task learning = columns.taskLearning(datasetName);
        if (learning != null && learning != chosenTask()) {
            task.setValue(learning.key());
        }
        dataset.setValue(datasetName);
    }

    /** The request body of POST /api/experiments as the form stands. */
    public ObjectNode request() {
        return binder.request();
    }

    /**
     * Fills every field from a request (e.g. an experiment to clone); missing fields take the defaults, null
     * resets the whole form to the defaults. Fires one {@link ValidateEvent} when the form is attached.
     */
    public void setRequest(JsonNode request) {
        quietly(() -> {
            binder.fill(request);
            errors.reset();
        });
        if (isAttached()) {
            fireValidate();
        }
    }

    /** Shows the errors at their fields (JSON paths like {@code searchSpace.units.min}); others in a general area. */
    public void showErrors(List<FieldError> list) {
        errors.show(list, false);
    }

    /**
     * Like {@link #showErrors(List)}; with {@code onlyTouched} (live validation while typing) errors at fields the user
     * has not filled in yet (such as "name is required" on a fresh form) are left out.
     */
    public void showErrors(List<FieldError> list, boolean onlyTouched) {
        errors.show(list, onlyTouched);
    }

    /** The error message a field shows, or null (for tests and views). */
    String errorAt(String field) {
        return errors.errorAt(field);
    }

    /** The texts of the general error area. */
    List<String> generalErrors() {
        return errors.generalErrors();
    }

    /** The equivalent shell command: {@code curl -X POST <base>/api/experiments -H ... -d '<json>'}. */
    public String curlCommand(String baseUrl) {
        return CurlCommand.of(request(), baseUrl);
    }

    private void changed(Object field) {
        if (filling) {
            return;
        }
        errors.touched(field);
        if (field == strategy && ExperimentOptions.GRID_STRATEGY.equals(strategy.getValue())) {
            quietly(binder::gridLearningRate);
        }
        fireValidate();
    }

    private void fireValidate() {
        fireEvent(new ValidateEvent(this, request()));
    }

    // ---------------------------------------------------------------- events

    public Registration addSubmitListener(ComponentEventListener<SubmitEvent> l) {
        return addListener(SubmitEvent.class, l);
    }

    public Registration addValidateListener(ComponentEventListener<ValidateEvent> l) {
        return addListener(ValidateEvent.class, l);
    }

    public Registration addCopyAsCurlListener(ComponentEventListener<CopyAsCurlEvent> l) {
        return addListener(CopyAsCurlEvent.class, l);
    }

    /** What every form event carries: the request body as the form holds it now. */
    public abstract static class RequestEvent extends ComponentEvent<ExperimentForm> {
        private final ObjectNode request;

        protected RequestEvent(ExperimentForm source, ObjectNode request) {
            super(source, false);
            this.request = request;
        }

        public ObjectNode getRequest() {
            return request;
        }
    }

    /** "Start experiment": the request body (the experiment's owner is whoever is signed in). */
    public static class SubmitEvent extends RequestEvent {
        public SubmitEvent(ExperimentForm source, ObjectNode request) {
            super(source, request);
        }
    }

    /** A field changed: the view may validate the request and call {@link #showErrors(List, boolean)}. */
    public static class ValidateEvent extends RequestEvent {
        public ValidateEvent(ExperimentForm source, ObjectNode request) {
            super(source, request);
        }
    }

    /** "Copy as API call" was pressed (the form opens the dialog itself). */
    public static class CopyAsCurlEvent extends RequestEvent {
        public CopyAsCurlEvent(ExperimentForm source, ObjectNode request) {
            super(source, request);
        }
    }
}
