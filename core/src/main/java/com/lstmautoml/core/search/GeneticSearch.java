package com.lstmautoml.core.search;

import com.lstmautoml.core.search.Observations.Scored;
import com.lstmautoml.core.trial.TrialParams;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * A small steady-state evolutionary strategy over the unit cube of the {@link LstmModelSpace}, rebuilt from the
 * history at every proposal (Arbiter's {@code GeneticSearchCandidateGenerator} keeps its population and random state
 * inside the generator, fed by result callbacks, so it cannot be restored from the database; this class is
 * stateless instead). Random numbers come from a {@link Random} seeded from (seed, k), k = history size: the same
 * seed and history give the same proposal, and parallel slots get different ones.
 *
 * <ol>
 * <li>Start-up: until {@link Observations#startupTrials(int) min(10, max(2, maxTrials/4))} trials are COMPLETED
 *     or PRUNED (as Optuna counts them; {@link Observations#inStartup}), the proposal is {@link RandomSearch}'s
 *     k-th candidate.</li>
 * <li>Culling: the population is the best {@link #POPULATION 20} finished trials as {@link Observations#finished}
 *     ranks them (COMPLETED by validation RMSE, then PRUNED by the epochs they reached and their RMSE; ties: the
 *     earlier trial), as cube points ({@link LstmModelSpace#toUnitCube}). Queued, running, failed and cancelled
 *     trials are not in it.</li>
 * <li>Selection: two parents by binary tournaments (two distinct members drawn, the better ranked wins), the second
 *     among the members other than the first.</li>
 * <li>Uniform crossover: each coordinate from either parent with probability 1/2.</li>
 * <li>Mutation: each coordinate with probability {@link #MUTATION_RATE 0.2}: a discrete one (int range, stepped
 *     float range, choice) is re-drawn uniformly among its values, a continuous one moves by N(0, 0.1²), clipped to
 *     [0,1].</li>
 * <li>A child whose params equal a trial already in the history (in any state) is bred again, up to
 *     {@link #MAX_REBREEDS} times, so small discrete spaces do not retrain a point; the last child is taken
 *     otherwise.</li>
 * </ol>
 */
public final class GeneticSearch implements SearchStrategy {

    public static final String NAME = "genetic";

    /** The best this many finished trials form the population. */
    static final int POPULATION = 20;
    /** Probability that a coordinate of a child is mutated. */
    static final double MUTATION_RATE = 0.2;
    /** Standard deviation of the Gaussian mutation of a continuous coordinate. */
    static final double MUTATION_SIGMA = 0.1;
    /** How many more children are bred when a child repeats a trial of the history. */
    static final int MAX_REBREEDS = 20;

    /**
     * One child and how it came about (for tests).
     *
     * @param point   the child's cube point
     * @param parentA population index of the first parent
     * @param parentB population index of the second parent
     * @param mutated per coordinate whether it was mutated (otherwise it is the coordinate of parentA or parentB)
     */
    record Offspring(double[] point, int parentA, int parentB, boolean[] mutated) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Proposal> propose(SearchContext ctx) {
        if (ctx.budgetExhausted()) {
            return Optional.empty();
        }
        LstmModelSpace space = ctx.modelSpace();
        int k = ctx.nextIndex();
        if (Observations.inStartup(ctx.history(), ctx.maxTrials())) {
            return Optional.of(Proposal.of(space.getValue(RandomSearch.point(space, ctx.seed(), k))));
        }
        List<Scored> population = population(space, ctx.history()); // at least the two start-up trials
        Set<TrialParams> tried = new HashSet<>();
        for (TrialRecord t : ctx.history()) {
            tried.add(t.params());
        }
        Random rng = new Random(RandomSearch.candidateSeed(ctx.seed(), k));
        int[] counts = space.valueCounts();
        TrialCandidate child = space.getValue(breed(counts, population, rng).point());
        for (int i = 0; i < MAX_REBREEDS && tried.contains(child.params()); i++) {
            child = space.getValue(breed(counts, population, rng).point());
        }
        return Optional.of(Proposal.of(child));
    }

    /** The best {@link #POPULATION} finished trials with an RMSE, best ranked first. */
    static List<Scored> population(LstmModelSpace space, List<TrialRecord> history) {
        List<Scored> finished = Observations.finished(space, history);
        return List.copyOf(finished.subList(0, Math.min(POPULATION, finished.size())));
    }

    /**
     * One child of a population (best first, at least two members): tournament selection, uniform crossover,
     * mutation.
     *
     * @param valueCounts per dimension the number of values, 0 for a continuous one
     */
    static Offspring breed(int[] valueCounts, List<Scored> population, Random rng) {
        int a = tournament(population.size(), -1, rng);
        int b = tournament(population.size(), a, rng);
        double[] pa = population.get(a).point();
        double[] pb = population.get(b).point();
        double[] child = new double[valueCounts.length];
        boolean[] mutated = new boolean[valueCounts.length];
        for (int d = 0; d < child.length; d++) {
            child[d] = rng.nextBoolean() ? pa[d] : pb[d];
            if (rng.nextDouble() < MUTATION_RATE) {
                mutated[d] = true;
                int n = valueCounts[d];
                child[d] = n > 0 ? Observations.centre(rng.nextInt(n), n)
                        : Math.min(1.0, Math.max(0.0, child[d] + MUTATION_SIGMA * rng.nextGaussian()));
            }
        }
        return new Offspring(child, a, b, mutated);
    }

    /**
     * Binary tournament among the population indices other than {@code exclude} (-1: none): two distinct members
     * at random, the better (lower index, as the population is sorted best first) wins.
     */
    static int tournament(int size, int exclude, Random rng) {
        int first = drawExcept(size, exclude, -1, rng);
        if (size - (exclude >= 0 ? 1 : 0) < 2) {
            return first;
        }
        int second = drawExcept(size, exclude, first, rng);
        return Math.min(first, second);
    }

    private static int drawExcept(int size, int x, int y, Random rng) {
        int i;
        do {
            i = rng.nextInt(size);
        } while (i == x || i == y);
        return i;
    }
}
