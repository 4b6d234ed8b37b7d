package com.lstmautoml.core.training;

import com.lstmautoml.core.text.CharVocabulary;
import com.lstmautoml.core.text.TextCorpus;
import com.lstmautoml.core.trial.TrialParams;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;

/**
 * Trains a character-level LSTM on a {@link TextCorpus}: THE network ({@link LstmNetwork}, its text head: a softmax
 * over the vocabulary, cross-entropy) on the training slice cut into consecutive chunks of {@code sequenceLength}
 * characters, reshuffled every epoch, with truncated backpropagation through time every {@code tbpttLength}
 * characters; early-stopped ({@link EarlyStopping}, as a forecasting trial is) on the validation slice's bits per
 * character, read as a continuation of the training text ({@link CharScores}).
 *
 * <p>The result is a {@link TrainingResult} as a forecast's is, so the queue, the pruners and the ranking treat
 * both alike: its {@code valRmse} and {@code trainRmse} hold bits per character (lower is better), and its
 * {@code preprocessingJson} the vocabulary. Each epoch reaches the listener with the training loss (cross-entropy
 * per character, in nats, as DL4J computes it while fitting), the validation loss (the same, in nats) and the
 * validation bits per character in the place of the RMSE.
 */
public final class CharLstmTrainer {

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
        MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(job.modelConfigJson());
        int tbptt = Math.min(params.tbpttLength(), length);
        conf.setBackpropType(BackpropType.TruncatedBPTT);
        conf.setTbpttFwdLength(tbptt);
        conf.setTbpttBackLength(tbptt);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Nd4j.getRandom().setSeed(job.seed());
        SequenceDataSetIterator batches = new SequenceDataSetIterator(symbols, 0, corpus.trainEnd(), length, v,
                params.batchSize(), conf.getDataType(), new Random(job.seed()));
        ValidationBits validation = new ValidationBits(symbols, corpus.trainEnd(), corpus.validationEnd(), v, length,
                meter);
        meter.stop(TrainingTimes.Meter.SETUP, setup);

        // DL4J's score of a minibatch is the cross-entropy summed over the characters of its last truncated-BPTT
        // segment, averaged over its sequences
        int lastSegment = length % tbptt == 0 ? tbptt : length % tbptt;
        EarlyStopping.Outcome o = EarlyStopping.fit(net, batches, batches::lastBatchSize, 1.0 / lastSegment,
                validation, new EarlyStopping.Settings(job.maxEpochs(), job.minEpochs(), job.patience(), 0), listener,
                meter);

        long finish = meter.start();
        double valBits = CharScores.bitsPerCharacter(o.best(), symbols, corpus.trainEnd(), corpus.validationEnd(), v,
                length);
        double trainBits = CharScores.bitsPerCharacter(o.best(), symbols, 1, corpus.trainEnd(), v, length);
        TrainingResult trained = new TrainingResult(trainBits, valBits, Double.NaN, Double.NaN, o.epochs(),
                o.bestEpoch(), o.reason(), o.curve(), modelZip(o.best()), vocabularyJson(vocabulary), List.of(),
                new double[0], new double[0], null, null);
        meter.stop(TrainingTimes.Meter.FINISH, finish);
        return trained.withTimes(meter.times(o.epochs()));
    }

    /** Bits per character of a trained model on the test slice: the final word on a chosen model. */
    public static double testBitsPerCharacter(MultiLayerNetwork net, TextCorpus corpus, int context) {
        return CharScores.bitsPerCharacter(net, corpus.symbols(), corpus.validationEnd(), corpus.length(),
                corpus.vocabulary().size(), context);
    }

    /** The vocabulary as an export stores it: {@code {"characters": "..."}} in index order after the unknown. */
    static String vocabularyJson(CharVocabulary vocabulary) {
        return new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("characters", vocabulary.characters()).toString();
    }

    private static byte[] modelZip(MultiLayerNetwork net) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(net, bytes, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The validation slice's bits per character, each epoch (the early-stopping score). */
    private static final class ValidationBits implements EarlyStopping.Validation {
        private final int[] symbols;
        private final int from;
        private final int to;
        private final int vocabulary;
        private final int context;
        private final TrainingTimes.Meter meter;
        private double lastNats = Double.NaN;

        ValidationBits(int[] symbols, int from, int to, int vocabulary, int context, TrainingTimes.Meter meter) {
            this.symbols = symbols;
            this.from = from;
            this.to = to;
            this.vocabulary = vocabulary;
            this.context = context;
            this.meter = meter;
        }

        @Override
        public double calculateScore(MultiLayerNetwork net) {
            long started = meter.start();
            double bits = CharScores.bitsPerCharacter(net, symbols, from, to, vocabulary, context);
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
