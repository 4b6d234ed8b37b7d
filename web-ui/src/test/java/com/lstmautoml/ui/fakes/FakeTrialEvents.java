package com.lstmautoml.ui.fakes;

import com.lstmautoml.core.api.TrialEvents;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An event source the test fires by hand: {@link #trialChanged} and {@link #epochRecorded} call, on the test's thread,
 * the listeners that {@link TrialEvents}' contract says hear it (that experiment's and the all-experiments ones), at
 * once and uncoalesced.
 */
public final class FakeTrialEvents implements TrialEvents {

    /** A live subscription: the experiment it follows (null: all). */
    public record Sub(Long experimentId, Listener listener) {
    }

    public final List<Sub> subscriptions = new CopyOnWriteArrayList<>();

    @Override
    public Subscription subscribe(long experimentId, Listener listener) {
        return add(new Sub(experimentId, listener));
    }

    @Override
    public Subscription subscribeAll(Listener listener) {
        return add(new Sub(null, listener));
    }

    private Subscription add(Sub sub) {
        subscriptions.add(sub);
        return () -> subscriptions.remove(sub);
    }

    /** Trial {@code trialId}'s row (of experiment {@code experimentId}) changed: a claim, a result. */
    public void trialChanged(long experimentId, long trialId) {
        deliver(experimentId, new Changes(Set.of(experimentId), Set.of(trialId), Set.of(), false));
    }

    /** Trial {@code trialId} of experiment {@code experimentId} recorded an epoch. */
    public void epochRecorded(long experimentId, long trialId) {
        deliver(experimentId, new Changes(Set.of(), Set.of(), Set.of(trialId), false));
    }

    private void deliver(long experimentId, Changes changes) {
        for (Sub s : subscriptions) {
            if (s.experimentId() == null || s.experimentId() == experimentId) {
                s.listener().changed(changes);
            }
        }
    }

    /** The experiments followed by live subscriptions (null for "all"). */
    public List<Long> followed() {
        return subscriptions.stream().map(Sub::experimentId).toList();
    }
}
