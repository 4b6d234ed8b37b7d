package com.lstmautoml.backend.security;

import com.lstmautoml.backend.security.SignInThrottle.Kind;
import com.lstmautoml.backend.security.SignInThrottle.Policy;
import com.lstmautoml.backend.security.SignInThrottle.Refusal;
import com.lstmautoml.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Backoff per username and per address on a moved clock. */
class SignInThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SignInThrottle t = new SignInThrottle(clock);

    private static final String ATTACKER = "203.0.113.66";
    private static final String OFFICE = "198.51.100.7";

    /** Fails once, then waits out whatever delay that started. */
    private void failAndWait(String username, String address) {
        SignInThrottle.Failure f = t.failed(username, address);
        Duration wait = f.usernameDelay().compareTo(f.addressDelay()) > 0 ? f.usernameDelay() : f.addressDelay();
        clock.advance(wait);
    }

    @Test
    void theDelaysDoubleAfterTheFreeFailuresUpToTheirCaps() {
        Policy u = SignInThrottle.PER_USERNAME;
        assertThat(u.delayAfter(1)).isZero();
        assertThat(u.delayAfter(3)).isZero();
        assertThat(u.delayAfter(4)).isEqualTo(Duration.ofSeconds(1));
        assertThat(u.delayAfter(5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(u.delayAfter(6)).isEqualTo(Duration.ofSeconds(4));
        assertThat(u.delayAfter(8)).isEqualTo(Duration.ofSeconds(16));
        assertThat(u.delayAfter(9)).isEqualTo(Duration.ofSeconds(30)); // capped low: never a lockout
        assertThat(u.delayAfter(1_000_000)).isEqualTo(Duration.ofSeconds(30));
        Policy a = SignInThrottle.PER_ADDRESS;
        assertThat(a.delayAfter(10)).isZero();
        assertThat(a.delayAfter(11)).isEqualTo(Duration.ofSeconds(1));
        assertThat(a.delayAfter(19)).isEqualTo(Duration.ofSeconds(256));
        assertThat(a.delayAfter(20)).isEqualTo(Duration.ofMinutes(5));
        assertThat(a.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> new Policy(3, Duration.ofSeconds(1), Duration.ofMinutes(20), Duration.ofMinutes(15)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void afterThreeFreeFailuresTheUsernameIsRefusedForADelayThatDoubles() {
        for (int i = 0; i < 3; i++) {
            assertThat(t.failed("alice", OFFICE).delayed()).isFalse();
        }
        assertThat(t.refusal("alice", OFFICE)).isEmpty();
        SignInThrottle.Failure fourth = t.failed("Alice ", OFFICE); // same username, any case and spacing
        assertThat(fourth.usernameFailures()).isEqualTo(4);
        assertThat(fourth.usernameDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(fourth.addressDelay()).isZero();
        Refusal r = t.refusal("ALICE", "192.0.2.1").orElseThrow(); // from any address
        assertThat(r.kind()).isEqualTo(Kind.USERNAME);
        assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(r.first()).isTrue();
        assertThat(t.refusal("alice", OFFICE).orElseThrow().first()).isFalse(); // logged once per delay
        assertThat(t.refusal("bob", OFFICE)).isEmpty(); // other usernames are not affected
        clock.advance(Duration.ofMillis(999));
        assertThat(t.refusal("alice", OFFICE)).isPresent();
        clock.advance(Duration.ofMillis(1));
        assertThat(t.refusal("alice", OFFICE)).isEmpty();
        // the next failure doubles it
        assertThat(t.failed("alice", OFFICE).usernameDelay()).isEqualTo(Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(2));
        assertThat(t.failed("alice", OFFICE).usernameDelay()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void anAttackerElsewhereSlowsTheRealUserDownBySecondsAndLocksOnlyTheirOwnAddressForMinutes() {
        for (int i = 0; i < 40; i++) {
            failAndWait("admin", ATTACKER);
        }
        SignInThrottle.Failure last = t.failed("admin", ATTACKER);
        assertThat(last.usernameDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(last.addressDelay()).isEqualTo(Duration.ofMinutes(5));
        // the real admin, from their own address, waits at most the username's cap ...
        assertThat(t.refusal("admin", OFFICE).orElseThrow().retryAfter()).isLessThanOrEqualTo(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        assertThat(t.refusal("admin", OFFICE)).isEmpty();
        t.succeeded("admin"); // ... and a success clears the username's failures
        assertThat(t.failed("admin", ATTACKER).usernameDelay()).isZero();
        // while the attacker's address is refused for any username, and a success does not clear it
        Refusal r = t.refusal("someone-else", ATTACKER).orElseThrow();
        assertThat(r.kind()).isEqualTo(Kind.ADDRESS);
        assertThat(r.retryAfter()).isEqualTo(Duration.ofMinutes(5));
        t.succeeded("someone-else");
        assertThat(t.refusal("someone-else", ATTACKER)).isPresent();
        clock.advance(Duration.ofMinutes(5));
        assertThat(t.refusal("someone-else", ATTACKER)).isEmpty();
    }

    @Test
    void sprayingManyUsernamesFromOneAddressIsSlowedDownByTheAddress() {
        for (int i = 0; i < 10; i++) {
            assertThat(t.failed("user" + i, ATTACKER).delayed()).isFalse();
        }
        SignInThrottle.Failure eleventh = t.failed("user10", ATTACKER);
        assertThat(eleventh.addressFailures()).isEqualTo(11);
        assertThat(eleventh.addressDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(t.refusal("user11", ATTACKER).orElseThrow().kind()).isEqualTo(Kind.ADDRESS);
        assertThat(t.refusal("user11", OFFICE)).isEmpty();
        // an unknown address is one address of its own
        assertThat(t.refusal("user11", null)).isEmpty();
    }

    @Test
    void refusedAttemptsDoNotCountAndFailuresAreForgottenAfterTheWindow() {
        for (int i = 0; i < 4; i++) {
            t.failed("carol", OFFICE);
        }
        for (int i = 0; i < 100; i++) {
            assertThat(t.refusal("carol", OFFICE)).isPresent(); // hammering during the delay extends nothing
        }
        clock.advance(Duration.ofSeconds(1));
        assertThat(t.refusal("carol", OFFICE)).isEmpty();
        assertThat(t.failed("carol", OFFICE).usernameFailures()).isEqualTo(5);
        // 15 minutes after the last failure the count starts again
        clock.advance(Duration.ofMinutes(15).minusMillis(1));
        assertThat(t.failed("carol", OFFICE).usernameFailures()).isEqualTo(6);
        clock.advance(Duration.ofMinutes(15));
        SignInThrottle.Failure fresh = t.failed("carol", OFFICE);
        assertThat(fresh.usernameFailures()).isEqualTo(1);
        assertThat(fresh.addressFailures()).isEqualTo(1);
        assertThat(fresh.delayed()).isFalse();
    }

    @Test
    void aSuccessClearsTheUsernamesFailures() {
        for (int i = 0; i < 3; i++) {
            t.failed("dave", OFFICE);
        }
        t.succeeded("DAVE");
        assertThat(t.failed("dave", OFFICE).usernameFailures()).isEqualTo(1);
        // the address still remembers all four
        assertThat(t.failed("erin", OFFICE).addressFailures()).isEqualTo(5);
    }
}
