package com.lstmautoml.backend.service;

import com.lstmautoml.backend.domain.ExperimentState;
import com.lstmautoml.core.api.Experiments;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EtaEstimateTest {

    @Test
    void remainingTrialsTimesMeanDurationOverLanes() {
        // 20 max − 5 final = 15 left × 10 s / min(4 parallel, 2 workers) = 75 s
        assertThat(EtaEstimate.seconds(ExperimentState.RUNNING, 20, 8, false, 5, 10.0, 4, 2, null)).isEqualTo(75.0);
        // more workers than parallelism: parallelism bounds the lanes (15 × 10 / 4)
        assertThat(EtaEstimate.seconds(ExperimentState.RUNNING, 20, 8, false, 5, 10.0, 4, 9, null)).isEqualTo(37.5);
        // no worker seen yet still divides by one lane, not zero
        assertThat(EtaEstimate.seconds(ExperimentState.RUNNING, 20, 8, false, 5, 10.0, 4, 0, null)).isEqualTo(150.0);
    }

    @Test
    void stoppedQueueingCountsOnlyTheCreatedTrials() {
        // space exhausted after 8 trials: 8 − 5 = 3 left × 10 s / 1 lane
        assertThat(EtaEstimate.seconds(ExperimentState.RUNNING, 20, 8, true, 5, 10.0, 1, 1, null)).isEqualTo(30.0);
        // never negative
        assertThat(EtaEstimate.seconds(ExperimentState.RUNNING, 3, 5, false, 5, 10.0, 1, 1, null)).isEqualTo(0.0);
    }

    @Test
    void aTimeBudgetEndsTheEstimateAboutOneTrialAfterIt() {
        // 15 left × 10 s / 2 lanes = 75 s, but the budget ends in 20 s: no trial starts after it, so 20 + 10 s
        assertThat(EtaEstimate.seconds(ExperimentState.RUNNING, 20, 8, false, 5, 10.0, 4, 2, 20.0)).isEqualTo(30.0);
        // a budget further away than the estimate changes nothing
        assertThat(EtaEstimate.seconds(ExperimentState.RUNNING, 20, 8, false, 5, 10.0, 4, 2, 600.0)).isEqualTo(75.0);
        // spent: queueing stopped with 2 trials running (7 created, 5 final): 2 × 10 / 2 = 10 s, within 0 + 10 s
        assertThat(EtaEstimate.seconds(ExperimentState.RUNNING, 20, 7, true, 5, 10.0, 4, 2, 0.0)).isEqualTo(10.0);
    }

    @Test
    void unknownWithoutADurationOrWhenNotRunning() {
        // no finished trial with a duration yet
        assertThat(EtaEstimate.seconds(ExperimentState.RUNNING, 20, 2, false, 0, null, 2, 1, null)).isNull();
        // a finished experiment has no ETA
        assertThat(EtaEstimate.seconds(ExperimentState.COMPLETED, 20, 20, false, 20, 10.0, 2, 2, null)).isNull();
        // nor a cancelled one
        assertThat(EtaEstimate.seconds(ExperimentState.CANCELLED, 20, 4, false, 4, 10.0, 2, 2, null)).isNull();
    }

    @Test
    void sortAllowListsMatchTheContract() {
        // the service maps exactly the trial sort keys the API promises
        assertThat(TrialSorts.SORTS.keySet()).isEqualTo(Experiments.TRIAL_SORTS);
        // and exactly the history sort keys
        assertThat(HistoryQuery.SORTS.keySet()).isEqualTo(Experiments.HISTORY_SORTS);
    }
}
