package com.lstmautoml.core.data;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Scales to zero mean and unit population standard deviation over the fitted slice. A constant slice uses std 1.
 */
public record StandardScaler(double mean, double std) implements Scaler {

    public StandardScaler {
        if (!(Double.isFinite(mean) && Double.isFinite(std) && std > 0)) {
            throw new IllegalArgumentException("need finite mean and std > 0, got " + mean + ", " + std);
        }
    }

    /** Fits on {@code values[from, to)}. */
    public static StandardScaler fit(double[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        double mean = sum / (to - from);
        double ss = 0;
        for (int i = from; i < to; i++) {
            ss += (values[i] - mean) * (values[i] - mean);
        }
        double std = Math.sqrt(ss / (to - from));
        return new StandardScaler(mean, std > 0 ? std : 1.0);
    }

    @Override
    public ScalerType type() {
        return ScalerType.STANDARD;
    }

    @Override
    public double transform(double value) {
        return (value - mean) / std;
    }

    @Override
    public double inverse(double scaled) {
        return scaled * std + mean;
    }

    @Override
    public ObjectNode toJson() {
        return JsonNodeFactory.instance.objectNode().put("type", type().jsonName()).put("mean", mean).put("std", std);
    }
}
