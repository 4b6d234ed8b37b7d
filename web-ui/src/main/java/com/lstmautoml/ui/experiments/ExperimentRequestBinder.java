package com.lstmautoml.ui.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lstmautoml.core.api.ExperimentOptions;
import com.lstmautoml.core.api.ExperimentOptions.PrunerOption;
import com.lstmautoml.core.api.ExperimentOptions.SettingOption;
import com.lstmautoml.core.space.Hyperparameter;
import com.lstmautoml.core.space.SearchSpace;
import com.lstmautoml.core.space.Task;
import com.lstmautoml.ui.layout.TaskScore;
import com.vaadin.flow.component.textfield.IntegerField;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON binding of an {@link ExperimentForm}: its fields to the request body of {@code POST /api/experiments}
 * ({@link #request()}) and back ({@link #fill}), with the request's defaults ({@link ExperimentOptions}); and the
 * fields that follow others (the task's fields, datasets and defaults; min epochs follows max epochs until the user
 * sets it, the chosen pruner's settings, the TPE option, the differencing row's season). A forecast's request leaves
 * {@code task} out (its default); a generation request says {@code "task": "generate"} and has none of
 * {@link ExperimentTask#FORECAST_ONLY}.
 */
final class ExperimentRequestBinder {

    private final ExperimentForm form;
    /** True while min epochs is the server's default for the max epochs shown (the user has not set it). */
    private boolean minEpochsFollows = true;

    ExperimentRequestBinder(ExperimentForm form) {
        this.form = form;
    }

    /** Registers the listeners of the fields that follow others (before the form's own: see min epochs). */
    void listen() {
        // min epochs follows the server's default, min(DEFAULT_MIN_EPOCHS, maxEpochs), until the user sets it
        // (registered first: the request the change validates already has the new value)
        form.maxEpochs.addValueChangeListener(e -> {
            if (!form.filling() && minEpochsFollows && e.getValue() != null) {
                form.quietly(() -> form.minEpochs.setValue(ExperimentTask.defaultMinEpochs(form.chosenTask(),
                        e.getValue())));
            }
        });
        form.task.addValueChangeListener(e -> taskChanged(!form.filling()));
        form.minEpochs.addValueChangeListener(e -> minEpochsFollows &= form.filling());
        form.seasonality.addValueChangeListener(e ->
                form.space.get(Hyperparameter.DIFFERENCE).setSeasonality(e.getValue()));
        // the multivariate option is TPE's: shown with that strategy only (it keeps its value while hidden)
        form.strategy.addValueChangeListener(e ->
                form.tpeMultivariate.setVisible(ExperimentOptions.TPE_STRATEGY.equals(e.getValue())));
        // the chosen pruner's settings show, at their defaults unless filling from a request
        form.pruner.addValueChangeListener(e -> prunerChanged(!form.filling()));
        form.maxEpochs.addValueChangeListener(e -> prunerChanged(false));
    }

    // ---------------------------------------------------------------- task

    /**
     * Shows the task's fields and datasets; {@code userChoice} (the user chose the other task) also puts the task's
     * defaults in the training fields and the search space, and drops a dataset of the other kind.
     */
    private void taskChanged(boolean userChoice) {
        Task t = form.chosenTask();
        form.showTask(t);
        form.columns.taskChanged(userChoice);
        if (userChoice) {
            form.quietly(() -> {
                ExperimentTask.Defaults d = ExperimentTask.defaults(t);
                form.maxEpochs.setValue(d.maxEpochs());
                form.patience.setValue(d.patience());
                form.minEpochs.setValue(ExperimentTask.defaultMinEpochs(t, d.maxEpochs()));
                resetSpace();
            });
            minEpochsFollows = true;
        }
    }

    // ---------------------------------------------------------------- pruner

    /**
     * Shows the chosen pruner's setting fields with their ranges for the max epochs shown; {@code resetToDefaults}
     * (the user chose another pruner) puts its defaults in them.
     */
    private void prunerChanged(boolean resetToDefaults) {
        PrunerOption chosen = ExperimentOptions.pruner(form.pruner.getValue());
        Integer max = form.maxEpochs.getValue();
        int epochs = max == null ? ExperimentTask.defaults(form.chosenTask()).maxEpochs() : Math.max(1, max);
        form.quietly(() -> {
            for (PrunerOption t : ExperimentOptions.pruners()) {
                for (SettingOption setting : t.settings()) {
                    IntegerField f = form.prunerSettings.get(setting.key());
                    boolean isChosen = t.name().equals(chosen.name());
                    f.setVisible(isChosen);
                    if (isChosen) {
                        f.setHelperText(chosen.name() + ": " + setting.meaning() + "; " + setting.rangeText(epochs));
                        if (resetToDefaults) {
                            f.setValue(setting.defaultValue());
                        }
                    }
                }
            }
        });
    }

    /**
     * The {@code pruner} of the request: its name when it has no settings, else {@code {"type": ..., <setting>: ...}}
     * with the settings filled in (an empty field is left out: the server's default).
     */
    private JsonNode prunerJson() {
        PrunerOption type = ExperimentOptions.pruner(form.pruner.getValue());
        if (type.settings().isEmpty()) {
            return JsonNodeFactory.instance.textNode(type.name());
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("type", type.name());
        for (SettingOption setting : type.settings()) {
            putInt(o, setting.key(), form.prunerSettings.get(setting.key()).getValue());
        }
        return o;
    }

    /** Fills the pruner from a request's {@code pruner}: a name (its defaults) or the object form. */
    private void fillPruner(JsonNode node) {
        String name = node.isTextual() ? node.textValue() : node.path("type").asText(ExperimentOptions.DEFAULT_PRUNER);
        form.pruner.setValue(ExperimentOptions.prunerNames().contains(name) ? name : ExperimentOptions.DEFAULT_PRUNER);
        for (SettingOption setting : ExperimentOptions.pruner(form.pruner.getValue()).settings()) {
            JsonNode v = node.get(setting.key());
            form.prunerSettings.get(setting.key()).setValue(v != null && v.canConvertToInt() ? v.intValue()
                    : setting.defaultValue());
        }
        prunerChanged(false);
    }

    // ---------------------------------------------------------------- request JSON

    /** The request body of POST /api/experiments as the form stands. */
    ObjectNode request() {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        Task task = form.chosenTask();
        boolean forecast = task == Task.FORECAST;
        if (!form.name.getValue().isBlank()) {
            r.put("name", form.name.getValue());
        }
        if (!forecast) {
            r.put("task", task.key()); // a forecast's is the default, left out as before tasks existed
        }
        if (form.dataset.getValue() != null) {
            r.put("dataset", form.dataset.getValue());
        }
        if (forecast) {
            putColumns(r);
        }
        String strategy = form.strategy.getValue();
        r.put("strategy", strategy == null ? ExperimentOptions.DEFAULT_STRATEGY : strategy);
        if (ExperimentOptions.TPE_STRATEGY.equals(strategy) && form.tpeMultivariate.getValue()) {
            r.put("tpeMultivariate", true);
        }
        r.set("pruner", prunerJson());
        putInt(r, "maxTrials", form.maxTrials.getValue());
        putInt(r, "parallelism", form.parallelism.getValue());
        putInt(r, "maxEpochs", form.maxEpochs.getValue());
        putInt(r, "patience", form.patience.getValue());
        putInt(r, "minEpochs", form.minEpochs.getValue());
        if (forecast) {
            putInt(r, "seasonality", form.seasonality.getValue()); // empty: the server detects it from the data
        }
        if (!form.timeBudget.getValue().isBlank()) {
            r.put("timeBudget", form.timeBudget.getValue().strip());
        }
        String s = form.seed.getValue().strip();
        if (!s.isEmpty()) {
            try {
                putWhole(r, "seed", Long.parseLong(s));
            } catch (NumberFormatException e) {
                r.put("seed", s); // the server explains
            }
        }
        if (forecast) {
            putSplitAndWindows(r);
        }
        ObjectNode ss = r.putObject("searchSpace");
        for (Hyperparameter h : task.hyperparameters()) {
            if (!form.space.get(h).isAutomatic()) { // an empty preprocessing row: the series' default
                ss.set(h.key(), form.space.get(h).toJson());
            }
        }
        return r;
    }

    /** A forecast's target and extra input columns. */
    private void putColumns(ObjectNode r) {
        if (form.target.getValue() != null) {
            r.put("target", form.target.getValue());
        }
        ArrayNode f = r.putArray("features");
        // in the dataset's column order, so the same choice gives the same JSON
        Set<String> chosen = form.features.getValue();
        List<String> order = new ArrayList<>(form.columns.of(form.dataset.getValue()));
        chosen.stream().filter(c -> !order.contains(c)).sorted().forEach(order::add);
        order.stream().filter(chosen::contains).forEach(f::add);
    }

    /** A forecast's split and validation windows. */
    private void putSplitAndWindows(ObjectNode r) {
        Double train = form.splitTrain.getValue();
        Double validation = form.splitValidation.getValue();
        if (train != null || validation != null) {
            ObjectNode split = r.putObject("split");
            if (train != null) {
                split.put("train", train);
            }
            if (validation != null) {
                split.put("validation", validation);
            }
        }
        Integer windows = form.validationWindows.getValue();
        if (windows != null && windows != ExperimentOptions.DEFAULT_VALIDATION_WINDOWS) {
            putInt(r, "validationWindows", windows); // left out at the default, as before windows existed
        }
    }

    /** Every field from {@code request} (null: the defaults); the form runs it quietly. */
    void fill(JsonNode request) {
        JsonNode r = request == null ? JsonNodeFactory.instance.objectNode() : request;
        Task task = TaskScore.task(r.path("task").asText(ExperimentOptions.FORECAST_TASK));
        form.task.setValue(task.key());
        ExperimentTask.Defaults defaults = ExperimentTask.defaults(task);
        form.name.setValue(r.path("name").asText(""));
        String ds = r.hasNonNull("dataset") ? r.get("dataset").asText() : null;
        String t = r.hasNonNull("target") ? r.get("target").asText() : null;
        Set<String> f = new LinkedHashSet<>();
        r.path("features").forEach(n -> f.add(n.asText()));
        form.columns.choose(ds, t, f);
        String st = r.path("strategy").asText(ExperimentOptions.DEFAULT_STRATEGY);
        form.strategy.setValue(ExperimentOptions.strategies().contains(st) ? st : ExperimentOptions.DEFAULT_STRATEGY);
        form.tpeMultivariate.setValue(r.path("tpeMultivariate").asBoolean(false));
        fillPruner(r.path("pruner"));
        form.timeBudget.setValue(r.path("timeBudget").isTextual() ? r.get("timeBudget").textValue() : "");
        form.maxTrials.setValue(r.path("maxTrials").asInt(ExperimentOptions.DEFAULT_MAX_TRIALS));
        form.parallelism.setValue(r.path("parallelism").asInt(ExperimentOptions.DEFAULT_PARALLELISM));
        form.maxEpochs.setValue(r.path("maxEpochs").asInt(defaults.maxEpochs()));
        form.patience.setValue(r.path("patience").asInt(Math.min(defaults.patience(), form.maxEpochs.getValue())));
        int minEpochs = ExperimentTask.defaultMinEpochs(task, form.maxEpochs.getValue());
        form.minEpochs.setValue(r.path("minEpochs").asInt(minEpochs));
        minEpochsFollows = form.minEpochs.getValue() == minEpochs;
        form.seasonality.setValue(r.path("seasonality").isIntegralNumber() ? r.get("seasonality").asInt() : null);
        form.seed.setValue(String.valueOf(r.path("seed").asLong(ExperimentOptions.DEFAULT_SEED)));
        form.splitTrain.setValue(r.path("split").path("train").asDouble(ExperimentOptions.DEFAULT_TRAIN_FRACTION));
        form.splitValidation.setValue(r.path("split").path("validation")
                .asDouble(ExperimentOptions.DEFAULT_VALIDATION_FRACTION));
        form.validationWindows.setValue(r.path("validationWindows")
                .asInt(ExperimentOptions.DEFAULT_VALIDATION_WINDOWS));
        JsonNode ss = r.get("searchSpace");
        fillSpace(ss != null && ss.isObject() ? ss
                : ExperimentTask.defaultSpace(task, ExperimentOptions.GRID_STRATEGY.equals(st)));
    }

    /** "Reset to defaults" of the search space, for the task and the strategy chosen. */
    void resetSpace() {
        fillSpace(ExperimentTask.defaultSpace(form.chosenTask(),
                ExperimentOptions.GRID_STRATEGY.equals(form.strategy.getValue())));
    }

    /** Grid search needs finite lists: the continuous default learning rate becomes the grid default. */
    void gridLearningRate() {
        String key = Hyperparameter.LEARNING_RATE.key();
        ParamSpecEditor lr = form.space.get(Hyperparameter.LEARNING_RATE);
        Task task = form.chosenTask();
        if (lr.toJson().equals(SearchSpace.defaults(task, false).toJson().get(key))) {
            lr.setSpec(SearchSpace.defaults(task, true).toJson().get(key));
        }
    }

    /** The rows of the form's task from {@code ss}. */
    private void fillSpace(JsonNode ss) {
        form.quietly(() -> {
            for (Hyperparameter h : form.chosenTask().hyperparameters()) {
                form.space.get(h).setSpec(ss.get(h.key()));
            }
        });
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
}
