package com.lstmautoml.backend.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@code maxFailures} failed sign-ins for one username within {@code window}, that
 * username cannot sign in (even with the right password) until the oldest failure leaves the window. Kept in memory
 * per service instance; a success clears the username's failures.
 */
public final class SignInThrottle {

    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final ConcurrentHashMap<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public SignInThrottle(Clock clock, int maxFailures, Duration window) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /** Whether sign-ins for this username are refused now. */
    public boolean blocked(String username) {
        Deque<Instant> f = failures.get(key(username));
        if (f == null) {
            return false;
        }
        synchronized (f) {
            prune(f);
            return f.size() >= maxFailures;
        }
    }

    public void failed(String username) {
        Deque<Instant> f = failures.computeIfAbsent(key(username), k -> new ArrayDeque<>());
        synchronized (f) {
            prune(f);
            f.addLast(clock.instant());
            while (f.size() > maxFailures) {
                f.removeFirst();
            }
        }
    }

    public void succeeded(String username) {
        failures.remove(key(username));
    }

    private void prune(Deque<Instant> f) {
        Instant oldest = clock.instant().minus(window);
        while (!f.isEmpty() && !f.peekFirst().isAfter(oldest)) {
            f.removeFirst();
        }
    }

    private static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}
