package com.lstmautoml.core.worker;

import com.lstmautoml.core.data.SplitFractions;
import com.lstmautoml.core.data.Table;
import com.lstmautoml.core.queue.ClaimedTrial;
import com.lstmautoml.core.space.Task;
import com.lstmautoml.core.text.TextCorpus;
import com.lstmautoml.core.training.TextTrainingJob;
import com.lstmautoml.core.training.TrainingJob;
import com.lstmautoml.core.training.TrialJob;

import java.util.List;
import java.util.Objects;

/**
 * What a trial's training needs besides its own row: its experiment's settings and its dataset (a forecast's: only
 * the columns the experiment uses; a text's: the text).
 *
 * @param experimentId the experiment
 * @param datasetId    its dataset
 * @param task         what the experiment's models learn
 * @param table        a forecast's: the dataset's time column and the target and feature columns; null for a text
 * @param corpus       a text's: the text, split and encoded; null for a forecast
 * @param target       column to forecast ({@code text} for a text)
 * @param features     extra input columns
 * @param split        chronological split fractions
 * @param maxEpochs    epoch cap
 * @param minEpochs    epochs before early stopping may stop
 * @param patience     early-stopping patience
 * @param seed         the experiment's seed
 * @param validationWindows the experiment's rolling-origin validation windows (1: its validation slice only)
 */
public record TrialInputs(long experimentId, long datasetId, Task task, Table table, TextCorpus corpus, String target,
                          List<String> features, SplitFractions split, int maxEpochs, int minEpochs, int patience,
                          long seed, int validationWindows) {

    public TrialInputs {
        features = List.copyOf(features);
        Objects.requireNonNull(task, "task");
        if ((task == Task.GENERATE) != (corpus != null) || (task == Task.FORECAST) != (table != null)) {
            throw new IllegalArgumentException("a " + task.key() + " experiment needs "
                    + (task == Task.GENERATE ? "a text" : "a table") + " and nothing else");
        }
    }

    /**
     * The training job of one claimed trial of this experiment.
     *
     * @throws IllegalArgumentException when the trial's params JSON is invalid, it belongs to another experiment, or
     *                                  it is a text experiment's refit (a text model is never refitted)
     */
    public TrialJob jobFor(ClaimedTrial trial) {
        if (trial.experimentId() != experimentId) {
            throw new IllegalArgumentException("trial " + trial.trialId() + " belongs to experiment "
                    + trial.experimentId() + ", not " + experimentId);
        }
        if (task == Task.GENERATE) {
            if (trial.refit()) {
                throw new IllegalArgumentException("trial " + trial.trialId() + " is a refit of a text experiment's"
                        + " model, which is never refitted");
            }
            return new TextTrainingJob(corpus, trial.params(), trial.modelConfig(), maxEpochs, minEpochs, patience,
                    seed);
        }
        return new TrainingJob(table, target, features, trial.params(), trial.modelConfig(), split, maxEpochs,
                minEpochs, patience, seed, trial.refitEpochs(), validationWindows);
    }
}
