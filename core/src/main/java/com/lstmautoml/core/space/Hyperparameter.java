package com.lstmautoml.core.space;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The tunable hyperparameters, their JSON keys, and their kind (fixed, not configurable): the six model
 * hyperparameters (integer or float, ranges or choices) and three preprocessing ones that only take a
 * {@code choice}: {@code transform} and {@code scaler} (labels, see {@link #labels()}) and {@code difference}
 * (whole numbers, 0 meaning none).
 */
public enum Hyperparameter {
    UNITS("units", true, null),
    LAYERS("layers", true, null),
    LOOK_BACK("lookBack", true, null),
    DROPOUT("dropout", false, null),
    BATCH_SIZE("batchSize", true, null),
    LEARNING_RATE("learningRate", false, null),
    /** {@code none} or {@code log} (natural log of every input column) */
    TRANSFORM("transform", false, List.of("none", "log")),
    /** 0 (none), 1, or a seasonal lag: value[t] - value[t - lag] */
    DIFFERENCE("difference", true, null),
    /** {@code minmax} or {@code standard}, fitted on the training slice */
    SCALER("scaler", false, List.of("minmax", "standard"));

    private final String key;
    private final boolean integer;
    private final List<String> labels;

    Hyperparameter(String key, boolean integer, List<String> labels) {
        this.key = key;
        this.integer = integer;
        this.labels = labels;
    }

    /** JSON key in {@code searchSpace}, e.g. {@code lookBack}. */
    public String key() {
        return key;
    }

    /** True for units, layers, lookBack, batchSize, difference; false for the others. */
    public boolean isInteger() {
        return integer;
    }

    /** True for transform and scaler: their values are labels ({@link #labels()}), not numbers. */
    public boolean isCategorical() {
        return labels != null;
    }

    /** The allowed labels of a categorical key, in order; empty for numeric keys. */
    public List<String> labels() {
        return labels == null ? List.of() : labels;
    }

    /** True for the preprocessing keys (transform, difference, scaler): they only take {@code "type":"choice"}. */
    public boolean isChoiceOnly() {
        return this == TRANSFORM || this == DIFFERENCE || this == SCALER;
    }

    /**
     * The value a trial whose stored params lack this key was trained with (params stored before the preprocessing
     * keys existed): {@code none}, {@code 0}, {@code minmax}; null for the model keys, which are always stored.
     */
    public Object implicitValue() {
        return switch (this) {
            case TRANSFORM -> "none";
            case DIFFERENCE -> 0;
            case SCALER -> "minmax";
            default -> null;
        };
    }

    public static Optional<Hyperparameter> forKey(String key) {
        return Arrays.stream(values()).filter(h -> h.key.equals(key)).findFirst();
    }

    /** The JSON keys in declaration order. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(Hyperparameter::key).toList();
    }
}
