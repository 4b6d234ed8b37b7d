package com.lstmautoml.backend.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class SignInThrottleTest {

    /** A clock the test moves. */
    static final class Moving extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void fiveFailuresBlockTheUsernameUntilTheOldestLeavesTheWindow() {
        Moving clock = new Moving();
        SignInThrottle t = new SignInThrottle(clock, 5, Duration.ofMinutes(15));
        for (int i = 0; i < 4; i++) {
            t.failed("alice");
            clock.now = clock.now.plusSeconds(60);
        }
        assertThat(t.blocked("alice")).isFalse();
        t.failed("Alice "); // same username, any case and spacing
        assertThat(t.blocked("alice")).isTrue();
        // other usernames are not affected
        assertThat(t.blocked("bob")).isFalse();
        // the first failure was at 0:00; at 0:15 it leaves the window
        clock.now = Instant.parse("2026-01-01T00:15:00Z");
        assertThat(t.blocked("alice")).isFalse();
    }

    @Test
    void aSuccessClearsTheFailures() {
        Moving clock = new Moving();
        SignInThrottle t = new SignInThrottle(clock, 2, Duration.ofMinutes(15));
        t.failed("alice");
        t.succeeded("alice");
        t.failed("alice");
        assertThat(t.blocked("alice")).isFalse();
        t.failed("alice");
        assertThat(t.blocked("alice")).isTrue();
    }
}
