package com.lstmautoml.core.data;

import com.lstmautoml.core.training.SplitFractions;
import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
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
}
