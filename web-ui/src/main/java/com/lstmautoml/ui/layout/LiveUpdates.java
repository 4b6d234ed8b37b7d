package com.lstmautoml.ui.layout;

import com.lstmautoml.core.api.TrialEvents;
import com.lstmautoml.core.api.TrialEvents.Changes;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.shared.Registration;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a live view stays current, one place for all of them: while it is attached it is subscribed to
 * {@link TrialEvents} for what it shows, and each delivery runs the view's action inside {@link UI#access}, so the
 * change reaches the browser by server push ({@link AppShell}) with no request from it. A slow poll
 * ({@link #FALLBACK_POLL_MS}) runs the action too, with {@link Changes#EVERYTHING}: it catches what an announcement
 * missed (a lost push connection, a database outage the event source has not noticed yet, a change committed between
 * the view's first read and its attach). On detach the subscription and the poll end.
 *
 * <p>The view says what to follow ({@link #follow(long)} an experiment, {@link #followAll()}) and may change it while
 * attached (a view reused for another experiment), and whether epochs matter to it ({@link #rowsAndEpochs}: a loss
 * curve) or only changes of rows ({@link #rows}: states and results; a delivery of epochs alone does not wake it). The
 * action gets what changed; it runs on the UI with the session locked, like any listener.
 */
public final class LiveUpdates {

    /** The fallback poll's interval: a view refreshes at least this often, announced or not. */
    public static final int FALLBACK_POLL_MS = 30_000;

    /** {@link #target} for every experiment (ids are positive). */
    private static final Long ALL = -1L;

    private final TrialEvents events;
    private final boolean epochs;
    private final Consumer<Changes> action;
    /** What to follow: an experiment's id, {@link #ALL}, or null (nothing yet). */
    private Long target;
    private UI ui;
    private TrialEvents.Subscription subscription;
    private Registration poll;
    private int pollMs = FALLBACK_POLL_MS;

    private LiveUpdates(Component view, TrialEvents events, boolean epochs, Consumer<Changes> action) {
        this.events = Objects.requireNonNull(events, "events");
        this.epochs = epochs;
        this.action = Objects.requireNonNull(action, "action");
        view.addAttachListener(this::attach);
        view.addDetachListener(this::detach);
    }

    /**
     * While {@code view} is attached, runs {@code action} after changes of experiment or trial rows (states,
     * results), not after epochs alone.
     */
    public static LiveUpdates rows(Component view, TrialEvents events, Consumer<Changes> action) {
        return new LiveUpdates(view, events, false, action);
    }

    /** While {@code view} is attached, runs {@code action} after changes of rows and after epochs recorded. */
    public static LiveUpdates rowsAndEpochs(Component view, TrialEvents events, Consumer<Changes> action) {
        return new LiveUpdates(view, events, true, action);
    }

    /** From now on, follows experiment {@code experimentId}: its row and its trials (no-op when it does already). */
    public void follow(long experimentId) {
        follow(Long.valueOf(experimentId));
    }

    /**
     * Polls every {@code ms} from now on, for what arrives without an event (a trial's samples, written after it
     * ended); {@link #FALLBACK_POLL_MS} again once it has arrived.
     */
    public void pollEvery(int ms) {
        pollMs = ms;
        if (ui != null) {
            ui.setPollInterval(ms);
        }
    }

    /** From now on, follows every experiment. */
    public void followAll() {
        follow(ALL);
    }

    private void follow(Long next) {
        if (!next.equals(target)) {
            target = next;
            resubscribe();
        }
    }

    /** The view was attached: subscribes and starts the fallback poll. */
    private void attach(AttachEvent event) {
        release();
        ui = event.getUI();
        resubscribe();
        ui.setPollInterval(pollMs);
        poll = ui.addPollListener(e -> action.accept(Changes.EVERYTHING));
    }

    /** The view was detached: the subscription and the poll end. */
    private void detach(DetachEvent event) {
        release();
        event.getUI().setPollInterval(-1);
    }

    private void resubscribe() {
        if (subscription != null) {
            subscription.cancel();
            subscription = null;
        }
        if (ui == null || target == null) {
            return;
        }
        UI on = ui;
        TrialEvents.Listener listener = changes -> deliver(on, changes);
        subscription = ALL.equals(target) ? events.subscribeAll(listener) : events.subscribe(target, listener);
    }

    /** On the event source's thread: hands the changes to the UI, which runs the action when it has the lock. */
    private void deliver(UI on, Changes changes) {
        if (!epochs && changes.epochsOnly()) {
            return;
        }
        try {
            on.access(() -> action.accept(changes));
        } catch (UIDetachedException gone) {
            // the browser went away before the view's detach: the detach cancels the subscription
        }
    }

    private void release() {
        if (subscription != null) {
            subscription.cancel();
            subscription = null;
        }
        if (poll != null) {
            poll.remove();
            poll = null;
        }
        ui = null;
    }
}
