package com.lstmautoml.core.search;

import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;

import java.util.Optional;

/**
 * Uniform random search (log-uniform for log ranges) with Arbiter's {@link RandomSearchGenerator}. The k-th
 * proposal is the first candidate of a generator seeded from (seed, k): O(1) per proposal whatever k is, and the
 * same after a restart. Small discrete spaces may repeat points; that is accepted.
 */
public final class RandomSearch implements SearchStrategy {

    public static final String NAME = "random";

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
        return Optional.of(Proposal.of(space.getValue(point(space, ctx.seed(), ctx.nextIndex()))));
    }

    /** The cube point of the k-th random candidate (also the start-up trials of the adaptive strategies). */
    static double[] point(LstmModelSpace space, long seed, int k) {
        RandomSearchGenerator generator = new RandomSearchGenerator(new CubePoints(space));
        generator.setRngSeed(candidateSeed(seed, k));
        return generator.getCandidate().getFlatParameters();
    }

    /** SplitMix64 of (seed, k): well-spread, independent seeds for consecutive k. */
    static long candidateSeed(long seed, int k) {
        long z = seed + 0x9E3779B97F4A7C15L * (k + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
