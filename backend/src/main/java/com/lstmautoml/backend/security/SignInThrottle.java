package com.lstmautoml.backend.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing down with exponential backoff instead of a hard lock. Failed sign-ins are counted per
 * username (any case) and per client address, each with its own {@link Policy}: after {@code freeFailures} failures
 * each further one refuses that key for a delay that doubles with every failure ({@code firstDelay}, twice that, ...
 * up to {@code maxDelay}). A key's failures are forgotten {@code forgetAfter} after its last one; a success clears the
 * username's failures but not the address's (an attacker cannot reset their address by signing in to an account of
 * their own).
 * <p>
 * The per-username delay is capped low ({@link #PER_USERNAME}: 30 s), so someone guessing from other addresses slows
 * the real user down for seconds, never locks them out; the per-address delay grows to minutes
 * ({@link #PER_ADDRESS}). Attempts refused during a delay are not checked and do not count as failures, so hammering
 * does not extend the delay. Kept in memory per service instance, on an injected {@link Clock}.
 */
public final class SignInThrottle {

    /**
     * How one kind of key is slowed down.
     *
     * @param freeFailures failures before any delay
     * @param firstDelay   the delay after the first failure beyond the free ones; it doubles with each further one
     * @param maxDelay     the longest delay
     * @param forgetAfter  failures are forgotten this long after the last one (longer than {@code maxDelay})
     */
    public record Policy(int freeFailures, Duration firstDelay, Duration maxDelay, Duration forgetAfter) {
        public Policy {
            if (freeFailures < 0 || firstDelay.isNegative() || firstDelay.isZero()
                    || maxDelay.compareTo(firstDelay) < 0 || forgetAfter.compareTo(maxDelay) <= 0) {
                throw new IllegalArgumentException("need 0 <= freeFailures, 0 < firstDelay <= maxDelay < forgetAfter");
            }
        }

        /** The delay that {@code failures} failures in a row impose (zero while they are free). */
        public Duration delayAfter(int failures) {
            if (failures <= freeFailures) {
                return Duration.ZERO;
            }
            int doublings = Math.min(failures - freeFailures - 1, 40);
            long millis = firstDelay.toMillis();
            for (int i = 0; i < doublings && millis < maxDelay.toMillis(); i++) {
                millis *= 2;
            }
            return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis(millis);
        }
    }

    /** Per username: 3 free failures, then 1 s, 2 s, 4 s ... at most 30 s; forgotten after 15 minutes. */
    public static final Policy PER_USERNAME = new Policy(3, Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofMinutes(15));
    /**
     * Per client address: 10 free failures (several people may share an address), then 1 s, 2 s ... at most 5 minutes;
     * forgotten after 15 minutes.
     */
    public static final Policy PER_ADDRESS = new Policy(10, Duration.ofSeconds(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15));

    /** Keys kept per kind before the forgotten ones are swept out (and then the oldest, should that not suffice). */
    static final int MAX_KEYS = 100_000;

    /** Which key refused a sign-in. */
    public enum Kind {
        USERNAME, ADDRESS;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A sign-in refused without a check.
     *
     * @param kind       the key whose delay refused it (the username's when both are delayed)
     * @param retryAfter how long until that key is admitted again
     * @param first      whether this is the first refusal of that delay (to log once per delay, not per attempt)
     */
    public record Refusal(Kind kind, Duration retryAfter, boolean first) {
    }

    /**
     * The state after a failure.
     *
     * @param usernameFailures recent failures of the username, this one included
     * @param usernameDelay    how long the username is refused now (zero: not)
     * @param addressFailures  recent failures from the address, this one included
     * @param addressDelay     how long the address is refused now (zero: not)
     */
    public record Failure(int usernameFailures, Duration usernameDelay, int addressFailures, Duration addressDelay) {
        public boolean delayed() {
            return !usernameDelay.isZero() || !addressDelay.isZero();
        }
    }

    private static final class Entry {
        int failures;
        Instant lastFailure;
        Instant refusedUntil;
        boolean refusalSeen;
    }

    private final Clock clock;
    private final Policy perUsername;
    private final Policy perAddress;
    private final Map<String, Entry> usernames = new HashMap<>();
    private final Map<String, Entry> addresses = new HashMap<>();

    public SignInThrottle(Clock clock, Policy perUsername, Policy perAddress) {
        this.clock = clock;
        this.perUsername = perUsername;
        this.perAddress = perAddress;
    }

    /** The throttle with {@link #PER_USERNAME} and {@link #PER_ADDRESS}. */
    public SignInThrottle(Clock clock) {
        this(clock, PER_USERNAME, PER_ADDRESS);
    }

    /** Whether a sign-in of this username from this address is refused now, without checking its password. */
    public synchronized Optional<Refusal> refusal(String username, String address) {
        Instant now = clock.instant();
        Optional<Refusal> byUsername = refusal(Kind.USERNAME, live(usernames, usernameKey(username), perUsername, now),
                now);
        return byUsername.isPresent() ? byUsername
                : refusal(Kind.ADDRESS, live(addresses, addressKey(address), perAddress, now), now);
    }

    /** Counts a failed sign-in against the username and the address; says what that leads to. */
    public synchronized Failure failed(String username, String address) {
        Instant now = clock.instant();
        Entry u = count(usernames, usernameKey(username), perUsername, now);
        Entry a = count(addresses, addressKey(address), perAddress, now);
        return new Failure(u.failures, delay(u, now), a.failures, delay(a, now));
    }

    /** A successful sign-in: the username's failures are cleared (the address's are not). */
    public synchronized void succeeded(String username) {
        usernames.remove(usernameKey(username));
    }

    private static Optional<Refusal> refusal(Kind kind, Entry e, Instant now) {
        if (e == null || e.refusedUntil == null || !now.isBefore(e.refusedUntil)) {
            return Optional.empty();
        }
        boolean first = !e.refusalSeen;
        e.refusalSeen = true;
        return Optional.of(new Refusal(kind, Duration.between(now, e.refusedUntil), first));
    }

    /** The key's entry, or null when it has none or its failures are forgotten by now. */
    private static Entry live(Map<String, Entry> entries, String key, Policy policy, Instant now) {
        Entry e = entries.get(key);
        if (e != null && forgotten(e, policy, now)) {
            entries.remove(key);
            return null;
        }
        return e;
    }

    private static boolean forgotten(Entry e, Policy policy, Instant now) {
        return !now.isBefore(e.lastFailure.plus(policy.forgetAfter()));
    }

    private static Entry count(Map<String, Entry> entries, String key, Policy policy, Instant now) {
        Entry e = live(entries, key, policy, now);
        if (e == null) {
            if (entries.size() >= MAX_KEYS) {
                sweep(entries, policy, now);
            }
            e = new Entry();
            entries.put(key, e);
        }
        e.failures++;
        e.lastFailure = now;
        Duration delay = policy.delayAfter(e.failures);
        if (!delay.isZero()) {
            e.refusedUntil = now.plus(delay);
            e.refusalSeen = false;
        }
        return e;
    }

    private static Duration delay(Entry e, Instant now) {
        return e.refusedUntil == null || !now.isBefore(e.refusedUntil) ? Duration.ZERO
                : Duration.between(now, e.refusedUntil);
    }

    /** Drops the forgotten entries, then the least recently failed ones down to 90 % of {@link #MAX_KEYS}. */
    private static void sweep(Map<String, Entry> entries, Policy policy, Instant now) {
        entries.values().removeIf(e -> forgotten(e, policy, now));
        int excess = entries.size() - MAX_KEYS * 9 / 10;
        if (excess > 0) {
            entries.entrySet().stream().sorted(Comparator.comparing(x -> x.getValue().lastFailure)).limit(excess)
                    .map(Map.Entry::getKey).toList().forEach(entries::remove);
        }
    }

    /** The username as sign-in finds it: stripped and case-insensitive (cut, so that a huge one costs nothing). */
    static String usernameKey(String username) {
        String u = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return u.length() > 100 ? u.substring(0, 100) : u;
    }

    static String addressKey(String address) {
        String a = address == null || address.isBlank() ? "unknown" : address.strip().toLowerCase(Locale.ROOT);
        return a.length() > 100 ? a.substring(0, 100) : a;
    }
}
