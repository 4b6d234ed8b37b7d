package com.lstmautoml.core.data;

import com.fasterxml.jackson.databind.JsonNode;

/** The kinds of {@link Scaler}, with their JSON names. */
public enum ScalerType {
    /** to [0, 1] over the fitted slice: {@code (x - min) / (max - min)} */
    MIN_MAX("minmax"),
    /** to zero mean, unit (population) standard deviation over the fitted slice */
    STANDARD("standard");

    private final String jsonName;

    ScalerType(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    /** Fits on {@code values[from, to)}: pass the training slice only. */
    public Scaler fit(double[] values, int from, int to) {
        if (from < 0 || to > values.length || to <= from) {
            throw new IllegalArgumentException("cannot fit a scaler on rows [" + from + ", " + to + ") of "
                    + values.length);
        }
        return switch (this) {
            case MIN_MAX -> MinMaxScaler.fit(values, from, to);
            case STANDARD -> StandardScaler.fit(values, from, to);
        };
    }

    Scaler read(JsonNode json) {
        return switch (this) {
            case MIN_MAX -> new MinMaxScaler(json.get("min").asDouble(), json.get("max").asDouble());
            case STANDARD -> new StandardScaler(json.get("mean").asDouble(), json.get("std").asDouble());
        };
    }

    public static ScalerType fromJsonName(String name) {
        for (ScalerType t : values()) {
            if (t.jsonName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown scaler type '" + name + "'");
    }
}
