package com.lstmautoml.core.baselines;

import com.lstmautoml.core.evaluation.Scores;

/** One baseline's one-step-ahead scores on the validation and the test rows, in original units. */
public record BaselineScore(String name, String description, Scores validation, Scores test) {
}
