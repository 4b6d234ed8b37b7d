package com.lstmautoml.core.search;

import com.lstmautoml.core.space.Hyperparameter;
import com.lstmautoml.core.space.ParamSpec;
import com.lstmautoml.core.space.SearchSpace;
import com.lstmautoml.core.training.LstmNetwork;
import com.lstmautoml.core.trial.TrialParams;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.AbstractParameterSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.distribution.LogUniformDistribution;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.util.LeafUtils;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * ONE Arbiter {@link ParameterSpace} covering all hyperparameters of a {@link SearchSpace}: one leaf per
 * {@link Hyperparameter}, built from its spec alone. The network hyperparameters feed {@link LstmNetwork}'s Arbiter
 * space (the one network definition); the others (lookBack, batchSize and the preprocessing keys) ride along as
 * extra leaves. A point of the unit cube [0,1]^{@link #numParameters()} maps through {@link #getValue(double[])} to a
 * {@link TrialCandidate}.
 *
 * <p>Leaves: int ranges, float ranges with a step, choices and label lists are {@link DiscreteParameterSpace}s of
 * exactly their values (so Arbiter's grid generator enumerates exactly those and nothing else); continuous float
 * ranges are {@link ContinuousParameterSpace}s, uniform or {@link LogUniformDistribution log-uniform}; a spec with a
 * single value is a {@link FixedValue} and takes no dimension. The constructor assigns the cube indices (Arbiter's
 * generators assign the same ones again), so {@link #getValue(double[])} works standalone, e.g. for a TPE strategy.
 * {@link #dimensionOf(Hyperparameter)} tells which cube coordinate drives which hyperparameter.
 */
public final class LstmModelSpace extends AbstractParameterSpace<TrialCandidate> {

    private final SearchSpace space;
    private final int nInputs;
    private final MultiLayerSpace network;
    private final Map<Hyperparameter, ParameterSpace<?>> leafOf = new EnumMap<>(Hyperparameter.class);
    private final List<ParameterSpace> leaves;
    private final Map<Hyperparameter, Integer> dimensions = new EnumMap<>(Hyperparameter.class);

    /**
     * @param space   the validated search space
     * @param nInputs number of input columns (features per time step) of a forecast; the vocabulary size of a text
     * @param seed    the network's seed (weight initialisation)
     */
    public LstmModelSpace(SearchSpace space, int nInputs, long seed) {
        if (nInputs < 1) {
            throw new IllegalArgumentException("nInputs must be at least 1, got " + nInputs);
        }
        this.space = space;
        this.nInputs = nInputs;
        for (Hyperparameter h : space.task().hyperparameters()) {
            leafOf.put(h, leaf(h, space.get(h)));
        }
        this.network = LstmNetwork.space(nInputs, seed, leafOf, LstmNetwork.Head.of(space.task(), nInputs));

        this.leaves = LeafUtils.getUniqueObjects(collectLeaves());
        int index = 0;
        for (ParameterSpace leaf : leaves) {
            int n = leaf.numParameters();
            if (n == 1) {
                leaf.setIndices(index++);
            } else if (n != 0) {
                throw new IllegalStateException("unexpected leaf with " + n + " parameters: " + leaf);
            }
        }
        int dim = 0;
        for (ParameterSpace leaf : leaves) {
            if (leaf.numParameters() == 1) {
                for (Map.Entry<Hyperparameter, ParameterSpace<?>> e : leafOf.entrySet()) {
                    if (e.getValue() == leaf) {
                        dimensions.put(e.getKey(), dim);
                    }
                }
                dim++;
            }
        }
        if (dimensions.size() != dim) {
            throw new IllegalStateException("cube dimensions " + dim + " do not match the hyperparameters "
                    + dimensions + ": the network space has tunable leaves of its own");
        }
    }

    public SearchSpace searchSpace() {
        return space;
    }

    public int nInputs() {
        return nInputs;
    }

    /** The Arbiter network space ({@link LstmNetwork} over this space's network leaves). */
    public MultiLayerSpace networkSpace() {
        return network;
    }

    /** The cube coordinate driving {@code h}, or empty when {@code h} has a single value (no dimension). */
    public OptionalInt dimensionOf(Hyperparameter h) {
        Integer d = dimensions.get(h);
        return d == null ? OptionalInt.empty() : OptionalInt.of(d);
    }

    /**
     * Per cube dimension: the number of values of a discrete dimension (an int range, a float range with a step or
     * a choice: value i covers the bin [i/n, (i+1)/n) of that coordinate, as Arbiter's
     * {@link DiscreteParameterSpace} maps it), or 0 for a continuous float range (uniform, or log-uniform, i.e.
     * linear in log(value), over the whole coordinate).
     */
    public int[] valueCounts() {
        List<ParamSpec> specs = dimensionSpecs();
        int[] n = new int[specs.size()];
        for (int d = 0; d < n.length; d++) {
            n[d] = specs.get(d).isDiscrete() ? (int) specs.get(d).size() : 0;
        }
        return n;
    }

    /**
     * Per cube dimension, the spec of the hyperparameter it drives (its values are laid over the coordinate as
     * {@link #valueCounts()} describes): what a strategy needs to tell ordered ranges from unordered choices.
     */
    public List<ParamSpec> dimensionSpecs() {
        ParamSpec[] specs = new ParamSpec[numParameters()];
        for (Map.Entry<Hyperparameter, Integer> e : dimensions.entrySet()) {
            specs[e.getValue()] = space.get(e.getKey());
        }
        return List.of(specs);
    }

    /**
     * The inverse of {@link #getValue(double[])}: a cube point whose candidate has exactly these params, i.e.
     * {@code getValue(toUnitCube(p)).params().equals(p)} for every {@code p} this space can produce. A discrete
     * value maps to the centre of its bin, (i + 0.5) / n (a value not in the list to the nearest one's bin); a
     * continuous value to its CDF under the uniform or log-uniform distribution, corrected by a few ulps until
     * {@code getValue} gives it back exactly (values outside the range are clamped to 0 or 1). Keys with a single
     * value take no dimension and are ignored.
     */
    public double[] toUnitCube(TrialParams p) {
        double[] x = new double[numParameters()];
        for (Map.Entry<Hyperparameter, Integer> e : dimensions.entrySet()) {
            Hyperparameter h = e.getKey();
            int d = e.getValue();
            ParamSpec spec = space.get(h);
            double v = spec instanceof ParamSpec.Labels l ? l.values().indexOf(p.get(h)) : p.number(h);
            if (spec.isDiscrete()) {
                List<Number> values = spec.discreteValues();
                int best = 0;
                for (int i = 1; i < values.size(); i++) {
                    if (Math.abs(values.get(i).doubleValue() - v) < Math.abs(values.get(best).doubleValue() - v)) {
                        best = i;
                    }
                }
                x[d] = (best + 0.5) / values.size();
            } else {
                @SuppressWarnings("unchecked")
                ParameterSpace<Double> leaf = (ParameterSpace<Double>) leafOf.get(h);
                x[d] = continuousInverse((ParamSpec.FloatRange) spec, leaf, d, v);
            }
        }
        return x;
    }

    /** The cube coordinate u with leaf(u) == v (or the closest one): the analytic CDF, then ulp corrections. */
    private double continuousInverse(ParamSpec.FloatRange r, ParameterSpace<Double> leaf, int d, double v) {
        if (v <= r.min()) {
            return 0.0;
        }
        if (v >= r.max()) {
            return 1.0;
        }
        double u = r.log() ? (Math.log(v) - Math.log(r.min())) / (Math.log(r.max()) - Math.log(r.min()))
                : (v - r.min()) / (r.max() - r.min());
        u = Math.min(1.0, Math.max(0.0, u));
        double[] probe = new double[numParameters()];
        probe[d] = u;
        double best = u;
        double bestErr = Math.abs(leaf.getValue(probe) - v);
        // the forward map is monotonic: step towards v, one ulp at a time, while that gets closer
        for (int i = 0; i < 64 && bestErr > 0; i++) {
            double next = leaf.getValue(probe) < v ? Math.nextUp(probe[d]) : Math.nextDown(probe[d]);
            if (next < 0 || next > 1) {
                break;
            }
            probe[d] = next;
            double err = Math.abs(leaf.getValue(probe) - v);
            if (err > bestErr) {
                break;
            }
            if (err < bestErr) {
                best = next;
                bestErr = err;
            }
        }
        return best;
    }

    @Override
    public TrialCandidate getValue(double[] values) {
        if (values.length < numParameters()) {
            throw new IllegalArgumentException("need " + numParameters() + " values in [0,1], got " + values.length);
        }
        Map<Hyperparameter, Object> params = new EnumMap<>(Hyperparameter.class);
        leafOf.forEach((h, leaf) -> params.put(h, leaf.getValue(values)));
        return new TrialCandidate(TrialParams.of(space.task(), params),
                network.getValue(values).getMultiLayerConfiguration());
    }

    @Override
    public int numParameters() {
        return dimensions.size();
    }

    @Override
    public List<ParameterSpace> collectLeaves() {
        List<ParameterSpace> out = new ArrayList<>(network.collectLeaves());
        leafOf.forEach((h, leaf) -> {
            if (h.use() != Hyperparameter.Use.NETWORK) {
                out.addAll(leaf.isLeaf() ? List.of(leaf) : leaf.collectLeaves());
            }
        });
        return out;
    }

    @Override
    public Map<String, ParameterSpace> getNestedSpaces() {
        Map<String, ParameterSpace> m = new LinkedHashMap<>();
        m.put("network", network);
        leafOf.forEach((h, leaf) -> {
            if (h.use() != Hyperparameter.Use.NETWORK) {
                m.put(h.key(), leaf);
            }
        });
        return m;
    }

    @Override
    public boolean isLeaf() {
        return false;
    }

    @Override
    public void setIndices(int... indices) {
        throw new UnsupportedOperationException("not a leaf");
    }

    @Override
    public String toString() {
        return "LstmModelSpace(" + space + ", nInputs=" + nInputs + ")";
    }

    /**
     * The leaf of one key: a {@link DiscreteParameterSpace} of exactly the spec's values in the key's type (Integer,
     * Double or label), a clamped continuous space for a continuous float range, a {@link FixedValue} for one value.
     */
    private static ParameterSpace<?> leaf(Hyperparameter h, ParamSpec spec) {
        if (spec instanceof ParamSpec.FloatRange r && !r.isDiscrete()) {
            return new ClampedContinuousSpace(r.min(), r.max(), r.log());
        }
        List<Object> values = new ArrayList<>();
        if (spec instanceof ParamSpec.Labels l) {
            values.addAll(l.values());
        } else {
            for (Number n : spec.discreteValues()) {
                values.add(h.value(n));
            }
        }
        return values.size() == 1 ? new FixedValue<>(values.get(0)) : new DiscreteParameterSpace<>(values);
    }

    /**
     * Uniform or log-uniform continuous leaf whose values never leave [min, max]: {@link LogUniformDistribution}
     * computes exp(log(min)), which is a few ulps off min (and likewise at max); cube ends 0 and 1 give min and
     * max exactly.
     */
    static final class ClampedContinuousSpace extends ContinuousParameterSpace {
        private final double min;
        private final double max;

        private int index = -1;

        ClampedContinuousSpace(double min, double max, boolean log) {
            super(log ? new LogUniformDistribution(min, max) : new UniformRealDistribution(min, max));
            this.min = min;
            this.max = max;
        }

        @Override
        public void setIndices(int... indices) {
            super.setIndices(indices);
            this.index = indices[0];
        }

        @Override
        public Double getValue(double[] input) {
            double v = super.getValue(input); // also checks that the index is set
            return v <= min || input[index] <= 0 ? min : v >= max || input[index] >= 1 ? max : v;
        }
    }
}
