package com.lstmautoml.backend.security;

import com.lstmautoml.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SignInThrottleTest {

    @Test
    void fiveFailuresBlockTheUsernameUntilTheOldestLeavesTheWindow() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        SignInThrottle t = new SignInThrottle(clock, 5, Duration.ofMinutes(15));
        for (int i = 0; i < 4; i++) {
            t.failed("alice");
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(t.blocked("alice")).isFalse();
        t.failed("Alice "); // same username, any case and spacing
        assertThat(t.blocked("alice")).isTrue();
        // other usernames are not affected
        assertThat(t.blocked("bob")).isFalse();
        // the first failure was at 0:00; at 0:15 it leaves the window
        clock.advance(Duration.ofMinutes(11).minusSeconds(1)); // now 0:14:59
        assertThat(t.blocked("alice")).isTrue();
        clock.advance(Duration.ofSeconds(1)); // 0:15
        assertThat(t.blocked("alice")).isFalse();
    }

    @Test
    void aSuccessClearsTheFailures() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        SignInThrottle t = new SignInThrottle(clock, 2, Duration.ofMinutes(15));
        t.failed("alice");
        t.succeeded("alice");
        t.failed("alice");
        assertThat(t.blocked("alice")).isFalse();
        t.failed("alice");
        assertThat(t.blocked("alice")).isTrue();
    }
}
