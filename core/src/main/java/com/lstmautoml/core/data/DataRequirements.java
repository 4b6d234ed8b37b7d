package com.lstmautoml.core.data;

import com.lstmautoml.core.training.SplitFractions;
import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a series is long enough for a look-back window and a split; checked when an experiment is created (with the
 * largest look-back of the search space) and again by the trainer. Rules: at least 2 training windows
 * ({@code trainRows >= lookBack + difference + 2}: differencing with lag k costs the first k rows), at least 1
 * validation row and at least 1 test row. A log transform also needs every value of the target and the features
 * to be &gt; 0 ({@link #positivityProblems}).
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
        List<FieldError> errors = problems(rows, split, maxLookBack, maxDifference, "searchSpace.lookBack");
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
