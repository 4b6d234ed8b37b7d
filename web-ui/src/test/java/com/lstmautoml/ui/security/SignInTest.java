package com.lstmautoml.ui.security;

import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.Role;
import com.lstmautoml.core.api.UnauthorizedException;
import com.lstmautoml.ui.experiments.ExperimentsView;
import com.lstmautoml.ui.fakes.CurrentUi;
import com.lstmautoml.ui.fakes.FakeAccounts;
import com.lstmautoml.ui.fakes.Fixtures;
import com.lstmautoml.ui.fakes.TestSession;
import com.lstmautoml.ui.layout.MainLayout;
import com.lstmautoml.ui.team.TeamView;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.login.AbstractLogin;
import com.vaadin.flow.server.VaadinSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** LoginView, the guard's decision and the session's caller, against fake accounts and a bare session. */
class SignInTest {

    @RegisterExtension
    final CurrentUi current = new CurrentUi();
    private final UI ui = current.ui;
    private final TestSession session = current.session;
    private final FakeAccounts accounts = FakeAccounts.withFixtureTeam();

    private static void login(LoginView view, String username, String password) {
        ComponentUtil.fireEvent(view.form, new AbstractLogin.LoginEvent(view.form, true, username, password));
    }

    /** The texts the login form shows, error message included (as sent to the browser). */
    private static String i18n(LoginView view) {
        return String.valueOf(view.form.getElement().getPropertyRaw("i18n"));
    }

    @Test
    void rightCredentialsStoreTheUserAndTheirFirstTeamInTheSession() {
        session.setAttribute(SignInGuard.REQUESTED_PATH, "experiments/7");
        LoginView view = new LoginView(accounts);
        login(view, "bob", "secret-bob");

        assertThat(session.getAttribute(SignedInUser.ATTRIBUTE)).isEqualTo(new SignedInUser(2, "bob", Fixtures.TEAM, 0));
        assertThat(SignedInUser.current()).map(SignedInUser::username).contains("bob");
        assertThat(view.form.isError()).isFalse();
        assertThat(session.getAttribute(SignInGuard.REQUESTED_PATH)).isNull(); // taken once
    }

    @Test
    void wrongCredentialsShowTheFormsErrorAndStoreNothing() {
        LoginView view = new LoginView(accounts);
        login(view, "bob", "wrong");

        assertThat(view.form.isError()).isTrue();
        String shown = i18n(view);
        assertThat(shown).contains("Incorrect username or password");
        assertThat(session.getAttribute(SignedInUser.ATTRIBUTE)).isNull();

        // an unknown user reads exactly the same
        login(view, "nobody", "wrong");
        assertThat(view.form.isError()).isTrue();
        assertThat(i18n(view)).isEqualTo(shown);
        assertThat(session.getAttribute(SignedInUser.ATTRIBUTE)).isNull();
        assertThat(accounts.signIns).containsExactly("bob", "nobody");
    }

    @Test
    void theSignInCarriesTheClientsAddressAndTheErrorTellsOfTheSlowDown() {
        LoginView view = new LoginView(accounts) {
            @Override
            String clientAddress() {
                return "203.0.113.9";
            }
        };
        login(view, "bob", "wrong");
        assertThat(accounts.signInAddresses).containsExactly("203.0.113.9");
        assertThat(i18n(view)).contains("Repeated failures slow sign-in down").doesNotContain("15 minutes");
        // outside a request the address is unknown
        new LoginView(accounts).signIn("bob", "secret-bob");
        assertThat(accounts.signInAddresses).containsExactly("203.0.113.9", null);
    }

    @Test
    void changingThePasswordEndsTheUsersOtherSessionsButNotThisOne() {
        TestSession other = new TestSession();
        other.setAttribute(SignedInUser.ATTRIBUTE, new SignedInUser(2, "bob", Fixtures.TEAM, 0));
        SignedInUser.store(new SignedInUser(2, "bob", Fixtures.TEAM, 0));
        SessionCaller current = new SessionCaller(accounts);
        ChangePasswordDialog d = new MainLayout(accounts, current).openChangePassword();
        d.current.setValue("secret-bob");
        d.next.setValue("longenough");
        d.repeat.setValue("longenough");
        assertThat(d.save()).isTrue();
        // this session goes on with the new version
        assertThat(SignedInUser.current()).map(SignedInUser::sessionVersion).contains(1L);
        assertThat(current.get().username()).isEqualTo("bob");
        // the other one is refused and forgets its user
        VaadinSession.setCurrent(other);
        try {
            assertThatThrownBy(current::get).isInstanceOf(UnauthorizedException.class)
                    .hasMessageContaining("password was changed");
            assertThat(other.getAttribute(SignedInUser.ATTRIBUTE)).isNull();
        } finally {
            VaadinSession.setCurrent(session);
        }
        // a new sign-in there gets the new version
        login(new LoginView(accounts), "bob", "longenough");
        assertThat(SignedInUser.current()).map(SignedInUser::sessionVersion).contains(1L);
    }

