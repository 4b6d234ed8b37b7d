package com.lstmautoml.core.data;

/**
 * Chronological split: the first {@code train} share of rows trains, the next {@code validation} share
 * drives early stopping and ranking, the rest is the holdout test slice (reported only for a final model).
 */
public record SplitFractions(double train, double validation) {

    public static final SplitFractions DEFAULT = new SplitFractions(0.70, 0.15);

    public SplitFractions {
        if (!(train > 0 && validation > 0 && train + validation < 1)) {
            throw new IllegalArgumentException("need train > 0, validation > 0 and train + validation < 1, got "
                    + train + " and " + validation);
        }
    }

    public double test() {
        return 1 - train - validation;
    }
}
