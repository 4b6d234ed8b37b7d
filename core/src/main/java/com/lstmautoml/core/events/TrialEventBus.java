package com.lstmautoml.core.events;

import com.lstmautoml.core.api.TrialEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The in-process side of {@link TrialEvents}: whoever hears of a change {@link #publish publishes} it (in the service,
 * {@link TrialNotifications} from PostgreSQL), and each subscription gets it on one of the bus's delivery threads,
 * one call at a time.
 *
 * <p>Coalescing, per subscription: the first change after a quiet spell is delivered at once; later ones wait until
 * {@code minInterval} after the previous delivery and go together in one {@link TrialEvents.Changes}. A subscription
 * is thus called at most once per {@code minInterval} ({@link #DEFAULT_MIN_INTERVAL}: twice a second), however
 * many epochs a second the workers report. A listener that throws is logged and stays subscribed.
 */
public final class TrialEventBus implements TrialEvents, AutoCloseable {

    /** Shortest time between two calls of one listener. */
    public static final Duration DEFAULT_MIN_INTERVAL = Duration.ofMillis(500);
    /** Threads calling listeners (a view's listener reads the database while it holds one). */
    public static final int DEFAULT_THREADS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(TrialEventBus.class);

    private final long minIntervalNanos;
    private final ScheduledExecutorService delivery;
    private final List<Sub> subscriptions = new CopyOnWriteArrayList<>();

    public TrialEventBus() {
        this(DEFAULT_MIN_INTERVAL, DEFAULT_THREADS);
    }

    public TrialEventBus(Duration minInterval, int threads) {
        Objects.requireNonNull(minInterval, "minInterval");
        if (minInterval.isNegative()) {
            throw new IllegalArgumentException("minInterval must not be negative, got " + minInterval);
        }
        this.minIntervalNanos = minInterval.toNanos();
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        AtomicInteger n = new AtomicInteger();
        this.delivery = Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, "trial-events-delivery-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Subscription subscribe(long experimentId, Listener listener) {
        return add(new Sub(experimentId, listener));
    }

    @Override
    public Subscription subscribeAll(Listener listener) {
        return add(new Sub(null, listener));
    }

    private Sub add(Sub sub) {
        subscriptions.add(sub);
        return sub;
    }

    /**
     * A change of experiment {@code experimentId}'s row ({@code trialId} null), of its trial {@code trialId}'s row,
     * or ({@code epoch}) an epoch that trial recorded.
     */
    public void publish(long experimentId, Long trialId, boolean epoch) {
        if (epoch && trialId == null) {
            throw new IllegalArgumentException("an epoch is recorded by a trial: trialId is required");
        }
        for (Sub s : subscriptions) {
            if (s.experimentId == null || s.experimentId == experimentId) {
                s.offer(experimentId, trialId, epoch);
            }
        }
    }

    /** Changes may have been missed: every subscription re-reads. */
    public void publishEverything() {
        subscriptions.forEach(Sub::offerEverything);
    }

    /** Subscriptions alive (tests; a view that forgot to cancel shows here). */
    public int subscriptionCount() {
        return subscriptions.size();
    }

    /** Stops delivering; pending changes are dropped. */
    @Override
    public void close() {
        delivery.shutdownNow();
        subscriptions.clear();
    }

    private final class Sub implements Subscription {

        final Long experimentId;
        final Listener listener;
        // guarded by this
        private final Set<Long> experiments = new HashSet<>();
        private final Set<Long> trials = new HashSet<>();
        private final Set<Long> epochs = new HashSet<>();
        private boolean everything;
        private boolean scheduled;
        private boolean cancelled;
        private long lastDelivery;
        private boolean delivered;

        Sub(Long experimentId, Listener listener) {
            this.experimentId = experimentId;
            this.listener = Objects.requireNonNull(listener, "listener");
        }

        void offer(long experiment, Long trial, boolean epoch) {
            synchronized (this) {
                if (epoch) {
                    epochs.add(trial);
                } else {
                    experiments.add(experiment);
                    if (trial != null) {
                        trials.add(trial);
                    }
                }
            }
            schedule();
        }

        void offerEverything() {
            synchronized (this) {
                everything = true;
            }
            schedule();
        }

        private void schedule() {
            long delay;
            synchronized (this) {
                if (cancelled || scheduled) {
                    return;
                }
                scheduled = true;
                delay = delivered ? Math.max(0, lastDelivery + minIntervalNanos - System.nanoTime()) : 0;
            }
            try {
                delivery.schedule(this::deliver, delay, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closed) {
                // the bus is closed: nothing is delivered any more
            }
        }

        private void deliver() {
            Changes changes;
            synchronized (this) {
                if (cancelled) {
                    scheduled = false;
                    return;
                }
                changes = new Changes(experiments, trials, epochs, everything);
                experiments.clear();
                trials.clear();
                epochs.clear();
                everything = false;
                delivered = true;
                lastDelivery = System.nanoTime();
            }
            try {
                listener.changed(changes);
            } catch (RuntimeException e) {
                LOG.warn("a trial event listener failed; it stays subscribed", e);
            }
            boolean more;
            synchronized (this) {
                // one call at a time: what arrived during this call waits for the next one
                scheduled = false;
                more = everything || !experiments.isEmpty() || !trials.isEmpty() || !epochs.isEmpty();
            }
            if (more) {
                schedule();
            }
        }

        @Override
        public void cancel() {
            synchronized (this) {
                cancelled = true;
            }
            subscriptions.remove(this);
        }
    }
}
