package com.lstmautoml.ui.experiments;

import com.lstmautoml.core.api.ApiDtos.ColumnSummary;
import com.lstmautoml.core.api.ApiDtos.DatasetView;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The datasets an {@link ExperimentForm} offers and the chosen one's columns as its target and feature choices: a
 * target or feature that is not a column of the dataset is dropped when the user picks another dataset, kept (and
 * offered) when a request fills the form.
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

    /** Offers the datasets, and {@code name} too when it is not one of them. */
    private void offer(String name) {
        List<String> names = new ArrayList<>(datasets.keySet());
        if (name != null && !datasets.containsKey(name)) {
            names.add(name);
        }
        form.dataset.setItems(names);
    }

    /** Chooses a dataset, target and features as a request names them, whether they exist or not. */
    void choose(String dataset, String target, Set<String> features) {
        if (dataset != null && !datasets.containsKey(dataset)) {
            offer(dataset);
        }
        form.target.setValue(null);
        form.features.setValue(Set.of());
        form.dataset.setValue(dataset);
        List<String> cols = of(dataset);
        setTargetItems(cols, target);
        form.target.setValue(target);
        setFeatureItems(cols, target, features);
    }

    /** "airline-passengers (144 rows)", the dataset choice's label. */
    String label(String name) {
        DatasetView d = datasets.get(name);
        return d == null ? name + " (not found)" : name + " (" + d.rows() + " rows)";
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
