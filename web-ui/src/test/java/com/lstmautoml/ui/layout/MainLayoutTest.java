package com.lstmautoml.ui.layout;

import com.lstmautoml.core.api.ForbiddenException;
import com.lstmautoml.core.api.Role;
import com.lstmautoml.core.api.UnauthorizedException;
import com.lstmautoml.ui.fakes.CurrentUi;
import com.lstmautoml.ui.fakes.FakeAccounts;
import com.lstmautoml.ui.fakes.Fixtures;
import com.lstmautoml.ui.fakes.TestSession;
import com.lstmautoml.ui.security.SessionCaller;
import com.lstmautoml.ui.security.SignedInUser;
import com.vaadin.flow.component.UI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class MainLayoutTest {

    @RegisterExtension
    final CurrentUi current = new CurrentUi();
    private final UI ui = current.ui;
    private final TestSession session = current.session;
    private final FakeAccounts accounts = FakeAccounts.withFixtureTeam();

    @BeforeEach
    void setUp() {
        accounts.team(20, "anomalies");
        accounts.join(20, "vic", Role.ADMIN);
    }

    private MainLayout as(String username, long userId) {
        SignedInUser.store(new SignedInUser(userId, username, Fixtures.TEAM, 0));
        MainLayout layout = new MainLayout(accounts, new SessionCaller(accounts));
        layout.refresh();
        return layout;
    }

    @Test
    void theNavbarShowsTheTeamsAndWhoIsSignedInWithWhichRole() {
        MainLayout layout = as("vic", 3);
        assertThat(layout.signedInAs.getText()).isEqualTo("signed in as vic (viewer)");
        assertThat(layout.team.getListDataView().getItems().map(t -> t.name()).toList())
                .containsExactly("anomalies", "forecasting");
        assertThat(layout.team.getValue().id()).isEqualTo(Fixtures.TEAM);
        assertThat(layout.newExperiment.isVisible()).isFalse(); // viewers start no experiments

        assertThat(as("bob", 2).newExperiment.isVisible()).isTrue();
    }

    @Test
    void pendingInvitationsShowAsABadgeUntilAnswered() {
        MainLayout layout = as("bob", 2);
        assertThat(layout.invitations.isVisible()).isFalse();
        accounts.invitations.add(new com.lstmautoml.core.api.Accounts.InvitationView(9, 20, "anomalies", "bob",
                "viewer", "vic", FakeAccounts.NOW));
        layout.refresh();
        assertThat(layout.invitations.isVisible()).isTrue();
        assertThat(layout.invitations.getText()).isEqualTo("1 invitation");

        accounts.acceptInvitation(new SessionCaller(accounts).get(), 9);
        layout.refresh();
        assertThat(layout.invitations.isVisible()).isFalse();
        // the team accepted is in the team select now
        assertThat(layout.team.getListDataView().getItems().map(t -> t.name()).toList())
                .containsExactly("anomalies", "forecasting");
    }

    @Test
    void switchingTheTeamStoresItInTheSession() {
        MainLayout layout = as("vic", 3);
        layout.team.setValue(layout.team.getListDataView().getItems().filter(t -> t.id() == 20).findFirst()
                .orElseThrow());
        assertThat(SignedInUser.current()).map(SignedInUser::teamId).contains(20L);
        layout.refresh();
        assertThat(layout.signedInAs.getText()).isEqualTo("signed in as vic (admin)");
    }

    @Test
    void signOutForgetsTheUserAndEndsTheSession() {
        as("vic", 3);
        MainLayout.signOut();
        assertThat(SignedInUser.current()).isEmpty();
        assertThat(session.invalidated).isTrue();
    }

    @Test
    void theErrorHandlerKnowsRefusalsAndSignOuts() {
        RuntimeException wrapped = new RuntimeException(new ForbiddenException("to promote models you need admin"));
        assertThat(ErrorHandling.find(wrapped, ForbiddenException.class)).hasMessageContaining("promote");
        assertThat(ErrorHandling.find(wrapped, UnauthorizedException.class)).isNull();
    }
}
