package com.lstmautoml.core.data;


import java.util.ArrayList;
import java.util.List;

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

    /**
     * The rolling-origin validation windows of this split (expanding origins, as AutoGluon's {@code num_val_windows}),
     * oldest first. With the validation rows {@code [T, T + V)}, window {@code j} of {@code k} validates on rows
     * {@code [T - (k-1-j)·V, T - (k-1-j)·V + V)} and trains on every row before them; so window {@code k - 1} is this
     * split itself, and no window reads a row of the test slice. Each window is a split of the same rows whose
     * {@link #test()} is everything after its validation rows (rows a trial never reads while it trains on that
     * window).
     *
     * @throws IllegalArgumentException when {@code k < 1} or the oldest window would start before row 0
     */
    public List<ChronoSplit> validationWindows(int k) {
        int v = validation().size();
        if (k < 1 || oldestWindowTrainRows(k) < 0) {
            throw new IllegalArgumentException(k + " validation windows of " + v + " rows do not fit before row "
                    + trainEnd);
        }
        List<ChronoSplit> windows = new ArrayList<>(k);
        for (int j = 0; j < k; j++) {
            int start = trainEnd - (k - 1 - j) * v;
            windows.add(new ChronoSplit(rows, start, start + v));
        }
        return List.copyOf(windows);
    }

    /**
     * The training rows of the oldest of {@code k} validation windows ({@link #validationWindows}): the fewest any
     * window trains on, {@code trainEnd - (k-1)·V}; negative when the k windows do not fit before row 0.
     */
    public long oldestWindowTrainRows(int k) {
        return trainEnd - (long) (k - 1) * validation().size();
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
