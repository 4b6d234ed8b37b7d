package com.lstmautoml.backend.service;

import com.lstmautoml.core.validation.ValidationException;
import io.quarkus.panache.common.Sort;

import java.util.Map;

/** The allow-list of trial sort keys: API names → entity attributes; nothing else reaches a query. */
final class TrialSorts {

    static final Map<String, String> SORTS = Map.of(
            "valRmse", "valRmse", "trainRmse", "trainRmse", "number", "number", "state", "state",
            "epochsRun", "epochsRun", "startedAt", "startedAt", "finishedAt", "finishedAt");

    private TrialSorts() {
    }

    /**
     * @param sort a key of {@link #SORTS}, optionally prefixed with '-' for descending (default valRmse); trials
     *             without the value (not finished yet) come last; ties are broken by trial number
     */
    static Sort parse(String sort) {
        String key = sort == null || sort.isBlank() ? "valRmse" : sort;
        boolean descending = key.startsWith("-");
        String attribute = SORTS.get(descending ? key.substring(1) : key);
        if (attribute == null) {
            throw new ValidationException("sort", "cannot sort by '" + key + "'; use one of "
                    + new java.util.TreeSet<>(SORTS.keySet()) + " (prefix '-' for descending)");
        }
        return Sort.by(attribute, descending ? Sort.Direction.Descending : Sort.Direction.Ascending,
                Sort.NullPrecedence.NULLS_LAST).and("number");
    }
}
