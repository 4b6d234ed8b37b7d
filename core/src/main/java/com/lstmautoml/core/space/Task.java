package com.lstmautoml.core.space;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What an experiment's models learn, which decides the hyperparameters it searches ({@link Hyperparameter#tasks()}):
 * forecasting a numeric series one step ahead (windows of {@code lookBack} values, preprocessing fitted on the
 * training slice, validation RMSE) or generating text character by character (sequences of {@code sequenceLength}
 * characters, truncated backpropagation, validation bits per character).
 */
public enum Task {
    FORECAST("forecast"),
    GENERATE("generate");

    private final String key;

    Task(String key) {
        this.key = key;
    }

    /** The name in a request and in the database, e.g. {@code forecast}. */
    public String key() {
        return key;
    }

    /** The hyperparameters a space of this task holds, in {@link Hyperparameter} order. */
    public List<Hyperparameter> hyperparameters() {
        return Arrays.stream(Hyperparameter.values()).filter(h -> h.tasks().contains(this)).toList();
    }

    /** The JSON keys of {@link #hyperparameters()}. */
    public List<String> keys() {
        return hyperparameters().stream().map(Hyperparameter::key).toList();
    }

    /**
     * The task whose keys a stored space or trial's params hold: the one task that searches every known key given.
     * Keys both tasks search decide nothing, and rows stored before there were tasks are forecasts, so the answer is
     * {@link #FORECAST} unless some key only a text's experiment searches is there and none only a forecast's is;
     * for a mix, a forecast, whose parser then names the keys that do not belong.
     */
    public static Task ofKeys(Iterable<String> keys) {
        boolean forecastOnly = false;
        boolean generateOnly = false;
        for (String k : keys) {
            Optional<Hyperparameter> h = Hyperparameter.forKey(k);
            if (h.isPresent() && h.get().tasks().size() == 1) {
                forecastOnly |= h.get().tasks().contains(FORECAST);
                generateOnly |= h.get().tasks().contains(GENERATE);
            }
        }
        return generateOnly && !forecastOnly ? GENERATE : FORECAST;
    }
}
