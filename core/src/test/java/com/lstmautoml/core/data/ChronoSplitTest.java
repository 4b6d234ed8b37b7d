package com.lstmautoml.core.data;

import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ChronoSplitTest {

    @Test
    void airPassengersDefaultSplit() {
        ChronoSplit s = ChronoSplit.of(144, SplitFractions.DEFAULT);
        // rule: train = floor(144 * 0.70), validation = floor(144 * 0.15), test = rest
        assertThat(s.train()).isEqualTo(new ChronoSplit.Range(0, 100));
        assertThat(s.validation()).isEqualTo(new ChronoSplit.Range(100, 121));
        assertThat(s.test()).isEqualTo(new ChronoSplit.Range(121, 144));
    }

    @Test
    void floatingPointDoesNotLoseARow() {
        // rule: 0.7 * 10 (6.999...) still gives 7 training rows
        assertThat(ChronoSplit.of(10, new SplitFractions(0.7, 0.2)).train().size()).isEqualTo(7);
    }

    @Test
    void slicesAreContiguousAndCoverAllRows() {
        for (int n = 0; n < 50; n++) {
            ChronoSplit s = ChronoSplit.of(n, SplitFractions.DEFAULT);
            // rule: chronological, contiguous, complete
            assertThat(s.train().to()).isEqualTo(s.validation().from());
            assertThat(s.validation().to()).isEqualTo(s.test().from());
            assertThat(s.train().size() + s.validation().size() + s.test().size()).isEqualTo(n);
        }
    }

    @Test
    void longEnoughSeriesPasses() {
        // rule: 144 rows (100 train) allow look_back 98 (= 100 - 2 windows)
        assertThatCode(() -> DataRequirements.check(144, SplitFractions.DEFAULT, 98)).doesNotThrowAnyException();
    }

    @Test
    void lookBackTooLargeForTrainingSlice() {
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> DataRequirements.check(144, SplitFractions.DEFAULT, 99));
        FieldError err = e.errors().get(0);
        // rule: the error sits at the search space's look_back
        assertThat(err.field()).isEqualTo("searchSpace.lookBack");
        // rule: it gives rows, train rows, look_back and the largest usable look_back
        assertThat(err.message()).contains("144 rows").contains("100 train").contains("look_back 99")
                .contains("at most 98");
    }

    @Test
    void tooFewRowsForValidationAndTest() {
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> DataRequirements.check(5, SplitFractions.DEFAULT, 1));
        // rule: an empty validation or test slice is a dataset error with the counts and a fix
        assertThat(e.errors()).extracting(FieldError::field).contains("dataset");
        assertThat(e.errors().get(0).message()).contains("5 rows").contains("0 validation").contains("longer series");
    }

    @Test
    void validationWindowsRollTheOriginBackByTheValidationLength() {
        ChronoSplit s = ChronoSplit.of(144, SplitFractions.DEFAULT);
        List<ChronoSplit> w = s.validationWindows(3);
        // AirPassengers: validation rows [100, 121), V = 21; by hand, window j validates on
        // [100 - (2 - j)·21, 100 - (2 - j)·21 + 21) and trains on every row before that
        assertThat(w).extracting(ChronoSplit::train).containsExactly(new ChronoSplit.Range(0, 58),
                new ChronoSplit.Range(0, 79), new ChronoSplit.Range(0, 100));
        assertThat(w).extracting(ChronoSplit::validation).containsExactly(new ChronoSplit.Range(58, 79),
                new ChronoSplit.Range(79, 100), new ChronoSplit.Range(100, 121));
        // the last window is the split itself; no window validates on or trains on a test row (121..143)
        assertThat(w.get(2)).isEqualTo(s);
        assertThat(w).allSatisfy(x -> assertThat(x.validation().to()).isLessThanOrEqualTo(s.test().from()));
        // one window is the split
        assertThat(s.validationWindows(1)).containsExactly(s);
        // windows must fit before row 0: 100 training rows hold 100 / 21 = 4 earlier windows, so 5 in all
        assertThat(s.validationWindows(5).get(0).train()).isEqualTo(new ChronoSplit.Range(0, 16));
        assertThatThrownBy(() -> s.validationWindows(6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.validationWindows(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theOldestWindowMustHoldTheLargestLookBack() {
        // look_back 12 + difference 12 + 2 windows = 26 training rows: 4 windows leave the oldest 100 - 3·21 = 37,
        // 5 leave it 16
        assertThat(DataRequirements.maxValidationWindows(144, SplitFractions.DEFAULT, 12, 12, 0)).isEqualTo(4);
        assertThat(DataRequirements.windowProblems(144, SplitFractions.DEFAULT, 4, 12, 12, 0, "validationWindows"))
                .isEmpty();
        List<FieldError> five = DataRequirements.windowProblems(144, SplitFractions.DEFAULT, 5, 12, 12, 0,
                "validationWindows");
        // rule: too many windows is an error at the field, with the allowed range and the numbers behind it
        assertThat(five).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("validationWindows");
            assertThat(e.message()).contains("between 1 and 4").contains("16 training rows")
                    .contains("at least 26");
        });
        // a season of 48 rows (for the baselines) needs 48 training rows in the oldest window: 3 windows (58) fit
        assertThat(DataRequirements.maxValidationWindows(144, SplitFractions.DEFAULT, 12, 12, 48)).isEqualTo(3);
        assertThat(DataRequirements.windowProblems(144, SplitFractions.DEFAULT, 4, 12, 12, 48, "validationWindows"))
                .singleElement().satisfies(e -> assertThat(e.message()).contains("between 1 and 3")
                        .contains("season of 48"));
        // check() reports it with the look-back problems
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> DataRequirements.check(144, SplitFractions.DEFAULT, 12, 12, 5, 0));
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("validationWindows");
        // a look-back that does not fit even one window is the look-back's error only
        assertThat(DataRequirements.windowProblems(144, SplitFractions.DEFAULT, 3, 99, 0, 0, "validationWindows"))
                .isEmpty();
    }
}
