package com.lstmautoml.ui.experiments;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lstmautoml.core.api.ApiDtos.ExperimentView;
import com.lstmautoml.core.api.ExperimentOptions;
import com.lstmautoml.core.space.Hyperparameter;
import com.lstmautoml.core.space.Task;
import com.lstmautoml.ui.layout.TaskScore;

/** Requests built from stored experiments (clone). */
public final class ExperimentRequests {

    private ExperimentRequests() {
    }

    /**
     * The request body that creates the same experiment again (same data, settings, pruner settings, time budget and
     * search space). The season length is given when the experiment had one (set or detected), so the clone shows
     * it; the search space is the one the experiment searched, with the preprocessing keys the server chose for the
     * series; a space stored before those keys existed gets the values its trials used (none, 0, minmax), not the
     * series' defaults. A generation experiment's request says its task and has none of the forecast's fields
     * ({@link ExperimentTask#FORECAST_ONLY}).
     */
    public static ObjectNode fromView(ExperimentView v) {
        Task task = TaskScore.task(v.task());
        boolean forecast = task == Task.FORECAST;
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("name", v.name());
        if (!forecast) {
            r.put("task", task.key());
        }
        r.put("dataset", v.dataset());
        if (forecast) {
            r.put("target", v.target());
            ArrayNode f = r.putArray("features");
            if (v.features() != null) {
                v.features().forEach(f::add);
            }
        }
        r.put("strategy", v.strategy());
        if (v.tpeMultivariate()) {
            r.put("tpeMultivariate", true);
        }
        if (v.pruner() != null) {
            r.set("pruner", v.pruner().deepCopy());
        }
        r.put("maxTrials", v.maxTrials());
        r.put("parallelism", v.parallelism());
        r.put("maxEpochs", v.maxEpochs());
        r.put("patience", v.patience());
        if (v.minEpochs() >= 1) {
            r.put("minEpochs", v.minEpochs());
        }
        if (forecast && v.seasonality() >= 1 && v.seasonalitySource() != null
                && !ExperimentOptions.NO_SEASON.equals(v.seasonalitySource())) {
            r.put("seasonality", v.seasonality());
        }
        ExperimentRequestBinder.putWhole(r, "seed", v.seed());
        if (v.timeBudget() != null) {
            r.put("timeBudget", v.timeBudget());
        }
        if (forecast && v.split() != null) {
            r.putObject("split").put("train", v.split().train()).put("validation", v.split().validation());
        }
        if (forecast && v.validationWindows() > 1) {
            r.put("validationWindows", v.validationWindows());
        }
        if (v.searchSpace() != null && v.searchSpace().isObject()) {
            ObjectNode ss = v.searchSpace().deepCopy();
            for (Hyperparameter h : task.hyperparameters()) {
                if (h.implicitValue() != null && (!ss.has(h.key()) || ss.get(h.key()).isNull())) {
                    ArrayNode values = ss.putObject(h.key()).put("type", "choice").putArray("values");
                    if (h.implicitValue() instanceof Integer i) {
                        values.add(i);
                    } else {
                        values.add(h.implicitValue().toString());
                    }
                }
            }
            r.set("searchSpace", ss);
        }
        return r;
    }

    /** A name for a clone: "name (2)", "name (3)", ... within the name length limit. */
    public static String cloneName(String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(.*) \\((\\d+)\\)$").matcher(name);
        String base = m.matches() ? m.group(1) : name;
        int n = m.matches() ? Integer.parseInt(m.group(2)) + 1 : 2;
        String suffix = " (" + n + ")";
        int max = ExperimentOptions.NAME_MAX_LENGTH - suffix.length();
        return (base.length() > max ? base.substring(0, max) : base) + suffix;
    }
}
