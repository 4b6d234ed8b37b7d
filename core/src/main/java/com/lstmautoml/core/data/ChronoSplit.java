package com.lstmautoml.core.data;

import com.lstmautoml.core.training.SplitFractions;

/**
 * Chronological train / validation / test slices of a series, as half-open row ranges {@code [from, to)}; no
 * shuffling. Train gets {@code floor(rows * train)} rows, validation {@code floor(rows * validation)}, test the rest
 * (a tiny epsilon guards against {@code 0.7 * 10 = 6.9999...}).
 */
public record ChronoSplit(int rows, int trainEnd, int validationEnd) {

    public ChronoSplit {
        if (!(0 <= trainEnd && trainEnd <= validationEnd && validationEnd <= rows)) {
            throw new IllegalArgumentException("bad split of " + rows + " rows: " + trainEnd + ", " + validationEnd);
        }
    }

    public static ChronoSplit of(int rows, SplitFractions fractions) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        }
        int train = (int) Math.floor(rows * fractions.train() + 1e-9);
        int validation = (int) Math.floor(rows * fractions.validation() + 1e-9);
        return new ChronoSplit(rows, train, Math.min(rows, train + validation));
    }

    public Range train() {
        return new Range(0, trainEnd);
    }

    public Range validation() {
        return new Range(trainEnd, validationEnd);
    }

    public Range test() {
        return new Range(validationEnd, rows);
    }

    /** Rows {@code [from, to)}. */
    public record Range(int from, int to) {
        public Range {
            if (from < 0 || to < from) {
                throw new IllegalArgumentException("bad range [" + from + ", " + to + ")");
            }
        }

        public int size() {
            return to - from;
        }

        public boolean contains(int row) {
            return from <= row && row < to;
        }
    }
}
