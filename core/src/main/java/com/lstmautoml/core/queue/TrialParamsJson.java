package com.lstmautoml.core.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lstmautoml.core.trial.TrialParams;

/**
 * {@link TrialParams} as stored in {@code trial.params} (JSONB), in the JSON form {@link TrialParams} defines: an
 * object of the hyperparameter keys, e.g. {@code {"units":32,"layers":1,"lookBack":12,"dropout":0.1,"batchSize":16,
 * "learningRate":0.001,"transform":"none","difference":0,"scaler":"minmax"}}. Reading is strict, except that the
 * preprocessing keys, which rows written before they existed lack, read as the values such trials were trained with.
 */
public final class TrialParamsJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TrialParamsJson() {
    }

    public static String write(TrialParams params) {
        try {
            return MAPPER.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write trial params " + params, e);
        }
    }

    /** @throws IllegalArgumentException when {@code json} is not a complete {@link TrialParams} object */
    public static TrialParams parse(String json) {
        try {
            return TrialParams.fromJson(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid trial params " + json + ": " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid trial params " + json + ": " + e.getMessage(), e);
        }
    }
}
