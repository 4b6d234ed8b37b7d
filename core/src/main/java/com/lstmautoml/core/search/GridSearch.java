package com.lstmautoml.core.search;

import com.lstmautoml.core.validation.ValidationException;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.util.LeafUtils;

import java.util.List;
import java.util.Optional;

/**
 * Exhaustive grid search in the order of Arbiter's {@link GridSearchCandidateGenerator} in
 * {@link GridSearchCandidateGenerator.Mode#Sequential Sequential} mode over the {@link LstmModelSpace}, whose leaves
 * are exactly the value lists of the space (no discretization of continuous ranges: those are rejected).
 *
 * <p>Sequential mode hands out candidate index k as its k-th candidate and maps it to a cube point with the public
 * {@link GridSearchCandidateGenerator#indexToValues}; this class calls that mapping directly for k = history size,
 * with the same per-leaf value counts the generator computes, so a proposal costs O(#keys) instead of replaying k
 * candidates. (GridSearchTest checks it against a real generator.) Empty once the grid or the budget is used up.
 */
public final class GridSearch implements SearchStrategy {

    public static final String NAME = "grid";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean needsGrid() {
        return true;
    }

    @Override
    public Optional<Proposal> propose(SearchContext ctx) {
        if (!ctx.space().isGriddable()) {
            throw new ValidationException("searchSpace", "grid search needs a step or a list of values for every "
                    + "float range");
        }
        long total = ctx.space().gridSize();
        int k = ctx.nextIndex();
        if (ctx.budgetExhausted() || k >= total) {
            return Optional.empty();
        }
        if (total > Integer.MAX_VALUE) {
            throw new ValidationException("searchSpace", "grid of " + total + " combinations is too large");
        }
        LstmModelSpace space = ctx.modelSpace();
        double[] point = GridSearchCandidateGenerator.indexToValues(valuesPerLeaf(space), k, (int) total);
        return Optional.of(Proposal.of(space.getValue(point)));
    }

    /** Number of values of each unique leaf, in the generator's order (as GridSearchCandidateGenerator.initialize). */
    static int[] valuesPerLeaf(ParameterSpace<?> space) {
        List<ParameterSpace> leaves = LeafUtils.getUniqueObjects(space.collectLeaves());
        int[] n = new int[leaves.size()];
        for (int i = 0; i < n.length; i++) {
            ParameterSpace leaf = leaves.get(i);
            if (leaf instanceof DiscreteParameterSpace<?> d) {
                n[i] = d.numValues();
            } else if (leaf instanceof FixedValue<?>) {
                n[i] = 1;
            } else {
                throw new IllegalStateException("not a grid leaf: " + leaf);
            }
        }
        return n;
    }
}
