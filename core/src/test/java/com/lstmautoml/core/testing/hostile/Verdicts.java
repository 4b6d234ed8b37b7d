package com.lstmautoml.core.testing.hostile;

import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The contract of every validator under hostile input: it accepts, or it throws a {@link ValidationException} whose
 * every error names a field and says what to fix; never another exception, never a hang.
 */
public final class Verdicts {

    /** Time one validation may take on a slow CI core, with a large margin. */
    public static final Duration PATIENCE = Duration.ofSeconds(10);

    /** Longest field path and message accepted: user input must be quoted in excerpts, not echoed whole. */
    public static final int MAX_FIELD = 200;
    public static final int MAX_MESSAGE = 2_000;

    /** A message that leaks an exception instead of telling the user something. */
    private static final Pattern LEAK = Pattern.compile("(?i)(java\\.|exception|@[0-9a-f]{6,})");

    private static final ExecutorService RUNNER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(null, r, "hostile-verdict", 4L << 20);
        t.setDaemon(true);
        return t;
    });

    private Verdicts() {
    }

    /**
     * Runs {@code action} (in a thread with a 4 MiB stack, like a request thread's default or less) and returns its
     * result when it accepts, empty when it rejected properly.
     *
     * @throws AssertionError naming {@code sample} when it threw anything else, rejected without a proper
     *                        message, or ran past {@link #PATIENCE}
     */
    public static <T> Optional<T> acceptOrExplain(Object sample, Supplier<T> action) {
        Future<T> f = RUNNER.submit(action::get);
        try {
            return Optional.ofNullable(f.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError("no verdict within " + PATIENCE + " for " + sample);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ValidationException v) {
                checkExplained(sample, v);
                return Optional.empty();
            }
            throw new AssertionError("threw " + cause + " instead of a ValidationException for " + sample, cause);
        }
    }

    /** Every error of {@code v} names a field and has a message that is not an exception's text. */
    public static void checkExplained(Object sample, ValidationException v) {
        if (v.errors().isEmpty()) {
            throw new AssertionError("a ValidationException without errors for " + sample);
        }
        if (v.errors().size() > ValidationException.MAX_ERRORS + 1) {
            throw new AssertionError(v.errors().size() + " errors, more than anyone reads, for " + sample);
        }
        for (FieldError e : v.errors()) {
            if (e.field() == null || e.field().isBlank()) {
                throw new AssertionError("error without a field (" + e + ") for " + sample);
            }
            if (e.message() == null || e.message().strip().length() < 8) {
                throw new AssertionError("error without a useful message (" + e + ") for " + sample);
            }
            if (e.field().length() > MAX_FIELD || e.message().length() > MAX_MESSAGE) {
                throw new AssertionError("error too long to read (" + e.field().length() + " + "
                        + e.message().length() + " characters: " + Abbrev.of(e.toString()) + ") for " + sample);
            }
            if (LEAK.matcher(e.message()).find()) {
                throw new AssertionError("error message leaks internals (" + Abbrev.of(e.toString()) + ") for "
                        + sample);
            }
        }
    }
}
