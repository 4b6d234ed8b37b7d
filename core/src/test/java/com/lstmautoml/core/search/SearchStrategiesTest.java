package com.lstmautoml.core.search;

import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SearchStrategiesTest {

    @Test
    void knownNames() {
        // random and grid are registered under their request names
        assertThat(SearchStrategies.forName("random")).isInstanceOf(RandomSearch.class);
        assertThat(SearchStrategies.forName("grid")).isInstanceOf(GridSearch.class);
        // each strategy reports its own name
        assertThat(SearchStrategies.names()).allSatisfy(n -> assertThat(SearchStrategies.forName(n).name()).isEqualTo(n));
    }

    @Test
    void unknownNameIsAFieldError() {
        ValidationException e = catchThrowableOfType(() -> SearchStrategies.forName("bayes"), ValidationException.class);
        // an unknown strategy is reported on field "strategy", listing the allowed names
        assertThat(e.errors()).containsExactly(new FieldError("strategy", "unknown strategy 'bayes': use one of random, grid"));
        // a missing strategy too
        assertThat(catchThrowableOfType(() -> SearchStrategies.forName(null), ValidationException.class).errors())
                .extracting(FieldError::field).containsExactly("strategy");
    }
}
