package com.lstmautoml.core.testing.hostile;

import com.lstmautoml.core.experiment.ExperimentLimits;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SamplesTest {

    @Test
    void theSameSeedDrawsTheSameSamplesInAPlainJUnitTest() {
        var arb = ExperimentBodies.mutated(ExperimentBodies.valid("d", "y", List.of()), ExperimentLimits.DEFAULT);
        List<String> a = Samples.draw(arb, 42, 30).stream().map(HostileBody::text).toList();
        List<String> b = Samples.draw(arb, 42, 30).stream().map(HostileBody::text).toList();
        assertThat(a).isEqualTo(b).hasSize(30);
        assertThat(Samples.draw(CsvFiles.mutated(10), 7, 20)).hasSize(20);
    }
}
