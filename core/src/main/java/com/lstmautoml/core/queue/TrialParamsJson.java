package com.lstmautoml.core.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lstmautoml.core.trial.TrialParams;

/**
 * {@link TrialParams} as stored in {@code trial.params} (JSONB): an object whose field names are the record
 * components, e.g. {@code {"units":32,"layers":1,"lookBack":12,"dropout":0.1,"batchSize":16,"learningRate":0.001}}.
 * Parsing is strict: every field must be present, and unknown fields are rejected, except the preprocessing fields
 * {@code transform}, {@code difference} and {@code scaler}, which rows written before they existed lack: those read as
 * {@code "none"}, {@code 0} and {@code "minmax"} (what such trials were trained with).
 */
public final class TrialParamsJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

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
            JsonNode tree = MAPPER.readTree(json);
            if (tree instanceof ObjectNode o) {
                if (!o.has("transform")) {
                    o.put("transform", TrialParams.DEFAULT_TRANSFORM);
                }
                if (!o.has("difference")) {
                    o.put("difference", TrialParams.DEFAULT_DIFFERENCE);
                }
                if (!o.has("scaler")) {
                    o.put("scaler", TrialParams.DEFAULT_SCALER);
                }
            }
            return MAPPER.treeToValue(tree, TrialParams.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid trial params " + json + ": " + e.getOriginalMessage(), e);
        }
    }
}
