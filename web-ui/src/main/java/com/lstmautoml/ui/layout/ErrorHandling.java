package com.lstmautoml.ui.layout;

import com.lstmautoml.core.api.ForbiddenException;
import com.lstmautoml.core.api.UnauthorizedException;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ErrorHandler;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one handler of unexpected errors: logs them and shows a short notification, never a stack trace. Registered for
 * every session through {@code META-INF/services/com.vaadin.flow.server.VaadinServiceInitListener}, which the Quarkus
 * extension's instantiator reads (it adds Vaadin's ServiceLoader listeners to the CDI ones). Expected errors
 * (validation, not found, conflicts, forbidden) are handled by the views themselves; a ForbiddenException that gets
 * here shows its own message, an UnauthorizedException nothing (the browser is on its way to the sign-in page).
 */
public class ErrorHandling implements VaadinServiceInitListener {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandling.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(e -> e.getSession().setErrorHandler(HANDLER));
    }

    /** The handler itself (stateless, shared by all sessions). */
    public static final ErrorHandler HANDLER = new ErrorHandler() {
        @Override
        public void error(ErrorEvent event) {
            Throwable t = event.getThrowable();
            if (find(t, UnauthorizedException.class) != null) {
                // the session's user is gone: SessionCaller has sent the browser to the sign-in page already
                LOG.debug("Signed out in the middle of a request", t);
                return;
            }
            Throwable forbidden = find(t, ForbiddenException.class);
            if (forbidden == null) {
                LOG.error("Unexpected error in the dashboard", t);
            }
            UI ui = UI.getCurrent();
            if (ui == null) {
                return;
            }
            // a refused action a view did not catch: say why, it is no malfunction
            String message = forbidden != null ? forbidden.getMessage()
                    : "Something went wrong: " + summary(t) + " (details in the server log)";
            Notification n = new Notification(message, 8000, Notification.Position.BOTTOM_END);
            n.addThemeVariants(NotificationVariant.LUMO_ERROR);
            if (VaadinSession.getCurrent() != null && VaadinSession.getCurrent().hasLock()) {
                n.open();
            } else {
                ui.access(n::open);
            }
        }
    };

    /** The first throwable of type {@code type} in the cause chain of {@code t}, or null. */
    static Throwable find(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return c;
            }
        }
        return null;
    }

    /** The root cause's message, short; its class name when it has none. */
    static String summary(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        if (m == null || m.isBlank()) {
            m = root.getClass().getSimpleName();
        }
        return m.length() > 160 ? m.substring(0, 157) + "..." : m;
    }
}
