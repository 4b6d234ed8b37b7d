package com.lstmautoml.ui.layout;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;

/**
 * Live views refresh by UI polling: while a view is attached its UI polls every {@link #POLL_MS} and the view's
 * action runs on each poll; on detach the listener goes and polling stops. One place for what every live view does.
 */
public final class LiveUpdates {

    /** How often live views refresh. */
    public static final int POLL_MS = 2000;

    private Registration poll;

    /** Call from the view's {@code onAttach}. */
    public void start(AttachEvent event, Runnable action) {
        stop(event.getUI());
        event.getUI().setPollInterval(POLL_MS);
        poll = event.getUI().addPollListener(e -> action.run());
    }

    /** Call from the view's {@code onDetach}. */
    public void stop(DetachEvent event) {
        stop(event.getUI());
    }

    private void stop(UI ui) {
        if (poll != null) {
            poll.remove();
            poll = null;
        }
        ui.setPollInterval(-1);
    }
}
