package com.lstmautoml.core.pruners;

import java.util.Map;

/**
 * One whole-number setting of a pruner: its key (in requests, {@code "pruner": {"type": "asha", "minEpochs": 5}}, and
 * in {@code experiment.pruner_settings}), its default and its range. Each pruner class declares its own; the parser
 * ({@link Pruners#parse}), the API description and the dashboard's form all read them from there.
 *
 * @param key            the JSON key
 * @param label          a short label for forms ("first rung (epochs)")
 * @param meaning        what it does, one line
 * @param defaultValue   the value when left out (not checked against the range: a default beyond the experiment's
 *                       epochs, such as 5 warm-up epochs of a 3-epoch experiment, simply never comes into play)
 * @param min            the smallest value allowed
 * @param max            the largest value allowed, unless {@code maxEpochsOffset} says otherwise
 * @param maxEpochsOffset when not null, the largest value is the experiment's {@code maxEpochs} plus this (0: up to
 *                       maxEpochs, -1: below maxEpochs) instead of {@code max}
 */
public record PrunerSetting(String key, String label, String meaning, int defaultValue, int min, int max,
                            Integer maxEpochsOffset) {

    /** A setting with a fixed range. */
    public static PrunerSetting fixed(String key, String label, String meaning, int defaultValue, int min, int max) {
        return new PrunerSetting(key, label, meaning, defaultValue, min, max, null);
    }

    /** A setting whose largest value is the experiment's {@code maxEpochs + offset}. */
    public static PrunerSetting epochs(String key, String label, String meaning, int defaultValue, int min,
                                       int offset) {
        return new PrunerSetting(key, label, meaning, defaultValue, min, Integer.MAX_VALUE, offset);
    }

    /** The largest value allowed for an experiment of {@code maxEpochs} epochs (never below {@link #min}). */
    public int max(int maxEpochs) {
        if (maxEpochsOffset == null) {
            return max;
        }
        return (int) Math.max(min, Math.min(Integer.MAX_VALUE, (long) maxEpochs + maxEpochsOffset));
    }

    /** "from 1 to 50 (maxEpochs)", "from 2 to 10": the range as error messages and helper texts say it. */
    public String rangeText(int maxEpochs) {
        String upper = maxEpochsOffset == null ? "" : maxEpochsOffset == 0 ? " (maxEpochs)"
                : " (maxEpochs " + (maxEpochsOffset < 0 ? "- " : "+ ") + Math.abs(maxEpochsOffset) + ")";
        return "from " + min + " to " + max(maxEpochs) + upper;
    }

    /** Its value in {@code values}, or its default when absent. */
    public int in(Map<String, Integer> values) {
        Integer v = values.get(key);
        return v == null ? defaultValue : v;
    }
}
