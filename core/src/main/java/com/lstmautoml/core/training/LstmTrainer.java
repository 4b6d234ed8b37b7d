package com.lstmautoml.core.training;

import com.lstmautoml.core.data.ChronoSplit;
import com.lstmautoml.core.data.DataRequirements;
import com.lstmautoml.core.data.Preprocessing;
import com.lstmautoml.core.data.ScalerType;
import com.lstmautoml.core.data.Table;
import com.lstmautoml.core.data.Transform;
import com.lstmautoml.core.trial.TrialParams;
import com.lstmautoml.core.data.WindowMaker;
import com.lstmautoml.core.evaluation.ForecastMetrics;
import com.lstmautoml.core.data.Windows;
import com.lstmautoml.core.validation.FieldError;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Trains one trial with Deeplearning4j.
 *
 * <ol>
 *   <li>Chronological split ({@link ChronoSplit}); per input column the trial's transform (none or log), then
 *       differencing with the trial's lag (0: none), then one scaler of the trial's type (minmax or standard)
 *       fitted on the training slice of those values only ({@link Preprocessing}). Training windows start at row
 *       {@code lookBack + difference}.</li>
 *   <li>Windows of {@code lookBack} steps over all input columns (target first), fed as NCW
 *       {@code [mb, inputs, lookBack]}; labels {@code [mb, 1, lookBack]} with a label mask that is 1 at the last step
 *       only, so the loss and the prediction are the output at the last step. Training targets are the training rows
 *       from {@code lookBack} on; validation targets are every validation row (their windows reach back into the
 *       training slice).</li>
 *   <li>DL4J early stopping: {@link EarlyStoppingTrainer} with {@link MaxEpochsTerminationCondition},
 *       {@link ScoreImprovementEpochTerminationCondition}(patience), which may stop only after the job's
 *       {@code minEpochs}, and as the score the RMSE of the one-step validation forecasts in the series' units
 *       ({@link ValidationRmse}), so every trial is early-stopped, kept and pruned on the scale it is ranked on,
 *       whatever its preprocessing; {@link EarlyStopping} keeps the best epoch's parameters (one array copy per
 *       improving epoch, nothing serialised until the window ends). The training windows are
 *       reshuffled every epoch with a {@code Random(seed)} (as Keras does).</li>
 *   <li>After each epoch the {@link EpochListener} gets the training MSE (the mean of the epoch's minibatch losses,
 *       as Keras reports it, so no extra pass is made), the validation MSE (scaled) and the validation RMSE (original units). A non-CONTINUE verdict stops after that epoch; a NaN or infinite
 *       loss stops with {@link StopReason#DIVERGED} (that epoch is in the curve, with its non-finite losses, and the
 *       listener is not called for it).</li>
 *   <li>RMSEs in original units from the best model: predictions unscaled, undifferenced one step ahead with the
 *       actual previous raw value and inverse-transformed ({@link Preprocessing#invertTarget}); actuals the raw
 *       series values.</li>
 * </ol>
 *
 * <p>Validation windows ({@link TrainingJob#validationWindows()} = k): the steps above run once per rolling-origin
 * window of the split ({@link ChronoSplit#validationWindows}), oldest first, each with a fresh network and scalers
 * fitted on that window's training rows only, its own early stopping (minEpochs, patience and maxEpochs per window)
 * and epochs numbered from 0, reported to the listener with the window ({@link EpochListener#onEpoch(
 * TrainingResult.EpochLoss)}). A window that ends otherwise than by patience or max epochs ends the trial there. The
 * result combines the windows as {@link TrainingResult} describes; window k-1 is the split itself, so its model is the
 * one a single-window job trains, bit for bit.
 *
 * <p>Seeding: the weights follow the seed in the model JSON; {@code Nd4j.getRandom()} (dropout) is seeded with the
 * job's seed before each window's training, and the shuffle uses {@code Random(job.seed())}. Same job, same result,
 * as long as no other thread of the JVM draws from ND4J's global random generator meanwhile. Instances are stateless.
 */
public final class LstmTrainer implements Trainer {

    /** Scaler used for every input column when the params name none (the default scaler). */
    public static final ScalerType SCALER = ScalerType.MIN_MAX;

    /** A text trial: {@link CharLstmTrainer}'s training. */
    @Override
    public TrainingResult train(TextTrainingJob job, EpochListener listener) {
        return new CharLstmTrainer().train(job, listener);
    }

    @Override
    public TrainingResult train(TrainingJob job, EpochListener listener) {
        Table table = job.table();
        List<String> inputs = job.inputColumns();
        checkJob(job, inputs);
        MultiLayerConfiguration conf = parseConfig(job.modelConfigJson(), inputs.size());
        if (job.refit()) {
            return refit(job, listener, conf);
        }
        List<ChronoSplit> windows = ChronoSplit.of(table.rows(), job.split())
                .validationWindows(job.validationWindows());
        List<TrainingResult> trained = new ArrayList<>(windows.size());
        for (int w = 0; w < windows.size(); w++) {
            // a configuration of its own per window: DL4J counts a network's iterations and epochs in its
            // configuration (Adam's bias correction reads them), so a shared one would start window w+1 where w ended
            MultiLayerConfiguration own = w == 0 ? conf : parseConfig(job.modelConfigJson(), inputs.size());
            TrainingResult r = trainWindow(job, own, windows.get(w), w, listener);
            trained.add(r);
            if (r.stopReason() != StopReason.PATIENCE && r.stopReason() != StopReason.MAX_EPOCHS) {
                break; // pruned, cancelled, diverged or lost: the later windows are not trained
            }
        }
        return TrainingResult.ofWindows(trained);
    }

    /**
     * Trains a fresh network on one validation window of the job: its training rows fit the scalers and train, its
     * validation rows score, with the job's early stopping; epochs reach the listener as epochs of {@code window}.
     */
    private static TrainingResult trainWindow(TrainingJob job, MultiLayerConfiguration conf, ChronoSplit rows,
                                              int window, EpochListener listener) {
        TrainingTimes.Meter meter = new TrainingTimes.Meter();
        long setup = meter.start();
        Table table = job.table();
        Start start = Start.of(job, conf, rows);
        Preprocessing prep = start.prep();
        Windows trainW = start.trainW();
        MultiLayerNetwork net = start.net();
        var trainIter = start.trainIter();
        DataSet trainAll = start.trainAll();
        double[] target = start.target();
        Windows valW = WindowMaker.make(start.scaled(), 0, job.params().lookBack(), prep.rows().validation());
        DataSet valAll = new WindowDataSetIterator(valW, valW.samples(), conf.getDataType(), null).all();
        ValidationRmse valScore = new ValidationRmse(valAll, prep, valW.targetRows(), target, meter);

        meter.stop(TrainingTimes.Meter.SETUP, setup);
        EarlyStopping.Outcome result = EarlyStopping.fit(net, trainIter, trainIter::lastBatchSize, 1.0, valScore,
                new EarlyStopping.Settings(job.maxEpochs(), job.minEpochs(), job.patience(), window), listener, meter);

        long finish = meter.start();
        StopReason reason = result.reason();
        MultiLayerNetwork best = result.best();
        // trainAll was made in window order (the iterator shuffles only its minibatches)
        double[] trainPred = OneStepForecasts.predict(best, trainAll, prep, trainW.targetRows(), target);
        double[] valPred = OneStepForecasts.predict(best, valAll, prep, valW.targetRows(), target);
        double[] trainActual = OneStepForecasts.raw(target, trainW.targetRows());
        double[] valActual = OneStepForecasts.raw(target, valW.targetRows());
        List<String> valTimes = new ArrayList<>(valW.samples());
        for (int row : valW.targetRows()) {
            valTimes.add(table.times().get(row));
        }
        TrainingResult trained = new TrainingResult(ForecastMetrics.rmse(trainActual, trainPred),
                ForecastMetrics.rmse(valActual, valPred), ForecastMetrics.mae(valActual, valPred),
                ForecastMetrics.smape(valActual, valPred), result.epochs(), result.bestEpoch(), reason,
                result.curve(), modelZip(best), prep.toJson(), valTimes, valActual, valPred);
        meter.stop(TrainingTimes.Meter.FINISH, finish);
        return trained.withTimes(meter.times(result.epochs()));
    }

    /**
     * A refit: the job's configuration trained on the training AND validation rows of the experiment's split for
     * exactly {@link TrainingJob#refitEpochs()} epochs (the searched trial's best epoch count), with no early stopping
     * and no validation score, the scalers fitted on those rows; the test rows stay held out (scored afterwards by the
     * service). Same seeding and per-epoch reshuffling as a search trial; the listener gets every epoch's training
     * loss (validation values NaN) and may stop it like a search trial's. The result has no validation metrics
     * (NaN) or predictions (empty); its best epoch is the last.
     */
    private static TrainingResult refit(TrainingJob job, EpochListener listener, MultiLayerConfiguration conf) {
        TrainingTimes.Meter meter = new TrainingTimes.Meter();
        long setup = meter.start();
        Table table = job.table();
        int seen = ChronoSplit.of(table.rows(), job.split()).validation().to();
        Start start = Start.of(job, conf, new ChronoSplit(table.rows(), seen, seen));
        Preprocessing prep = start.prep();
        Windows trainW = start.trainW();
        MultiLayerNetwork net = start.net();
        var trainIter = start.trainIter();
        DataSet trainAll = start.trainAll();
        EarlyStopping.EpochEnd end = new EarlyStopping.EpochEnd(listener, meter, false);
        StopReason reason = null;
        int epochs = 0;
        EarlyStopping.MinibatchLoss minibatches = new EarlyStopping.MinibatchLoss(trainIter::lastBatchSize, 1.0);
        meter.stop(TrainingTimes.Meter.SETUP, setup);
        while (reason == null && epochs < job.refitEpochs()) {
            trainIter.reset();
            while (trainIter.hasNext()) {
                net.fit(trainIter.next());
                minibatches.add(net.score());
            }
            reason = end.after(new TrainingResult.EpochLoss(epochs, minibatches.epochMean(), Double.NaN, Double.NaN));
            epochs++;
        }
        if (reason == null) {
            reason = StopReason.MAX_EPOCHS;
        }
        long finish = meter.start();
        double[] target = start.target();
        double[] fitted = OneStepForecasts.predict(net, trainAll, prep, trainW.targetRows(), target);
        double trainRmse = ForecastMetrics.rmse(OneStepForecasts.raw(target, trainW.targetRows()), fitted);
        TrainingResult trained = new TrainingResult(trainRmse, Double.NaN, Double.NaN, Double.NaN, epochs, epochs - 1,
                reason, List.copyOf(end.curve), modelZip(net), prep.toJson(), List.of(), new double[0], new double[0]);
        meter.stop(TrainingTimes.Meter.FINISH, finish);
        return trained.withTimes(meter.times(epochs));
    }

    private static void checkJob(TrainingJob job, List<String> inputs) {
        Table table = job.table();
        for (String c : inputs) {
            if (!table.columns().containsKey(c)) {
                throw new IllegalArgumentException("the dataset has no column '" + c + "'; columns are "
                        + table.columns().keySet());
            }
        }
        if (inputs.stream().distinct().count() != inputs.size()) {
            throw new IllegalArgumentException("input columns repeat: " + inputs + " (the target is always an input;"
                    + " do not list it among the features)");
        }
        if (job.params().batchSize() < 1 || job.maxEpochs() < 1 || job.patience() < 0) {
            throw new IllegalArgumentException("need batchSize >= 1, maxEpochs >= 1 and patience >= 0, got "
                    + job.params().batchSize() + ", " + job.maxEpochs() + ", " + job.patience());
        }
        List<FieldError> problems = new ArrayList<>(DataRequirements.problems(table.rows(), job.split(),
                job.params().lookBack(), job.params().difference(), "lookBack"));
        if (!job.refit()) {
            problems.addAll(DataRequirements.windowProblems(table.rows(), job.split(), job.validationWindows(),
                    job.params().lookBack(), job.params().difference(), 0, "validationWindows"));
        }
        if ("log".equals(job.params().transform())) {
            Map<String, double[]> columns = new LinkedHashMap<>();
            inputs.forEach(c -> columns.put(c, table.column(c)));
            problems.addAll(DataRequirements.positivityProblems(columns, "transform"));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.stream().map(FieldError::toString)
                    .collect(Collectors.joining("; ")));
        }
    }

    /** Parses the model JSON and checks it is the stacked-LSTM shape this trainer feeds. */
    static MultiLayerConfiguration parseConfig(String json, int nInputs) {
        MultiLayerConfiguration conf;
        try {
            conf = MultiLayerConfiguration.fromJson(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the model config is not a DL4J MultiLayerConfiguration JSON: "
                    + e.getMessage(), e);
        }
        int n = conf.getConfs().size();
        if (n < 2) {
            throw new IllegalArgumentException("the model config needs at least one LSTM layer and an output layer, "
                    + "it has " + n + " layer(s)");
        }
        Layer first = conf.getConf(0).getLayer();
        if (!(first instanceof BaseRecurrentLayer rnn)) {
            throw new IllegalArgumentException("the first layer must be recurrent (LSTM), it is "
                    + first.getClass().getSimpleName());
        }
        if (rnn.getNIn() != nInputs) {
            throw new IllegalArgumentException("the model's first layer has nIn " + rnn.getNIn() + " but the job has "
                    + nInputs + " input columns (target + features); build the config with nIn = " + nInputs);
        }
        if (rnn.getRnnDataFormat() != null && rnn.getRnnDataFormat() != RNNFormat.NCW) {
            throw new IllegalArgumentException("the model's recurrent layers must use NCW input, got "
                    + rnn.getRnnDataFormat());
        }
        Layer last = conf.getConf(n - 1).getLayer();
        if (!(last instanceof RnnOutputLayer out) || ((FeedForwardLayer) out).getNOut() != 1) {
            throw new IllegalArgumentException("the last layer must be an RnnOutputLayer with nOut 1, it is "
                    + last.getClass().getSimpleName());
        }
        if (out.getRnnDataFormat() != null && out.getRnnDataFormat() != RNNFormat.NCW) {
            throw new IllegalArgumentException("the output layer must use NCW, got " + out.getRnnDataFormat());
        }
        return conf;
    }


    /** A network as ModelSerializer's zip, without the updater state (what a trial stores). */
    static byte[] modelZip(MultiLayerNetwork net) {
        var bytes = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(net, bytes, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * What a search window and a refit both start from: the preprocessing fitted on the training slice of
     * {@code rows} (the trial's transform, differencing and scaler), the scaled columns, the training windows, a
     * fresh network initialised and seeded, its minibatches (shuffled per epoch by the job's seed) and all training
     * windows in order, and the raw target column.
     */
    private record Start(Preprocessing prep, List<double[]> scaled, Windows trainW, MultiLayerNetwork net,
                         WindowDataSetIterator trainIter, DataSet trainAll, double[] target) {

        static Start of(TrainingJob job, MultiLayerConfiguration conf, ChronoSplit rows) {
            Table table = job.table();
            TrialParams params = job.params();
            Preprocessing prep = Preprocessing.fit(table, job.inputColumns(), params.lookBack(), job.split(), rows,
                    Transform.fromJsonName(params.transform()), params.difference(),
                    ScalerType.fromJsonName(params.scaler()));
            List<double[]> scaled = prep.scaledColumns(table);
            Windows trainW = WindowMaker.make(scaled, 0, params.lookBack(), prep.trainTargetRows());
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init();
            Nd4j.getRandom().setSeed(job.seed());
            var trainIter = new WindowDataSetIterator(trainW, params.batchSize(), conf.getDataType(),
                    new Random(job.seed()));
            return new Start(prep, scaled, trainW, net, trainIter, trainIter.all(), table.column(job.target()));
        }
    }

    /**
     * Early stopping's score: the RMSE of the one-step validation forecasts in the series' units, so the kept epoch,
     * patience and the pruners all judge the value the trial is ranked by, whatever its preprocessing. Also keeps the
     * scaled validation MSE of the same predictions for the loss curve.
     */
    private static final class ValidationRmse implements EarlyStopping.Validation {
        private final transient DataSet windows;
        private final transient Preprocessing prep;
        private final int[] rows;
        private final double[] rawTarget;
        private final double[] actual;
        /** The scaled targets of the windows: fixed, so read once rather than every epoch. */
        private final double[] labels;
        private final transient TrainingTimes.Meter meter;
        private double lastScaledMse = Double.NaN;

        ValidationRmse(DataSet windows, Preprocessing prep, int[] rows, double[] rawTarget, TrainingTimes.Meter meter) {
            this.meter = meter;
            this.windows = windows;
            this.prep = prep;
            this.rows = rows;
            this.rawTarget = rawTarget;
            this.actual = OneStepForecasts.raw(rawTarget, rows);
            this.labels = OneStepForecasts.lastStepLabels(windows);
        }

        @Override
        public double calculateScore(MultiLayerNetwork net) {
            long started = meter.start();
            double[] scaled = OneStepForecasts.lastStep(net, windows);
            double ss = 0;
            for (int i = 0; i < scaled.length; i++) {
                double d = scaled[i] - labels[i];
                ss += d * d;
            }
            lastScaledMse = ss / scaled.length;
            double rmse = ForecastMetrics.rmse(actual, prep.invertTarget(scaled, rows, rawTarget));
            meter.stop(TrainingTimes.Meter.VALIDATION, started);
            return rmse;
        }

        @Override
        public double lastLoss() {
            return lastScaledMse;
        }
    }

}
