package com.lstmautoml.core.training;

import java.util.List;

/**
 * Outcome of training one trial. RMSEs are in the target's original units, computed with the best epoch's model.
 *
 * @param trainRmse         RMSE on the training windows
 * @param valRmse           RMSE on the validation windows
 * @param valMae            MAE on the validation windows
 * @param valSmape          sMAPE (percent) on the validation windows
 * @param epochsRun         epochs trained
 * @param bestEpoch         0-based epoch whose parameters were kept
 * @param stopReason        why it stopped
 * @param curve             per-epoch losses (scaled MSE) and validation RMSE (original units)
 * @param modelZip          DL4J {@code ModelSerializer} zip of the best model
 * @param preprocessingJson the fitted preprocessing (scaler parameters etc.) needed to serve forecasts
 * @param valTimes          time labels of the validation targets
 * @param valActual         validation actuals, original units
 * @param valPredicted      validation predictions, original units
 */
public record TrainingResult(double trainRmse, double valRmse, double valMae, double valSmape, int epochsRun, int bestEpoch, StopReason stopReason,
                             List<EpochLoss> curve, byte[] modelZip, String preprocessingJson,
                             List<String> valTimes, double[] valActual, double[] valPredicted) {

    /**
     * One epoch: losses as MSE on the scaled data, the validation RMSE in the series' units (NaN where unknown: epochs
     * recorded before it was measured).
     */
    public record EpochLoss(int epoch, double trainLoss, double valLoss, double valRmse) {
    }
}
