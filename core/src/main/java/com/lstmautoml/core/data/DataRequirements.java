package com.lstmautoml.core.data;

import com.lstmautoml.core.training.SplitFractions;
import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a series is long enough for a look-back window and a split; checked when an experiment is created (with the
 * largest look-back of the search space) and again by the trainer. Rules: at least 2 training windows
 * ({@code trainRows >= lookBack + 2}), at least 1 validation row and at least 1 test row.
 */
public final class DataRequirements {

    /** smallest number of training windows (samples) a trial may have */
    public static final int MIN_TRAIN_WINDOWS = 2;

    private DataRequirements() {
    }

    /** @return the problems, empty when the data is long enough */
    public static List<FieldError> problems(int rows, SplitFractions split, int maxLookBack, String lookBackField) {
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
        if (trainRows < maxLookBack + MIN_TRAIN_WINDOWS) {
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
        List<FieldError> errors = problems(rows, split, maxLookBack, "searchSpace.lookBack");
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    private static String pct(double f) {
        return Math.round(f * 1000) / 10.0 + "%";
    }
}
