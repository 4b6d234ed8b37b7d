package com.lstmautoml.core.search;

import com.lstmautoml.core.space.ParamSpec;
import com.lstmautoml.core.space.ParamSpec.Choice;
import com.lstmautoml.core.space.ParamSpec.FloatRange;
import com.lstmautoml.core.space.ParamSpec.IntRange;
import com.lstmautoml.core.space.SearchSpace;
import com.lstmautoml.core.trial.TrialParams;
import com.lstmautoml.core.trial.TrialState;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Adam;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract every {@link SearchStrategy} meets; one subclass per strategy. */
abstract class SearchStrategyContractTest {

    /** 2 unit sizes x 3 layer counts = 6 grid points; other keys fixed or small lists. */
    static final SearchSpace SMALL = new SearchSpace(new IntRange(8, 16, 8), new IntRange(1, 3, null),
            new IntRange(5, 5, null), new Choice(List.of(0.1)), new Choice(List.of(16)),
            new Choice(List.of(0.005)));

    /** A griddable space with every key varying, for the "in the space" checks. */
    static final SearchSpace WIDE = new SearchSpace(new IntRange(4, 20, 4), new Choice(List.of(1, 2)),
            new IntRange(3, 9, 3), new FloatRange(0.0, 0.4, false, 0.2), new Choice(List.of(8, 32)),
            new Choice(List.of(0.001, 0.01)));

    abstract SearchStrategy strategy();

    static SearchContext ctx(SearchSpace space, long seed, List<TrialRecord> history, int maxTrials) {
        return new SearchContext(space, 2, seed, history, maxTrials);
    }

    /**
     * How a proposal enters the history in {@link #run}: a queued trial by default. Adaptive strategies record a
     * finished trial with an RMSE instead, so their proposals after start-up really use the history.
     */
    TrialRecord historyEntry(int number, TrialParams params) {
        return new TrialRecord(number, params, TrialState.QUEUED, null);
    }

    /** True when proposals depend on the states and RMSEs of the history, not only on its length. */
    boolean adaptive() {
        return false;
    }

    /** A synthetic objective for adaptive strategies: best near units 12, learningRate 0.001, dropout 0. */
    static double syntheticRmse(TrialParams p) {
        return Math.abs(p.units() - 12) / 4.0 + Math.abs(Math.log10(p.learningRate()) + 3) * 5 + p.dropout() * 3
                + p.lookBack() * 0.1;
    }

