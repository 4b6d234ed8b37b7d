package com.lstmautoml.core.trial;

import java.util.List;
import java.util.Objects;

/**
 * The hyperparameters of one trial, as proposed by a search strategy and stored in {@code trial.params}.
 *
 * @param units        LSTM units per layer
 * @param layers       number of stacked LSTM layers
 * @param lookBack     window length (time steps fed to the LSTM)
 * @param dropout      dropout rate applied after every LSTM layer, in [0, 1)
 * @param batchSize    minibatch size
 * @param learningRate Adam learning rate
 * @param transform    {@code none} or {@code log}, applied to every input column first
 * @param difference   lag of the differencing after the transform: 0 (none), 1, or a seasonal lag such as 12
 * @param scaler       {@code minmax} or {@code standard}, fitted on the training slice of the transformed,
 *                     differenced values
 */
public record TrialParams(int units, int layers, int lookBack, double dropout, int batchSize, double learningRate,
                          String transform, int difference, String scaler) {

    public static final String DEFAULT_TRANSFORM = "none";
    public static final int DEFAULT_DIFFERENCE = 0;
    public static final String DEFAULT_SCALER = "minmax";
    private static final List<String> TRANSFORMS = List.of("none", "log");
    private static final List<String> SCALERS = List.of("minmax", "standard");

    public TrialParams {
        Objects.requireNonNull(transform, "transform");
        Objects.requireNonNull(scaler, "scaler");
        if (!TRANSFORMS.contains(transform)) {
            throw new IllegalArgumentException("transform must be one of " + TRANSFORMS + ", got '" + transform + "'");
        }
        if (!SCALERS.contains(scaler)) {
            throw new IllegalArgumentException("scaler must be one of " + SCALERS + ", got '" + scaler + "'");
        }
        if (difference < 0) {
            throw new IllegalArgumentException("difference must be >= 0, got " + difference);
        }
    }

    /**
     * The six model hyperparameters with the default preprocessing (no transform, no differencing, min-max), which
     * is what every trial used before the preprocessing keys existed; keeps the six-argument call sites working.
     */
    public TrialParams(int units, int layers, int lookBack, double dropout, int batchSize, double learningRate) {
        this(units, layers, lookBack, dropout, batchSize, learningRate, DEFAULT_TRANSFORM, DEFAULT_DIFFERENCE,
                DEFAULT_SCALER);
    }

    /** These params with other preprocessing. */
    public TrialParams withPreprocessing(String transform, int difference, String scaler) {
        return new TrialParams(units, layers, lookBack, dropout, batchSize, learningRate, transform, difference,
                scaler);
    }
}
