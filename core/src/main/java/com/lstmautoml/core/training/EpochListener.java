package com.lstmautoml.core.training;

/** Called by the trainer after every epoch, with losses as MSE on the scaled data. */
@FunctionalInterface
public interface EpochListener {

    EpochListener NONE = (epoch, trainLoss, valLoss) -> EpochVerdict.CONTINUE;

    /**
     * @param epoch     0-based epoch just finished
     * @param trainLoss mean squared error on the training windows (scaled units)
     * @param valLoss   mean squared error on the validation windows (scaled units)
     * @return whether to go on
     */
    EpochVerdict onEpoch(int epoch, double trainLoss, double valLoss);
}
