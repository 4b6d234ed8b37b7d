package com.lstmautoml.core.training;

import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingModelSaver;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.listener.EarlyStoppingListener;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.earlystopping.termination.EpochTerminationCondition;
import org.deeplearning4j.earlystopping.termination.IterationTerminationCondition;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * THE early-stopped training of a search trial, for a forecast's windows and a text's sequences alike: DL4J's
 * {@link EarlyStoppingTrainer} with the trial's validation score, stopping at maxEpochs, after {@code patience}
 * epochs without improvement (not before minEpochs), or when the listener's verdict says so; each epoch ends in
 * {@link EpochEnd} (RSS check, curve, divergence, the listener), and the best epoch's parameters are kept as one
 * array copy ({@link BestParameters}).
 */
final class EarlyStopping {

    private EarlyStopping() {
    }

    /** A validation score per epoch (lower is better), and the loss it last computed, for the curve. */
    interface Validation extends ScoreCalculator<MultiLayerNetwork> {
        /** The validation loss of the last score (scaled MSE, or cross-entropy in nats). */
        double lastLoss();

        @Override
        default boolean minimizeScore() {
            return true;
        }
    }

    /** When to stop, and which validation window the epochs belong to. */
    record Settings(int maxEpochs, int minEpochs, int patience, int window) {
    }

    /**
     * What the training ended with.
     *
     * @param best       the network with its best epoch's parameters
     * @param epochs     epochs trained
     * @param bestEpoch  the best epoch (0-based)
     * @param reason     why it stopped
     * @param curve      every epoch's losses
     */
    record Outcome(MultiLayerNetwork best, int epochs, int bestEpoch, StopReason reason,
                   List<TrainingResult.EpochLoss> curve) {
    }

    /**
     * Trains {@code net} on {@code batches} until a stop condition holds.
     *
     * @param lastBatchSize the size of the minibatch {@code batches} returned last (weights the training loss)
     * @param scoreScale    turns DL4J's minibatch score into the training loss of the curve (1 for a forecast's MSE;
     *                      1 / characters for a text's cross-entropy, which DL4J sums over the characters of the
     *                      minibatch's last truncated-BPTT segment)
     */
    static Outcome fit(MultiLayerNetwork net, DataSetIterator batches, IntSupplier lastBatchSize, double scoreScale,
                       Validation validation, Settings settings, EpochListener listener, TrainingTimes.Meter meter) {
        MinibatchLoss trainLoss = new MinibatchLoss(lastBatchSize, scoreScale);
        Progress progress = new Progress(trainLoss, validation, listener, settings.window(), meter);
        EarlyStoppingConfiguration<MultiLayerNetwork> es = new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
                // the verdict condition first, so it sees every epoch before DL4J's own conditions
                .epochTerminationConditions(progress, new MaxEpochsTerminationCondition(settings.maxEpochs()),
                        new AfterMinEpochs(settings.minEpochs(),
                                new ScoreImprovementEpochTerminationCondition(settings.patience())))
                .iterationTerminationConditions(trainLoss)
                .scoreCalculator(validation)
                .evaluateEveryNEpochs(1)
                .modelSaver(new BestParameters(meter))
                .build();
        EarlyStoppingResult<MultiLayerNetwork> result = new EarlyStoppingTrainer(es, net, batches, progress).fit();
        MultiLayerNetwork best = result.getBestModel();
        if (best == null) {
            throw new IllegalStateException("DL4J early stopping returned no model: " + result);
        }
        return new Outcome(best, result.getTotalEpochs(), result.getBestModelEpoch(), stopReason(result, progress),
                List.copyOf(progress.end.curve));
    }

    /**
     * THE end of an epoch, for a search window's epochs and a refit's alike: checks the RSS limit, adds the epoch to
     * the curve, stops a diverged network, and otherwise reports the epoch to the listener, whose verdict may stop
     * the training.
     */
    static final class EpochEnd {
        private final EpochListener listener;
        private final TrainingTimes.Meter meter;
        /** False for a refit, whose epochs have no validation values (NaN): only its training loss can diverge. */
        private final boolean validated;
        final List<TrainingResult.EpochLoss> curve = new ArrayList<>();

        EpochEnd(EpochListener listener, TrainingTimes.Meter meter, boolean validated) {
            this.listener = listener;
            this.meter = meter;
            this.validated = validated;
        }

        /** Why training stops after this epoch, or null to go on. */
        StopReason after(TrainingResult.EpochLoss loss) {
            NativeMemory.checkResident();
            curve.add(loss);
            if (!Double.isFinite(loss.trainLoss())
                    || (validated && (!Double.isFinite(loss.valLoss()) || !Double.isFinite(loss.valRmse())))) {
                return StopReason.DIVERGED;
            }
            long report = meter.start();
            EpochVerdict verdict = listener.onEpoch(loss);
            meter.stop(TrainingTimes.Meter.REPORTS, report);
            return switch (verdict) {
                case CONTINUE -> null;
                case CANCEL -> StopReason.CANCELLED;
                case PRUNE -> StopReason.PRUNED;
                case ABANDON -> StopReason.LEASE_LOST;
            };
        }
    }


    /**
     * Per-epoch hook: as DL4J's early-stopping listener it ends each epoch ({@link EpochEnd}: the training loss, the
     * curve, the {@link EpochListener}); as the first epoch termination condition it stops on a non-CONTINUE verdict
     * or a non-finite loss.
     */
    static final class Progress implements EarlyStoppingListener<MultiLayerNetwork>, EpochTerminationCondition {
        private final MinibatchLoss trainLoss;
        private final Validation valScore;
        private final int window;
        final EpochEnd end;
        StopReason stop;

