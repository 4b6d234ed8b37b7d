package com.lstmautoml.ui.security;

import com.lstmautoml.core.api.Accounts;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.NotFoundException;
import com.lstmautoml.core.api.UnauthorizedException;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;

import java.util.Objects;

/**
 * The caller of the signed-in dashboard user: the user and team ids kept in the Vaadin session, resolved by
 * {@link Accounts#sessionCaller} afresh on every call, so a removed membership or a changed role counts at once, and
 * a password changed in another session ends this one.
 * <p>
 * When the user is no longer a member of the team they acted in, the caller falls back to the user's first team (and
 * remembers it). When nobody is signed in, or the user is gone or in no team, or their password was changed since
 * this session signed in, the session forgets the user, the
 * browser goes to the sign-in page and an {@link UnauthorizedException} aborts what was being done.
 * <p>
 * Not a CDI bean itself: the application registers it with a producer method.
 */
public class SessionCaller implements CurrentCaller {

    private final Accounts accounts;

    public SessionCaller(Accounts accounts) {
        this.accounts = Objects.requireNonNull(accounts);
    }

    @Override
    public Caller get() {
        SignedInUser user = SignedInUser.current().orElse(null);
        if (user == null) {
            throw signedOut("not signed in");
        }
        try {
            return resolve(user);
        } catch (UnauthorizedException e) {
            throw signedOut(e.getMessage());
        }
    }

    private Caller resolve(SignedInUser user) {
        Caller caller;
        try {
            caller = accounts.sessionCaller(user.userId(), user.teamId(), user.sessionVersion());
        } catch (NotFoundException e) {
            if (user.teamId() == null) {
                throw new UnauthorizedException("no team");
            }
            // removed from the team they acted in: go on in their first team
            caller = accounts.sessionCaller(user.userId(), null, user.sessionVersion());
            if (UI.getCurrent() != null) {
                Notification.show("You are no longer a member of the team you worked in: now in team "
                        + caller.teamName(), 8000, Notification.Position.MIDDLE);
            }
        }
        if (user.teamId() == null || caller.teamId() != user.teamId()) {
            SignedInUser.store(user.withTeam(caller.teamId()));
        }
        return caller;
    }

    /** Forgets the user and sends the browser to the sign-in page (a full load: works in the middle of a navigation too). */
    static UnauthorizedException signedOut(String why) {
        SignedInUser.clear();
        UI ui = UI.getCurrent();
        if (ui != null) {
            ui.getPage().setLocation(LoginView.ROUTE);
        }
        return new UnauthorizedException(why);
    }
}
