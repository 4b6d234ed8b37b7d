package com.lstmautoml.ui.security;

import com.vaadin.flow.server.VaadinSession;

import java.io.Serializable;
import java.util.Optional;

/**
 * Who signed in to this Vaadin session and the team they act in now (null: their first team), with the user's session
 * version at sign-in ({@link com.lstmautoml.core.api.Accounts.SignedIn#sessionVersion}: a password change elsewhere
 * ends this session). Only ids and the name live in the session; the role is looked up again for every call
 * ({@link SessionCaller}).
 */
public record SignedInUser(long userId, String username, Long teamId, long sessionVersion) implements Serializable {

    /** The session attribute that holds it. */
    public static final String ATTRIBUTE = SignedInUser.class.getName();

    public SignedInUser withTeam(Long team) {
        return new SignedInUser(userId, username, team, sessionVersion);
    }

    public SignedInUser withSessionVersion(long version) {
        return new SignedInUser(userId, username, teamId, version);
    }

    /** The user signed in to the current Vaadin session, if any. */
    public static Optional<SignedInUser> current() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session == null) {
            return Optional.empty();
        }
        return session.getAttribute(ATTRIBUTE) instanceof SignedInUser u ? Optional.of(u) : Optional.empty();
    }

    /** Stores the user in the current Vaadin session (no-op without one). */
    public static void store(SignedInUser user) {
        VaadinSession session = VaadinSession.getCurrent();
        if (session != null) {
            session.setAttribute(ATTRIBUTE, user);
        }
    }

    /** Forgets the signed-in user of the current Vaadin session. */
    public static void clear() {
        store(null);
    }

    /** This session changed the user's password: it goes on with the new session version (the others end). */
    public static void passwordChanged(long sessionVersion) {
        current().ifPresent(u -> store(u.withSessionVersion(sessionVersion)));
    }

    /** Makes {@code teamId} the team the signed-in user acts in from the next call on. */
    public static void switchTeam(long teamId) {
        current().ifPresent(u -> store(u.withTeam(teamId)));
    }
}
