package com.lstmautoml.core.search;

import com.lstmautoml.core.space.ParamSpec.Choice;
import com.lstmautoml.core.space.ParamSpec.FloatRange;
import com.lstmautoml.core.space.ParamSpec.IntRange;
import com.lstmautoml.core.space.SearchSpace;
import com.lstmautoml.core.trial.TrialParams;
import com.lstmautoml.core.validation.ValidationException;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GridSearchTest extends SearchStrategyContractTest {

    @Override
    SearchStrategy strategy() {
        return new GridSearch();
    }

    @Test
    void enumeratesExactlyTheProductThenStops() {
        List<Proposal> all = run(SMALL, 3, 100, 100);
        // 2 unit sizes x 3 layer counts = 6 proposals, then empty
        assertThat(all).hasSize(6);
        Set<TrialParams> expected = new HashSet<>();
        for (int units : List.of(8, 16)) {
            for (int layers = 1; layers <= 3; layers++) {
                expected.add(new TrialParams(units, layers, 5, 0.1, 16, 0.005));
            }
        }
        // exactly the combinations of the lists, each once
        assertThat(all.stream().map(Proposal::params)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void followsArbiterSequentialOrder() {
        LstmModelSpace space = new LstmModelSpace(WIDE, 2, 9);
        GridSearchCandidateGenerator gen = new GridSearchCandidateGenerator(space, 5,
                GridSearchCandidateGenerator.Mode.Sequential, null);
        List<TrialParams> arbiter = new ArrayList<>();
        while (gen.hasMoreCandidates()) {
            arbiter.add(((TrialCandidate) gen.getCandidate().getValue()).params());
        }
        List<TrialParams> ours = run(WIDE, 9, 10_000, 10_000).stream().map(Proposal::params).toList();
        // the whole grid: 5 x 2 x 3 x 3 x 2 x 2
        assertThat(ours).hasSize(5 * 2 * 3 * 3 * 2 * 2);
        // in the order of Arbiter's grid generator in Sequential mode
        assertThat(ours).isEqualTo(arbiter);
    }

    @Test
    void seedDoesNotChangeTheGrid() {
        // the grid order does not depend on the seed
        assertThat(run(SMALL, 1, 10, 10).stream().map(Proposal::params).toList())
                .isEqualTo(run(SMALL, 2, 10, 10).stream().map(Proposal::params).toList());
    }

    @Test
    void rejectsContinuousSpaces() {
        SearchSpace continuous = new SearchSpace(new IntRange(8, 8), new IntRange(1, 1), new IntRange(4, 4),
                new FloatRange(0.0, 0.5, false), new Choice(List.of(16)), new Choice(List.of(0.01)));
        // a continuous range cannot be gridded: reported on searchSpace
        assertThatThrownBy(() -> new GridSearch().propose(ctx(continuous, 1, List.of(), 5)))
                .isInstanceOf(ValidationException.class).hasMessageStartingWith("searchSpace:");
        // the parser must be asked for a grid space
        assertThat(new GridSearch().needsGrid()).isTrue();
    }
}
