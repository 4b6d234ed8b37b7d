package com.lstmautoml.core.training;

import com.lstmautoml.core.search.LstmModelSpace;
import com.lstmautoml.core.search.LstmModelSpaceTest;
import com.lstmautoml.core.search.TrialCandidate;
import com.lstmautoml.core.space.Hyperparameter;
import com.lstmautoml.core.space.SearchSpace;
import com.lstmautoml.core.space.Task;
import com.lstmautoml.core.trial.TrialParams;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LstmNetworkTest {

    @Test
    void fixedParamsGiveTheDocumentedNetwork() {
        for (TrialParams p : new TrialParams[] {new TrialParams(8, 1, 4, 0.0, 16, 0.01),
                new TrialParams(12, 3, 4, 0.2, 16, 0.003), new TrialParams(4, 2, 6, 0.1, 8, 0.001)}) {
            MultiLayerConfiguration conf = LstmNetwork.configuration(2, p, 7);
            // rule: the shape, dropout and optimiser the trainer relies on (the contract the search's cube checks)
            LstmModelSpaceTest.assertContract(new TrialCandidate(p, conf), 2);
            // rule: the seed is the one given
            assertThat(conf.getConf(0).getSeed()).isEqualTo(7);
        }
    }

    @Test
    void theSearchCubeAndFixedParamsShareOneDefinition() {
        LstmModelSpace cube = new LstmModelSpace(SearchSpace.defaults(false), 1, 42);
        Random r = new Random(3);
        for (int i = 0; i < 20; i++) {
            double[] x = new double[cube.numParameters()];
            for (int d = 0; d < x.length; d++) {
                x[d] = r.nextDouble();
            }
            TrialCandidate c = cube.getValue(x);
            // rule: a candidate's network is exactly the one its params give (what a refit or a test trains)
            assertThat(LstmNetwork.configurationJson(1, c.params(), 42)).isEqualTo(c.modelConfigJson());
        }
    }

    @Test
    void everyNetworkHyperparameterNeedsASpace() {
        // rule: the network says which key is missing rather than building a network without it
        assertThatThrownBy(() -> LstmNetwork.space(1, 1, Map.of(Hyperparameter.UNITS, new FixedValue<>(8)),
                LstmNetwork.Head.of(Task.FORECAST, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layers");
        assertThatThrownBy(() -> LstmNetwork.configuration(0, new TrialParams(8, 1, 4, 0.0, 16, 0.01), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nInputs");
    }
}
