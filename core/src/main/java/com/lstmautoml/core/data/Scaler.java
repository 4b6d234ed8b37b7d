package com.lstmautoml.core.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A fitted, immutable per-column scaler. Fit it on the TRAINING slice only ({@link ScalerType#fit}), then apply it to
 * every row. Its parameters round-trip through JSON ({@link #toJson()} / {@link #fromJson(JsonNode)}), tagged with
 * {@code "type"}.
 */
public interface Scaler {

    ScalerType type();

    double transform(double value);

    double inverse(double scaled);

    /** {@code {"type": "...", ...parameters}} */
    ObjectNode toJson();

    default double[] transform(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = transform(values[i]);
        }
        return out;
    }

    default double[] inverse(double[] scaled) {
        double[] out = new double[scaled.length];
        for (int i = 0; i < scaled.length; i++) {
            out[i] = inverse(scaled[i]);
        }
        return out;
    }

    static Scaler fromJson(JsonNode json) {
        JsonNode type = json.get("type");
        if (type == null) {
            throw new IllegalArgumentException("scaler JSON has no \"type\": " + json);
        }
        return ScalerType.fromJsonName(type.asText()).read(json);
    }
}
