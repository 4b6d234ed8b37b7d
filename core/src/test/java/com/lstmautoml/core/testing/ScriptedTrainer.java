package com.lstmautoml.core.testing;

import com.lstmautoml.core.training.EpochListener;
import com.lstmautoml.core.training.EpochVerdict;
import com.lstmautoml.core.training.StopReason;
import com.lstmautoml.core.training.Trainer;
import com.lstmautoml.core.training.TextTrainingJob;
import com.lstmautoml.core.training.TrainingJob;
import com.lstmautoml.core.training.TrainingResult;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;

/**
 * A {@link Trainer} for tests: plays a given loss curve epoch by epoch through the listener, honours its verdicts and
 * returns a small fake result (model zip = "model of trial " + the job's model config). Optional hooks run before
 * each epoch (e.g. to cancel between epochs) and can make an epoch throw.
 */
public final class ScriptedTrainer implements Trainer {

    private final double[][] curve;
    private IntConsumer beforeEpoch = e -> { };
    private int throwAtEpoch = -1;
    private RuntimeException toThrow;
    private final java.util.concurrent.atomic.AtomicInteger epochsTrained = new java.util.concurrent.atomic.AtomicInteger();
    /** The jobs it was given, in order. */
    public final List<TrainingJob> jobs = new CopyOnWriteArrayList<>();
    /** The text jobs it was given, in order. */
    public final List<TextTrainingJob> textJobs = new CopyOnWriteArrayList<>();

    /** @param curve per epoch {trainLoss, valLoss} */
    public ScriptedTrainer(double[]... curve) {
        this.curve = curve;
    }

    /** A falling curve of {@code epochs} epochs. */
    public static ScriptedTrainer falling(int epochs) {
        double[][] c = new double[epochs][];
        for (int i = 0; i < epochs; i++) {
            c[i] = new double[] {1.0 / (i + 1), 1.5 / (i + 1)};
        }
        return new ScriptedTrainer(c);
    }

    public ScriptedTrainer beforeEpoch(IntConsumer hook) {
        this.beforeEpoch = hook;
        return this;
    }

    public ScriptedTrainer throwAt(int epoch, RuntimeException e) {
        this.throwAtEpoch = epoch;
        this.toThrow = e;
        return this;
    }

    /** Epochs played so far, over all jobs. */
    public int epochsTrained() {
        return epochsTrained.get();
    }

    /**
     * Plays the curve once per validation window of the job (window w's values times {@code w + 1}, so windows
     * differ), stopping at the first verdict other than CONTINUE; the result combines the windows as the real trainer
     * does ({@link TrainingResult#ofWindows}).
     */
    @Override
    public TrainingResult train(TrainingJob job, EpochListener listener) {
        jobs.add(job);
        List<TrainingResult> windows = new ArrayList<>();
        for (int w = 0; w < job.validationWindows(); w++) {
            TrainingResult r = window(job.modelConfigJson(), listener, w);
            windows.add(r);
            if (r.stopReason() != StopReason.MAX_EPOCHS) {
                break;
            }
        }
        return TrainingResult.ofWindows(windows);
    }

    /** A text trial: the script's one window, with a text's result (no predictions, a vocabulary). */
    @Override
    public TrainingResult train(TextTrainingJob job, EpochListener listener) {
        textJobs.add(job);
        TrainingResult r = window(job.modelConfigJson(), listener, 0);
        return new TrainingResult(r.trainRmse(), r.valRmse(), Double.NaN, Double.NaN, r.epochsRun(), r.bestEpoch(),
                r.stopReason(), r.curve(), r.modelZip(), "{\"characters\":\"ab\"}", List.of(), new double[0],
                new double[0]);
    }

    private TrainingResult window(String modelConfigJson, EpochListener listener, int window) {
        List<TrainingResult.EpochLoss> losses = new ArrayList<>();
        StopReason reason = StopReason.MAX_EPOCHS;
        for (int epoch = 0; epoch < curve.length; epoch++) {
            beforeEpoch.accept(epoch);
            if (epoch == throwAtEpoch) {
                throw toThrow;
            }
            epochsTrained.incrementAndGet();
            // the scripted validation RMSE is the root of the scripted validation MSE (as the final valRmse)
            double trainLoss = curve[epoch][0] * (window + 1);
            double valLoss = curve[epoch][1] * (window + 1);
            double valRmse = Math.sqrt(valLoss);
            TrainingResult.EpochLoss loss = new TrainingResult.EpochLoss(epoch, trainLoss, valLoss, valRmse, window);
            losses.add(loss);
            EpochVerdict verdict = listener.onEpoch(loss);
            if (verdict == EpochVerdict.CANCEL) {
                reason = StopReason.CANCELLED;
                break;
            }
            if (verdict == EpochVerdict.PRUNE) {
                reason = StopReason.PRUNED;
                break;
            }
            if (verdict == EpochVerdict.ABANDON) {
                reason = StopReason.LEASE_LOST;
                break;
            }
        }
        int best = 0;
        for (int i = 1; i < losses.size(); i++) {
            if (losses.get(i).valLoss() < losses.get(best).valLoss()) {
                best = i;
            }
        }
        double bestVal = losses.isEmpty() ? Double.NaN : losses.get(best).valLoss();
        double bestTrain = losses.isEmpty() ? Double.NaN : losses.get(best).trainLoss();
        // the scripted validation actuals and predictions below: MAE 0.1, sMAPE of |1 - 1.1| and |2 - 1.9|
        return new TrainingResult(Math.sqrt(bestTrain), Math.sqrt(bestVal), 0.1,
                (200 * 0.1 / 2.1 + 200 * 0.1 / 3.9) / 2, losses.size(), best, reason, losses,
                ("model of " + modelConfigJson).getBytes(StandardCharsets.UTF_8), "{\"scaler\":\"minmax\"}",
                List.of("t1", "t2"), new double[] {1, 2}, new double[] {1.1, 1.9});
    }
}
