package com.lstmautoml.core.training;

import com.lstmautoml.core.data.SplitFractions;
import com.lstmautoml.core.data.Table;
import com.lstmautoml.core.trial.TrialParams;

import java.util.List;

/**
 * Everything needed to train one trial, reproducible from the trial's row alone.
 *
 * @param table           the dataset
 * @param target          column to forecast (one step ahead); always also an input
 * @param features        extra input columns (may be empty)
 * @param params          the trial's hyperparameters (lookBack and batchSize are used here)
 * @param modelConfigJson DL4J {@code MultiLayerConfiguration} JSON the trial stores
 * @param split           chronological split fractions
 * @param maxEpochs       epoch cap
 * @param minEpochs       epochs trained before early stopping may stop (1: from the first epoch on)
 * @param patience        epochs without validation improvement before stopping
 * @param seed            seed for everything random in training
 * @param refitEpochs     0 for a search trial; otherwise a refit: train on the training AND validation rows for
 *                        exactly this many epochs, no early stopping (maxEpochs, minEpochs and patience unused),
 *                        scalers fitted on those rows; the test rows stay held out
 * @param validationWindows how many rolling-origin validation windows a search trial trains on
 *                        ({@link com.lstmautoml.core.data.ChronoSplit#validationWindows}); 1: the split's validation
 *                        slice only. maxEpochs, minEpochs and patience hold per window. A refit ignores it.
 */
public record TrainingJob(Table table, String target, List<String> features, TrialParams params,
                          String modelConfigJson, SplitFractions split, int maxEpochs, int minEpochs, int patience,
                          long seed, int refitEpochs, int validationWindows) implements TrialJob {

    public TrainingJob {
        features = List.copyOf(features);
        if (refitEpochs < 0) {
            throw new IllegalArgumentException("refitEpochs must be >= 0, got " + refitEpochs);
        }
        if (validationWindows < 1) {
            throw new IllegalArgumentException("validationWindows must be >= 1, got " + validationWindows);
        }
    }

    /** A search trial's job with one validation window, or a refit. */
    public TrainingJob(Table table, String target, List<String> features, TrialParams params, String modelConfigJson,
                       SplitFractions split, int maxEpochs, int minEpochs, int patience, long seed, int refitEpochs) {
        this(table, target, features, params, modelConfigJson, split, maxEpochs, minEpochs, patience, seed,
                refitEpochs, 1);
    }

    /** A search trial's job with one validation window. */
    public TrainingJob(Table table, String target, List<String> features, TrialParams params, String modelConfigJson,
                       SplitFractions split, int maxEpochs, int minEpochs, int patience, long seed) {
        this(table, target, features, params, modelConfigJson, split, maxEpochs, minEpochs, patience, seed, 0);
    }

    @Override
    public TrainingResult trainWith(Trainer trainer, EpochListener listener) {
        return trainer.train(this, listener);
    }

    /** Whether this job refits a configuration on train + validation. */
    public boolean refit() {
        return refitEpochs > 0;
    }

    /** Input columns in model order: the target first, then the extra features. */
    public List<String> inputColumns() {
        var cols = new java.util.ArrayList<String>();
        cols.add(target);
        cols.addAll(features);
        return cols;
    }
}
