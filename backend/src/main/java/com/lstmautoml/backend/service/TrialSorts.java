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

    static final Map<String, List<String>> SORTS = Map.of(
            "rank", List.of("rankGroup", "rankEpochs", "valRmse"),
            "valRmse", List.of("valRmse"), "trainRmse", List.of("trainRmse"), "number", List.of("number"),
            "state", List.of("state"), "epochsRun", List.of("epochsRun"), "startedAt", List.of("startedAt"),
            "finishedAt", List.of("finishedAt"));

    /** The ranking: COMPLETED trials by validation RMSE, then PRUNED ones (further trained first), then the rest. */
    static final String DEFAULT = "rank";

    private TrialSorts() {
    }

    /**
     * @param orders keys of {@link #SORTS} (empty or null: {@link #DEFAULT rank}); each key puts trials without the
     *               value last; ties are broken by trial number. {@code rank} is the ranking (V14's generated
     *               columns, then valRmse); {@code valRmse} the value alone, whatever the state
     */
    static Sort parse(List<ApiDtos.SortOrder> orders) {
        List<ApiDtos.SortOrder> keys = orders == null || orders.isEmpty()
                ? List.of(new ApiDtos.SortOrder(DEFAULT, false)) : orders;
        Sort sort = null;
        List<String> used = new ArrayList<>();
        for (ApiDtos.SortOrder o : keys) {
            List<String> attributes = o == null ? null : SORTS.get(o.field());
            if (attributes == null) {
                throw new ValidationException("sort", "cannot sort by '" + (o == null ? null : o.field())
                        + "'; use one of " + new TreeSet<>(SORTS.keySet()) + " (prefix '-' for descending)");
            }
            for (String attribute : attributes) {
                if (used.contains(attribute)) {
                    continue;
                }
                used.add(attribute);
                Sort.Direction direction = o.descending() ? Sort.Direction.Descending : Sort.Direction.Ascending;
                sort = sort == null ? Sort.by(attribute, direction, Sort.NullPrecedence.NULLS_LAST)
                        : sort.and(attribute, direction, Sort.NullPrecedence.NULLS_LAST);
            }
        }
        return used.contains("number") ? sort : sort.and("number");
    }
}
