package com.lstmautoml.core.worker;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many trials the claim loops ({@link TrialWorker#run(ClaimBudget)}) sharing this budget may still train. The
 * service's workers have none ({@link #unlimited()}); a worker process with {@code --max-trials} gives its threads one
 * {@link #of(int, Runnable)}, so exactly that many trials finish: a claim is only made while the budget has room for
 * it, and a claim that found nothing gives its room back. Thread-safe.
 */
public final class ClaimBudget {

    /** Room left for claims; null when there is no budget. */
    private final Semaphore room;
    private final int maxTrials;
    private final Runnable whenSpent;
    private final AtomicInteger finished = new AtomicInteger();

    private ClaimBudget(int maxTrials, Runnable whenSpent) {
        this.room = maxTrials > 0 ? new Semaphore(maxTrials) : null;
        this.maxTrials = maxTrials;
        this.whenSpent = whenSpent;
    }

    /** No limit: the loops run until stopped. */
    public static ClaimBudget unlimited() {
        return new ClaimBudget(0, () -> { });
    }

    /**
     * At most {@code maxTrials} trials (0: no limit); {@code whenSpent} runs once, on the thread that finished the
     * last one (e.g. to stop the other loops at once).
     */
    public static ClaimBudget of(int maxTrials, Runnable whenSpent) {
        if (maxTrials < 0) {
            throw new IllegalArgumentException("maxTrials must be at least 0, got " + maxTrials);
        }
        return new ClaimBudget(maxTrials, whenSpent);
    }

    /** Reserves room for one claim; false when trials in progress hold the rest of the budget, or it is spent. */
    boolean tryReserve() {
        return room == null || room.tryAcquire();
    }

    /** Gives back the room of a claim that found no trial or failed. */
    void release() {
        if (room != null) {
            room.release();
        }
    }

    /** Counts one finished trial; true when that spent the budget (then {@code whenSpent} has run). */
    boolean trialFinished() {
        int n = finished.incrementAndGet();
        synchronized (finished) {
            finished.notifyAll();
        }
        if (room != null && n == maxTrials) {
            whenSpent.run();
        }
        return isSpent();
    }

    /** True when the budget's last trial has finished. */
    boolean isSpent() {
        return room != null && finished.get() >= maxTrials;
    }

    /** Trials finished so far (completed, failed, cancelled or abandoned after a lost lease). */
    public int finishedTrials() {
        return finished.get();
    }

    /** Waits until {@code n} trials have finished; false on timeout. */
    public boolean awaitFinished(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (finished) {
            while (finished.get() < n) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                finished.wait(left);
            }
            return true;
        }
    }
}
