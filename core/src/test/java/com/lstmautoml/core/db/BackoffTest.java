package com.lstmautoml.core.db;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    @Test
    void doublesFromTheInitialWaitUpToTheCapWithAtMostAQuarterOfJitter() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        long[] steps = {100, 200, 400, 800, 1000, 1000};
        for (long step : steps) {
            long wait = b.next().toMillis();
            // in [step, 1.25 step], never above the cap
            assertThat(wait).isBetween(step, Math.min(step + step / 4, 1000));
        }
    }

    @Test
    void resetStartsOverFromTheInitialWait() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30));
        b.next();
        b.next();
        b.next();
        b.reset();
        assertThat(b.next().toMillis()).isBetween(100L, 125L);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
