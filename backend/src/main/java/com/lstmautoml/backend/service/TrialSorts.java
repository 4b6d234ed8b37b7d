package com.lstmautoml.backend.service;

import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.validation.ValidationException;
import io.quarkus.panache.common.Sort;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The allow-list of trial sort keys ({@code Experiments.TRIAL_SORTS}): API names → entity attributes; nothing else
 * reaches a query.
 */
final class TrialSorts {

    static final Map<String, String> SORTS = Map.of(
            "valRmse", "valRmse", "trainRmse", "trainRmse", "number", "number", "state", "state",
            "epochsRun", "epochsRun", "startedAt", "startedAt", "finishedAt", "finishedAt");

    private TrialSorts() {
    }

    /**
     * @param orders keys of {@link #SORTS} (empty or null: valRmse ascending); each key puts trials without the value
     *               last; ties are broken by trial number
     */
    static Sort parse(List<ApiDtos.SortOrder> orders) {
        List<ApiDtos.SortOrder> keys = orders == null || orders.isEmpty()
                ? List.of(new ApiDtos.SortOrder("valRmse", false)) : orders;
        Sort sort = null;
        List<String> used = new ArrayList<>();
        for (ApiDtos.SortOrder o : keys) {
            String attribute = o == null ? null : SORTS.get(o.field());
            if (attribute == null) {
                throw new ValidationException("sort", "cannot sort by '" + (o == null ? null : o.field())
                        + "'; use one of " + new TreeSet<>(SORTS.keySet()) + " (prefix '-' for descending)");
            }
            if (used.contains(attribute)) {
                continue;
            }
            used.add(attribute);
            Sort.Direction direction = o.descending() ? Sort.Direction.Descending : Sort.Direction.Ascending;
            sort = sort == null ? Sort.by(attribute, direction, Sort.NullPrecedence.NULLS_LAST)
                    : sort.and(attribute, direction, Sort.NullPrecedence.NULLS_LAST);
        }
        return used.contains("number") ? sort : sort.and("number");
    }
}
