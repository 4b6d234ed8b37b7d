package com.lstmautoml.core.search;

import com.lstmautoml.core.space.ParamSpec.Choice;
import com.lstmautoml.core.space.ParamSpec.FloatRange;
import com.lstmautoml.core.space.ParamSpec.IntRange;
import com.lstmautoml.core.space.SearchSpace;
import com.lstmautoml.core.trial.TrialParams;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RandomSearchTest extends SearchStrategyContractTest {

    @Override
    SearchStrategy strategy() {
        return new RandomSearch();
    }

    @Test
    void differentSeedsGiveDifferentSequences() {
        // the seed matters
        assertThat(run(WIDE, 1, 8, 8)).isNotEqualTo(run(WIDE, 2, 8, 8));
    }

    @Test
    void continuousRangesAreSampledContinuously() {
        SearchSpace continuous = new SearchSpace(new IntRange(8, 8), new IntRange(1, 1), new IntRange(4, 4),
                new FloatRange(0.0, 0.5, false), new Choice(List.of(16)), new FloatRange(1e-4, 1e-1, true));
        List<TrialParams> params = run(continuous, 7, 200, 200).stream().map(p -> p.params()).toList();
        // 200 distinct dropout values: a continuous draw, not a grid
        assertThat(params.stream().mapToDouble(TrialParams::dropout).distinct().count()).isEqualTo(200);
        // log-uniform learning rate: about a third below 1e-3 (uniform would give under 1%)
        long small = params.stream().filter(p -> p.learningRate() < 1e-3).count();
        assertThat(small).isBetween(40L, 95L);
    }

    @Test
    void needsNoGrid() {
        // random search takes continuous spaces
        assertThat(new RandomSearch().needsGrid()).isFalse();
    }
}
