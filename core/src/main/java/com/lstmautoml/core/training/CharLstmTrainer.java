package com.lstmautoml.core.training;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.lstmautoml.core.text.CharVocabulary;
import com.lstmautoml.core.text.TextCorpus;
import com.lstmautoml.core.trial.TrialParams;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Random;

/**
 * Trains a character-level LSTM on a {@link TextCorpus}: THE network ({@link LstmNetwork}, its text head: a softmax
 * over the vocabulary, cross-entropy; truncated backpropagation through time every {@code tbpttLength} characters, as
 * the network's configuration says) on the training slice cut into consecutive chunks of {@code sequenceLength}
 * characters, reshuffled every epoch; early-stopped ({@link EarlyStopping}, as a forecasting trial is) on the
 * validation slice's bits per character, each of its segments read after the {@link #CONTEXT} characters before it
 * ({@link CharScores}), the same for every trial.
 *
 * <p>The result is a {@link TrainingResult} as a forecast's is, so the queue, the pruners and the ranking treat
 * both alike: its {@code valRmse} and {@code trainRmse} hold bits per character (lower is better), and its
 * {@code preprocessingJson} the vocabulary. Each epoch reaches the listener with the training loss, the validation
 * loss (cross-entropy per character, in nats) and the validation bits per character in the place of the RMSE. The
 * training loss is DL4J's, read after each minibatch: the cross-entropy of the minibatch's last truncated-BPTT
 * segment, per character, averaged over the epoch's minibatches (its last segment reads the most context, so it runs
 * a little below a whole sequence's loss).
 */
public final class CharLstmTrainer {

    /** Characters read before each scored segment: one context for every trial, so all are scored alike. */
    public static final int CONTEXT = 100;

    /** Trains one trial; see the class comment. */
    public TrainingResult train(TextTrainingJob job, EpochListener listener) {
        TrainingTimes.Meter meter = new TrainingTimes.Meter();
        long setup = meter.start();
        TextCorpus corpus = job.corpus();
        TrialParams params = job.params();
        CharVocabulary vocabulary = corpus.vocabulary();
        int v = vocabulary.size();
        int[] symbols = corpus.symbols();
        int length = params.sequenceLength();
        MultiLayerConfiguration conf = parseConfig(job.modelConfigJson(), v);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Nd4j.getRandom().setSeed(job.seed());
        SequenceDataSetIterator batches = new SequenceDataSetIterator(symbols, 0, corpus.trainEnd(), length, v,
                params.batchSize(), conf.getDataType(), new Random(job.seed()));
        ValidationBits validation = new ValidationBits(symbols, corpus.trainEnd(), corpus.validationEnd(), v, meter);
        meter.stop(TrainingTimes.Meter.SETUP, setup);

        // DL4J's score of a minibatch is the cross-entropy summed over the characters of its last truncated-BPTT
        // segment, averaged over its sequences
        int tbptt = Math.min(conf.getTbpttFwdLength(), length);
        int lastSegment = length % tbptt == 0 ? tbptt : length % tbptt;
        EarlyStopping.Outcome o = EarlyStopping.fit(net, batches, batches::lastBatchSize, 1.0 / lastSegment,
                validation, new EarlyStopping.Settings(job.maxEpochs(), job.minEpochs(), job.patience(), 0), listener,
                meter);

        long finish = meter.start();
        // the best epoch's score, as early stopping computed it: its parameters are the ones put back
        double valBits = o.curve().get(o.bestEpoch()).valRmse();
        double trainBits = CharScores.bitsPerCharacter(o.best(), symbols, 1, corpus.trainEnd(), v, CONTEXT);
        TrainingResult trained = new TrainingResult(trainBits, valBits, Double.NaN, Double.NaN, o.epochs(),
                o.bestEpoch(), o.reason(), o.curve(), LstmTrainer.modelZip(o.best()), vocabularyJson(vocabulary),
                List.of(), new double[0], new double[0]);
        meter.stop(TrainingTimes.Meter.FINISH, finish);
        return trained.withTimes(meter.times(o.epochs()));
    }

    /** Bits per character of a trained model on the test slice: the final word on a chosen model. */
    public static double testBitsPerCharacter(MultiLayerNetwork net, TextCorpus corpus) {
        return CharScores.bitsPerCharacter(net, corpus.symbols(), corpus.validationEnd(), corpus.length(),
                corpus.vocabulary().size(), CONTEXT);
    }

    /**
     * A text trial's configuration, checked against the vocabulary: it reads and predicts {@code v} classes and
     * backpropagates truncated (what {@link LstmNetwork} builds for a text).
     */
    private static MultiLayerConfiguration parseConfig(String json, int v) {
        MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(json);
        int n = conf.getConfs().size();
        long nIn = ((FeedForwardLayer) conf.getConf(0).getLayer()).getNIn();
        long nOut = ((FeedForwardLayer) conf.getConf(n - 1).getLayer()).getNOut();
        if (nIn != v || nOut != v || conf.getBackpropType() != BackpropType.TruncatedBPTT) {
            throw new IllegalArgumentException("a text trial's network reads and predicts the " + v + " characters of"
                    + " its vocabulary with truncated backpropagation; this one reads " + nIn + ", predicts " + nOut
                    + " with " + conf.getBackpropType());
        }
        return conf;
    }

    /** The vocabulary as an export stores it: {@code {"characters": "..."}} in index order after the unknown. */
    static String vocabularyJson(CharVocabulary vocabulary) {
        return JsonNodeFactory.instance.objectNode().put("characters", vocabulary.characters()).toString();
    }

    /**
     * The vocabulary a text trial stored as its preprocessing ({@code {"characters": "..."}}).
     *
     * @throws IllegalArgumentException when the JSON is not a text trial's preprocessing
     */
    public static CharVocabulary vocabulary(String preprocessingJson) {
        try {
            com.fasterxml.jackson.databind.JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(preprocessingJson);
            if (node == null || !node.path("characters").isTextual()) {
                throw new IllegalArgumentException("not a text model's vocabulary: " + preprocessingJson);
            }
            return CharVocabulary.of(node.get("characters").textValue());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a text model's vocabulary: " + e.getOriginalMessage(), e);
        }
    }

    /** The validation slice's bits per character, each epoch (the early-stopping score). */
    private static final class ValidationBits implements EarlyStopping.Validation {
        private final int[] symbols;
        private final int from;
        private final int to;
        private final int vocabulary;
        private final TrainingTimes.Meter meter;
        private double lastNats = Double.NaN;

        ValidationBits(int[] symbols, int from, int to, int vocabulary, TrainingTimes.Meter meter) {
            this.symbols = symbols;
            this.from = from;
            this.to = to;
            this.vocabulary = vocabulary;
            this.meter = meter;
        }

        @Override
        public double calculateScore(MultiLayerNetwork net) {
            long started = meter.start();
            double bits = CharScores.bitsPerCharacter(net, symbols, from, to, vocabulary, CONTEXT);
            lastNats = bits * Math.log(2);
            meter.stop(TrainingTimes.Meter.VALIDATION, started);
            return bits;
        }

        @Override
        public double lastLoss() {
            return lastNats;
        }
    }
}
