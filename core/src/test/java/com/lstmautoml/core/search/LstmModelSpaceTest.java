package com.lstmautoml.core.search;

import com.lstmautoml.core.space.Hyperparameter;
import com.lstmautoml.core.space.Task;
import com.lstmautoml.core.space.ParamSpec;
import com.lstmautoml.core.space.ParamSpec.Choice;
import com.lstmautoml.core.space.ParamSpec.FloatRange;
import com.lstmautoml.core.space.ParamSpec.IntRange;
import com.lstmautoml.core.space.SearchSpace;
import com.lstmautoml.core.trial.TrialParams;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

public class LstmModelSpaceTest {

    /** All six keys variable; the cube has 6 dimensions. */
    private static final SearchSpace SPACE = new SearchSpace(
            new IntRange(4, 32, 4), new IntRange(1, 3, null), new IntRange(2, 12, null),
            new FloatRange(0.0, 0.5, false, null), new Choice(List.of(16, 32, 64)),
            new FloatRange(1e-4, 1e-1, true, null));

    private static double[] point(double... v) {
        return v;
    }

    private static double[] uniform(Random r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble();
        }
        return x;
    }

    /** Checks the full model contract of one candidate. */
    public static void assertContract(TrialCandidate c, int nInputs) {
        TrialParams p = c.params();
        MultiLayerConfiguration conf = c.conf();
        // layers LSTM layers + one output layer
        assertThat(conf.getConfs()).hasSize(p.layers() + 1);
        for (int i = 0; i < p.layers(); i++) {
            Layer layer = conf.getConf(i).getLayer();
            // every hidden layer is the cuDNN-capable org.deeplearning4j.nn.conf.layers.LSTM
            assertThat(layer).isExactlyInstanceOf(LSTM.class);
            LSTM lstm = (LSTM) layer;
            // all LSTM layers are `units` wide
            assertThat(lstm.getNOut()).isEqualTo(p.units());
            // first LSTM reads the nInputs input columns, the others the previous LSTM
            assertThat(lstm.getNIn()).isEqualTo(i == 0 ? nInputs : p.units());
            // LSTM activation tanh
            assertThat(lstm.getActivationFn()).isInstanceOf(ActivationTanH.class);
            // Xavier weight init
            assertThat(lstm.getWeightInitFn()).isInstanceOf(WeightInitXavier.class);
            // dropout: never on the raw input (first LSTM), on the output of every LSTM otherwise
            assertDropout(lstm.getIDropout(), i == 0 ? 0.0 : p.dropout());
        }
        Layer last = conf.getConf(p.layers()).getLayer();
        // output layer is an RnnOutputLayer
        assertThat(last).isExactlyInstanceOf(RnnOutputLayer.class);
        RnnOutputLayer out = (RnnOutputLayer) last;
        // one output, fed by the last LSTM
        assertThat(out.getNOut()).isEqualTo(1);
        assertThat(out.getNIn()).isEqualTo(p.units());
        // identity activation and MSE loss
        assertThat(out.getActivationFn()).isInstanceOf(ActivationIdentity.class);
        assertThat(out.getLossFn()).isInstanceOf(LossMSE.class);
        // dropout on the output of the last LSTM
        assertDropout(out.getIDropout(), p.dropout());
        for (int i = 0; i <= p.layers(); i++) {
            BaseLayer layer = (BaseLayer) conf.getConf(i).getLayer();
            // Adam with the candidate's learning rate and the standard betas/epsilon
            assertThat(layer.getIUpdater()).isEqualTo(new Adam(p.learningRate(), 0.9, 0.999, 1e-8));
        }
    }

    private static void assertDropout(IDropout d, double rate) {
        if (rate == 0.0) {
            // no dropout at all when the rate is 0 (or on the first LSTM)
            assertThat(d).isNull();
        } else {
            // DL4J takes the retain probability: 1 - rate
            assertThat(d).isInstanceOf(Dropout.class);
            assertThat(((Dropout) d).getP()).isEqualTo(1.0 - rate);
        }
    }

    @Test
    void candidatesFollowTheModelContract() {
        LstmModelSpace ms = new LstmModelSpace(SPACE, 3, 42);
        // six variable hyperparameters, six cube dimensions
        assertThat(ms.numParameters()).isEqualTo(6);
        Random r = new Random(1);
        Set<Integer> layerCounts = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            TrialCandidate c = ms.getValue(uniform(r, 6));
            assertContract(c, 3);
            layerCounts.add(c.params().layers());
        }
        // the number of layers itself varies (1, 2 and 3 all appear)
        assertThat(layerCounts).containsExactlyInAnyOrder(1, 2, 3);
    }

    @Test
    void cubeCornersGiveTheRangeEnds() {
        LstmModelSpace ms = new LstmModelSpace(SPACE, 1, 42);
        TrialParams lo = ms.getValue(new double[6]).params();
        TrialParams hi = ms.getValue(point(1, 1, 1, 1, 1, 1)).params();
        // 0 maps to the smallest value of every key
        assertThat(lo).isEqualTo(new TrialParams(4, 1, 2, 0.0, 16, 1e-4));
        // 1 maps to the largest value of every key
        assertThat(hi.units()).isEqualTo(32);
        assertThat(hi.layers()).isEqualTo(3);
        assertThat(hi.lookBack()).isEqualTo(12);
        assertThat(hi.dropout()).isCloseTo(0.5, within(1e-12));
        assertThat(hi.batchSize()).isEqualTo(64);
        assertThat(hi.learningRate()).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void dimensionsNameTheirHyperparameter() {
        LstmModelSpace ms = new LstmModelSpace(SPACE, 1, 42);
        for (Hyperparameter h : Task.FORECAST.hyperparameters()) {
            if (h.isChoiceOnly()) {
                // preprocessing keys left at their single default value take no dimension
                assertThat(ms.dimensionOf(h)).as(h.key()).isEmpty();
                continue;
            }
            double[] x = new double[6];
            x[ms.dimensionOf(h).orElseThrow()] = 1.0;
            TrialParams p = ms.getValue(x).params();
            // moving only the coordinate of h changes h and nothing else
            TrialParams lo = ms.getValue(new double[6]).params();
            assertThat(p).as(h.key()).isNotEqualTo(lo);
            assertThat(changedKeys(lo, p)).as(h.key()).containsExactly(h);
        }
    }

    public static Set<Hyperparameter> changedKeys(TrialParams a, TrialParams b) {
        Set<Hyperparameter> s = new HashSet<>();
        for (Hyperparameter h : a.task().hyperparameters()) {
            if (!a.get(h).equals(b.get(h))) {
                s.add(h);
            }
        }
        return s;
    }

    @Test
    void zeroDropoutMeansNoDropoutAnywhere() {
        SearchSpace noDrop = new SearchSpace(new IntRange(8, 8), new IntRange(3, 3), new IntRange(4, 4),
                new FloatRange(0, 0, false), new Choice(List.of(16)), new FloatRange(0.01, 0.01, false));
        LstmModelSpace ms = new LstmModelSpace(noDrop, 2, 7);
        // a space of single values has no dimension
        assertThat(ms.numParameters()).isZero();
        TrialCandidate c = ms.getValue(new double[0]);
        // the fixed values are used
        assertThat(c.params()).isEqualTo(new TrialParams(8, 3, 4, 0.0, 16, 0.01));
        for (int i = 0; i < c.conf().getConfs().size(); i++) {
            // d == 0: no layer has dropout
            assertThat(c.conf().getConf(i).getLayer().getIDropout()).as("layer %d", i).isNull();
        }
        assertContract(c, 2);
    }

    @Test
    void dropoutOnEveryLayerAfterAnLstm() {
        SearchSpace drop = new SearchSpace(new IntRange(8, 8), new IntRange(2, 2), new IntRange(4, 4),
                new Choice(List.of(0.2)), new Choice(List.of(16)), new FloatRange(0.01, 0.01, false));
        MultiLayerConfiguration conf = new LstmModelSpace(drop, 1, 7).getValue(new double[0]).conf();
        // layer 0 (first LSTM) reads the raw input: no dropout
        assertThat(conf.getConf(0).getLayer().getIDropout()).isNull();
        // layer 1 (second LSTM) and layer 2 (output) drop 20% of the previous LSTM's output: retain 0.8
        assertThat(((Dropout) conf.getConf(1).getLayer().getIDropout()).getP()).isEqualTo(0.8);
        assertThat(((Dropout) conf.getConf(2).getLayer().getIDropout()).getP()).isEqualTo(0.8);
    }

    @Test
    void configurationJsonRoundTripsAndInitialises() {
        TrialCandidate c = new LstmModelSpace(SPACE, 2, 42).getValue(point(0.7, 0.9, 0.3, 0.5, 0.2, 0.6));
        String json = c.modelConfigJson();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        // the JSON reads back to an equal configuration
        assertThat(back).isEqualTo(c.conf());
        // and its JSON is stable
        assertThat(back.toJson()).isEqualTo(json);
        assertContract(new TrialCandidate(c.params(), back), 2);
        MultiLayerNetwork net = new MultiLayerNetwork(back);
        net.init();
        int u = c.params().units();
        long lstmParams = 4L * u * (2 + u + 1);
        long expected = lstmParams + (c.params().layers() - 1) * 4L * u * (u + u + 1) + (u + 1);
        // the network initialises with the parameter count of that architecture
        assertThat(net.numParams()).isEqualTo(expected);
    }

    @Test
    void intRangesRespectStep() {
        SearchSpace stepped = new SearchSpace(new IntRange(5, 30, 5), new IntRange(1, 2), new IntRange(3, 10, 3),
                new FloatRange(0, 0.3, false, 0.1), new Choice(List.of(16)), new FloatRange(0.01, 0.01, false));
        LstmModelSpace ms = new LstmModelSpace(stepped, 1, 7);
        Random r = new Random(3);
        Set<Integer> units = new HashSet<>();
        Set<Integer> lookBacks = new HashSet<>();
        Set<Double> dropouts = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            TrialParams p = ms.getValue(uniform(r, ms.numParameters())).params();
            units.add(p.units());
            lookBacks.add(p.lookBack());
            dropouts.add(p.dropout());
        }
        // units only on the step grid 5, 10, ..., 30, every one reachable
        assertThat(units).containsExactlyInAnyOrder(5, 10, 15, 20, 25, 30);
        // lookBack 3, 6, 9 (12 would exceed max)
        assertThat(lookBacks).containsExactlyInAnyOrder(3, 6, 9);
        // float step grid, exact decimals
        assertThat(dropouts).containsExactlyInAnyOrder(0.0, 0.1, 0.2, 0.3);
    }

    @Test
    void logScaleCoversOrdersOfMagnitude() {
        LstmModelSpace ms = new LstmModelSpace(SPACE, 1, 42);
        int dim = ms.dimensionOf(Hyperparameter.LEARNING_RATE).orElseThrow();
        int[] perDecade = new int[3];
        Random r = new Random(5);
        for (int i = 0; i < 600; i++) {
            double[] x = new double[6];
            x[dim] = r.nextDouble();
            double lr = ms.getValue(x).params().learningRate();
            // always within the range
            assertThat(lr).isBetween(1e-4, 1e-1);
            perDecade[(int) Math.min(2, Math.floor(Math.log10(lr / 1e-4)))]++;
        }
        // log-uniform: each decade 1e-4..1e-3, 1e-3..1e-2, 1e-2..1e-1 gets about a third (uniform would give ~1%, ~9%, ~90%)
        for (int n : perDecade) {
            assertThat(n).isBetween(150, 250);
        }
        // the cube midpoint is the geometric mean
        double[] mid = new double[6];
        mid[dim] = 0.5;
        assertThat(ms.getValue(mid).params().learningRate()).isCloseTo(Math.sqrt(1e-4 * 1e-1), within(1e-12));
    }

    @Test
    void arbiterGeneratorsWorkOnTheSpaceDirectly() {
        LstmModelSpace ms = new LstmModelSpace(SPACE, 1, 42);
        RandomSearchGenerator random = new RandomSearchGenerator(ms);
        random.setRngSeed(9);
        Candidate cand = random.getCandidate();
        // Arbiter Java-serializes candidate values; the candidate survives that
        assertThat(cand.getException()).isNull();
        TrialCandidate c = (TrialCandidate) cand.getValue();
        // and equals what getValue gives for the same cube point
        assertThat(c).isEqualTo(ms.getValue(cand.getFlatParameters()));
        assertContract(c, 1);
    }

    @Test
    void gridGeneratorEnumeratesExactlyTheLists() {
        SearchSpace grid = new SearchSpace(new Choice(List.of(8, 16)), new IntRange(1, 3), new IntRange(6, 6),
                new FloatRange(0, 0.2, false, 0.1), new Choice(List.of(32)), new Choice(List.of(0.01)));
        LstmModelSpace ms = new LstmModelSpace(grid, 1, 42);
        GridSearchCandidateGenerator gen = new GridSearchCandidateGenerator(ms, 7,
                GridSearchCandidateGenerator.Mode.Sequential, null);
        // the grid has 2 x 3 x 3 points, not a discretization (7 per dimension) of anything
        assertThat(gen.getTotalNumCandidates()).isEqualTo(18);
        Set<TrialParams> seen = new HashSet<>();
        while (gen.hasMoreCandidates()) {
            Candidate cand = gen.getCandidate();
            // no candidate fails to build
            assertThat(cand.getException()).isNull();
            seen.add(((TrialCandidate) cand.getValue()).params());
        }
        Set<TrialParams> expected = new HashSet<>();
        for (int u : List.of(8, 16)) {
            for (int l = 1; l <= 3; l++) {
                for (double d : List.of(0.0, 0.1, 0.2)) {
                    expected.add(new TrialParams(u, l, 6, d, 32, 0.01));
                }
            }
        }
        // every combination exactly once
        assertThat(seen).isEqualTo(expected);
    }

    /** Every ParamSpec kind: int range with a step, int range, float range, stepped float range, choice, log float. */
    private static final SearchSpace ALL_KINDS = new SearchSpace(
            new IntRange(8, 64, 8), new IntRange(1, 3, null), new Choice(List.of(3, 6, 12, 24)),
            new FloatRange(0.0, 0.5, false, null), new Choice(List.of(16, 32, 64)),
            new FloatRange(1e-4, 1e-1, true, null));

    private static final SearchSpace STEPPED_FLOAT = new SearchSpace(
            new IntRange(8, 8), new IntRange(1, 1), new IntRange(4, 4),
            new FloatRange(0.0, 0.3, false, 0.1), new Choice(List.of(16)), new FloatRange(0.002, 0.02, false, null));

    @Test
    void toUnitCubeInvertsGetValueForEveryKindOfSpec() {
        for (SearchSpace space : List.of(ALL_KINDS, STEPPED_FLOAT, SPACE)) {
            LstmModelSpace ms = new LstmModelSpace(space, 1, 42);
            Random r = new Random(11);
            for (int i = 0; i < 300; i++) {
                TrialParams p = ms.getValue(uniform(r, ms.numParameters())).params();
                double[] x = ms.toUnitCube(p);
                // the inverse stays in the unit cube
                assertThat(x).hasSize(ms.numParameters());
                assertThat(java.util.Arrays.stream(x).allMatch(v -> v >= 0 && v <= 1)).as("%s", x).isTrue();
                // round trip: getValue(toUnitCube(p)).params() is exactly p
                assertThat(ms.getValue(x).params()).as("%s in %s", p, space).isEqualTo(p);
            }
            // the range ends too (cube corners)
            for (double corner : new double[] {0.0, 1.0}) {
                double[] c = new double[ms.numParameters()];
                java.util.Arrays.fill(c, corner);
                TrialParams p = ms.getValue(c).params();
                // round trip at the corners of the cube
                assertThat(ms.getValue(ms.toUnitCube(p)).params()).isEqualTo(p);
            }
        }
    }

    @Test
    void toUnitCubeMapsDiscreteValuesToBinCentresAndFloatsToTheirCdf() {
        LstmModelSpace ms = new LstmModelSpace(ALL_KINDS, 1, 42);
        double[] x = ms.toUnitCube(new TrialParams(24, 3, 6, 0.125, 16, 1e-2));
        int[] counts = ms.valueCounts();
        // value counts per dimension: 8 unit sizes, 3 layer counts, 4 look-backs, continuous, 3 batch sizes, continuous
        assertThat(counts[ms.dimensionOf(Hyperparameter.UNITS).getAsInt()]).isEqualTo(8);
        assertThat(counts[ms.dimensionOf(Hyperparameter.DROPOUT).getAsInt()]).isZero();
        // each dimension's spec is the one of the hyperparameter driving it
        for (Hyperparameter h : Task.FORECAST.hyperparameters()) {
            if (ms.dimensionOf(h).isPresent()) {
                assertThat(ms.dimensionSpecs().get(ms.dimensionOf(h).getAsInt())).isEqualTo(ALL_KINDS.get(h));
            }
        }
        assertThat(ms.dimensionSpecs()).hasSize(ms.numParameters());
        // units 24 is value 2 of 8: the centre of bin 2, 2.5/8
        assertThat(x[ms.dimensionOf(Hyperparameter.UNITS).getAsInt()]).isEqualTo(2.5 / 8);
        // layers 3 is the last of 3 values
        assertThat(x[ms.dimensionOf(Hyperparameter.LAYERS).getAsInt()]).isEqualTo(2.5 / 3);
        // a uniform float maps to its CDF: 0.125 of [0, 0.5] is 1/4
        assertThat(x[ms.dimensionOf(Hyperparameter.DROPOUT).getAsInt()]).isCloseTo(0.25, within(1e-12));
        // a log float maps linearly in log: 1e-2 in [1e-4, 1e-1] is 2/3
        assertThat(x[ms.dimensionOf(Hyperparameter.LEARNING_RATE).getAsInt()]).isCloseTo(2.0 / 3, within(1e-12));
    }
}
