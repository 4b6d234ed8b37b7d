package com.lstmautoml.core.training;

/**
 * Called by the trainer after every epoch, with losses as MSE on the scaled data and the validation RMSE in the
 * series' own units (the value early stopping and the pruners compare).
 */
@FunctionalInterface
public interface EpochListener {

    EpochListener NONE = (epoch, trainLoss, valLoss, valRmse) -> EpochVerdict.CONTINUE;

    /**
     * @param epoch     0-based epoch just finished
     * @param trainLoss mean squared error on the training windows (scaled units)
     * @param valLoss   mean squared error on the validation windows (scaled units)
     * @param valRmse   RMSE of the one-step validation forecasts in the series' units (inverse-scaled,
     *                  undifferenced, inverse-transformed)
     * @return whether to go on
     */
    EpochVerdict onEpoch(int epoch, double trainLoss, double valLoss, double valRmse);

    /**
     * What the trainer calls: one epoch of one validation window ({@link TrainingResult.EpochLoss#window()}, epochs
     * counting from 0 in each window). By default the window is left out and the call goes to
     * {@link #onEpoch(int, double, double, double)}, which suits listeners of single-window jobs; a listener that
     * compares epochs across trials (the worker's, through the queue's pruner) overrides this one.
     */
    default EpochVerdict onEpoch(TrainingResult.EpochLoss epoch) {
        return onEpoch(epoch.epoch(), epoch.trainLoss(), epoch.valLoss(), epoch.valRmse());
    }
}
