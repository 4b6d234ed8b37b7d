package com.lstmautoml.core.space;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The six tunable hyperparameters, their JSON keys, and whether they are integers (fixed, not configurable). */
public enum Hyperparameter {
    UNITS("units", true),
    LAYERS("layers", true),
    LOOK_BACK("lookBack", true),
    DROPOUT("dropout", false),
    BATCH_SIZE("batchSize", true),
    LEARNING_RATE("learningRate", false);

    private final String key;
    private final boolean integer;

    Hyperparameter(String key, boolean integer) {
        this.key = key;
        this.integer = integer;
    }

    /** JSON key in {@code searchSpace}, e.g. {@code lookBack}. */
    public String key() {
        return key;
    }

    /** True for units, layers, lookBack, batchSize; false for dropout, learningRate. */
    public boolean isInteger() {
        return integer;
    }

    public static Optional<Hyperparameter> forKey(String key) {
        return Arrays.stream(values()).filter(h -> h.key.equals(key)).findFirst();
    }

    /** The JSON keys in declaration order. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(Hyperparameter::key).toList();
    }
}
