package com.lstmautoml.core.search;

import com.lstmautoml.core.search.Observations.Scored;
import com.lstmautoml.core.trial.TrialParams;
import com.lstmautoml.core.trial.TrialState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class GeneticSearchTest extends SearchStrategyContractTest {

    @Override
    SearchStrategy strategy() {
        return new GeneticSearch();
    }

    @Override
    TrialRecord historyEntry(int number, TrialParams params) {
        return new TrialRecord(number, params, TrialState.COMPLETED, syntheticRmse(params));
    }

    @Override
    boolean adaptive() {
        return true;
    }

    /** n trials of random search on MIXED, each finished with RMSE = its index (so trial i is the i-th best). */
    private static List<TrialRecord> finishedHistory(int n, long seed) {
        List<TrialRecord> history = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            TrialParams p = new RandomSearch().propose(new SearchContext(TpeSearchTest.MIXED, 1, seed, history, 1000))
                    .orElseThrow().params();
            history.add(new TrialRecord(k + 1, p, TrialState.COMPLETED, (double) (n - k)));
        }
        return history;
    }

    @Test
    void childrenTakeEachCoordinateFromAParentOrAMutation() {
        LstmModelSpace space = new LstmModelSpace(TpeSearchTest.MIXED, 1, 1);
        int[] counts = space.valueCounts();
        List<Scored> population = GeneticSearch.population(space, finishedHistory(12, 5));
        Random rng = new Random(42);
        int coordinates = 0;
        int mutations = 0;
        for (int i = 0; i < 2000; i++) {
            GeneticSearch.Offspring o = GeneticSearch.breed(counts, population, rng);
            double[] a = population.get(o.parentA()).point();
            double[] b = population.get(o.parentB()).point();
            // two different parents
            assertThat(o.parentA()).isNotEqualTo(o.parentB());
            for (int d = 0; d < counts.length; d++) {
                coordinates++;
                if (o.mutated()[d]) {
                    mutations++;
                    // a mutated coordinate stays in the cube, on a bin centre for a discrete dimension
                    assertThat(o.point()[d]).isBetween(0.0, 1.0);
                    if (counts[d] > 0) {
                        assertThat(o.point()[d] * counts[d] - 0.5).isCloseTo(Math.rint(o.point()[d] * counts[d]
                                - 0.5), org.assertj.core.api.Assertions.within(1e-9));
                    }
                } else {
                    // an unmutated coordinate is one of the parents' (uniform crossover)
                    assertThat(o.point()[d]).isIn(a[d], b[d]);
                }
            }
        }
        // about 20 % of the coordinates mutate
        assertThat((double) mutations / coordinates).isBetween(0.17, 0.23);
    }

    @Test
    void populationIsTheBestTwentyFinishedTrials() {
        LstmModelSpace space = new LstmModelSpace(TpeSearchTest.MIXED, 1, 1);
        List<TrialRecord> history = new ArrayList<>(finishedHistory(30, 6));
        history.add(new TrialRecord(31, history.get(0).params(), TrialState.FAILED, null));
        history.add(new TrialRecord(32, history.get(1).params(), TrialState.RUNNING, null));
        history.add(new TrialRecord(33, history.get(2).params(), TrialState.PRUNED, 0.5, 4));
        List<Scored> population = GeneticSearch.population(space, history);
        // culling: only the best 20 finished trials survive, best first; the pruned one, whose early RMSE 0.5 is
        // the lowest, ranks after every completed trial and is culled
        assertThat(population).extracting(Scored::rmse).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0,
                9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 19.0, 20.0);
        List<TrialRecord> few = new ArrayList<>(history.subList(25, 33));
        // with room in the population the pruned trial joins it, last
        assertThat(GeneticSearch.population(space, few)).extracting(Scored::rmse)
                .containsExactly(1.0, 2.0, 3.0, 4.0, 5.0, 0.5);
        int[] counts = space.valueCounts();
        Random rng = new Random(3);
        int[] chosen = new int[population.size()];
        for (int i = 0; i < 4000; i++) {
            GeneticSearch.Offspring o = GeneticSearch.breed(counts, population, rng);
            chosen[o.parentA()]++;
            chosen[o.parentB()]++;
        }
        // tournament selection favours the better members: the best is a parent far more often than the worst
        assertThat(chosen[0]).isGreaterThan(3 * chosen[19]);
    }

    @Test
    void proposalsAfterStartUpBreedAndAvoidRepeats() {
        List<TrialRecord> history = finishedHistory(12, 8);
        Set<TrialParams> tried = new HashSet<>();
        history.forEach(t -> tried.add(t.params()));
        List<TrialParams> children = new ArrayList<>();
        for (int k = 12; k < 16; k++) {
            TrialParams p = new GeneticSearch().propose(new SearchContext(TpeSearchTest.MIXED, 1, 8, history, 40))
                    .orElseThrow().params();
            children.add(p);
            history.add(new TrialRecord(k + 1, p, TrialState.QUEUED, null));
        }
        // pending trials do not block, parallel slots (k, k+1, ...) get different children
        assertThat(children).doesNotHaveDuplicates();
        // and none repeats a trial already tried
        assertThat(children).noneMatch(tried::contains);
    }

    @Test
    void needsNoGrid() {
        // genetic search takes continuous spaces
        assertThat(new GeneticSearch().needsGrid()).isFalse();
    }
}
