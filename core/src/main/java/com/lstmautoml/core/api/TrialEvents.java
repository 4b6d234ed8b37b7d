package com.lstmautoml.core.api;

import java.util.Objects;
import java.util.Set;

/**
 * Committed changes of experiments and their trials, whichever process wrote them: for views that show them live.
 *
 * <p>The contract, for every implementation:
 * <ul>
 *   <li>A listener learns <em>that</em> something changed, never what it now is: it re-reads through the services.
 *   So a late, duplicated or merged delivery is harmless.</li>
 *   <li>Deliveries are coalesced: a listener is called at most a few times a second however many epochs are
 *   recorded, with every change since its last call in one {@link Changes}.</li>
 *   <li>A listener is called on a thread of the event source, never the subscriber's, one call at a time per
 *   subscription; after {@link Subscription#cancel()} no call starts (one under way may finish).</li>
 *   <li>Changes can be missed (the database was unreachable): the source then says so with
 *   {@link Changes#everything()} once it hears changes again, and views still poll slowly besides.</li>
 * </ul>
 */
public interface TrialEvents {

    /** Calls {@code listener} after changes of experiment {@code experimentId} or of any of its trials. */
    Subscription subscribe(long experimentId, Listener listener);

    /** Calls {@code listener} after changes of any experiment (the experiment history). */
    Subscription subscribeAll(Listener listener);

    @FunctionalInterface
    interface Listener {
        void changed(Changes changes);
    }

    /** Ends a subscription; cancelling twice is harmless. */
    @FunctionalInterface
    interface Subscription {
        void cancel();
    }

    /**
     * What changed since the listener's last call.
     *
     * @param experiments the experiments whose row or whose trials' rows changed (recording an epoch does not count)
     * @param trials      the trials whose row changed (inserted, state or results written)
     * @param epochs      the trials that recorded epochs
     * @param everything  changes may have been missed: anything may have changed
     */
    record Changes(Set<Long> experiments, Set<Long> trials, Set<Long> epochs, boolean everything) {

        /** Anything may have changed (after an outage of the event source, or a fallback poll). */
        public static final Changes EVERYTHING = new Changes(Set.of(), Set.of(), Set.of(), true);

        public Changes {
            experiments = Set.copyOf(Objects.requireNonNull(experiments, "experiments"));
            trials = Set.copyOf(Objects.requireNonNull(trials, "trials"));
            epochs = Set.copyOf(Objects.requireNonNull(epochs, "epochs"));
        }

        /** Whether trial {@code trialId} may have changed: its row, or its epochs. */
        public boolean touchesTrial(long trialId) {
            return everything || trials.contains(trialId) || epochs.contains(trialId);
        }

        /** Whether experiment {@code experimentId} may have changed: its row, or a row of its trials. */
        public boolean touchesExperiment(long experimentId) {
            return everything || experiments.contains(experimentId);
        }

        /** Whether only epochs were recorded: no experiment or trial row changed. */
        public boolean epochsOnly() {
            return !everything && experiments.isEmpty() && trials.isEmpty();
        }
    }
}
