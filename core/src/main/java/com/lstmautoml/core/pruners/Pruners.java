package com.lstmautoml.core.pruners;

import com.lstmautoml.core.validation.ValidationException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The pruners by request name, each with its default parameters: {@code none}, {@code median}
 * ({@link MedianPruner}: 5 startup trials, 5 warm-up epochs), {@code asha} ({@link AsyncSuccessiveHalvingPruner}:
 * rungs at 3, 9, 27, ... epochs, reduction factor 3). The names match the CHECK on {@code experiment.pruner}.
 */
public final class Pruners {

    public static final String DEFAULT = NoPruner.NAME;

    private static final Map<String, Supplier<Pruner>> PRUNERS = new LinkedHashMap<>();

    static {
        PRUNERS.put(NoPruner.NAME, NoPruner::new);
        PRUNERS.put(MedianPruner.NAME, MedianPruner::new);
        PRUNERS.put(AsyncSuccessiveHalvingPruner.NAME, AsyncSuccessiveHalvingPruner::new);
    }

    private Pruners() {
    }

    /** Allowed names: [none, median, asha]. */
    public static List<String> names() {
        return List.copyOf(PRUNERS.keySet());
    }

    /**
     * @throws ValidationException on field {@code pruner} listing the allowed names when {@code name} is unknown
     */
    public static Pruner forName(String name) {
        Supplier<Pruner> p = name == null ? null : PRUNERS.get(name);
        if (p == null) {
            throw new ValidationException("pruner", (name == null ? "missing" : "unknown pruner '" + com.lstmautoml.core.validation.FieldError.excerpt(name) + "'")
                    + ": use one of " + String.join(", ", names()));
        }
        return p.get();
    }
}
