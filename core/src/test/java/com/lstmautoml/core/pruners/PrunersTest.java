package com.lstmautoml.core.pruners;

import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pruners on fixed curves, without a database: epochs are 0-based (epoch e = e + 1 epochs trained). */
class PrunersTest {

    /** Five finished trials, 12 epochs each, losses falling from about 1.0 to about 0.1. */
    private static final double[][] FINISHED = {
            falling(1.0, 12), falling(1.1, 12), falling(1.2, 12), falling(1.3, 12), falling(1.4, 12)};

    private static double[] falling(double start, int epochs) {
        double[] c = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            c[e] = start / (e + 1);
        }
        return c;
    }

    private static double[] constant(double value, int epochs) {
        double[] c = new double[epochs];
        Arrays.fill(c, value);
        return c;
    }

    /** The other trials' values at {@code epoch}: those of the curves that reached it. */
    private static IntermediateValues othersAt(int epoch, int completed, double[]... others) {
        return new IntermediateValues(completed,
                Arrays.stream(others).filter(o -> o.length > epoch).mapToDouble(o -> o[epoch]).toArray());
    }

    /**
     * Plays {@code curve} epoch by epoch through the pruner, as the queue does at each epoch report, against the
     * {@code others} curves; returns the epoch at which it pruned, or -1 when it never did.
     */
    private static int prunedAt(Pruner pruner, double[] curve, int completed, double[]... others) {
        double best = Double.POSITIVE_INFINITY;
        for (int e = 0; e < curve.length; e++) {
            best = Math.min(best, curve[e]);
            if (pruner.shouldPrune(e, curve[e], best, othersAt(e, completed, others))) {
                return e;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- median

    @Test
    void medianPrunesAClearlyWorseTrialAtTheFirstEpochAfterWarmUpAndNeverBefore() {
        MedianPruner median = new MedianPruner(); // 5 startup trials, 5 warm-up epochs

        // worse than the median at every epoch: pruned at epoch 5, the first after the warm-up epochs 0..4
        assertThat(prunedAt(median, constant(2.0, 12), 5, FINISHED)).isEqualTo(5);
        // with 4 completed trials (fewer than nStartupTrials) it is never pruned
        assertThat(prunedAt(median, constant(2.0, 12), 4, FINISHED)).isEqualTo(-1);
        // warm-up: no epoch before 5 prunes, however bad
        for (int e = 0; e < 5; e++) {
            assertThat(median.shouldPrune(e, 100, 100, othersAt(e, 5, FINISHED))).as("epoch %d", e).isFalse();
        }
    }

    @Test
    void medianKeepsTheBestAndJudgesTheBestSoFar() {
        MedianPruner median = new MedianPruner();

        // the best trial (below every other at every epoch) is never pruned
        assertThat(prunedAt(median, falling(0.5, 12), 5, FINISHED)).isEqualTo(-1);
        // a trial slightly better than the median (the 1.2 curve is the median of the five) survives
        assertThat(prunedAt(median, falling(1.15, 12), 5, FINISHED)).isEqualTo(-1);
        // a trial slightly worse than the median is pruned at epoch 5
        assertThat(prunedAt(median, falling(1.25, 12), 5, FINISHED)).isEqualTo(5);
        // the best value so far counts, not the latest: a trial that was good at epoch 2 and got worse survives
        double[] spike = constant(3.0, 12);
        spike[2] = 0.01;
        assertThat(prunedAt(median, spike, 5, FINISHED)).isEqualTo(-1);
    }

    @Test
    void medianNeedsOtherValuesAtTheEpoch() {
        MedianPruner median = new MedianPruner();

        // past the others' last epoch (12) there is no median: no pruning, however bad
        assertThat(median.shouldPrune(12, 5.0, 5.0, othersAt(12, 5, FINISHED))).isFalse();
        // an even count takes the mean of the middle two: median of {1, 2, 3, 4} is 2.5
        assertThat(IntermediateValues.of(5, 4, 1, 3, 2).median()).isEqualTo(2.5);
        // NaN values of others are ignored (median of {1, 3} is 2, so 2.5 is worse)
        assertThat(median.shouldPrune(6, 2.5, 2.5, IntermediateValues.of(5, 1, Double.NaN, 3))).isTrue();
    }

    // ---------------------------------------------------------------- ASHA

    @Test
    void ashaDecidesOnlyAtRungEpochs() {
        AsyncSuccessiveHalvingPruner asha = new AsyncSuccessiveHalvingPruner(); // rungs 3, 9, 27, ...; eta 3
        List<Integer> deciding = new ArrayList<>();
        for (int e = 0; e < 90; e++) {
            if (asha.decidesAt(e)) {
                deciding.add(e);
            }
        }
        // rungs after 3, 9, 27 and 81 epochs trained: epochs 2, 8, 26, 80
        assertThat(deciding).containsExactly(2, 8, 26, 80);

        double[] others = {0.1, 0.2};
        for (int e = 0; e < 12; e++) {
            boolean prune = asha.shouldPrune(e, 9.0, 9.0, IntermediateValues.of(0, others));
            // a trial far worse than the others is pruned at rung epochs only, never between them
            assertThat(prune).as("epoch %d", e).isEqualTo(e == 2 || e == 8);
        }
    }

    @Test
    void ashaPrunesTheBottomTwoThirdsAtTheFirstRungAndPromotesTheTop() {
        AsyncSuccessiveHalvingPruner asha = new AsyncSuccessiveHalvingPruner();
        // two trials already reached rung 3 (epoch 2) with 0.2 and 0.3 and rung 9 (epoch 8) with 0.05 and 0.06
        double[] a = {0.5, 0.4, 0.2, 0.2, 0.2, 0.2, 0.1, 0.1, 0.05, 0.05};
        double[] b = {0.5, 0.4, 0.3, 0.3, 0.3, 0.3, 0.1, 0.1, 0.06, 0.06};

        // the worst of three at rung 3 (bottom 2/3) is pruned exactly at epoch 2 (3 epochs trained)
        assertThat(prunedAt(asha, constant(0.5, 12), 0, a, b)).isEqualTo(2);
        // the middle of three is in the bottom 2/3 as well: pruned at epoch 2
        assertThat(prunedAt(asha, constant(0.25, 12), 0, a, b)).isEqualTo(2);
        // the top one continues past rung 3 and is next judged at rung 9 (epoch 8), where it is the worst of three
        assertThat(prunedAt(asha, constant(0.1, 12), 0, a, b)).isEqualTo(8);
        // the top one at both rungs continues to the end
        assertThat(prunedAt(asha, constant(0.01, 12), 0, a, b)).isEqualTo(-1);
    }

    @Test
    void ashaPromotesTheTopThirdOfAllValuesAtTheRung() {
        AsyncSuccessiveHalvingPruner asha = new AsyncSuccessiveHalvingPruner();
        IntermediateValues five = IntermediateValues.of(0, 1, 2, 3, 4, 5);

        // alone at a rung, a trial is promoted
        assertThat(asha.shouldPrune(2, 9.0, 9.0, IntermediateValues.of(0))).isFalse();
        // six values at the rung: the best two (6 / 3) continue, the third is pruned
        assertThat(asha.shouldPrune(2, 1.5, 1.5, five)).isFalse();
        assertThat(asha.shouldPrune(2, 2.5, 2.5, five)).isTrue();
        // a tie with the last promotable value continues
        assertThat(asha.shouldPrune(2, 2.0, 2.0, five)).isFalse();
        // the value at the rung counts, not the best so far
        assertThat(asha.shouldPrune(2, 2.5, 0.1, five)).isTrue();
        // a NaN loss at a rung is pruned
        assertThat(asha.shouldPrune(2, Double.NaN, 0.1, five)).isTrue();
    }

    @Test
    void ashaWaitsForBootstrapCountOthersAtARungAndThenRanksAsBefore() {
        AsyncSuccessiveHalvingPruner asha = new AsyncSuccessiveHalvingPruner(3, 3, 2);
        // one other value at the rung is fewer than bootstrapCount 2: no decision, even for the worse trial
        assertThat(asha.shouldPrune(2, 9.0, 9.0, IntermediateValues.of(0, 0.1))).isFalse();
        // non-finite others do not count towards it
        assertThat(asha.shouldPrune(2, 9.0, 9.0, IntermediateValues.of(0, 0.1, Double.NaN))).isFalse();
        // two others: the ranking decides; 9.0 is not the best of {0.1, 0.2, 9.0} (max(1, 3 / 3) = 1 goes on)
        assertThat(asha.shouldPrune(2, 9.0, 9.0, IntermediateValues.of(0, 0.1, 0.2))).isTrue();
        assertThat(asha.shouldPrune(2, 0.05, 0.05, IntermediateValues.of(0, 0.1, 0.2))).isFalse();
        // a NaN at a rung is pruned before any bootstrap
        assertThat(asha.shouldPrune(2, Double.NaN, 0.1, IntermediateValues.of(0))).isTrue();
        // between rungs nothing is decided, bootstrap or not
        assertThat(asha.shouldPrune(3, 9.0, 9.0, IntermediateValues.of(0, 0.1, 0.2))).isFalse();
    }

    @Test
    void ashaRungsFollowMinEpochsAndReductionFactor() {
        AsyncSuccessiveHalvingPruner asha = new AsyncSuccessiveHalvingPruner(5, 2, 0);
        List<Integer> deciding = new ArrayList<>();
        for (int e = 0; e < 45; e++) {
            if (asha.decidesAt(e)) {
                deciding.add(e);
            }
        }
        // rungs after 5, 10, 20 and 40 epochs trained: epochs 4, 9, 19, 39
        assertThat(deciding).containsExactly(4, 9, 19, 39);
        // reduction factor 2: of four values at a rung the best two (4 / 2) go on
        IntermediateValues three = IntermediateValues.of(0, 1, 2, 3);
        assertThat(asha.shouldPrune(4, 1.5, 1.5, three)).isFalse();
        assertThat(asha.shouldPrune(4, 2.5, 2.5, three)).isTrue();
    }

    @Test
    void medianComparesWithCompletedTrialsAndAshaWithEveryTrial() {
        // what the queue loads as the others at an epoch (TrialQueue.PRUNE_VALUES_SQL)
        assertThat(new MedianPruner().peers()).isEqualTo(Pruner.Peers.COMPLETED);
        assertThat(new AsyncSuccessiveHalvingPruner().peers()).isEqualTo(Pruner.Peers.EVERY_TRIAL);
    }

    @Test
    void medianSettingsMoveTheWarmUpAndTheStartup() {
        MedianPruner median = new MedianPruner(2, 1);
        // warm-up 1: epoch 0 never decides, epoch 1 does
        assertThat(median.shouldPrune(0, 9.0, 9.0, IntermediateValues.of(2, 1.0))).isFalse();
        assertThat(median.shouldPrune(1, 9.0, 9.0, IntermediateValues.of(2, 1.0))).isTrue();
        // startup 2: one completed trial is not enough
        assertThat(median.shouldPrune(1, 9.0, 9.0, IntermediateValues.of(1, 1.0))).isFalse();
        // startup 0, warm-up 0: the first epoch of the first trial decides as soon as another has a value
        assertThat(new MedianPruner(0, 0).shouldPrune(0, 9.0, 9.0, IntermediateValues.of(0, 1.0))).isTrue();
    }

    // ---------------------------------------------------------------- settings

    @Test
    void theObjectFormHasEverySettingAndReadsBackAsTheSamePruner() {
        // every setting filled in, in the pruner's order, after the type
        assertThat(Pruners.toJson(Pruners.forName("asha")).toString())
                .isEqualTo("{\"type\":\"asha\",\"minEpochs\":3,\"reductionFactor\":3,\"bootstrapCount\":0}");
        assertThat(Pruners.toJson(Pruners.forName("median")).toString())
                .isEqualTo("{\"type\":\"median\",\"startupTrials\":5,\"warmupEpochs\":5}");
        assertThat(Pruners.toJson(Pruners.forName("none")).toString()).isEqualTo("{\"type\":\"none\"}");
        // what experiment.pruner_settings stores: the same without the type
        assertThat(Pruners.settingsJson(new MedianPruner(0, 7)).toString())
                .isEqualTo("{\"startupTrials\":0,\"warmupEpochs\":7}");
        for (Pruner p : List.of(new NoPruner(), new MedianPruner(0, 7), new AsyncSuccessiveHalvingPruner(2, 10, 1000))) {
            // the object form reads back as the same pruner
            assertThat(Pruners.fromJson(Pruners.toJson(p).toString())).as("%s", p).isEqualTo(p);
        }
        // rows from before settings hold {}: the type's defaults
        assertThat(Pruners.fromJson("{\"type\":\"asha\"}")).isEqualTo(new AsyncSuccessiveHalvingPruner());
    }

    @Test
    void eachTypeBuildsPrunersWhoseSettingsAreItsOwn() {
        for (Pruners.Type t : Pruners.types()) {
            Pruner d = t.defaults();
            // contract: a type's pruner has the type's name and exactly its settings, in order, at their defaults
            assertThat(d.name()).isEqualTo(t.name());
            assertThat(List.copyOf(d.settings().keySet()))
                    .isEqualTo(t.settings().stream().map(PrunerSetting::key).toList());
            assertThat(List.copyOf(d.settings().values()))
                    .isEqualTo(t.settings().stream().map(PrunerSetting::defaultValue).toList());
            // ... and each setting given is the one it keeps (values at the top of the ranges of 100 epochs)
            java.util.Map<String, Integer> top = new java.util.LinkedHashMap<>();
            t.settings().forEach(s -> top.put(s.key(), s.max(100)));
            assertThat(t.build().apply(top).settings()).isEqualTo(top);
        }
    }

    @Test
    void rangesCountedInEpochsFollowTheExperiment() {
        // minEpochs up to maxEpochs, warmupEpochs below it; fixed ranges do not move
        assertThat(AsyncSuccessiveHalvingPruner.MIN_EPOCHS.rangeText(50)).isEqualTo("from 1 to 50 (maxEpochs)");
        assertThat(MedianPruner.WARMUP_EPOCHS.rangeText(50)).isEqualTo("from 0 to 49 (maxEpochs - 1)");
        assertThat(AsyncSuccessiveHalvingPruner.REDUCTION_FACTOR.rangeText(50)).isEqualTo("from 2 to 10");
        // a one-epoch experiment still allows warm-up 0 (the range never ends below its start)
        assertThat(MedianPruner.WARMUP_EPOCHS.max(1)).isZero();
        assertThat(MedianPruner.WARMUP_EPOCHS.max(Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE - 1);
    }

    // ---------------------------------------------------------------- names

    @Test
    void noPrunerNeverPrunes() {
        // none never prunes, not even the worst trial
        assertThat(prunedAt(new NoPruner(), constant(1e9, 30), 5, FINISHED)).isEqualTo(-1);
    }

    @Test
    void prunersByName() {
        // the request names map to the three pruners
        assertThat(Pruners.forName("none")).isInstanceOf(NoPruner.class);
        assertThat(Pruners.forName("median")).isInstanceOf(MedianPruner.class);
        assertThat(Pruners.forName("asha")).isInstanceOf(AsyncSuccessiveHalvingPruner.class);
        // the names, in order, match the CHECK on experiment.pruner
        assertThat(Pruners.names()).containsExactly("none", "median", "asha");
        // an unknown name is a validation error on field pruner listing the names
        assertThatThrownBy(() -> Pruners.forName("hyperband")).isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).errors())
                .isEqualTo(List.of(new FieldError("pruner", "unknown pruner 'hyperband': use one of none, median, asha")));
    }
}
