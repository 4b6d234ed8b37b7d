package com.lstmautoml.core.space;

import com.lstmautoml.core.trial.TrialParams;
import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.conf.updater.AdamSpace;
import org.deeplearning4j.arbiter.layers.LSTMLayerSpace;
import org.deeplearning4j.arbiter.layers.RnnOutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.AbstractParameterSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.distribution.LogUniformDistribution;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.util.LeafUtils;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * ONE Arbiter {@link ParameterSpace} covering all hyperparameters of a {@link SearchSpace}: an Arbiter
 * {@link MultiLayerSpace} (units, layers, dropout, learningRate) plus lookBack, batchSize and the preprocessing
 * leaves transform and scaler ({@link DiscreteParameterSpace} of strings) and difference (of ints), which are not
 * network parameters but ride along as extra leaves. A point of the unit
 * cube [0,1]^{@link #numParameters()} maps through {@link #getValue(double[])} to a {@link TrialCandidate}.
 *
 * <p>The network (the trainer relies on exactly this):
 * <pre>
 *   seed, weight init XAVIER, Adam(learningRate, beta1 0.9, beta2 0.999, eps 1e-8), input type recurrent(nInputs)
 *   LSTM(units, tanh)                         no dropout: it reads the raw input
 *   LSTM(units, tanh) x (layers - 1)          input dropout, retain probability 1 - d
 *   RnnOutputLayer(nOut 1, identity, MSE)     input dropout, retain probability 1 - d
 * </pre>
 * i.e. Keras-style LSTM → Dropout(d) → LSTM → Dropout(d) → Dense(1); with d == 0 no layer has any dropout.
 * The number of LSTM layers is itself an Arbiter parameter space ({@code addLayer(lstmSpace, layers - 1)}).
 *
 * <p>Leaves: int ranges, float ranges with a step and choices are {@link DiscreteParameterSpace}s of exactly their
 * values (so Arbiter's grid generator enumerates exactly those and nothing else); continuous float ranges are
 * {@link ContinuousParameterSpace}s, uniform or {@link LogUniformDistribution log-uniform}; a spec with a single value
 * is a {@link FixedValue} and takes no dimension. The constructor assigns the cube indices (Arbiter's generators
 * assign the same ones again), so {@link #getValue(double[])} works standalone, e.g. for a TPE strategy.
 * {@link #dimensionOf(Hyperparameter)} tells which cube coordinate drives which hyperparameter.
 */
public final class LstmModelSpace extends AbstractParameterSpace<TrialCandidate> {

    private final SearchSpace space;
    private final int nInputs;
    private final MultiLayerSpace network;
    private final ParameterSpace<Integer> units;
    /** Number of LSTM layers after the first one: layers - 1. */
    private final ParameterSpace<Integer> extraLayers;
    private final ParameterSpace<Integer> lookBack;
    private final ParameterSpace<Double> dropout;
    private final ParameterSpace<Integer> batchSize;
    private final ParameterSpace<Double> learningRate;
    private final ParameterSpace<String> transform;
    private final ParameterSpace<Integer> difference;
    private final ParameterSpace<String> scaler;
    private final List<ParameterSpace> leaves;
    private final Map<Hyperparameter, Integer> dimensions = new EnumMap<>(Hyperparameter.class);

    /**
     * @param space   the validated search space
     * @param nInputs number of input columns (features per time step), at least 1
     * @param seed    the network's seed (weight initialisation)
     */
    public LstmModelSpace(SearchSpace space, int nInputs, long seed) {
        if (nInputs < 1) {
            throw new IllegalArgumentException("nInputs must be at least 1, got " + nInputs);
        }
        this.space = space;
        this.nInputs = nInputs;
        this.units = intLeaf(space.units(), 0);
        this.extraLayers = intLeaf(space.layers(), -1);
        this.lookBack = intLeaf(space.lookBack(), 0);
        this.dropout = doubleLeaf(space.dropout());
        this.batchSize = intLeaf(space.batchSize(), 0);
        this.learningRate = doubleLeaf(space.learningRate());
        this.transform = labelLeaf(space.transform());
        this.difference = intLeaf(space.difference(), 0);
        this.scaler = labelLeaf(space.scaler());

        ParameterSpace<IDropout> dropoutAfterLstm = new DropoutAfterLstmSpace(dropout);
        LSTMLayerSpace firstLstm = new LSTMLayerSpace.Builder()
                .nOut(units).activation(Activation.TANH).build();
        LSTMLayerSpace laterLstm = new LSTMLayerSpace.Builder()
                .nOut(units).activation(Activation.TANH).iDropOut(dropoutAfterLstm).build();
        RnnOutputLayerSpace output = new RnnOutputLayerSpace.Builder()
                .nOut(1).activation(Activation.IDENTITY).lossFunction(LossFunctions.LossFunction.MSE)
                .iDropOut(dropoutAfterLstm).build();
        // Arbiter pitfall: AdamSpace(lr) defaults beta1, beta2 and epsilon to Adam.DEFAULT_ADAM_LEARNING_RATE (1e-3),
        // so they are given explicitly.
        AdamSpace adam = new AdamSpace(learningRate, new FixedValue<>(Adam.DEFAULT_ADAM_BETA1_MEAN_DECAY),
                new FixedValue<>(Adam.DEFAULT_ADAM_BETA2_VAR_DECAY), new FixedValue<>(Adam.DEFAULT_ADAM_EPSILON));
        this.network = new MultiLayerSpace.Builder()
                .seed(seed)
                .weightInit(WeightInit.XAVIER)
                .updater(adam)
                .addLayer(firstLstm)
                .addLayer(laterLstm, extraLayers)
                .addLayer(output)
                .setInputType(InputType.recurrent(nInputs))
                .build();

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
        Map<Hyperparameter, ParameterSpace<?>> byKey = new EnumMap<>(Hyperparameter.class);
        byKey.put(Hyperparameter.UNITS, units);
        byKey.put(Hyperparameter.LAYERS, extraLayers);
        byKey.put(Hyperparameter.LOOK_BACK, lookBack);
        byKey.put(Hyperparameter.DROPOUT, dropout);
        byKey.put(Hyperparameter.BATCH_SIZE, batchSize);
        byKey.put(Hyperparameter.LEARNING_RATE, learningRate);
        byKey.put(Hyperparameter.TRANSFORM, transform);
        byKey.put(Hyperparameter.DIFFERENCE, difference);
        byKey.put(Hyperparameter.SCALER, scaler);
        int dim = 0;
        for (ParameterSpace leaf : leaves) {
            if (leaf.numParameters() == 1) {
                for (Map.Entry<Hyperparameter, ParameterSpace<?>> e : byKey.entrySet()) {
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

    /** The Arbiter network space (units, layers, dropout, learningRate). */
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
            double v = switch (h) {
                case UNITS -> p.units();
                case LAYERS -> p.layers();
                case LOOK_BACK -> p.lookBack();
                case DROPOUT -> p.dropout();
                case BATCH_SIZE -> p.batchSize();
                case LEARNING_RATE -> p.learningRate();
                case TRANSFORM -> space.transform() instanceof ParamSpec.Labels l ? l.values().indexOf(p.transform())
                        : 0;
                case DIFFERENCE -> p.difference();
                case SCALER -> space.scaler() instanceof ParamSpec.Labels l ? l.values().indexOf(p.scaler()) : 0;
            };
            ParamSpec spec = space.get(h);
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
                x[d] = continuousInverse((ParamSpec.FloatRange) spec, h == Hyperparameter.DROPOUT ? dropout
                        : learningRate, d, v);
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
        DL4JConfiguration dl4j = network.getValue(values);
        MultiLayerConfiguration conf = dl4j.getMultiLayerConfiguration();
        TrialParams params = new TrialParams(units.getValue(values), extraLayers.getValue(values) + 1,
                lookBack.getValue(values), dropout.getValue(values), batchSize.getValue(values),
                learningRate.getValue(values), transform.getValue(values), difference.getValue(values),
                scaler.getValue(values));
        return new TrialCandidate(params, conf);
    }

    @Override
    public int numParameters() {
        return dimensions.size();
    }

    @Override
    public List<ParameterSpace> collectLeaves() {
        List<ParameterSpace> out = new ArrayList<>(network.collectLeaves());
        out.addAll(lookBack.collectLeaves());
        out.addAll(batchSize.collectLeaves());
        out.addAll(transform.collectLeaves());
        out.addAll(difference.collectLeaves());
        out.addAll(scaler.collectLeaves());
        return out;
    }

    @Override
    public Map<String, ParameterSpace> getNestedSpaces() {
        Map<String, ParameterSpace> m = new LinkedHashMap<>();
        m.put("network", network);
        m.put("lookBack", lookBack);
        m.put("batchSize", batchSize);
        m.put("transform", transform);
        m.put("difference", difference);
        m.put("scaler", scaler);
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

    private static ParameterSpace<Integer> intLeaf(ParamSpec spec, int offset) {
        List<Integer> values = new ArrayList<>();
        for (Number n : spec.discreteValues()) {
            values.add(n.intValue() + offset);
        }
        return values.size() == 1 ? new FixedValue<>(values.get(0)) : new DiscreteParameterSpace<>(values);
    }

    /** A label choice: a {@link DiscreteParameterSpace} of the strings (or a {@link FixedValue} for one). */
    private static ParameterSpace<String> labelLeaf(ParamSpec spec) {
        List<String> values = ((ParamSpec.Labels) spec).values();
        return values.size() == 1 ? new FixedValue<>(values.get(0)) : new DiscreteParameterSpace<>(values);
    }

    private static ParameterSpace<Double> doubleLeaf(ParamSpec spec) {
        if (spec instanceof ParamSpec.FloatRange r && !r.isDiscrete()) {
            return new ClampedContinuousSpace(r.min(), r.max(), r.log());
        }
        List<Double> values = new ArrayList<>();
        for (Number n : spec.discreteValues()) {
            values.add(n.doubleValue());
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

    /**
     * Dropout rate d (fraction dropped) → DL4J input dropout {@code Dropout(1 - d)} (DL4J takes the RETAIN
     * probability) on a layer that follows an LSTM; d == 0 → no dropout at all (null).
     */
    static final class DropoutAfterLstmSpace implements ParameterSpace<IDropout> {
        private final ParameterSpace<Double> rate;

        DropoutAfterLstmSpace(ParameterSpace<Double> rate) {
            this.rate = rate;
        }

        @Override
        public IDropout getValue(double[] values) {
            double d = rate.getValue(values);
            return d == 0.0 ? null : new Dropout(1.0 - d);
        }

        @Override
        public int numParameters() {
            return rate.numParameters();
        }

        @Override
        public List<ParameterSpace> collectLeaves() {
            return rate.isLeaf() ? Collections.singletonList(rate) : rate.collectLeaves();
        }

        @Override
        public Map<String, ParameterSpace> getNestedSpaces() {
            return Collections.singletonMap("rate", rate);
        }

        @Override
        public boolean isLeaf() {
            return false;
        }

        @Override
        public void setIndices(int... indices) {
            rate.setIndices(indices);
        }

        @Override
        public String toString() {
            return "DropoutAfterLstmSpace(" + rate + ")";
        }
    }
}
