package com.lstmautoml.core.testing;

import com.lstmautoml.core.space.Hyperparameter;
import com.lstmautoml.core.space.Task;
import com.lstmautoml.core.trial.TrialParams;

import java.util.EnumMap;
import java.util.Map;

/** A generation trial's params for tests: one layer, no dropout, 16 sequences a minibatch, learning rate 0.02. */
public final class TextParams {

    private TextParams() {
    }

    /** The values of each generation key (no task given: {@link TrialParams#of(Map)} infers it from the keys). */
    public static Map<Hyperparameter, Object> values(int units, int sequenceLength, int tbpttLength) {
        Map<Hyperparameter, Object> v = new EnumMap<>(Hyperparameter.class);
        v.put(Hyperparameter.UNITS, units);
        v.put(Hyperparameter.LAYERS, 1);
        v.put(Hyperparameter.DROPOUT, 0.0);
        v.put(Hyperparameter.BATCH_SIZE, 16);
        v.put(Hyperparameter.LEARNING_RATE, 0.02);
        v.put(Hyperparameter.SEQUENCE_LENGTH, sequenceLength);
        v.put(Hyperparameter.TBPTT_LENGTH, tbpttLength);
        return v;
    }

    /** A generation trial's params. */
    public static TrialParams of(int units, int sequenceLength, int tbpttLength) {
        return TrialParams.of(Task.GENERATE, values(units, sequenceLength, tbpttLength));
    }
}
