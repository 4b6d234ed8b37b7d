package com.lstmautoml.core.data;

import java.util.Arrays;

/**
 * Sliding windows and their next-step targets. {@code inputs} is shaped {@code [samples, lookBack, features]} (the
 * Keras convention: sample, time step, feature), flattened row-major: the value of feature {@code f} at step
 * {@code s} of sample {@code i} is {@code inputs[(i * lookBack + s) * features + f]}. Step {@code lookBack - 1} is the
 * row right before the target row. {@link #ncw()} gives DL4J's recurrent layout instead.
 *
 * @param targetRows the table row of each sample's target
 */
public record Windows(int samples, int lookBack, int features, double[] inputs, double[] targets, int[] targetRows) {

    public Windows {
        if (inputs.length != samples * lookBack * features || targets.length != samples
                || targetRows.length != samples) {
            throw new IllegalArgumentException("array sizes do not match " + samples + " x " + lookBack + " x "
                    + features);
        }
    }

    /** feature {@code feature} at time step {@code step} of sample {@code sample} */
    public double input(int sample, int step, int feature) {
        return inputs[(sample * lookBack + step) * features + feature];
    }

    /** Copy as {@code [samples][lookBack][features]}. */
    public double[][][] toArray() {
        double[][][] out = new double[samples][lookBack][features];
        for (int i = 0; i < samples; i++) {
            for (int s = 0; s < lookBack; s++) {
                out[i][s] = Arrays.copyOfRange(inputs, (i * lookBack + s) * features, (i * lookBack + s + 1) * features);
            }
        }
        return out;
    }

    /**
     * The inputs in DL4J's NCW order {@code [samples, features, lookBack]}, flattened row-major (C order): feature
     * {@code f} at step {@code s} of sample {@code i} at {@code (i * features + f) * lookBack + s}.
     */
    public double[] ncw() {
        double[] out = new double[inputs.length];
        for (int i = 0; i < samples; i++) {
            for (int s = 0; s < lookBack; s++) {
                for (int f = 0; f < features; f++) {
                    out[(i * features + f) * lookBack + s] = inputs[(i * lookBack + s) * features + f];
                }
            }
        }
        return out;
    }
}
