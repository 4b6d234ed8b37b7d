package com.lstmautoml.backend.service;

import com.lstmautoml.backend.domain.ExperimentState;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.validation.ValidationException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The WHERE and ORDER BY of the history queries over {@code Experiment e join e.dataset d}. Filter values are only
 * ever bound parameters; sort keys only ever come from {@link #SORTS} ({@code Experiments.HISTORY_SORTS}).
 */
final class HistoryQuery {

    /** API sort key → HQL path. */
    static final Map<String, String> SORTS = Map.of(
            "createdAt", "e.createdAt", "name", "e.name", "dataset", "d.name", "strategy", "e.strategy",
            "state", "e.state", "createdBy", "e.createdBy", "maxTrials", "e.maxTrials");

    private HistoryQuery() {
    }

    record Where(String clause, Map<String, Object> parameters) {
    }

    /**
     * Always one team's experiments; name: case-insensitive substring; dataset, state and owner: exact; null or blank
     * fields match everything.
     */
    static Where where(long teamId, ApiDtos.ExperimentFilter filter) {
        ApiDtos.ExperimentFilter f = filter == null ? ApiDtos.ExperimentFilter.ALL : filter;
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        conditions.add("e.teamId = :team");
        parameters.put("team", teamId);
        if (present(f.name())) {
            conditions.add("lower(e.name) like :name escape '!'");
            parameters.put("name", "%" + f.name().strip().toLowerCase(Locale.ROOT)
                    .replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        if (present(f.dataset())) {
            conditions.add("d.name = :dataset");
            parameters.put("dataset", f.dataset().strip());
        }
        if (present(f.state())) {
            conditions.add("e.state = :state");
            parameters.put("state", state(f.state().strip()));
        }
        if (present(f.createdBy())) {
            conditions.add("e.createdBy = :createdBy");
            parameters.put("createdBy", f.createdBy().strip());
        }
        return new Where(" where " + String.join(" and ", conditions), parameters);
    }

    /** The ORDER BY list for the keys (empty: newest first); ties always newest first, then by id. */
    static String orderBy(List<ApiDtos.SortOrder> sort) {
        Map<String, String> terms = new LinkedHashMap<>();
        for (ApiDtos.SortOrder o : sort == null ? List.<ApiDtos.SortOrder>of() : sort) {
            String path = o == null ? null : SORTS.get(o.field());
            if (path == null) {
                throw new ValidationException("sort", "cannot sort the history by '" + (o == null ? null : o.field())
                        + "'; use one of " + new TreeSet<>(SORTS.keySet()) + " (prefix '-' for descending)");
            }
            terms.putIfAbsent(path, path + (o.descending() ? " desc" : " asc"));
        }
        terms.putIfAbsent("e.createdAt", "e.createdAt desc");
        terms.putIfAbsent("e.id", "e.id desc");
        return String.join(", ", terms.values());
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static ExperimentState state(String state) {
        try {
            return ExperimentState.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("state", "no experiment state '" + state + "'; use one of "
                    + Arrays.toString(ExperimentState.values()));
        }
    }
}