    /** Proposes until empty or n proposals, appending each to the history with {@link #historyEntry}. */
    List<Proposal> run(SearchSpace space, long seed, int n, int maxTrials) {
        List<TrialRecord> history = new ArrayList<>();
        List<Proposal> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Optional<Proposal> p = strategy().propose(ctx(space, seed, history, maxTrials));
            if (p.isEmpty()) {
                break;
            }
            out.add(p.get());
            history.add(historyEntry(i + 1, p.get().params()));
        }
        return out;
    }

    static boolean contains(ParamSpec spec, double v) {
        if (spec.isDiscrete()) {
            return spec.discreteValues().stream().anyMatch(x -> x.doubleValue() == v);
        }
        FloatRange r = (FloatRange) spec;
        return v >= r.min() && v <= r.max();
    }

    @Test
    void proposalsLieInTheSpaceAndMatchTheirConfiguration() {
        List<Proposal> proposals = run(WIDE, 11, 40, 40);
        // the strategy proposes something for a fresh experiment
        assertThat(proposals).isNotEmpty();
        for (Proposal p : proposals) {
            TrialParams t = p.params();
            // every value is one the space allows
            assertThat(contains(WIDE.units(), t.units())).as("units %s", t).isTrue();
            assertThat(contains(WIDE.layers(), t.layers())).as("layers %s", t).isTrue();
            assertThat(contains(WIDE.lookBack(), t.lookBack())).as("lookBack %s", t).isTrue();
            assertThat(contains(WIDE.dropout(), t.dropout())).as("dropout %s", t).isTrue();
            assertThat(contains(WIDE.batchSize(), t.batchSize())).as("batchSize %s", t).isTrue();
            assertThat(contains(WIDE.learningRate(), t.learningRate())).as("learningRate %s", t).isTrue();
            MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(p.modelConfigJson());
            // the configuration JSON is the network of these params: layers LSTMs + output
            assertThat(conf.getConfs()).hasSize(t.layers() + 1);
            // units wide, first layer reading nInputs = 2
            assertThat(((FeedForwardLayer) conf.getConf(0).getLayer()).getNOut()).isEqualTo(t.units());
            assertThat(((FeedForwardLayer) conf.getConf(0).getLayer()).getNIn()).isEqualTo(2);
            // with the params' learning rate
            assertThat(((Adam) ((org.deeplearning4j.nn.conf.layers.BaseLayer) conf.getConf(0).getLayer())
                    .getIUpdater()).getLearningRate()).isEqualTo(t.learningRate());
            // and dropout after the last LSTM with retain 1 - d (none when d = 0)
            Dropout d = (Dropout) conf.getConf(t.layers()).getLayer().getIDropout();
            if (t.dropout() == 0) {
                assertThat(d).isNull();
            } else {
                assertThat(d.getP()).isEqualTo(1.0 - t.dropout());
            }
        }
    }

    @Test
    void sameSeedAndHistoryGiveTheSameProposal() {
        List<Proposal> first = run(WIDE, 5, 10, 10);
        List<Proposal> again = run(WIDE, 5, 10, 10);
        // deterministic: a restarted service proposes exactly the same (params and configuration)
        assertThat(again).isEqualTo(first);
        List<TrialRecord> history = new ArrayList<>(List.of(
                new TrialRecord(1, first.get(0).params(), TrialState.COMPLETED, 3.5),
                new TrialRecord(2, first.get(1).params(), TrialState.RUNNING, null),
                new TrialRecord(3, first.get(2).params(), TrialState.FAILED, null)));
        if (!adaptive()) {
            // the k-th proposal is a function of (seed, space, k): states and results do not change it
            assertThat(strategy().propose(ctx(WIDE, 5, history, 10))).contains(first.get(3));
        }
        for (int i = 3; i < 8; i++) {
            TrialState state = List.of(TrialState.COMPLETED, TrialState.PRUNED, TrialState.QUEUED).get(i % 3);
            history.add(new TrialRecord(i + 1, first.get(i).params(), state,
                    state == TrialState.QUEUED ? null : 1.0 + i % 4));
        }
        Optional<Proposal> once = strategy().propose(ctx(WIDE, 5, history, 10));
        // a mixed history (finished, pruned, pending, failed) gives a proposal, the same one every time
        assertThat(once).isPresent();
        assertThat(strategy().propose(ctx(WIDE, 5, List.copyOf(history), 10))).isEqualTo(once);
    }

    @Test
    void longerHistoryGivesTheNextCandidate() {
        List<Proposal> seq = run(WIDE, 21, 12, 12);
        // twelve proposals when the budget allows twelve
        assertThat(seq).hasSize(12);
        // not the same point over and over
        assertThat(seq.stream().map(Proposal::params).distinct().count()).isGreaterThan(6);
        for (int k = 0; k < seq.size(); k++) {
            List<TrialRecord> history = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                history.add(historyEntry(i + 1, seq.get(i).params()));
            }
            // a history of length k gives the (k+1)-th candidate of the sequence
            assertThat(strategy().propose(ctx(WIDE, 21, history, 12))).as("k=%d", k).contains(seq.get(k));
        }
    }

    @Test
    void stopsAtMaxTrials() {
        // never more than maxTrials proposals (the small grid would allow 6)
        assertThat(run(SMALL, 3, 100, 4)).hasSize(4);
        // a budget of 0 proposes nothing
        assertThat(strategy().propose(ctx(SMALL, 3, List.of(), 0))).isEmpty();
    }
}
