package com.lstmautoml.core.search;

import com.lstmautoml.core.trial.TrialParams;

import java.util.Objects;

/**
 * What a strategy proposes for the next trial.
 *
 * @param params          the hyperparameters (stored in {@code trial.params})
 * @param modelConfigJson the DL4J {@code MultiLayerConfiguration.toJson()} built from them; the trainer reads it with
 *                        {@code MultiLayerConfiguration.fromJson}
 */
public record Proposal(TrialParams params, String modelConfigJson) {

    public Proposal {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(modelConfigJson, "modelConfigJson");
    }

    public static Proposal of(TrialCandidate candidate) {
        return new Proposal(candidate.params(), candidate.modelConfigJson());
    }
}
