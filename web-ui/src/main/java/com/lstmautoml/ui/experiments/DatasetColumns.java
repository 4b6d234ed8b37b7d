package com.lstmautoml.ui.experiments;

import com.lstmautoml.core.api.ApiDtos.ColumnSummary;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.ApiDtos.DatasetView;
import com.lstmautoml.core.space.Task;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The datasets an {@link ExperimentForm} offers and the chosen one's columns as its target and feature choices: a
 * target or feature that is not a column of the dataset is dropped when the user picks another dataset, kept (and
 * offered) when a request fills the form. The form's task decides the datasets offered: tables for a forecast, texts
 * for generation (a text has no columns).
 */
final class DatasetColumns {

    private final ExperimentForm form;
    private final Map<String, DatasetView> datasets = new LinkedHashMap<>();

    DatasetColumns(ExperimentForm form) {
        this.form = form;
    }

    /** The datasets to choose from; keeps the current choice when it still exists (run quietly by the form). */
    void setDatasets(Collection<DatasetView> list) {
        String current = form.dataset.getValue();
        datasets.clear();
        list.forEach(d -> datasets.put(d.name(), d));
        offer(current);
        form.dataset.setValue(current);
        refresh();
    }

    /** Offers the datasets of the form's task, and {@code name} too when it is not one of them. */
    private void offer(String name) {
        String kind = ExperimentTask.datasetKind(form.chosenTask());
        List<String> names = new ArrayList<>(datasets.values().stream()
                .filter(d -> ExperimentTask.kindOf(d).equals(kind)).map(DatasetView::name).toList());
        if (name != null && !names.contains(name)) {
            names.add(name);
        }
        form.dataset.setItems(names);
    }

    /**
     * The form's task changed: its kind of datasets is offered; when the user changed it, a chosen dataset of the
     * other kind is dropped (quietly: the user did not clear it).
     */
    void taskChanged(boolean userChoice) {
        String current = form.dataset.getValue();
        DatasetView d = current == null ? null : datasets.get(current);
        boolean otherKind = d != null && !ExperimentTask.kindOf(d).equals(ExperimentTask.datasetKind(form.chosenTask()));
        String keep = userChoice && otherKind ? null : current;
        form.quietly(() -> {
            offer(keep);
            form.dataset.setValue(keep);
            if (keep == null) {
                form.target.setValue(null);
                setFeatureItems(List.of(), null, Set.of());
            }
        });
    }

    /** The task that learns the dataset {@code name}; null when it is not known. */
    Task taskLearning(String name) {
        DatasetView d = name == null ? null : datasets.get(name);
        return d == null ? null : ExperimentTask.learning(ExperimentTask.kindOf(d));
    }

    /** Chooses a dataset, target and features as a request names them, whether they exist or not. */
    void choose(String dataset, String target, Set<String> features) {
        if (dataset != null) {
            offer(dataset); // also one of the other task's kind, or none known
        }
        form.target.setValue(null);
        form.features.setValue(Set.of());
        form.dataset.setValue(dataset);
        List<String> cols = of(dataset);
        setTargetItems(cols, target);
        form.target.setValue(target);
        setFeatureItems(cols, target, features);
    }

    /** "airline-passengers (144 rows)", "shakespeare (1,115,394 characters)": the dataset choice's label. */
    String label(String name) {
        DatasetView d = datasets.get(name);
        if (d == null) {
            return name + " (not found)";
        }
        boolean text = ApiDtos.TEXT.equals(ExperimentTask.kindOf(d));
        return name + " (" + String.format(Locale.ROOT, "%,d", d.rows()) + (text ? " characters)" : " rows)");
    }

    /** The columns of the dataset {@code name}; none when it is not known. */
    List<String> of(String name) {
        DatasetView d = name == null ? null : datasets.get(name);
        return d == null || d.columns() == null ? List.of() : d.columns().stream().map(ColumnSummary::name).toList();
    }

    /** The user chose a dataset: its columns; its only column becomes the target. */
    void datasetChanged() {
        refresh();
        List<String> cols = of(form.dataset.getValue());
        if (!form.filling() && form.target.getValue() == null && cols.size() == 1) {
            form.target.setValue(cols.get(0));
        }
    }

    private void refresh() {
        List<String> cols = new ArrayList<>(of(form.dataset.getValue()));
        String t = form.target.getValue();
        Set<String> f = new LinkedHashSet<>(form.features.getValue());
        if (!form.filling()) {
            if (t != null && !cols.contains(t)) {
                t = null;
            }
            f.retainAll(cols);
        }
        setTargetItems(cols, t);
        form.target.setValue(t);
        setFeatureItems(cols, t, f);
    }

    /** The target is no feature. */
    void targetChanged() {
        List<String> cols = of(form.dataset.getValue());
        Set<String> f = new LinkedHashSet<>(form.features.getValue());
        f.remove(form.target.getValue());
        setFeatureItems(cols, form.target.getValue(), f);
    }

    private void setTargetItems(List<String> cols, String target) {
        List<String> items = new ArrayList<>(cols);
        if (target != null && !items.contains(target)) {
            items.add(target);
        }
        form.target.setItems(items);
    }

    private void setFeatureItems(List<String> cols, String target, Set<String> selected) {
        List<String> items = new ArrayList<>(cols);
        items.remove(target);
        for (String s : selected) {
            if (!items.contains(s)) {
                items.add(s);
            }
        }
        // the combo clears its value when items change: restore without an event loop
        form.quietly(() -> {
            form.features.setItems(items);
            form.features.setValue(selected);
        });
    }
}
