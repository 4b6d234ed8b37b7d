package com.lstmautoml.core.training;

import java.util.List;

/**
 * Outcome of training one trial. RMSEs are in the target's original units, computed with the best epoch's model.
 *
 * @param trainRmse         RMSE on the training windows
 * @param valRmse           RMSE on the validation windows
 * @param epochsRun         epochs trained
 * @param bestEpoch         0-based epoch whose parameters were kept
 * @param stopReason        why it stopped
 * @param curve             per-epoch losses (scaled MSE)
 * @param modelZip          DL4J {@code ModelSerializer} zip of the best model
 * @param preprocessingJson the fitted preprocessing (scaler parameters etc.) needed to serve forecasts
 * @param valTimes          time labels of the validation targets
 * @param valActual         validation actuals, original units
 * @param valPredicted      validation predictions, original units
 */
public record TrainingResult(double trainRmse, double valRmse, int epochsRun, int bestEpoch, StopReason stopReason,
                             List<EpochLoss> curve, byte[] modelZip, String preprocessingJson,
                             List<String> valTimes, double[] valActual, double[] valPredicted) {

    public record EpochLoss(int epoch, double trainLoss, double valLoss) {
    }
}