    @Test
    void aUserInNoTeamCannotSignIn() {
        accounts.user(9, "lonely");
        LoginView view = new LoginView(accounts);
        assertThat(view.signIn("lonely", "secret-lonely")).isFalse();
        assertThat(view.form.isError()).isTrue();
        assertThat(session.getAttribute(SignedInUser.ATTRIBUTE)).isNull();
    }

    @Test
    void theGuardSendsTheSignedOutToTheLoginViewAndLetsTheLoginViewThrough() {
        assertThat(SignInGuard.decide(ExperimentsView.class, false)).contains(LoginView.class);
        assertThat(SignInGuard.decide(TeamView.class, false)).contains(LoginView.class);
        assertThat(SignInGuard.decide(LoginView.class, false)).isEmpty();
        assertThat(SignInGuard.decide(ExperimentsView.class, true)).isEmpty();
        assertThat(SignInGuard.decide(LoginView.class, true)).isEmpty();
    }

    @Test
    void theSessionCallerIsResolvedFreshOnEveryCall() {
        SessionCaller current = new SessionCaller(accounts);
        SignedInUser.store(new SignedInUser(2, "bob", Fixtures.TEAM, 0));
        Caller bob = current.get();
        assertThat(bob.username()).isEqualTo("bob");
        assertThat(bob.role()).isEqualTo(Role.MEMBER);

        accounts.join(Fixtures.TEAM, "bob", Role.ADMIN);
        assertThat(current.get().role()).isEqualTo(Role.ADMIN); // a new role counts at once
        assertThat(accounts.userCallerCalls).isEqualTo(2);
    }

    @Test
    void removedFromTheCurrentTeamTheCallerFallsBackToAnotherTeam() {
        accounts.team(20, "anomalies");
        accounts.join(20, "bob", Role.VIEWER);
        SignedInUser.store(new SignedInUser(2, "bob", Fixtures.TEAM, 0));
        accounts.memberships.get(Fixtures.TEAM).remove("bob");

        Caller bob = new SessionCaller(accounts).get();
        assertThat(bob.teamId()).isEqualTo(20);
        assertThat(SignedInUser.current()).map(SignedInUser::teamId).contains(20L);
    }

    @Test
    void withoutAUserOrATeamTheSessionForgetsTheUser() {
        SessionCaller current = new SessionCaller(accounts);
        assertThatThrownBy(current::get).isInstanceOf(UnauthorizedException.class);

        SignedInUser.store(new SignedInUser(2, "bob", Fixtures.TEAM, 0));
        accounts.memberships.get(Fixtures.TEAM).remove("bob"); // bob is in no team now
        assertThatThrownBy(current::get).isInstanceOf(UnauthorizedException.class);
        assertThat(session.getAttribute(SignedInUser.ATTRIBUTE)).isNull();
    }

    @Test
    void changePasswordShowsTheServicesErrorsAtTheFields() {
        SignedInUser.store(new SignedInUser(2, "bob", Fixtures.TEAM, 0));
        ChangePasswordDialog d = new MainLayout(accounts, new SessionCaller(accounts)).openChangePassword();
        d.current.setValue("wrong");
        d.next.setValue("longenough");
        d.repeat.setValue("longenough");
        assertThat(d.save()).isFalse();
        assertThat(d.current.isInvalid()).isTrue();
        assertThat(d.current.getErrorMessage()).isEqualTo("is not your current password");

        d.current.setValue("secret-bob");
        d.repeat.setValue("different");
        assertThat(d.save()).isFalse();
        assertThat(d.repeat.isInvalid()).isTrue();
        assertThat(accounts.passwordChanges).isEmpty();

        d.repeat.setValue("longenough");
        assertThat(d.save()).isTrue();
        assertThat(d.current.isInvalid()).isFalse();
        assertThat(accounts.passwordChanges).containsExactly("bob");
    }
}
