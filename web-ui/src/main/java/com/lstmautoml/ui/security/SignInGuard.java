package com.lstmautoml.ui.security;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;

import java.util.Optional;

/**
 * Nobody sees a page of the dashboard without signing in: every UI gets a listener that forwards to {@link LoginView}
 * when the session has no signed-in user (the login view itself excepted), remembering the page asked for. Registered
 * through {@code META-INF/services/com.vaadin.flow.server.VaadinServiceInitListener}, like {@code ErrorHandling}.
 */
public class SignInGuard implements VaadinServiceInitListener {

    /** Session attribute: the path (with query) asked for before signing in. */
    public static final String REQUESTED_PATH = "automl.requestedPath";

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(e -> e.getUI().addBeforeEnterListener(SignInGuard::beforeEnter));
    }

    static void beforeEnter(BeforeEnterEvent event) {
        decide(event.getNavigationTarget(), SignedInUser.current().isPresent()).ifPresent(target -> {
            VaadinSession session = VaadinSession.getCurrent();
            if (session != null) {
                session.setAttribute(REQUESTED_PATH, event.getLocation().getPathWithQueryParameters());
            }
            event.forwardTo(target);
        });
    }

    /** Where to send a navigation to {@code target} instead; empty: let it through. */
    static Optional<Class<LoginView>> decide(Class<?> target, boolean signedIn) {
        if (signedIn || LoginView.class.equals(target)) {
            return Optional.empty();
        }
        return Optional.of(LoginView.class);
    }
}
