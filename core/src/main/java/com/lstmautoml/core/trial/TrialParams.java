package com.lstmautoml.core.trial;

/**
 * The hyperparameters of one trial, as proposed by a search strategy and stored in {@code trial.params}.
 *
 * @param units        LSTM units per layer
 * @param layers       number of stacked LSTM layers
 * @param lookBack     window length (time steps fed to the LSTM)
 * @param dropout      dropout rate applied after every LSTM layer, in [0, 1)
 * @param batchSize    minibatch size
 * @param learningRate Adam learning rate
 */
public record TrialParams(int units, int layers, int lookBack, double dropout, int batchSize, double learningRate) {
}
