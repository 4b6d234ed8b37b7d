package com.lstmautoml.ui.security;

import com.lstmautoml.core.api.Accounts;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.UnauthorizedException;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinSession;

import java.util.Objects;
import java.util.Optional;

/**
 * Sign-in: username (of any case) and password checked by {@link Accounts#signIn} with the client's address (repeated
 * failures of a username or from an address slow sign-ins down); on success the session id is rotated, the user
 * stored in the session and the browser goes on to the page first asked for (the experiments by default). A wrong
 * username or password shows the form's error, never saying which of the two was wrong.
 */
@Route(LoginView.ROUTE)
@PageTitle("Sign in · LSTM AutoML")
public class LoginView extends VerticalLayout {

    public static final String ROUTE = "login";

    private final Accounts accounts;
    final LoginForm form = new LoginForm();

    public LoginView(Accounts accounts) {
        this.accounts = accounts;
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
        form.setI18n(i18n());
        form.setForgotPasswordButtonVisible(false);
        form.addLoginListener(e -> signIn(e.getUsername(), e.getPassword()));
        H1 title = new H1("LSTM AutoML");
        title.getStyle().set("font-size", "var(--lumo-font-size-xxl)").set("margin", "0");
        add(title, form);
    }

    private static LoginI18n i18n() {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("Sign in");
        i18n.getErrorMessage().setTitle("Incorrect username or password");
        i18n.getErrorMessage().setMessage("Check that you entered the right username and password and try again."
                + " Repeated failures slow sign-in down: after a few, each further failure makes the next attempt wait"
                + " longer (1 second, then 2, 4 and so on), and an attempt made too soon fails like a wrong password.");
        return i18n;
    }

    /** Checks the credentials; true when the user is signed in now. */
    boolean signIn(String username, String password) {
        Optional<Accounts.SignedIn> signedIn = accounts.signIn(username, password, clientAddress());
        if (signedIn.isEmpty()) {
            form.setI18n(i18n());
            form.setError(true);
            return false;
        }
        Caller caller;
        try {
            caller = accounts.sessionCaller(signedIn.get().userId(), null, signedIn.get().sessionVersion());
        } catch (UnauthorizedException e) {
            form.showErrorMessage("No team", "Your account belongs to no team any more: ask a team admin to add you.");
            return false;
        }
        VaadinRequest request = VaadinService.getCurrentRequest();
        if (request != null) {
            // a new session id once signed in (session fixation); the Vaadin session and its attributes move along
            VaadinService.reinitializeSession(request);
        }
        SignedInUser.store(new SignedInUser(signedIn.get().userId(), signedIn.get().username(), caller.teamId(),
                signedIn.get().sessionVersion()));
        Location next = new Location(Objects.requireNonNullElse(takeRequestedPath(), ""));
        getUI().ifPresent(ui -> ui.navigate(next.getPath(), next.getQueryParameters()));
        return true;
    }

    /** The address the sign-in came from (for the throttle and the log); null outside a request. */
    String clientAddress() {
        VaadinRequest request = VaadinService.getCurrentRequest();
        return request == null ? null : request.getRemoteAddr();
    }

    /** The page asked for before the sign-in (remembered by {@link SignInGuard}), forgotten once read. */
    private static String takeRequestedPath() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session == null) {
            return null;
        }
        Object path = session.getAttribute(SignInGuard.REQUESTED_PATH);
        session.setAttribute(SignInGuard.REQUESTED_PATH, null);
        return path == null || path.toString().equals(ROUTE) ? null : path.toString();
    }
}
