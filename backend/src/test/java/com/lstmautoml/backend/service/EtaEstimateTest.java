package com.lstmautoml.backend.service;

import com.lstmautoml.backend.domain.ExperimentState;
import com.lstmautoml.core.api.Experiments;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EtaEstimateTest {

    @Test
    void remainingTrialsTimesMeanDurationOverLanes() {
        // 20 max − 5 final = 15 left × 10 s / min(4 parallel, 2 workers) = 75 s
        assertThat(EtaEstimate.seconds(ExperimentState.RUNNING, 20, 8, false, 5, 10.0, 4, 2)).isEqualTo(75.0);
        // more workers than parallelism: parallelism bounds the lanes (15 × 10 / 4)
        assertThat(EtaEstimate.seconds(ExperimentState.RUNNING, 20, 8, false, 5, 10.0, 4, 9)).isEqualTo(37.5);
        // no worker seen yet still divides by one lane, not zero
        assertThat(EtaEstimate.seconds(ExperimentState.RUNNING, 20, 8, false, 5, 10.0, 4, 0)).isEqualTo(150.0);
    }

    @Test
    void exhaustedSpaceCountsOnlyTheCreatedTrials() {
        // space exhausted after 8 trials: 8 − 5 = 3 left × 10 s / 1 lane
        assertThat(EtaEstimate.seconds(ExperimentState.RUNNING, 20, 8, true, 5, 10.0, 1, 1)).isEqualTo(30.0);
        // never negative
        assertThat(EtaEstimate.seconds(ExperimentState.RUNNING, 3, 5, false, 5, 10.0, 1, 1)).isEqualTo(0.0);
    }

    @Test
    void unknownWithoutADurationOrWhenNotRunning() {
        // no finished trial with a duration yet
        assertThat(EtaEstimate.seconds(ExperimentState.RUNNING, 20, 2, false, 0, null, 2, 1)).isNull();
        // a finished experiment has no ETA
        assertThat(EtaEstimate.seconds(ExperimentState.COMPLETED, 20, 20, false, 20, 10.0, 2, 2)).isNull();
        // nor a cancelled one
        assertThat(EtaEstimate.seconds(ExperimentState.CANCELLED, 20, 4, false, 4, 10.0, 2, 2)).isNull();
    }

    @Test
    void sortAllowListsMatchTheContract() {
        // the service maps exactly the trial sort keys the API promises
        assertThat(TrialSorts.SORTS.keySet()).isEqualTo(Experiments.TRIAL_SORTS);
        // and exactly the history sort keys
        assertThat(HistoryQuery.SORTS.keySet()).isEqualTo(Experiments.HISTORY_SORTS);
    }
}
