package com.lstmautoml.ui.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lstmautoml.core.api.ApiDtos.ColumnSummary;
import com.lstmautoml.core.api.ApiDtos.DatasetView;
import com.lstmautoml.core.experiment.ExperimentSpec;
import com.lstmautoml.core.pruners.PrunerSetting;
import com.lstmautoml.core.pruners.Pruners;
import com.lstmautoml.core.search.SearchStrategies;
import com.lstmautoml.core.search.TpeSearch;
import com.lstmautoml.core.space.Hyperparameter;
import com.lstmautoml.core.space.SearchSpace;
import com.lstmautoml.core.data.SplitFractions;
import com.lstmautoml.core.validation.FieldError;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.shared.HasValidationProperties;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The experiment form. It never calls a service: it builds the request JSON of {@code POST /api/experiments} (same
 * field names, defaults from {@link ExperimentSpec} and {@link SearchSpace}) and fires {@link SubmitEvent} and
 * {@link ValidateEvent}; the view calls the services and hands errors back through {@link #showErrors(List)}.
 */
public class ExperimentForm extends VerticalLayout {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The environment variable the API call's bearer token is read from. */
    public static final String TOKEN_VARIABLE = "AUTOML_TOKEN";
    private static final Pattern SAFE_SHELL_WORD = Pattern.compile("[A-Za-z0-9:/._~@%+=-]+");

    // package-private so tests can fill them
    final TextField name = new TextField("Experiment name");
    final ComboBox<String> dataset = new ComboBox<>("Dataset");
    final ComboBox<String> target = new ComboBox<>("Target column");
    final MultiSelectComboBox<String> features = new MultiSelectComboBox<>("Extra input columns");
    final RadioButtonGroup<String> strategy = new RadioButtonGroup<>("Search strategy");
    /** Shown for strategy tpe only: one joint model of all hyperparameters. */
    final Checkbox tpeMultivariate = new Checkbox("Multivariate TPE");
    final Select<String> pruner = new Select<>();
    /**
     * A field per pruner setting ({@link Pruners#types()}: each pruner declares its settings), by key; only the chosen
     * pruner's are visible and sent.
     */
    final Map<String, IntegerField> prunerSettings = new LinkedHashMap<>();
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
    final Map<Hyperparameter, ParamSpecEditor> space = new EnumMap<>(Hyperparameter.class);
    final Button start = new Button("Start experiment", VaadinIcon.PLAY.create());
    final Button copyAsCurl = new Button("Copy as API call", VaadinIcon.TERMINAL.create());

    {
        // stable ids for browser tests and scripts
        name.setId("experiment-name");
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
    final Div generalErrors = new Div();
    private final Div datasetExtras = new Div();

    private final Map<String, DatasetView> datasets = new LinkedHashMap<>();
    private final Map<String, HasValidationProperties> targets = new LinkedHashMap<>();
    private final Set<Object> touched = new HashSet<>();
    private boolean filling;
    /** True while min epochs is the server's default for the max epochs shown (the user has not set it). */
    private boolean minEpochsFollows = true;

    public ExperimentForm() {
        setPadding(false);
        setSpacing(true);

        name.setMaxLength(ExperimentSpec.NAME_MAX_LENGTH);
        name.setRequiredIndicatorVisible(true);
        name.setPlaceholder("e.g. passengers-random");
        dataset.setRequiredIndicatorVisible(true);
        dataset.setItemLabelGenerator(this::datasetLabel);
        dataset.setPlaceholder("choose or upload below");
        target.setRequiredIndicatorVisible(true);
        target.setHelperText("the column to forecast (one step ahead)");
        features.setHelperText("optional; the target is always an input");
        strategy.setItems(SearchStrategies.names());
        tpeMultivariate.setHelperText("one joint model of all hyperparameters, so good combinations stay together");
        pruner.setLabel("Pruner");
        pruner.setItems(Pruners.names());
        pruner.setHelperText("stop unpromising trials early: median (worse than the completed trials' median) or"
                + " asha (successive halving)");
        for (Pruners.Type type : Pruners.types()) {
            for (PrunerSetting setting : type.settings()) {
                IntegerField f = new IntegerField(setting.label());
                f.setId("experiment-pruner-" + setting.key());
                f.setStepButtonsVisible(true);
                f.setManualValidation(true);
                f.setMin(setting.min());
                prunerSettings.put(setting.key(), f);
            }
        }
        timeBudget.setPlaceholder("none");
        timeBudget.setHelperText("ISO-8601 duration, e.g. PT30M or PT2H: no trial is queued after it, running ones"
                + " finish");
        timeBudget.setClearButtonVisible(true);
        timeBudget.setManualValidation(true);
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
        validationWindows.setMax(ExperimentSpec.MAX_VALIDATION_WINDOWS);
        for (IntegerField f : List.of(maxTrials, parallelism, maxEpochs, patience, minEpochs, seasonality,
                validationWindows)) {
            f.setMin(1);
            f.setStepButtonsVisible(true);
        }
        for (var f : List.of(name, seed)) {
            f.setManualValidation(true);
        }
        for (var f : List.of(maxTrials, parallelism, maxEpochs, patience, minEpochs, seasonality,
                validationWindows)) {
            f.setManualValidation(true);
        }
        splitTrain.setManualValidation(true);
        splitValidation.setManualValidation(true);
        dataset.setManualValidation(true);
        target.setManualValidation(true);
        features.setManualValidation(true);

        dataset.addValueChangeListener(e -> datasetChanged());
        target.addValueChangeListener(e -> targetChanged());

        FormLayout about = section(name);
        FormLayout data = section(dataset, datasetExtras, target, features);
        data.setColspan(datasetExtras, 2);
        FormLayout search = section(strategy, tpeMultivariate, maxTrials, parallelism, seed, timeBudget, pruner);
        prunerSettings.values().forEach(search::add);
        FormLayout training = section(maxEpochs, minEpochs, patience, seasonality, splitTrain, splitValidation,
                validationWindows);

        VerticalLayout spaceRows = new VerticalLayout();
        spaceRows.setPadding(false);
        spaceRows.setSpacing(false);
        for (Hyperparameter h : Hyperparameter.values()) {
            ParamSpecEditor row = new ParamSpecEditor(h);
            space.put(h, row);
            row.registerTargets(targets, "searchSpace." + h.key());
            spaceRows.add(row);
        }
        Button resetSpace = new Button("Reset to defaults", e -> {
            fillSpace(defaultSpace("grid".equals(strategy.getValue())));
            fireValidate();
        });
        resetSpace.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);

        generalErrors.getStyle().set("color", "var(--lumo-error-text-color)");
        generalErrors.setVisible(false);

        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        start.addClickListener(e -> fireEvent(new SubmitEvent(this, request())));
        copyAsCurl.addClickListener(e -> {
            fireEvent(new CopyAsCurlEvent(this, request()));
            openCurlDialog();
        });
        HorizontalLayout buttons = new HorizontalLayout(start, copyAsCurl);
        buttons.getStyle().set("flex-wrap", "wrap");

        add(title("About"), about, title("Data"), data, title("Search"), search, title("Training"), training,
                new HorizontalLayout(title("Search space"), resetSpace) {{
                    setAlignItems(FlexComponent.Alignment.BASELINE);
                }},
                new Paragraph("Each hyperparameter is a range (int or float, optional step, log scale for floats)"
                        + " or a list of choices. Grid search needs a finite list for every parameter. Transform,"
                        + " difference and scaler left empty take the series' defaults."),
                spaceRows, generalErrors, buttons);

        targets.put("name", name);
        targets.put("dataset", dataset);
        targets.put("target", target);
        targets.put("features", features);
        targets.put("strategy", strategy);
        targets.put("tpeMultivariate", tpeMultivariate);
        targets.put("pruner", pruner);
        targets.put("pruner.type", pruner);
        prunerSettings.forEach((key, f) -> targets.put("pruner." + key, f));
        targets.put("timeBudget", timeBudget);
        targets.put("maxTrials", maxTrials);
        targets.put("parallelism", parallelism);
        targets.put("maxEpochs", maxEpochs);
        targets.put("patience", patience);
        targets.put("minEpochs", minEpochs);
        targets.put("seasonality", seasonality);
        targets.put("seed", seed);
        targets.put("split", splitValidation);
        targets.put("split.train", splitTrain);
        targets.put("split.validation", splitValidation);
        targets.put("validationWindows", validationWindows);

        // min epochs follows the server's default, min(DEFAULT_MIN_EPOCHS, maxEpochs), until the user sets it
        // (registered first: the request the change validates already has the new value)
        maxEpochs.addValueChangeListener(e -> {
            if (!filling && minEpochsFollows && e.getValue() != null) {
                filling = true;
                try {
                    minEpochs.setValue(defaultMinEpochs(e.getValue()));
                } finally {
                    filling = false;
                }
            }
        });
        minEpochs.addValueChangeListener(e -> minEpochsFollows &= filling);
        seasonality.addValueChangeListener(e -> space.get(Hyperparameter.DIFFERENCE).setSeasonality(e.getValue()));
        // the multivariate option is TPE's: shown with that strategy only (it keeps its value while hidden)
        strategy.addValueChangeListener(e -> tpeMultivariate.setVisible(TpeSearch.NAME.equals(e.getValue())));
        // the chosen pruner's settings show, at their defaults unless filling from a request
        pruner.addValueChangeListener(e -> prunerChanged(!filling));
        maxEpochs.addValueChangeListener(e -> prunerChanged(false));
        for (HasValue<?, ?> f : List.of(name, dataset, target, features, strategy, tpeMultivariate, pruner, maxTrials, parallelism,
                maxEpochs, minEpochs, patience, seasonality, seed, splitTrain, splitValidation, timeBudget,
                validationWindows)) {
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

    // ---------------------------------------------------------------- pruner

    private Pruners.Type chosenPruner() {
        String name = pruner.getValue();
        return Pruners.type(name == null || !Pruners.names().contains(name) ? ExperimentSpec.DEFAULT_PRUNER : name);
    }

    /**
     * Shows the chosen pruner's setting fields with their ranges for the max epochs shown; {@code resetToDefaults}
     * (the user chose another pruner) puts its defaults in them.
     */
    private void prunerChanged(boolean resetToDefaults) {
        Pruners.Type type = chosenPruner();
        int epochs = maxEpochs.getValue() == null ? ExperimentSpec.DEFAULT_MAX_EPOCHS : Math.max(1, maxEpochs.getValue());
        boolean was = filling;
        filling = true;
        try {
            for (Pruners.Type t : Pruners.types()) {
                for (PrunerSetting setting : t.settings()) {
                    IntegerField f = prunerSettings.get(setting.key());
                    boolean chosen = t == type;
                    f.setVisible(chosen);
                    if (chosen) {
                        f.setHelperText(type.name() + ": " + setting.meaning() + "; " + setting.rangeText(epochs));
                        if (resetToDefaults) {
                            f.setValue(setting.defaultValue());
                        }
                    }
                }
            }
        } finally {
            filling = was;
        }
    }

    /**
     * The {@code pruner} of the request: its name when it has no settings, else {@code {"type": ..., <setting>: ...}}
     * with the settings filled in (an empty field is left out: the server's default).
     */
    private JsonNode prunerJson() {
        Pruners.Type type = chosenPruner();
        if (type.settings().isEmpty()) {
            return JsonNodeFactory.instance.textNode(type.name());
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("type", type.name());
        for (PrunerSetting setting : type.settings()) {
            putInt(o, setting.key(), prunerSettings.get(setting.key()).getValue());
        }
        return o;
    }

    /** Fills the pruner from a request's {@code pruner}: a name (its defaults) or the object form. */
    private void fillPruner(JsonNode node) {
        String name = node.isTextual() ? node.textValue() : node.path("type").asText(ExperimentSpec.DEFAULT_PRUNER);
        pruner.setValue(Pruners.names().contains(name) ? name : ExperimentSpec.DEFAULT_PRUNER);
        for (PrunerSetting setting : chosenPruner().settings()) {
            JsonNode v = node.get(setting.key());
            prunerSettings.get(setting.key()).setValue(v != null && v.canConvertToInt() ? v.intValue()
                    : setting.defaultValue());
        }
        prunerChanged(false);
    }

    // ---------------------------------------------------------------- datasets

    /** The datasets to choose from (the view loads them); keeps the current choice when it still exists. */
    public void setDatasets(Collection<DatasetView> list) {
        boolean was = filling;
        filling = true;
        try {
            String current = dataset.getValue();
            datasets.clear();
            list.forEach(d -> datasets.put(d.name(), d));
            List<String> names = new ArrayList<>(datasets.keySet());
            if (current != null && !datasets.containsKey(current)) {
                names.add(current);
            }
            dataset.setItems(names);
            dataset.setValue(current);
            refreshColumns();
        } finally {
            filling = was;
        }
    }

    /** A place under the dataset choice, e.g. for the CSV upload panel. */
    public void setDatasetExtras(Component component) {
        datasetExtras.removeAll();
        if (component != null) {
            datasetExtras.add(component);
        }
    }

    /** Chooses a dataset (after an upload) and picks its only column as target when there is just one. */
    public void selectDataset(String datasetName) {
        dataset.setValue(datasetName);
    }

    private String datasetLabel(String n) {
        DatasetView d = datasets.get(n);
        return d == null ? n + " (not found)" : n + " (" + d.rows() + " rows)";
    }

    private List<String> columnsOf(String datasetName) {
        DatasetView d = datasetName == null ? null : datasets.get(datasetName);
        return d == null || d.columns() == null ? List.of() : d.columns().stream().map(ColumnSummary::name).toList();
    }

    private void datasetChanged() {
        refreshColumns();
        List<String> cols = columnsOf(dataset.getValue());
        if (!filling && target.getValue() == null && cols.size() == 1) {
            target.setValue(cols.get(0));
        }
    }

    private void refreshColumns() {
        List<String> cols = new ArrayList<>(columnsOf(dataset.getValue()));
        String t = target.getValue();
        Set<String> f = new LinkedHashSet<>(features.getValue());
        if (!filling) {
            if (t != null && !cols.contains(t)) {
                t = null;
            }
            f.retainAll(cols);
        }
        List<String> targetItems = new ArrayList<>(cols);
        if (t != null && !targetItems.contains(t)) {
            targetItems.add(t);
        }
        target.setItems(targetItems);
        target.setValue(t);
        setFeatureItems(cols, t, f);
    }

    private void targetChanged() {
        List<String> cols = columnsOf(dataset.getValue());
        Set<String> f = new LinkedHashSet<>(features.getValue());
        f.remove(target.getValue());
        setFeatureItems(cols, target.getValue(), f);
    }

    private void setFeatureItems(List<String> cols, String t, Set<String> selected) {
        List<String> items = new ArrayList<>(cols);
        items.remove(t);
        for (String s : selected) {
            if (!items.contains(s)) {
                items.add(s);
            }
        }
        boolean was = filling;
        filling = true; // the combo clears its value when items change: restore without an event loop
        try {
            features.setItems(items);
            features.setValue(selected);
        } finally {
            filling = was;
        }
    }

    // ---------------------------------------------------------------- request JSON

    /** The request body of POST /api/experiments as the form stands. */
    public ObjectNode request() {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        if (!name.getValue().isBlank()) {
            r.put("name", name.getValue());
        }
        if (dataset.getValue() != null) {
            r.put("dataset", dataset.getValue());
        }
        if (target.getValue() != null) {
            r.put("target", target.getValue());
        }
        ArrayNode f = r.putArray("features");
        // in the dataset's column order, so the same choice gives the same JSON
        List<String> order = new ArrayList<>(columnsOf(dataset.getValue()));
        features.getValue().stream().filter(c -> !order.contains(c)).sorted().forEach(order::add);
        order.stream().filter(features.getValue()::contains).forEach(f::add);
        r.put("strategy", strategy.getValue() == null ? ExperimentSpec.DEFAULT_STRATEGY : strategy.getValue());
        if (TpeSearch.NAME.equals(strategy.getValue()) && tpeMultivariate.getValue()) {
            r.put("tpeMultivariate", true);
        }
        r.set("pruner", prunerJson());
        putInt(r, "maxTrials", maxTrials.getValue());
        putInt(r, "parallelism", parallelism.getValue());
        putInt(r, "maxEpochs", maxEpochs.getValue());
        putInt(r, "patience", patience.getValue());
        putInt(r, "minEpochs", minEpochs.getValue());
        putInt(r, "seasonality", seasonality.getValue()); // empty: the server detects it from the data
        if (!timeBudget.getValue().isBlank()) {
            r.put("timeBudget", timeBudget.getValue().strip());
        }
        String s = seed.getValue().strip();
        if (!s.isEmpty()) {
            try {
                putWhole(r, "seed", Long.parseLong(s));
            } catch (NumberFormatException e) {
                r.put("seed", s); // the server explains
            }
        }
        if (splitTrain.getValue() != null || splitValidation.getValue() != null) {
            ObjectNode split = r.putObject("split");
            if (splitTrain.getValue() != null) {
                split.put("train", splitTrain.getValue());
            }
            if (splitValidation.getValue() != null) {
                split.put("validation", splitValidation.getValue());
            }
        }
        Integer windows = validationWindows.getValue();
        if (windows != null && windows != ExperimentSpec.DEFAULT_VALIDATION_WINDOWS) {
            putInt(r, "validationWindows", windows); // left out at the default, as before windows existed
        }
        ObjectNode ss = r.putObject("searchSpace");
        for (Hyperparameter h : Hyperparameter.values()) {
            if (!space.get(h).isAutomatic()) { // an empty preprocessing row: the series' default
                ss.set(h.key(), space.get(h).toJson());
            }
        }
        return r;
    }

    /** The server's min epochs for a request without one: min(DEFAULT_MIN_EPOCHS, maxEpochs). */
    static int defaultMinEpochs(int maxEpochs) {
        return Math.min(ExperimentSpec.DEFAULT_MIN_EPOCHS, Math.max(1, maxEpochs));
    }

    /**
     * The default search space of a new experiment: {@link SearchSpace#defaults} for the model keys, the preprocessing
     * keys left out (the series' defaults, chosen by the server once it knows the data).
     */
    static ObjectNode defaultSpace(boolean gridSearch) {
        ObjectNode ss = SearchSpace.defaults(gridSearch).toJson();
        for (Hyperparameter h : Hyperparameter.values()) {
            if (h.isChoiceOnly()) {
                ss.remove(h.key());
            }
        }
        return ss;
    }

    private static void putInt(ObjectNode r, String key, Integer v) {
        if (v != null) {
            r.put(key, v.intValue());
        }
    }

    /** Whole numbers as int when they fit (what a JSON parser reads back), else long. */
    static void putWhole(ObjectNode r, String key, long v) {
        if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            r.put(key, (int) v);
        } else {
            r.put(key, v);
        }
    }

    /**
     * Fills every field from a request (e.g. an experiment to clone); missing fields take the defaults, null
     * resets the whole form to the defaults. Fires one {@link ValidateEvent} when the form is attached.
     */
    public void setRequest(JsonNode request) {
        JsonNode r = request == null ? JsonNodeFactory.instance.objectNode() : request;
        filling = true;
        try {
            name.setValue(r.path("name").asText(""));
            String ds = r.hasNonNull("dataset") ? r.get("dataset").asText() : null;
            if (ds != null && !datasets.containsKey(ds)) {
                List<String> names = new ArrayList<>(datasets.keySet());
                names.add(ds);
                dataset.setItems(names);
            }
            target.setValue(null);
            features.setValue(Set.of());
            dataset.setValue(ds);
            String t = r.hasNonNull("target") ? r.get("target").asText() : null;
            Set<String> f = new LinkedHashSet<>();
            r.path("features").forEach(n -> f.add(n.asText()));
            List<String> cols = columnsOf(ds);
            List<String> targetItems = new ArrayList<>(cols);
            if (t != null && !targetItems.contains(t)) {
                targetItems.add(t);
            }
            target.setItems(targetItems);
            target.setValue(t);
            setFeatureItems(cols, t, f);
            String st = r.path("strategy").asText(ExperimentSpec.DEFAULT_STRATEGY);
            strategy.setValue(SearchStrategies.names().contains(st) ? st : ExperimentSpec.DEFAULT_STRATEGY);
            tpeMultivariate.setValue(r.path("tpeMultivariate").asBoolean(false));
            fillPruner(r.path("pruner"));
            timeBudget.setValue(r.path("timeBudget").isTextual() ? r.get("timeBudget").textValue() : "");
            maxTrials.setValue(r.path("maxTrials").asInt(ExperimentSpec.DEFAULT_MAX_TRIALS));
            parallelism.setValue(r.path("parallelism").asInt(ExperimentSpec.DEFAULT_PARALLELISM));
            maxEpochs.setValue(r.path("maxEpochs").asInt(ExperimentSpec.DEFAULT_MAX_EPOCHS));
            patience.setValue(r.path("patience").asInt(ExperimentSpec.DEFAULT_PATIENCE));
            minEpochs.setValue(r.path("minEpochs").asInt(defaultMinEpochs(maxEpochs.getValue())));
            minEpochsFollows = minEpochs.getValue() == defaultMinEpochs(maxEpochs.getValue());
            seasonality.setValue(r.path("seasonality").isIntegralNumber() ? r.get("seasonality").asInt() : null);
            seed.setValue(String.valueOf(r.path("seed").asLong(ExperimentSpec.DEFAULT_SEED)));
            splitTrain.setValue(r.path("split").path("train").asDouble(SplitFractions.DEFAULT.train()));
            splitValidation.setValue(r.path("split").path("validation").asDouble(SplitFractions.DEFAULT.validation()));
            validationWindows.setValue(r.path("validationWindows").asInt(ExperimentSpec.DEFAULT_VALIDATION_WINDOWS));
            JsonNode ss = r.get("searchSpace");
            fillSpace(ss != null && ss.isObject() ? ss : defaultSpace("grid".equals(st)));
            touched.clear();
            clearErrors();
        } finally {
            filling = false;
        }
        if (isAttached()) {
            fireValidate();
        }
    }

    private void fillSpace(JsonNode ss) {
        boolean was = filling;
        filling = true;
        try {
            for (Hyperparameter h : Hyperparameter.values()) {
                space.get(h).setSpec(ss.get(h.key()));
            }
        } finally {
            filling = was;
        }
    }

    // ---------------------------------------------------------------- errors

    /** Shows the errors at their fields (JSON paths like {@code searchSpace.units.min}); others in a general area. */
    public void showErrors(List<FieldError> errors) {
        showErrors(errors, false);
    }

    /**
     * Like {@link #showErrors(List)}; with {@code onlyTouched} (live validation while typing) errors at fields the user
     * has not filled in yet (such as "name is required" on a fresh form) are left out.
     */
    public void showErrors(List<FieldError> errors, boolean onlyTouched) {
        clearErrors();
        Map<Object, List<String>> byTarget = new LinkedHashMap<>();
        List<String> general = new ArrayList<>();
        for (FieldError e : errors) {
            Object t = targetOf(e.field());
            if (onlyTouched && t instanceof HasValue<?, ?> v && v.isEmpty() && !touched.contains(t)) {
                continue;
            }
            if (t == null) {
                general.add(e.field() + ": " + e.message());
            } else {
                String prefix = t instanceof ParamSpecEditor || e.field().matches(".*\\[\\d+]$")
                        ? e.field().replaceFirst("^searchSpace\\.[A-Za-z]+\\.?", "") : "";
                byTarget.computeIfAbsent(t, k -> new ArrayList<>())
                        .add(prefix.isEmpty() ? e.message() : prefix + ": " + e.message());
            }
        }
        byTarget.forEach((t, messages) -> {
            String m = ParamSpecEditor.joinMessages(messages);
            if (t instanceof ParamSpecEditor row) {
                row.showRowError(m);
            } else {
                HasValidationProperties f = (HasValidationProperties) t;
                f.setErrorMessage(m);
                f.setInvalid(true);
            }
        });
        if (!general.isEmpty()) {
            generalErrors.removeAll();
            general.forEach(g -> generalErrors.add(new Div(g)));
            generalErrors.setVisible(true);
        }
    }

    /** The component an error path belongs to: the longest registered prefix; null for the general area. */
    Object targetOf(String field) {
        if (field == null) {
            return null;
        }
        String f = field;
        while (true) {
            String plain = f.replaceAll("\\[\\d+]$", "");
            if (targets.containsKey(plain)) {
                return targets.get(plain);
            }
            Hyperparameter h = plain.startsWith("searchSpace.")
                    ? Hyperparameter.forKey(plain.substring("searchSpace.".length())).orElse(null) : null;
            if (h != null) {
                return space.get(h);
            }
            int dot = plain.lastIndexOf('.');
            if (dot < 0) {
                return null;
            }
            f = plain.substring(0, dot);
        }
    }

    /** The error message a field shows, or null (for tests and views). */
    String errorAt(String field) {
        Object t = targetOf(field);
        if (t instanceof ParamSpecEditor row) {
            return row.rowError();
        }
        if (t instanceof HasValidationProperties v && v.isInvalid()) {
            return v.getErrorMessage();
        }
        return null;
    }

    /** The texts of the general error area. */
    List<String> generalErrors() {
        return generalErrors.getChildren().map(c -> c.getElement().getText()).toList();
    }

    private void clearErrors() {
        for (HasValidationProperties f : new LinkedHashSet<>(targets.values())) {
            f.setInvalid(false);
            f.setErrorMessage(null);
        }
        space.values().forEach(r -> r.showRowError(null));
        generalErrors.removeAll();
        generalErrors.setVisible(false);
    }

    private void changed(Object field) {
        if (filling) {
            return;
        }
        touched.add(field);
        if (field == strategy && "grid".equals(strategy.getValue())) {
            // grid search needs finite lists: the continuous default learning rate becomes the grid default
            String key = Hyperparameter.LEARNING_RATE.key();
            ParamSpecEditor lr = space.get(Hyperparameter.LEARNING_RATE);
            if (lr.toJson().equals(SearchSpace.defaults(false).toJson().get(key))) {
                filling = true;
                try {
                    lr.setSpec(SearchSpace.defaults(true).toJson().get(key));
                } finally {
                    filling = false;
                }
            }
        }
        fireValidate();
    }

    private void fireValidate() {
        fireEvent(new ValidateEvent(this, request()));
    }

    // ---------------------------------------------------------------- curl

    /** The equivalent shell command: {@code curl -X POST <base>/api/experiments -H ... -d '<json>'}. */
    public String curlCommand(String baseUrl) {
        String base = baseUrl == null ? "" : baseUrl.replaceAll("/+$", "");
        String json;
        try {
            json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(request());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            json = request().toString();
        }
        // the token stays in the shell's environment (double quotes: the shell expands it), never in the command
        return "curl -X POST " + shellWord(base + "/api/experiments")
                + " -H 'Content-Type: application/json' -H \"Authorization: Bearer $" + TOKEN_VARIABLE + "\" -d "
                + shellQuote(json);
    }

    /** A word for a POSIX shell: as is when it has no special characters, else single-quoted. */
    static String shellWord(String s) {
        return SAFE_SHELL_WORD.matcher(s).matches() ? s : shellQuote(s);
    }

    /** Single-quotes for a POSIX shell: {@code it's} becomes {@code 'it'\''s'}. */
    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private void openCurlDialog() {
        getUI().ifPresent(ui -> ui.getPage().fetchCurrentURL(url -> showCurl(curlCommand(origin(url)))));
    }

    static String origin(java.net.URL url) {
        try {
            URI u = url.toURI();
            return u.getScheme() + "://" + u.getAuthority();
        } catch (Exception e) {
            return "http://localhost:8080";
        }
    }

    private void showCurl(String command) {
        Dialog d = new Dialog();
        d.setHeaderTitle("The same experiment through the REST API");
        TextArea text = new TextArea();
        text.setValue(command);
        text.setReadOnly(true);
        text.setWidth("min(90vw, 48em)");
        text.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)")
                .set("font-size", "var(--lumo-font-size-s)");
        text.setMaxHeight("60vh");
        Button copy = new Button("Copy", VaadinIcon.COPY.create(), e -> {
            text.getElement().executeJs("return navigator.clipboard.writeText($0).then(() => true, () => false)",
                    command).then(Boolean.class, ok -> Notification.show(Boolean.TRUE.equals(ok)
                    ? "Copied to the clipboard" : "The browser refused the clipboard: select the text and copy it"));
        });
        copy.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button close = new Button("Close", e -> d.close());
        com.vaadin.flow.component.html.Paragraph hint = new com.vaadin.flow.component.html.Paragraph(
                "It reads an API token of this team from $" + TOKEN_VARIABLE + " (team admins create tokens on the "
                        + "Team page): export " + TOKEN_VARIABLE + "=... first.");
        hint.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)")
                .set("max-width", "min(90vw, 48em)");
        d.add(hint, text);
        d.getFooter().add(close, copy);
        d.open();
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
