package com.lstmautoml.core.worker;

import com.lstmautoml.core.data.Table;
import com.lstmautoml.core.queue.ClaimedTrial;
import com.lstmautoml.core.data.SplitFractions;
import com.lstmautoml.core.training.TrainingJob;

import java.util.List;

/**
 * What a trial's training needs besides its own row: its experiment's settings and its dataset (only the columns
 * the experiment uses).
 *
 * @param experimentId the experiment
 * @param datasetId    its dataset
 * @param table        the dataset's time column and the target and feature columns
 * @param target       column to forecast
 * @param features     extra input columns
 * @param split        chronological split fractions
 * @param maxEpochs    epoch cap
 * @param minEpochs    epochs before early stopping may stop
 * @param patience     early-stopping patience
 * @param seed         the experiment's seed
 * @param validationWindows the experiment's rolling-origin validation windows (1: its validation slice only)
 */
public record TrialInputs(long experimentId, long datasetId, Table table, String target, List<String> features,
                          SplitFractions split, int maxEpochs, int minEpochs, int patience, long seed,
                          int validationWindows) {

    public TrialInputs {
        features = List.copyOf(features);
    }

    /**
     * The training job of one claimed trial of this experiment.
     *
     * @throws IllegalArgumentException when the trial's params JSON is invalid or it belongs to another experiment
     */
    public TrainingJob jobFor(ClaimedTrial trial) {
        if (trial.experimentId() != experimentId) {
            throw new IllegalArgumentException("trial " + trial.trialId() + " belongs to experiment "
                    + trial.experimentId() + ", not " + experimentId);
        }
        return new TrainingJob(table, target, features, trial.params(), trial.modelConfig(), split, maxEpochs,
                minEpochs, patience, seed, trial.refitEpochs(), validationWindows);
    }
}
