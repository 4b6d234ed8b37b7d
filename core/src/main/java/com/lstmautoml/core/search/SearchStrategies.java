package com.lstmautoml.core.search;

import com.lstmautoml.core.validation.ValidationException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The strategies by request name: random, grid, tpe, genetic. */
public final class SearchStrategies {

    private static final Map<String, Supplier<SearchStrategy>> STRATEGIES = new LinkedHashMap<>();

    static {
        STRATEGIES.put(RandomSearch.NAME, RandomSearch::new);
        STRATEGIES.put(GridSearch.NAME, GridSearch::new);
        STRATEGIES.put(TpeSearch.NAME, TpeSearch::new);
        STRATEGIES.put(GeneticSearch.NAME, GeneticSearch::new);
    }

    private SearchStrategies() {
    }

    /** Allowed names, [random, grid, tpe, genetic]. */
    public static List<String> names() {
        return List.copyOf(STRATEGIES.keySet());
    }

    /**
     * @throws ValidationException on field {@code strategy} listing the allowed names when {@code name} is unknown
     */
    public static SearchStrategy forName(String name) {
        Supplier<SearchStrategy> s = name == null ? null : STRATEGIES.get(name);
        if (s == null) {
            throw new ValidationException("strategy", (name == null ? "missing" : "unknown strategy '" + com.lstmautoml.core.validation.FieldError.excerpt(name) + "'")
                    + ": use one of " + String.join(", ", names()));
        }
        return s.get();
    }
}
