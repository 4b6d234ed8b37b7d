package com.lstmautoml.core.search;

import com.lstmautoml.core.space.ParamSpec.Choice;
import com.lstmautoml.core.space.ParamSpec.FloatRange;
import com.lstmautoml.core.space.ParamSpec.IntRange;
import com.lstmautoml.core.space.SearchSpace;
import com.lstmautoml.core.trial.TrialParams;
import com.lstmautoml.core.trial.TrialState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TpeSearchTest extends SearchStrategyContractTest {

    /** Every kind of dimension: 16 unit sizes, 3 layer counts, 12 look-backs, continuous dropout, 3 batch sizes, log lr. */
    static final SearchSpace MIXED = new SearchSpace(new IntRange(8, 128, 8), new IntRange(1, 3, null),
            new IntRange(1, 12, null), new FloatRange(0.0, 0.5, false), new Choice(List.of(16, 32, 64)),
            new FloatRange(1e-4, 1e-1, true));

    @Override
    SearchStrategy strategy() {
        return new TpeSearch();
    }

    @Override
    TrialRecord historyEntry(int number, TrialParams params) {
        return new TrialRecord(number, params, TrialState.COMPLETED, syntheticRmse(params));
    }

    @Override
    boolean adaptive() {
        return true;
    }

    /** The objective of the behaviour test: optimum at learningRate 10^-2.5 and 48 units, plus seeded noise. */
    static double objective(TrialParams p, Random noise) {
        return Math.abs(Math.log10(p.learningRate()) + 2.5) * 10 + Math.abs(p.units() - 48) / 4.0
                + 0.1 * noise.nextGaussian();
    }

    /** Best RMSE of a 40-trial loop (propose, evaluate, append) of the strategy. */
    static double bestOf40(SearchStrategy strategy, long seed) {
        Random noise = new Random(seed * 31 + 7);
        List<TrialRecord> history = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        for (int k = 0; k < 40; k++) {
            TrialParams p = strategy.propose(new SearchContext(MIXED, 1, seed, history, 40)).orElseThrow().params();
            double rmse = objective(p, noise);
            best = Math.min(best, rmse);
            history.add(new TrialRecord(k + 1, p, TrialState.COMPLETED, rmse));
        }
        return best;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    @Test
    void concentratesOnTheGoodRegionBetterThanRandom() {
        long[] seeds = {1, 2, 3, 4, 5};
        double[] tpe = new double[seeds.length];
        double[] random = new double[seeds.length];
        for (int i = 0; i < seeds.length; i++) {
            tpe[i] = bestOf40(new TpeSearch(), seeds[i]);
            random[i] = bestOf40(new RandomSearch(), seeds[i]);
        }
        System.out.printf(Locale.ROOT, "TPE vs random, best RMSE of 40 trials, seeds 1..5:%n  tpe    %s median %.3f%n"
                + "  random %s median %.3f%n", fmt(tpe), median(tpe), fmt(random), median(random));
        // after start-up TPE concentrates on the good region: its median best beats random search's
        assertThat(median(tpe)).isLessThan(median(random));
    }

    private static String fmt(double[] v) {
        return Arrays.stream(v).mapToObj(x -> String.format(Locale.ROOT, "%.3f", x)).toList().toString();
    }

    @Test
    void startUpTrialsAreRandomSearchCandidates() {
        List<TrialRecord> history = new ArrayList<>();
        RandomSearch random = new RandomSearch();
        // 40 trials: min(10, max(2, 40 / 4)) = 10 start-up trials; 8 trials: 2
        assertThat(Observations.startupTrials(40)).isEqualTo(10);
        assertThat(Observations.startupTrials(8)).isEqualTo(2);
        for (int k = 0; k < 10; k++) {
            SearchContext ctx = new SearchContext(MIXED, 1, 9, history, 40);
            Proposal p = new TpeSearch().propose(ctx).orElseThrow();
            // each start-up proposal is random search's k-th candidate
            assertThat(p).isEqualTo(random.propose(ctx).orElseThrow());
            history.add(new TrialRecord(k + 1, p.params(), TrialState.COMPLETED, syntheticRmse(p.params())));
        }
        SearchContext after = new SearchContext(MIXED, 1, 9, history, 40);
        // after start-up the proposal comes from the model, not from random search
        assertThat(new TpeSearch().propose(after)).isNotEqualTo(random.propose(after));
    }

    @Test
    void resultsChangeTheProposal() {
        List<TrialRecord> history = new ArrayList<>();
        List<TrialRecord> reversed = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            TrialParams p = new RandomSearch().propose(new SearchContext(MIXED, 1, 4, history, 40)).orElseThrow()
                    .params();
            history.add(new TrialRecord(k + 1, p, TrialState.COMPLETED, (double) k));
            reversed.add(new TrialRecord(k + 1, p, TrialState.COMPLETED, (double) -k));
        }
        Proposal a = new TpeSearch().propose(new SearchContext(MIXED, 1, 4, history, 40)).orElseThrow();
        Proposal b = new TpeSearch().propose(new SearchContext(MIXED, 1, 4, reversed, 40)).orElseThrow();
        // same points, opposite ranking: a different good group gives a different proposal
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void pendingTrialsDoNotBlockAndParallelSlotsDiffer() {
        List<TrialRecord> history = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            TrialParams p = new RandomSearch().propose(new SearchContext(MIXED, 1, 3, history, 40)).orElseThrow()
                    .params();
            history.add(new TrialRecord(k + 1, p, TrialState.COMPLETED, syntheticRmse(p)));
        }
        List<Proposal> slots = new ArrayList<>();
        for (int k = 10; k < 14; k++) {
            Optional<Proposal> p = new TpeSearch().propose(new SearchContext(MIXED, 1, 3, history, 40));
            // queued and running trials beyond start-up do not block a proposal
            assertThat(p).as("k=%d", k).isPresent();
            slots.add(p.get());
            history.add(new TrialRecord(k + 1, p.get().params(), k % 2 == 0 ? TrialState.QUEUED
                    : TrialState.RUNNING, null));
        }
        for (int i = 1; i < slots.size(); i++) {
            // same finished trials, history sizes k and k+1: parallel slots get different proposals
            assertThat(slots.get(i).params()).isNotEqualTo(slots.get(i - 1).params());
        }

        List<TrialRecord> onlyPending = new ArrayList<>();
        for (int k = 0; k < 14; k++) {
            onlyPending.add(new TrialRecord(k + 1, slots.get(k % slots.size()).params(), TrialState.RUNNING, null));
        }
        Optional<Proposal> first = new TpeSearch().propose(new SearchContext(MIXED, 1, 3, onlyPending, 40));
        onlyPending.add(new TrialRecord(15, first.orElseThrow().params(), TrialState.QUEUED, null));
        Optional<Proposal> second = new TpeSearch().propose(new SearchContext(MIXED, 1, 3, onlyPending, 40));
        // a history of only queued/running trials beyond start-up still yields proposals, different for k and k+1
        assertThat(second).isPresent();
        assertThat(second.get().params()).isNotEqualTo(first.get().params());
    }

    @Test
    void goodGroupIsOptunasGamma() {
        // gamma(n) = min(ceil(0.1 n), 25)
        assertThat(TpeSearch.nGood(1)).isEqualTo(1);
        assertThat(TpeSearch.nGood(10)).isEqualTo(1);
        assertThat(TpeSearch.nGood(11)).isEqualTo(2);
        assertThat(TpeSearch.nGood(1000)).isEqualTo(25);
    }

    @Test
    void estimatorsAreDensities() {
        TpeSearch.Parzen parzen = new TpeSearch.Parzen(new double[] {0.02, 0.3, 0.31, 0.97});
        double integral = 0;
        int steps = 20_000;
        for (int i = 0; i < steps; i++) {
            integral += Math.exp(parzen.logPdf((i + 0.5) / steps)) / steps;
        }
        // the truncated mixture integrates to 1 over [0,1]
        assertThat(integral).isCloseTo(1.0, within(1e-3));
        Random rng = new Random(1);
        for (int i = 0; i < 1000; i++) {
            // its draws stay in [0,1]
            assertThat(parzen.sample(rng)).isBetween(0.0, 1.0);
        }
        double[] p = TpeSearch.categorical(new double[] {0.1, 0.1, 0.9}, 4);
        // categorical: (count + 1/n) / (N + 1), summing to 1
        assertThat(p).containsExactly(new double[] {2.25 / 4, 0.25 / 4, 0.25 / 4, 1.25 / 4}, within(1e-12));
        assertThat(Arrays.stream(p).sum()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void needsNoGrid() {
        // TPE takes continuous spaces
        assertThat(new TpeSearch().needsGrid()).isFalse();
    }
}
