package com.lstmautoml.core.search;

import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SearchStrategiesTest {

    @Test
    void knownNames() {
        // the four strategies, in this order
        assertThat(SearchStrategies.names()).containsExactly("random", "grid", "tpe", "genetic");
        // registered under their request names
        assertThat(SearchStrategies.forName("random")).isInstanceOf(RandomSearch.class);
        assertThat(SearchStrategies.forName("grid")).isInstanceOf(GridSearch.class);
        assertThat(SearchStrategies.forName("tpe")).isInstanceOf(TpeSearch.class);
        assertThat(SearchStrategies.forName("genetic")).isInstanceOf(GeneticSearch.class);
        // each strategy reports its own name
        assertThat(SearchStrategies.names()).allSatisfy(n -> assertThat(SearchStrategies.forName(n).name()).isEqualTo(n));
    }

    @Test
    void unknownNameIsAFieldError() {
        ValidationException e = catchThrowableOfType(() -> SearchStrategies.forName("bayes"), ValidationException.class);
        // an unknown strategy is reported on field "strategy", listing the allowed names
        assertThat(e.errors()).containsExactly(new FieldError("strategy", "unknown strategy 'bayes': use one of random, grid, tpe, genetic"));
        // a missing strategy too
        assertThat(catchThrowableOfType(() -> SearchStrategies.forName(null), ValidationException.class).errors())
                .extracting(FieldError::field).containsExactly("strategy");
    }
}
