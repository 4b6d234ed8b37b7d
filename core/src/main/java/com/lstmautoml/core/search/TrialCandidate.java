package com.lstmautoml.core.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * the configuration JSON, since {@link TrialParams} itself is not Serializable (its JSON form).
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
        try {
            return new SerialForm(JSON.writeValueAsString(params), conf.toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write " + params, e);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private record SerialForm(String paramsJson, String confJson) implements Serializable {
        @Serial
        private Object readResolve() throws JsonProcessingException {
            return new TrialCandidate(TrialParams.fromJson(JSON.readTree(paramsJson)),
                    MultiLayerConfiguration.fromJson(confJson));
        }
    }
}
