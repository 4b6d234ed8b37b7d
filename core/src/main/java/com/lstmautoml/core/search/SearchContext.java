package com.lstmautoml.core.search;

import com.lstmautoml.core.space.SearchSpace;

import java.util.List;
import java.util.Objects;

/**
 * Everything a strategy may use to propose the next trial. Strategies keep no state of their own: the same context
 * always gives the same proposal, so the service may restart between proposals.
 *
 * @param space     the validated search space
 * @param nInputs   number of input columns (features per time step)
 * @param seed      the experiment's seed
 * @param history   all trials proposed so far, in proposal order, whatever their state; its size is the index of
 *                  the proposal asked for
 * @param maxTrials the experiment's trial budget
 * @param tpeMultivariate the experiment's {@code tpeMultivariate}: {@link TpeSearch} models all dimensions jointly
 *                  (other strategies ignore it)
 */
public record SearchContext(SearchSpace space, int nInputs, long seed, List<TrialRecord> history, int maxTrials,
                            boolean tpeMultivariate) {

    public SearchContext {
        Objects.requireNonNull(space, "space");
        if (nInputs < 1) {
            throw new IllegalArgumentException("nInputs must be at least 1, got " + nInputs);
        }
        if (maxTrials < 0) {
            throw new IllegalArgumentException("maxTrials must not be negative, got " + maxTrials);
        }
        history = List.copyOf(history);
    }

    /** A context with the default, univariate TPE. */
    public SearchContext(SearchSpace space, int nInputs, long seed, List<TrialRecord> history, int maxTrials) {
        this(space, nInputs, seed, history, maxTrials, false);
    }

    /** Index (0-based) of the proposal asked for: the number of trials proposed so far. */
    public int nextIndex() {
        return history.size();
    }

    /** The Arbiter space over this context's search space, inputs and seed (what every strategy proposes in). */
    public LstmModelSpace modelSpace() {
        return new LstmModelSpace(space, nInputs, seed);
    }

    /** True when the trial budget is used up. */
    public boolean budgetExhausted() {
        return history.size() >= maxTrials;
    }
}
