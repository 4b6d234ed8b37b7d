package com.lstmautoml.core.worker;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimBudgetTest {

    @Test
    void aBudgetHasRoomForExactlyItsTrials() {
        AtomicInteger spent = new AtomicInteger();
        ClaimBudget b = ClaimBudget.of(2, spent::incrementAndGet);
        // rule: two claims may be in progress at once, not three
        assertThat(b.tryReserve()).isTrue();
        assertThat(b.tryReserve()).isTrue();
        assertThat(b.tryReserve()).isFalse();
        // rule: a claim that found nothing gives its room back
        b.release();
        assertThat(b.tryReserve()).isTrue();
        // rule: the budget is spent when its last trial finished, and says so once
        assertThat(b.trialFinished()).isFalse();
        assertThat(b.isSpent()).isFalse();
        assertThat(b.trialFinished()).isTrue();
        assertThat(b.isSpent()).isTrue();
        assertThat(spent).hasValue(1);
        assertThat(b.finishedTrials()).isEqualTo(2);
    }

    @Test
    void awaitingFinishedTrialsWakesOnTheOneThatCountsAndTimesOutOtherwise() throws Exception {
        ClaimBudget b = ClaimBudget.unlimited();
        // rule: nothing finished yet: the wait ends at its timeout, saying so
        assertThat(b.awaitFinished(1, java.time.Duration.ofMillis(20))).isFalse();
        Thread worker = new Thread(b::trialFinished);
        worker.start();
        // rule: a trial finishing on another thread ends the wait
        assertThat(b.awaitFinished(1, java.time.Duration.ofMinutes(1))).isTrue();
        worker.join();
    }

    @Test
    void noBudgetIsNeverSpent() {
        ClaimBudget b = ClaimBudget.unlimited();
        for (int i = 0; i < 1000; i++) {
            // rule: the service's loops claim without limit and count what they finished
            assertThat(b.tryReserve()).isTrue();
            assertThat(b.trialFinished()).isFalse();
        }
        assertThat(b.finishedTrials()).isEqualTo(1000);
        assertThat(ClaimBudget.of(0, () -> { }).isSpent()).isFalse();
    }
}
