package com.lstmautoml.core.space;

import com.lstmautoml.core.trial.TrialParams;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * One point of an {@link LstmModelSpace}: the hyperparameters and the network configuration built from them
 * ({@code params} are exactly the values {@code conf} uses, plus lookBack and batchSize which are not part of a
 * network).
 *
 * <p>Serializable (Arbiter's generators Java-serialize candidate values) through a proxy holding the params and
 * the configuration JSON, since {@link TrialParams} itself is not Serializable.
 */
public record TrialCandidate(TrialParams params, MultiLayerConfiguration conf) implements Serializable {

    public TrialCandidate {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(conf, "conf");
    }

    /** {@code conf.toJson()}: what a {@code Proposal} carries and {@code MultiLayerConfiguration.fromJson} reads. */
    public String modelConfigJson() {
        return conf.toJson();
    }

    @Serial
    private Object writeReplace() {
        return new SerialForm(params.units(), params.layers(), params.lookBack(), params.dropout(),
                params.batchSize(), params.learningRate(), params.transform(), params.difference(), params.scaler(),
                conf.toJson());
    }

    private record SerialForm(int units, int layers, int lookBack, double dropout, int batchSize,
                              double learningRate, String transform, int difference, String scaler,
                              String confJson) implements Serializable {
        @Serial
        private Object readResolve() {
            return new TrialCandidate(new TrialParams(units, layers, lookBack, dropout, batchSize, learningRate,
                    transform, difference, scaler),
                    MultiLayerConfiguration.fromJson(confJson));
        }
    }
}
