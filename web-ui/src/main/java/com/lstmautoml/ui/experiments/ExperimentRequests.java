package com.lstmautoml.ui.experiments;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lstmautoml.core.api.ApiDtos.ExperimentView;

/** Requests built from stored experiments (clone). */
public final class ExperimentRequests {

    private ExperimentRequests() {
    }

    /** The request body that creates the same experiment again (same data, settings and search space). */
    public static ObjectNode fromView(ExperimentView v) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("name", v.name());
        r.put("dataset", v.dataset());
        r.put("target", v.target());
        ArrayNode f = r.putArray("features");
        if (v.features() != null) {
            v.features().forEach(f::add);
        }
        r.put("strategy", v.strategy());
        if (v.pruner() != null) {
            r.put("pruner", v.pruner());
        }
        r.put("maxTrials", v.maxTrials());
        r.put("parallelism", v.parallelism());
        r.put("maxEpochs", v.maxEpochs());
        r.put("patience", v.patience());
        ExperimentForm.putWhole(r, "seed", v.seed());
        if (v.split() != null) {
            r.putObject("split").put("train", v.split().train()).put("validation", v.split().validation());
        }
        if (v.searchSpace() != null && v.searchSpace().isObject()) {
            r.set("searchSpace", v.searchSpace().deepCopy());
        }
        return r;
    }

    /** A name for a clone: "name (2)", "name (3)", ... within the name length limit. */
    public static String cloneName(String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(.*) \\((\\d+)\\)$").matcher(name);
        String base = m.matches() ? m.group(1) : name;
        int n = m.matches() ? Integer.parseInt(m.group(2)) + 1 : 2;
        String suffix = " (" + n + ")";
        int max = com.lstmautoml.core.experiment.ExperimentSpec.NAME_MAX_LENGTH - suffix.length();
        return (base.length() > max ? base.substring(0, max) : base) + suffix;
    }
}