        Progress(MinibatchLoss trainLoss, Validation valScore, EpochListener listener, int window,
                 TrainingTimes.Meter meter) {
            this.trainLoss = trainLoss;
            this.valScore = valScore;
            this.window = window;
            this.end = new EpochEnd(listener, meter, true);
        }

        @Override
        public void onStart(EarlyStoppingConfiguration<MultiLayerNetwork> esConfig, MultiLayerNetwork net) {
        }

        @Override
        public void onEpoch(int epoch, double valRmse, EarlyStoppingConfiguration<MultiLayerNetwork> esConfig,
                            MultiLayerNetwork net) {
            stop = end.after(new TrainingResult.EpochLoss(epoch, trainLoss.epochMean(), valScore.lastLoss(),
                    valRmse, window));
        }

        @Override
        public void onCompletion(EarlyStoppingResult<MultiLayerNetwork> esResult) {
        }

        @Override
        public void initialize() {
        }

        @Override
        public boolean terminate(int epochNum, double score, boolean minimize) {
            return stop != null;
        }

        @Override
        public String toString() {
            return "EpochListenerVerdict";
        }
    }


    /**
     * The epoch's training loss as Keras reports it: the mean over the epoch's minibatches of the loss DL4J computed
     * while fitting each (scaled MSE or cross-entropy, with dropout, weighted by the minibatch's size), so no extra pass over the
     * training data is made. Called by DL4J after every minibatch as an iteration condition that never stops.
     */
    static final class MinibatchLoss implements IterationTerminationCondition {
        private final transient IntSupplier lastBatchSize;
        private final double scale;
        private double sum;
        private long samples;

        /**
         * @param lastBatchSize the size of the minibatch the iterator returned last
         * @param scale         multiplies each minibatch's score
         */
        MinibatchLoss(IntSupplier lastBatchSize, double scale) {
            this.lastBatchSize = lastBatchSize;
            this.scale = scale;
        }

        @Override
        public void initialize() {
            sum = 0;
            samples = 0;
        }

        /** Counts the loss of the minibatch the iterator returned last. */
        void add(double minibatchLoss) {
            int n = lastBatchSize.getAsInt();
            sum += minibatchLoss * scale * n;
            samples += n;
        }

        @Override
        public boolean terminate(double lastMiniBatchScore) {
            add(lastMiniBatchScore);
            return false;
        }

        /** The mean since the last call (NaN for an epoch without minibatches), and starts the next epoch's. */
        double epochMean() {
            double mean = samples == 0 ? Double.NaN : sum / samples;
            initialize();
            return mean;
        }
    }


    /**
     * Keeps the best epoch's parameters as one copy of the network's flat parameter array (made on improving epochs
     * only), instead of DL4J's {@link org.deeplearning4j.earlystopping.saver.InMemoryModelSaver}, which clones the
     * whole network, configuration and updater state included. The best model is the trained network with those
     * parameters put back, read once training has ended.
     */
    static final class BestParameters implements EarlyStoppingModelSaver<MultiLayerNetwork> {
        private final transient TrainingTimes.Meter meter;
        private transient MultiLayerNetwork net;
        private transient INDArray best;

        BestParameters(TrainingTimes.Meter meter) {
            this.meter = meter;
        }

        @Override
        public void saveBestModel(MultiLayerNetwork trained, double score) {
            long started = meter.start();
            net = trained;
            if (best == null) {
                best = trained.params().dup();
            } else {
                best.assign(trained.params());
            }
            meter.stop(TrainingTimes.Meter.CHECKPOINTS, started);
        }

        @Override
        public void saveLatestModel(MultiLayerNetwork trained, double score) {
            // never asked for: the configuration keeps saveLastModel off
        }

        @Override
        public MultiLayerNetwork getBestModel() {
            if (net != null) {
                net.setParams(best);
            }
            return net;
        }

        @Override
        public MultiLayerNetwork getLatestModel() {
            return null;
        }
    }


    /**
     * Early stopping that may stop only once {@code minEpochs} epochs are trained (Keras' {@code start_from_epoch}).
     * The inner condition sees every epoch, so its best score and epoch are tracked from the first one.
     */
    static final class AfterMinEpochs implements EpochTerminationCondition {
        private final int minEpochs;
        private final EpochTerminationCondition inner;

        AfterMinEpochs(int minEpochs, EpochTerminationCondition inner) {
            this.minEpochs = minEpochs;
            this.inner = inner;
        }

        @Override
        public void initialize() {
            inner.initialize();
        }

        @Override
        public boolean terminate(int epochNum, double score, boolean minimize) {
            boolean stop = inner.terminate(epochNum, score, minimize);
            return stop && epochNum + 1 >= minEpochs;
        }

        /** The inner condition's text first: {@link #stopReason} reads the class name at its start. */
        @Override
        public String toString() {
            return inner + " (after at least " + minEpochs + " epochs)";
        }
    }

    private static StopReason stopReason(EarlyStoppingResult<MultiLayerNetwork> r, Progress progress) {
        if (progress.stop != null) {
            return progress.stop;
        }
        if (r.getTerminationReason() == EarlyStoppingResult.TerminationReason.EpochTerminationCondition) {
            String details = r.getTerminationDetails();
            if (details.startsWith(MaxEpochsTerminationCondition.class.getSimpleName())) {
                return StopReason.MAX_EPOCHS;
            }
            if (details.startsWith(ScoreImprovementEpochTerminationCondition.class.getSimpleName())) {
                return StopReason.PATIENCE;
            }
        }
        throw new IllegalStateException("training ended unexpectedly: " + r);
    }
}
