package com.lstmautoml.core.training;

import com.lstmautoml.core.trial.TrialParams;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Model configurations in the shape {@link LstmTrainer} expects, built with plain DL4J (the search space builds the
 * same shape with Arbiter): {@code layers} stacked {@link LSTM} layers of {@code units} (tanh, sigmoid gates, NCW), the
 * first with {@code nIn = nInputs}; dropout after every LSTM as DL4J input dropout on the following layer; then an
 * {@link RnnOutputLayer} with {@code nOut 1}, identity activation, MSE loss. Adam with the trial's learning rate.
 *
 * <p>Note: DL4J's {@code dropOut(p)} takes the RETAIN probability, so a dropout rate {@code d} becomes
 * {@code dropOut(1 - d)}; a rate of 0 sets no dropout at all.
 */
public final class ModelConfigs {

    private ModelConfigs() {
    }

    public static MultiLayerConfiguration reference(int nInputs, TrialParams p, long seed) {
        if (nInputs < 1 || p.units() < 1 || p.layers() < 1 || !(p.dropout() >= 0 && p.dropout() < 1)) {
            throw new IllegalArgumentException("need nInputs, units, layers >= 1 and dropout in [0, 1): " + p);
        }
        var list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(p.learningRate()))
                .list();
        for (int i = 0; i < p.layers(); i++) {
            LSTM.Builder lstm = new LSTM.Builder()
                    .nIn(i == 0 ? nInputs : p.units())
                    .nOut(p.units())
                    .activation(Activation.TANH)
                    .gateActivationFunction(Activation.SIGMOID)
                    .dataFormat(RNNFormat.NCW);
            if (i > 0 && p.dropout() > 0) {
                lstm.dropOut(1 - p.dropout());
            }
            list.layer(lstm.build());
        }
        RnnOutputLayer.Builder out = new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
                .nIn(p.units())
                .nOut(1)
                .activation(Activation.IDENTITY)
                .dataFormat(RNNFormat.NCW);
        if (p.dropout() > 0) {
            out.dropOut(1 - p.dropout());
        }
        list.layer(out.build());
        return list.build();
    }

    /** {@link #reference} as the JSON a trial stores. */
    public static String referenceJson(int nInputs, TrialParams p, long seed) {
        return reference(nInputs, p, seed).toJson();
    }
}
