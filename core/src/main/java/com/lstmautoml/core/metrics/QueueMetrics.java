package com.lstmautoml.core.metrics;

import com.lstmautoml.core.trial.TrialState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import static java.time.Duration.ofHours;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

/**
 * What the trial queue counts and times, on the {@link MeterRegistry} of whoever hosts the queue: the backend's
 * (Quarkus, {@code /q/metrics}) for its in-process workers, the lease rescuer and cancellations; a worker process's own
 * (its {@code --metrics-port}) for the trials it trains. The same events give the same series in both, so Prometheus
 * adds them up over the processes. The state of the queue as a whole (trials per state, workers alive) is read from
 * the database by {@link QueueGauges}, in the backend only.
 *
 * <p>Labels name kinds, states and outcomes only, never an experiment, a team or a user: the metrics are public
 * (see the README's metrics section). Thread-safe.
 */
public final class QueueMetrics {

    /** Gauge {@code automl_trials{state, kind}}: trials per state, from the database ({@link QueueGauges}). */
    public static final String TRIALS = "automl.trials";
    /** Gauge {@code automl_workers_alive}: workers heard from within a lease ({@link QueueGauges}). */
    public static final String WORKERS_ALIVE = "automl.workers.alive";
    /** Counter {@code automl_trials_finished_total{outcome, kind}}: trials that reached a final state here. */
    public static final String FINISHED = "automl.trials.finished";
    /**
     * Histogram {@code automl_trial_duration_seconds{outcome, kind}}: claim to end of the last attempt, for trials
     * whose worker reported their end (not those the lease rescuer ended).
     */
    public static final String TRIAL_DURATION = "automl.trial.duration";
    /** Histogram {@code automl_trial_epoch_duration_seconds{kind}}: one training epoch, validation included. */
    public static final String EPOCH_DURATION = "automl.trial.epoch.duration";
    /** Histogram {@code automl_trial_queue_wait_seconds{kind}}: queued to first claimed. */
    public static final String QUEUE_WAIT = "automl.trial.queue.wait";
    /** Counter {@code automl_lease_rescues_total{result}}: expired leases the rescuer requeued, failed or cancelled. */
    public static final String RESCUES = "automl.lease.rescues";

    /** Label {@code kind} of a search trial. */
    public static final String SEARCH = "search";
    /** Label {@code kind} of a refit job (a trial row of kind 'REFIT'). */
    public static final String REFIT = "refit";

    static final List<String> KINDS = List.of(SEARCH, REFIT);

    /** Outcomes a trial can finish with, i.e. the final {@link TrialState}s. */
    static final List<TrialState> OUTCOMES = List.of(TrialState.COMPLETED, TrialState.PRUNED, TrialState.FAILED,
            TrialState.CANCELLED);

    /** Bucket bounds of {@link #TRIAL_DURATION}: one second to a day. */
    static final Duration[] TRIAL_BUCKETS = {ofSeconds(1), ofSeconds(5), ofSeconds(15), ofSeconds(30), ofMinutes(1),
            ofMinutes(2), ofMinutes(5), ofMinutes(10), ofMinutes(30), ofHours(1), ofHours(2), ofHours(6), ofHours(12),
            ofHours(24)};
    /** Bucket bounds of {@link #EPOCH_DURATION}: 10 ms to 10 minutes. */
    static final Duration[] EPOCH_BUCKETS = {ofMillis(10), ofMillis(50), ofMillis(100), ofMillis(250), ofMillis(500),
            ofSeconds(1), ofMillis(2500), ofSeconds(5), ofSeconds(10), ofSeconds(30), ofMinutes(1), ofMinutes(2),
            ofMinutes(5), ofMinutes(10)};
    /** Bucket bounds of {@link #QUEUE_WAIT}: 100 ms to a day. */
    static final Duration[] WAIT_BUCKETS = {ofMillis(100), ofMillis(500), ofSeconds(1), ofSeconds(5), ofSeconds(15),
            ofSeconds(30), ofMinutes(1), ofMinutes(5), ofMinutes(15), ofMinutes(30), ofHours(1), ofHours(3),
            ofHours(12), ofHours(24)};

    private static final QueueMetrics NONE = new QueueMetrics(new CompositeMeterRegistry());

    private final MeterRegistry registry;

    /**
     * Instruments on {@code registry}; the finished counters are registered at zero at once, so that a rate over them
     * starts with the first trial.
     */
    public QueueMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        for (String kind : KINDS) {
            for (TrialState outcome : OUTCOMES) {
                if (!(kind.equals(REFIT) && outcome == TrialState.PRUNED)) { // refits are never pruned (V9 CHECK)
                    finishedCounter(kind, outcome);
                }
            }
        }
    }

    /** Metrics that go nowhere: for a queue nobody scrapes (tests, tools). */
    public static QueueMetrics none() {
        return NONE;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The {@code kind} label of a {@code trial.kind} column value ('SEARCH', 'REFIT'). */
    public static String kind(String column) {
        return column == null ? SEARCH : column.toLowerCase(Locale.ROOT);
    }

    /** The {@code kind} label of a claimed trial. */
    public static String kind(boolean refit) {
        return refit ? REFIT : SEARCH;
    }

    /** A trial was claimed for the first time, {@code waited} after it was queued. */
    public void claimed(String kind, Duration waited) {
        timer(QUEUE_WAIT, "time from queued to first claimed", WAIT_BUCKETS, "kind", kind)
                .record(nonNegative(waited));
    }

    /** One epoch of a trial was trained (validation included) in {@code took}. */
    public void epoch(String kind, Duration took) {
        timer(EPOCH_DURATION, "time to train one epoch, validation included", EPOCH_BUCKETS, "kind", kind)
                .record(nonNegative(took));
    }

    /**
     * A trial reached the final state {@code outcome}.
     *
     * @param ran how long its last attempt ran (claim to end); null when unknown (never claimed, or ended by the
     *            lease rescuer), then only the counter moves
     */
    public void finished(String kind, TrialState outcome, Duration ran) {
        if (!outcome.isFinal()) {
            throw new IllegalArgumentException("not a final state: " + outcome);
        }
        finishedCounter(kind, outcome).increment();
        if (ran != null) {
            timer(TRIAL_DURATION, "time from claim to end of a trial's last attempt", TRIAL_BUCKETS,
                    "outcome", label(outcome), "kind", kind).record(nonNegative(ran));
        }
    }

    /** What one rescuer pass did: trials requeued, failed and cancelled; zeros register the counters at zero. */
    public void rescued(int requeued, int failed, int cancelled) {
        rescueCounter("requeued").increment(requeued);
        rescueCounter("failed").increment(failed);
        rescueCounter("cancelled").increment(cancelled);
    }

    /** The {@code state} / {@code outcome} label of a trial state: its name in lower case. */
    public static String label(TrialState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private Counter finishedCounter(String kind, TrialState outcome) {
        return Counter.builder(FINISHED).description("trials that reached a final state, by outcome")
                .tag("outcome", label(outcome)).tag("kind", kind).register(registry);
    }

    private Counter rescueCounter(String result) {
        return Counter.builder(RESCUES)
                .description("expired leases the lease rescuer requeued, failed (last attempt) or cancelled")
                .tag("result", result).register(registry);
    }

    private Timer timer(String name, String description, Duration[] buckets, String... tags) {
        return Timer.builder(name).description(description).tags(tags).serviceLevelObjectives(buckets)
                .register(registry);
    }

    private static Duration nonNegative(Duration d) {
        // clocks of different hosts: a claim may look older than its queueing
        return d.isNegative() ? Duration.ZERO : d;
    }
}
