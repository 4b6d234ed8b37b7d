package com.lstmautoml.ui.experiments;

import com.lstmautoml.core.space.Hyperparameter;
import com.lstmautoml.core.validation.FieldError;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.shared.HasValidationProperties;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Routes the errors of a {@code ValidationException} (or a 4xx answer) to the fields of an {@link ExperimentForm}:
 * each error's JSON path ({@code searchSpace.units.min}, {@code pruner.minEpochs}, {@code features[2]}) goes to the
 * field registered for its longest prefix, a search space path to its row; the rest to the form's general area.
 */
final class FormErrors {

    private final ExperimentForm form;
    private final Map<String, HasValidationProperties> targets = new LinkedHashMap<>();
    /** The fields the user changed since the form was last filled. */
    private final Set<Object> touched = new HashSet<>();

    FormErrors(ExperimentForm form) {
        this.form = form;
        targets.put("name", form.name);
        targets.put("task", form.task);
        targets.put("dataset", form.dataset);
        targets.put("target", form.target);
        targets.put("features", form.features);
        targets.put("strategy", form.strategy);
        targets.put("tpeMultivariate", form.tpeMultivariate);
        targets.put("pruner", form.pruner);
        targets.put("pruner.type", form.pruner);
        form.prunerSettings.forEach((key, f) -> targets.put("pruner." + key, f));
        targets.put("timeBudget", form.timeBudget);
        targets.put("maxTrials", form.maxTrials);
        targets.put("parallelism", form.parallelism);
        targets.put("maxEpochs", form.maxEpochs);
        targets.put("patience", form.patience);
        targets.put("minEpochs", form.minEpochs);
        targets.put("seasonality", form.seasonality);
        targets.put("seed", form.seed);
        targets.put("split", form.splitValidation);
        targets.put("split.train", form.splitTrain);
        targets.put("split.validation", form.splitValidation);
        targets.put("validationWindows", form.validationWindows);
        form.space.forEach((h, row) -> row.registerTargets(targets, "searchSpace." + h.key()));
    }

    /** The user changed {@code field}: its errors show while typing from now on. */
    void touched(Object field) {
        touched.add(field);
    }

    /** The form was filled: nothing is touched, no error shows. */
    void reset() {
        touched.clear();
        clear();
    }

    /**
     * Shows the errors at their fields, others in the general area; with {@code onlyTouched} (live validation while
     * typing) errors at empty fields the user has not filled in yet are left out.
     */
    void show(List<FieldError> errors, boolean onlyTouched) {
        clear();
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
            form.generalErrors.removeAll();
            general.forEach(g -> form.generalErrors.add(new Div(g)));
            form.generalErrors.setVisible(true);
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
                return form.space.get(h);
            }
            int dot = plain.lastIndexOf('.');
            if (dot < 0) {
                return null;
            }
            f = plain.substring(0, dot);
        }
    }

    /** The error message a field shows, or null. */
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
        return form.generalErrors.getChildren().map(c -> c.getElement().getText()).toList();
    }

    private void clear() {
        for (HasValidationProperties f : new LinkedHashSet<>(targets.values())) {
            f.setInvalid(false);
            f.setErrorMessage(null);
        }
        form.space.values().forEach(r -> r.showRowError(null));
        form.generalErrors.removeAll();
        form.generalErrors.setVisible(false);
    }
}
