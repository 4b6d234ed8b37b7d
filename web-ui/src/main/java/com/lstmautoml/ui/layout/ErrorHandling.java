package com.lstmautoml.ui.layout;

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
 * (validation, not found, conflicts) are handled by the views themselves.
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
            LOG.error("Unexpected error in the dashboard", t);
            UI ui = UI.getCurrent();
            if (ui == null) {
                return;
            }
            String message = "Something went wrong: " + summary(t) + " (details in the server log)";
            Notification n = new Notification(message, 8000, Notification.Position.BOTTOM_END);
            n.addThemeVariants(NotificationVariant.LUMO_ERROR);
            if (VaadinSession.getCurrent() != null && VaadinSession.getCurrent().hasLock()) {
                n.open();
            } else {
                ui.access(n::open);
            }
        }
    };

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
