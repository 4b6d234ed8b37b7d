package com.lstmautoml.core.training;

import java.util.List;

/**
 * Outcome of training one trial. RMSEs are in the target's original units, computed with the best epoch's model.
 *
 * <p>A trial trained on several validation windows ({@link TrainingJob#validationWindows()}) trains one network per
 * window, oldest first, and stops at the first window that does not end by early stopping or max epochs (pruned,
 * cancelled, diverged, lease lost). Its validation metrics ({@code valRmse}, {@code valMae}, {@code valSmape}) are the
 * means over the windows it trained of each window's best-epoch metrics; everything else (train RMSE, best epoch,
 * model, preprocessing, predictions) is the last trained window's, which for a trial that trained every window is the
 * experiment's own split. With one window this is exactly the single training's result.
 *
 * @param trainRmse         RMSE on the training windows
 * @param valRmse           RMSE on the validation rows; with several validation windows the mean of
 *                          {@code valRmseWindows}
 * @param valMae            MAE on the validation rows (mean over the validation windows)
 * @param valSmape          sMAPE (percent) on the validation rows (mean over the validation windows)
 * @param epochsRun         epochs trained, over all validation windows
 * @param bestEpoch         0-based epoch whose parameters were kept (of the last trained window)
 * @param stopReason        why it stopped (the last trained window)
 * @param curve             per-epoch losses (scaled MSE) and validation RMSE (original units), window by window
 * @param modelZip          DL4J {@code ModelSerializer} zip of the best model
 * @param preprocessingJson the fitted preprocessing (scaler parameters etc.) needed to serve forecasts
 * @param valTimes          time labels of the validation targets (of the last trained window)
 * @param valActual         validation actuals, original units (of the last trained window)
 * @param valPredicted      validation predictions, original units (of the last trained window)
 * @param valRmseWindows    each trained validation window's best RMSE, oldest first (a pruned or cancelled trial's
 *                          last one is its best so far); empty when there is no validation (a refit)
 * @param times             where the training time went, over all windows ({@link TrainingTimes#NONE} when the
 *                          result was not trained by a {@link Trainer} that measures it)
 */
public record TrainingResult(double trainRmse, double valRmse, double valMae, double valSmape, int epochsRun, int bestEpoch, StopReason stopReason,
                             List<EpochLoss> curve, byte[] modelZip, String preprocessingJson,
                             List<String> valTimes, double[] valActual, double[] valPredicted,
                             double[] valRmseWindows, TrainingTimes times) {

    public TrainingResult {
        valRmseWindows = valRmseWindows == null ? new double[0] : valRmseWindows.clone();
        times = times == null ? TrainingTimes.NONE : times;
    }

    /** A result with validation windows' RMSEs and no time measurement. */
    public TrainingResult(double trainRmse, double valRmse, double valMae, double valSmape, int epochsRun,
                          int bestEpoch, StopReason stopReason, List<EpochLoss> curve, byte[] modelZip,
                          String preprocessingJson, List<String> valTimes, double[] valActual,
                          double[] valPredicted, double[] valRmseWindows) {
        this(trainRmse, valRmse, valMae, valSmape, epochsRun, bestEpoch, stopReason, curve, modelZip,
                preprocessingJson, valTimes, valActual, valPredicted, valRmseWindows, TrainingTimes.NONE);
    }

    /** This result with its time measurement. */
    public TrainingResult withTimes(TrainingTimes measured) {
        return new TrainingResult(trainRmse, valRmse, valMae, valSmape, epochsRun, bestEpoch, stopReason, curve,
                modelZip, preprocessingJson, valTimes, valActual, valPredicted, valRmseWindows, measured);
    }

    /** A result of one validation window (or of a refit, whose NaN {@code valRmse} gives no window). */
    public TrainingResult(double trainRmse, double valRmse, double valMae, double valSmape, int epochsRun,
                          int bestEpoch, StopReason stopReason, List<EpochLoss> curve, byte[] modelZip,
                          String preprocessingJson, List<String> valTimes, double[] valActual,
                          double[] valPredicted) {
        this(trainRmse, valRmse, valMae, valSmape, epochsRun, bestEpoch, stopReason, curve, modelZip,
                preprocessingJson, valTimes, valActual, valPredicted,
                Double.isNaN(valRmse) ? new double[0] : new double[] {valRmse});
    }

    /**
     * A trial's result from its validation windows' results, oldest first, as the class describes: the means of the
     * validation metrics, each window's RMSE, the epochs and curves of all, the rest from the last window. One window
     * gives its result unchanged.
     */
    public static TrainingResult ofWindows(List<TrainingResult> windows) {
        TrainingResult last = windows.get(windows.size() - 1);
        if (windows.size() == 1) {
            return last;
        }
        double[] rmses = windows.stream().mapToDouble(TrainingResult::valRmse).toArray();
        List<EpochLoss> curve = new java.util.ArrayList<>();
        windows.forEach(w -> curve.addAll(w.curve()));
        return new TrainingResult(last.trainRmse(), mean(rmses),
                mean(windows.stream().mapToDouble(TrainingResult::valMae).toArray()),
                mean(windows.stream().mapToDouble(TrainingResult::valSmape).toArray()),
                windows.stream().mapToInt(TrainingResult::epochsRun).sum(), last.bestEpoch(), last.stopReason(),
                List.copyOf(curve), last.modelZip(), last.preprocessingJson(), last.valTimes(), last.valActual(),
                last.valPredicted(), rmses, windows.stream().map(TrainingResult::times)
                        .reduce(TrainingTimes.NONE, TrainingTimes::plus));
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /**
     * One epoch of one validation window: losses as MSE on the scaled data, the validation RMSE in the series' units
     * (NaN where unknown: epochs recorded before it was measured). Epochs count from 0 in every window.
     *
     * @param window the validation window, 0-based, oldest first (0 for a trial with one window, and for a refit)
     */
    public record EpochLoss(int epoch, double trainLoss, double valLoss, double valRmse, int window) {

        public EpochLoss {
            if (window < 0) {
                throw new IllegalArgumentException("window must be >= 0, got " + window);
            }
        }

        /** An epoch of window 0. */
        public EpochLoss(int epoch, double trainLoss, double valLoss, double valRmse) {
            this(epoch, trainLoss, valLoss, valRmse, 0);
        }
    }
}
