package com.lstmautoml.core.training;

import com.lstmautoml.core.space.Task;
import com.lstmautoml.core.text.TextCorpus;
import com.lstmautoml.core.trial.TrialParams;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CharLstmTrainerTest {

    /** A text with structure an LSTM learns in a few epochs: a short rhyme, repeated with small changes. */
    static final TextCorpus TEXT;
    static {
        StringBuilder b = new StringBuilder();
        String[] animals = {"cat", "dog", "hen", "fox"};
        Random r = new Random(5);
        for (int i = 0; i < 120; i++) {
            b.append("the ").append(animals[r.nextInt(4)]).append(" sat on the mat.\n");
        }
        TEXT = TextCorpus.of(b.toString());
    }

    static TrialParams params(int units, int sequenceLength, int tbptt) {
        return com.lstmautoml.core.testing.TextParams.of(units, sequenceLength, tbptt);
    }

    private static TrainingResult trained;
    private static final List<TrainingResult.EpochLoss> EPOCHS = new ArrayList<>();

    @BeforeAll
    static void train() {
        TextTrainingJob job = TextTrainingJob.of(TEXT, params(24, 40, 20), 8, 3, 11);
        trained = new CharLstmTrainer().train(job, new EpochListener() {
            @Override
            public EpochVerdict onEpoch(int epoch, double trainLoss, double valLoss, double valBits) {
                return EpochVerdict.CONTINUE;
            }

            @Override
            public EpochVerdict onEpoch(TrainingResult.EpochLoss loss) {
                EPOCHS.add(loss);
                return EpochVerdict.CONTINUE;
            }
        });
    }

    @Test
    void learnsTheTextBelowTheUniformCodeAndReportsEveryEpoch() {
        double uniform = Math.log(TEXT.vocabulary().size()) / Math.log(2);
        // rule: a few epochs learn the rhyme: far fewer bits than a uniform guess over the vocabulary
        assertThat(trained.valRmse()).isLessThan(uniform / 2);
        // rule: every epoch reached the listener, in order, with the validation bits per character in the metric's
        // place and the cross-entropy in nats as its loss
        assertThat(EPOCHS).extracting(TrainingResult.EpochLoss::epoch).containsExactly(
                java.util.stream.IntStream.range(0, trained.epochsRun()).boxed().toArray(Integer[]::new));
        TrainingResult.EpochLoss best = EPOCHS.get(trained.bestEpoch());
        assertThat(best.valRmse()).isCloseTo(trained.valRmse(), within(1e-9));
        assertThat(best.valLoss()).isCloseTo(best.valRmse() * Math.log(2), within(1e-9));
        // rule: the training loss is per character (nats): it falls, and ends near the validation loss on this text
        assertThat(EPOCHS.get(EPOCHS.size() - 1).trainLoss()).isLessThan(EPOCHS.get(0).trainLoss())
                .isLessThan(3 * best.valLoss() + 0.5);
        // rule: the vocabulary travels with the model
        assertThat(trained.preprocessingJson()).contains("\"characters\"");
    }

    @Test
    void batchedScoringEqualsAStepByStepReadingOfEachSegment() throws Exception {
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(trained.modelZip()));
        int[] s = TEXT.symbols();
        int v = TEXT.vocabulary().size();
        int context = CharLstmTrainer.CONTEXT;
        int from = TEXT.trainEnd();
        int to = TEXT.validationEnd();
        // independent: every segment read one character at a time through the network's state
        double bits = 0;
        for (int seg = from; seg < to; seg += CharScores.SEGMENT) {
            int end = Math.min(to, seg + CharScores.SEGMENT);
            net.rnnClearPreviousState();
            for (int pos = seg - context; pos < end - 1; pos++) {
                INDArray x = Nd4j.zeros(DataType.FLOAT, 1, v, 1);
                x.putScalar(new long[]{0, s[pos], 0}, 1f);
                INDArray out = net.rnnTimeStep(x);
                if (pos + 1 >= seg) {
                    double p = out.getDouble(0, s[pos + 1], 0);
                    bits -= Math.log(p) / Math.log(2);
                }
            }
        }
        net.rnnClearPreviousState();
        // rule: the score early stopping and ranking use is the mean -log2 P of the slice's characters
        assertThat(CharScores.bitsPerCharacter(net, s, from, to, v, context)).isCloseTo(bits / (to - from),
                within(1e-4));
        assertThat(trained.valRmse()).isCloseTo(bits / (to - from), within(1e-4));
    }

    @Test
    void samplesContinueTheSeedStatefullyAndNeverDrawTheUnknown() throws Exception {
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(trained.modelZip()));
        CharSampler sampler = new CharSampler(net, TEXT.vocabulary());
        String cold = sampler.sample("the cat sat on the", 40, 0.2, new Random(1));
        // rule: a cold sample continues the learned rhyme
        assertThat(cold).hasSize(40).startsWith(" mat.");
        // rule: the same seed and draws give the same sample: the state starts fresh every time
        assertThat(sampler.sample("the cat sat on the", 40, 0.2, new Random(1))).isEqualTo(cold);
        // rule: never the unknown character, whatever the temperature
        assertThat(sampler.sample("q", 200, 1.5, new Random(2))).doesNotContain("\uFFFD");
        // rule: a low temperature picks the most likely character; the unknown (index 0) is never drawn
        assertThat(CharSampler.draw(new double[]{0.9, 0.05, 0.8, 0.15}, 0.01, new Random(3))).isEqualTo(2);
    }

    @Test
    void theNetworkOfATextPredictsItsVocabularyWithTruncatedBackpropagation() throws Exception {
        TrialParams p = params(16, 60, 20);
        MultiLayerNetwork net = new MultiLayerNetwork(org.deeplearning4j.nn.conf.MultiLayerConfiguration.fromJson(
                LstmNetwork.configurationJson(TEXT.vocabulary().size(), p, 1)));
        var conf = net.getLayerWiseConfigurations();
        // rule: one-hot input and softmax output over the vocabulary, cross-entropy, TBPTT every tbpttLength
        assertThat(((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) conf.getConf(0).getLayer()).getNIn())
                .isEqualTo(TEXT.vocabulary().size());
        var out = (org.deeplearning4j.nn.conf.layers.RnnOutputLayer) conf.getConf(1).getLayer();
        assertThat(out.getNOut()).isEqualTo(TEXT.vocabulary().size());
        assertThat(out.getActivationFn()).isInstanceOf(org.nd4j.linalg.activations.impl.ActivationSoftmax.class);
        assertThat(out.getLossFn()).isInstanceOf(org.nd4j.linalg.lossfunctions.impl.LossMCXENT.class);
        assertThat(conf.getBackpropType()).isEqualTo(org.deeplearning4j.nn.conf.BackpropType.TruncatedBPTT);
        assertThat(conf.getTbpttFwdLength()).isEqualTo(20);
        assertThat(conf.getTbpttBackLength()).isEqualTo(20);
        // rule: the search's cube over a text's space builds the same head
        var cube = new com.lstmautoml.core.search.LstmModelSpace(com.lstmautoml.core.space.SearchSpace.defaults(
                Task.GENERATE, false), TEXT.vocabulary().size(), 1);
        var candidate = cube.getValue(new double[cube.numParameters()]);
        assertThat(candidate.params().task()).isEqualTo(Task.GENERATE);
        assertThat(candidate.conf().getBackpropType()).isEqualTo(org.deeplearning4j.nn.conf.BackpropType.TruncatedBPTT);
        assertThat(candidate.conf().getTbpttFwdLength()).isEqualTo(candidate.params().tbpttLength());
        // rule: a text whose training slice holds too few sequences is named with what to do
        assertThat(TEXT.sequenceProblem(100)).isNull();
        assertThat(TextCorpus.of("x".repeat(500)).sequenceProblem(100)).contains("holds 3 sequences of 100");
    }

    @Test
    void sequencesAreConsecutiveChunksLabelledWithTheNextCharacter() {
        int[] s = {1, 2, 3, 4, 5, 6, 7, 1, 2};
        SequenceDataSetIterator it = new SequenceDataSetIterator(s, 0, s.length, 3, 8, 2, DataType.FLOAT, null);
        // rule: (9 - 1) / 3 = 2 whole chunks; the rest is left out
        assertThat(it.chunks()).isEqualTo(2);
        DataSet d = it.next();
        // rule: chunk 1 reads 4, 5, 6 and is labelled 5, 6, 7 (one-hot, NCW)
        assertThat(d.getFeatures().getFloat(1, 4, 0)).isEqualTo(1f);
        assertThat(d.getFeatures().getFloat(1, 6, 2)).isEqualTo(1f);
        assertThat(d.getLabels().getFloat(1, 7, 2)).isEqualTo(1f);
        assertThat(d.getLabels().sumNumber().intValue()).isEqualTo(6);
        assertThat(it.lastBatchSize()).isEqualTo(2);
    }
}
