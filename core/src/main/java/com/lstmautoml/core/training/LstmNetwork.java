package com.lstmautoml.core.training;

import com.lstmautoml.core.space.Hyperparameter;
import com.lstmautoml.core.space.Task;
import com.lstmautoml.core.trial.TrialParams;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.conf.updater.AdamSpace;
import org.deeplearning4j.arbiter.layers.LSTMLayerSpace;
import org.deeplearning4j.arbiter.layers.RnnOutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * THE network every trial trains, defined once as an Arbiter {@link MultiLayerSpace} over the
 * {@linkplain Hyperparameter.Use#NETWORK network hyperparameters}. The search's cube
 * ({@code search/LstmModelSpace}) feeds it tunable leaves; {@link #configuration} feeds it fixed values, for a refit,
 * a test or a bench. The trainer relies on exactly this shape:
 * <pre>
 *   seed, weight init XAVIER, Adam(learningRate, beta1 0.9, beta2 0.999, eps 1e-8), input type recurrent(nInputs)
 *   LSTM(units, tanh)                         no dropout: it reads the raw input
 *   LSTM(units, tanh) x (layers - 1)          input dropout, retain probability 1 - d
 *   RnnOutputLayer(head)                      input dropout, retain probability 1 - d
 *     a forecast: nOut 1, identity, MSE;  text: nOut = nInputs = the vocabulary, softmax, MCXENT
 * </pre>
 * i.e. Keras-style LSTM → Dropout(d) → LSTM → Dropout(d) → Dense(1); with d == 0 no layer has any dropout. A text's
 * network backpropagates truncated, every {@code tbpttLength} characters. DL4J's
 * dropout takes the RETAIN probability, hence {@code Dropout(1 - d)}. The number of LSTM layers is itself an Arbiter
 * parameter space ({@code addLayer(lstm, layers - 1)}).
 */
public final class LstmNetwork {

    private LstmNetwork() {
    }

    /**
     * The network space.
     *
     * @param nInputs number of input columns (features per time step), at least 1
     * @param seed    the network's seed (weight initialisation)
     * @param leaves  one Arbiter leaf (or fixed value) per network hyperparameter: units and layers give Integers,
     *                dropout and learningRate Doubles, and a text's tbpttLength (truncated backpropagation through
     *                time) Integers; keys of other uses are ignored
     */
    @SuppressWarnings("unchecked")
    public static MultiLayerSpace space(int nInputs, long seed, Map<Hyperparameter, ? extends ParameterSpace<?>> leaves,
                                        Head head) {
        if (nInputs < 1) {
            throw new IllegalArgumentException("nInputs must be at least 1, got " + nInputs);
        }
        ParameterSpace<Integer> units = (ParameterSpace<Integer>) required(leaves, Hyperparameter.UNITS);
        ParameterSpace<Integer> layers = (ParameterSpace<Integer>) required(leaves, Hyperparameter.LAYERS);
        ParameterSpace<Double> dropout = (ParameterSpace<Double>) required(leaves, Hyperparameter.DROPOUT);
        ParameterSpace<Double> learningRate = (ParameterSpace<Double>) required(leaves, Hyperparameter.LEARNING_RATE);

        ParameterSpace<IDropout> dropoutAfterLstm = new Mapped<>(dropout, d -> d == 0.0 ? null : new Dropout(1.0 - d));
        LSTMLayerSpace firstLstm = new LSTMLayerSpace.Builder()
                .nOut(units).activation(Activation.TANH).build();
        LSTMLayerSpace laterLstm = new LSTMLayerSpace.Builder()
                .nOut(units).activation(Activation.TANH)
                .iDropOut(dropoutAfterLstm).build();
        RnnOutputLayerSpace output = new RnnOutputLayerSpace.Builder()
                .nOut(head.nOut()).activation(head.activation()).lossFunction(head.loss())
                .iDropOut(dropoutAfterLstm).build();
        // Arbiter pitfall: AdamSpace(lr) defaults beta1, beta2 and epsilon to Adam.DEFAULT_ADAM_LEARNING_RATE (1e-3),
        // so they are given explicitly.
        AdamSpace adam = new AdamSpace(learningRate, new FixedValue<>(Adam.DEFAULT_ADAM_BETA1_MEAN_DECAY),
                new FixedValue<>(Adam.DEFAULT_ADAM_BETA2_VAR_DECAY), new FixedValue<>(Adam.DEFAULT_ADAM_EPSILON));
        MultiLayerSpace.Builder network = new MultiLayerSpace.Builder()
                .seed(seed)
                .weightInit(WeightInit.XAVIER)
                .updater(adam)
                .addLayer(firstLstm)
                .addLayer(laterLstm, new Mapped<>(layers, n -> n - 1))
                .addLayer(output)
                .setInputType(InputType.recurrent(nInputs));
        ParameterSpace<Integer> tbptt = (ParameterSpace<Integer>) leaves.get(Hyperparameter.TBPTT_LENGTH);
        if (tbptt != null) {
            // a text's sequences: gradients every tbpttLength characters, the state carried through the sequence
            network.backpropType(BackpropType.TruncatedBPTT).tbpttFwdLength(tbptt).tbpttBwdLength(tbptt);
        }
        return network.build();
    }

    /** The network of one trial's params: {@link #space} with fixed values and its task's {@link Head}. */
    public static MultiLayerConfiguration configuration(int nInputs, TrialParams params, long seed) {
        Map<Hyperparameter, ParameterSpace<?>> fixed = new EnumMap<>(Hyperparameter.class);
        for (Hyperparameter h : params.task().hyperparameters()) {
            if (h.use() == Hyperparameter.Use.NETWORK) {
                fixed.put(h, new FixedValue<>(params.get(h)));
            }
        }
        return space(nInputs, seed, fixed, Head.of(params.task(), nInputs)).getValue(new double[0])
                .getMultiLayerConfiguration();
    }

    /**
     * The output layer: one value with identity activation and MSE loss for a forecast; a softmax over the
     * vocabulary with cross-entropy (MCXENT) for text, whose input is the one-hot vocabulary too.
     */
    public record Head(int nOut, Activation activation, LossFunctions.LossFunction loss) {
        public static Head of(Task task, int nInputs) {
            return task == Task.GENERATE ? new Head(nInputs, Activation.SOFTMAX, LossFunctions.LossFunction.MCXENT)
                    : new Head(1, Activation.IDENTITY, LossFunctions.LossFunction.MSE);
        }
    }

    /** {@link #configuration} as the JSON a trial stores. */
    public static String configurationJson(int nInputs, TrialParams params, long seed) {
        return configuration(nInputs, params, seed).toJson();
    }

    private static ParameterSpace<?> required(Map<Hyperparameter, ? extends ParameterSpace<?>> leaves,
                                              Hyperparameter h) {
        ParameterSpace<?> leaf = leaves.get(h);
        if (leaf == null) {
            throw new IllegalArgumentException("the network needs a space for " + h.key());
        }
        return leaf;
    }

    /** A value computed from one leaf's value (layers - 1; a dropout rate as DL4J's dropout); no dimension of its own. */
    private static final class Mapped<A, B> implements ParameterSpace<B> {
        private final ParameterSpace<A> source;
        private final Function<A, B> map;

        Mapped(ParameterSpace<A> source, Function<A, B> map) {
            this.source = source;
            this.map = map;
        }

        @Override
        public B getValue(double[] values) {
            return map.apply(source.getValue(values));
        }

        @Override
        public int numParameters() {
            return source.numParameters();
        }

        @Override
        public List<ParameterSpace> collectLeaves() {
            return source.isLeaf() ? Collections.singletonList(source) : source.collectLeaves();
        }

        @Override
        public Map<String, ParameterSpace> getNestedSpaces() {
            return Collections.singletonMap("source", source);
        }

        @Override
        public boolean isLeaf() {
            return false;
        }

        @Override
        public void setIndices(int... indices) {
            source.setIndices(indices);
        }

        @Override
        public String toString() {
            return "Mapped(" + source + ")";
        }
    }
}
