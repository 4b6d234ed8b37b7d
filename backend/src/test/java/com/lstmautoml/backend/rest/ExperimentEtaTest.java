package com.lstmautoml.backend.rest;

import com.lstmautoml.backend.testing.SyntheticExperiments;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.Experiments;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static com.lstmautoml.backend.testing.Api.admin;
import static com.lstmautoml.backend.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.nullValue;

/** etaSeconds in the experiment view, from the database's trial durations (the formula: EtaEstimateTest). */
@QuarkusTest
class ExperimentEtaTest {

    @Inject
    Experiments experiments;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void runningExperimentGetsRemainingTimesMeanDuration() {
        // 10 final trials of 2 s each, 1 running, maxTrials 11, no worker recorded
        long id = SyntheticExperiments.insertRunning(dataSource, "eta-running-" + System.nanoTime(), 10);
        try {
            ApiDtos.ExperimentView e = experiments.get(admin(), id);
            // (11 max − 10 final) × 2 s mean / max(1, min(4, 0 workers)) = 2 s
            assertThat(e.etaSeconds()).isCloseTo(2.0, within(1e-6));
            // the history page computes the same figure in its grouped query
            assertThat(experiments.history(admin(), new ApiDtos.ExperimentFilter(e.name(), null, null, null), null, 0, 1)
                    .get(0).etaSeconds()).isCloseTo(2.0, within(1e-6));
        } finally {
            SyntheticExperiments.end(dataSource, id);
        }
    }

    @Test
    void finishedExperimentHasNoEta() {
        // a CANCELLED experiment whose trials all have durations
        long id = SyntheticExperiments.insert(dataSource, "eta-done-" + System.nanoTime(), 10);
        // not RUNNING: no estimate, even though durations are known
        assertThat(experiments.get(admin(), id).etaSeconds()).isNull();
        // and the REST view says null too
        given().get("/api/experiments/" + id).then().statusCode(200).body("etaSeconds", nullValue());
    }
}
