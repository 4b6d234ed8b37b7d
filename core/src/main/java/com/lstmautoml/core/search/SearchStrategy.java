package com.lstmautoml.core.search;

import java.util.Optional;

/**
 * Proposes the next trial of an experiment. Implementations are stateless and deterministic: the k-th proposal
 * ({@code k = ctx.history().size()}) depends only on the context (space, nInputs, the seed, options such as
 * {@code tpeMultivariate}, and for adaptive strategies the history), so it is the same after a restart. One class per strategy, looked up by {@link SearchStrategies}.
 */
public interface SearchStrategy {

    /** The name used in experiment requests, e.g. {@code random}. */
    String name();

    /** True when the search space must be a finite grid (parse it with {@code gridSearch = true}). */
    default boolean needsGrid() {
        return false;
    }

    /** The next trial, or empty when the space is exhausted or {@code maxTrials} trials were proposed. */
    Optional<Proposal> propose(SearchContext ctx);
}
