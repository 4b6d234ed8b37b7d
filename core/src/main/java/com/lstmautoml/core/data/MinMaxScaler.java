package com.lstmautoml.core.data;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Scales to [0, 1] over the fitted slice: {@code (x - min) / (max - min)}. A constant slice (max == min) uses a range
 * of 1, so it maps to 0 and values outside keep their distance. Values outside the fitted range map outside [0, 1].
 */
public record MinMaxScaler(double min, double max) implements Scaler {

    public MinMaxScaler {
        if (!(Double.isFinite(min) && Double.isFinite(max) && min <= max)) {
            throw new IllegalArgumentException("need finite min <= max, got " + min + ", " + max);
        }
    }

    /** Fits on {@code values[from, to)}. */
    public static MinMaxScaler fit(double[] values, int from, int to) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            lo = Math.min(lo, values[i]);
            hi = Math.max(hi, values[i]);
        }
        return new MinMaxScaler(lo, hi);
    }

    private double range() {
        double r = max - min;
        return r > 0 ? r : 1.0;
    }

    @Override
    public ScalerType type() {
        return ScalerType.MIN_MAX;
    }

    @Override
    public double transform(double value) {
        return (value - min) / range();
    }

    @Override
    public double inverse(double scaled) {
        return scaled * range() + min;
    }

    @Override
    public ObjectNode toJson() {
        return JsonNodeFactory.instance.objectNode().put("type", type().jsonName()).put("min", min).put("max", max);
    }
}
