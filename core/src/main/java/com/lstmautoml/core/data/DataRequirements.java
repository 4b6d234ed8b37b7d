package com.lstmautoml.core.data;

import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a series is long enough for a look-back window and a split; checked when an experiment is created (with the
 * largest look-back of the search space) and again by the trainer. Rules: at least 2 training windows
 * ({@code trainRows >= lookBack + difference + 2}: differencing with lag k costs the first k rows), at least 1
 * validation row and at least 1 test row. With several validation windows ({@link ChronoSplit#validationWindows}) the
 * oldest window's training rows must meet the same rule ({@link #windowProblems}). A log transform also needs every
 * value of the target and the features to be &gt; 0 ({@link #positivityProblems}).
 */
public final class DataRequirements {

    /** smallest number of training windows (samples) a trial may have */
    public static final int MIN_TRAIN_WINDOWS = 2;

    private DataRequirements() {
    }

    /** @return the problems, empty when the data is long enough */
    public static List<FieldError> problems(int rows, SplitFractions split, int maxLookBack, String lookBackField) {
        return problems(rows, split, maxLookBack, 0, lookBackField);
    }

    /**
     * @param maxDifference the largest differencing lag (0: none): windows start {@code lookBack + difference} rows
     *                      into the series
     * @return the problems, empty when the data is long enough
     */
    public static List<FieldError> problems(int rows, SplitFractions split, int maxLookBack, int maxDifference,
                                            String lookBackField) {
        ChronoSplit s = ChronoSplit.of(rows, split);
        List<FieldError> errors = new ArrayList<>();
        if (maxLookBack < 1) {
            errors.add(new FieldError(lookBackField, "look_back is " + maxLookBack + "; it must be at least 1"));
            return errors;
        }
        if (s.validation().size() < 1 || s.test().size() < 1) {
            errors.add(new FieldError("dataset", "the series has " + rows + " rows, which leaves "
                    + s.validation().size() + " validation and " + s.test().size() + " test rows with the split "
                    + pct(split.train()) + "/" + pct(split.validation()) + "/" + pct(split.test())
                    + "; each needs at least 1 row: upload a longer series or give validation and test larger shares"));
        }
        int trainRows = s.train().size();
        if (maxDifference > 0 && trainRows < maxLookBack + maxDifference + MIN_TRAIN_WINDOWS) {
            int maxOk = trainRows - maxDifference - MIN_TRAIN_WINDOWS;
            errors.add(new FieldError(lookBackField, "the series has " + rows + " rows, of which " + trainRows
                    + " train (" + pct(split.train()) + "); look_back " + maxLookBack + " with difference "
                    + maxDifference + " needs at least " + (maxLookBack + maxDifference + MIN_TRAIN_WINDOWS)
                    + " training rows (look_back + difference + " + MIN_TRAIN_WINDOWS + " windows): "
                    + (maxOk >= 1 ? "lower look_back to at most " + maxOk + ", " : "")
                    + "use a smaller difference, upload a longer series or raise the training share"));
        } else if (trainRows < maxLookBack + MIN_TRAIN_WINDOWS) {
            int maxOk = trainRows - MIN_TRAIN_WINDOWS;
            errors.add(new FieldError(lookBackField, "the series has " + rows + " rows, of which " + trainRows
                    + " train (" + pct(split.train()) + "); look_back " + maxLookBack + " needs at least "
                    + (maxLookBack + MIN_TRAIN_WINDOWS) + " training rows (look_back + " + MIN_TRAIN_WINDOWS
                    + " windows): " + (maxOk >= 1 ? "lower look_back to at most " + maxOk + ", " : "")
                    + "upload a longer series or raise the training share"));
        }
        return errors;
    }

    /**
     * The most validation windows the series holds: the oldest window trains on
     * {@code trainRows - (k-1)·validationRows} rows, which must be at least {@code maxLookBack + maxDifference + 2} (as
     * {@link #problems} asks of the training slice) and at least {@code minTrainRows}. 1 when even one window does not
     * fit (then {@link #problems} says why).
     */
    public static int maxValidationWindows(int rows, SplitFractions split, int maxLookBack, int maxDifference,
                                           int minTrainRows) {
        ChronoSplit s = ChronoSplit.of(rows, split);
        int v = s.validation().size();
        int spare = s.train().size() - windowTrainRows(maxLookBack, maxDifference, minTrainRows);
        return v < 1 || spare < 0 ? 1 : 1 + spare / v;
    }

    private static int windowTrainRows(int maxLookBack, int maxDifference, int minTrainRows) {
        return Math.max(maxLookBack + maxDifference + MIN_TRAIN_WINDOWS, minTrainRows);
    }

    /**
     * Whether {@code windows} validation windows fit in the series ({@link #maxValidationWindows}); nothing to say
     * when the look-back does not fit even one window ({@link #problems} reports that).
     *
     * @param minTrainRows training rows every window needs besides the look-back's (e.g. a season for the baselines;
     *                     0: none)
     * @return the problem at {@code field}, with the allowed range, or nothing
     */
    public static List<FieldError> windowProblems(int rows, SplitFractions split, int windows, int maxLookBack,
                                                  int maxDifference, int minTrainRows, String field) {
        ChronoSplit s = ChronoSplit.of(rows, split);
        int need = windowTrainRows(maxLookBack, maxDifference, minTrainRows);
        int max = maxValidationWindows(rows, split, maxLookBack, maxDifference, minTrainRows);
        if (windows <= max || s.validation().size() < 1 || s.train().size() < need) {
            return List.of();
        }
        int v = s.validation().size();
        return List.of(new FieldError(field, "must be between 1 and " + max + " for this series, got " + windows
                + ": it has " + rows + " rows, of which " + s.train().size() + " train and " + v + " validation ("
                + pct(split.train()) + "/" + pct(split.validation()) + "); " + windows + " windows of " + v
                + " rows leave the oldest window " + Math.max(0, s.oldestWindowTrainRows(windows))
                + " training rows, and it needs at least " + need + " (look_back " + maxLookBack
                + (maxDifference > 0 ? " + difference " + maxDifference : "") + " + " + MIN_TRAIN_WINDOWS
                + " windows" + (minTrainRows > maxLookBack + maxDifference + MIN_TRAIN_WINDOWS
                ? ", and a season of " + minTrainRows + " rows for the baselines" : "")
                + "): use fewer windows, a smaller look_back, or a longer series"));
    }

    /**
     * @throws ValidationException naming {@code searchSpace.lookBack} or {@code dataset} when the series is too short
     */
    public static void check(int rows, SplitFractions split, int maxLookBack) {
        check(rows, split, maxLookBack, 0);
    }

    /**
     * @throws ValidationException naming {@code searchSpace.lookBack} or {@code dataset} when the series is too short
     *                             for the largest look-back plus the largest differencing lag
     */
    public static void check(int rows, SplitFractions split, int maxLookBack, int maxDifference) {
        check(rows, split, maxLookBack, maxDifference, 1, 0);
    }

    /**
     * As {@link #check(int, SplitFractions, int, int)}, and that {@code validationWindows} windows fit
     * ({@link #windowProblems}, at {@code validationWindows}).
     *
     * @param minTrainRows training rows every window needs besides the look-back's (0: none)
     * @throws ValidationException naming {@code searchSpace.lookBack}, {@code dataset} or {@code validationWindows}
     */
    public static void check(int rows, SplitFractions split, int maxLookBack, int maxDifference,
                             int validationWindows, int minTrainRows) {
        List<FieldError> errors = new ArrayList<>(problems(rows, split, maxLookBack, maxDifference,
                "searchSpace.lookBack"));
        errors.addAll(windowProblems(rows, split, validationWindows, maxLookBack, maxDifference, minTrainRows,
                "validationWindows"));
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    /**
     * For the log transform: every value of every named column must be &gt; 0. One error per offending column, at
     * {@code field}, naming its first bad row (0-based).
     */
    public static List<FieldError> positivityProblems(Map<String, double[]> columns, String field) {
        List<FieldError> errors = new ArrayList<>();
        columns.forEach((name, values) -> {
            for (int i = 0; i < values.length; i++) {
                if (!(values[i] > 0)) {
                    errors.add(new FieldError(field, "column " + name + " has values <= 0 (row " + i
                            + "): log transform needs positive values; remove log or shift the data"));
                    return;
                }
            }
        });
        return errors;
    }

    /**
     * @throws ValidationException at {@code searchSpace.transform} when a column has a value &lt;= 0
     */
    public static void checkPositive(Map<String, double[]> columns) {
        List<FieldError> errors = positivityProblems(columns, "searchSpace.transform");
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    private static String pct(double f) {
        return Math.round(f * 1000) / 10.0 + "%";
    }
}
