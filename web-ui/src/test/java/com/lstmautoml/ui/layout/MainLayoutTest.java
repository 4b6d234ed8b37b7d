package com.lstmautoml.ui.layout;

import com.lstmautoml.core.api.ForbiddenException;
import com.lstmautoml.core.api.Role;
import com.lstmautoml.core.api.UnauthorizedException;
import com.lstmautoml.ui.fakes.FakeAccounts;
import com.lstmautoml.ui.fakes.Fixtures;
import com.lstmautoml.ui.fakes.TestSession;
import com.lstmautoml.ui.security.SessionCaller;
import com.lstmautoml.ui.security.SignedInUser;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MainLayoutTest {

    private final UI ui = new UI();
    private final TestSession session = new TestSession();
    private final FakeAccounts accounts = FakeAccounts.withFixtureTeam();

    @BeforeEach
    void setUp() {
        UI.setCurrent(ui); // held in fields: CurrentInstance keeps only weak references
        VaadinSession.setCurrent(session);
        ui.getInternals().setSession(session);
        accounts.team(20, "anomalies");
        accounts.join(20, "vic", Role.ADMIN);
    }

    @AfterEach
    void tearDown() {
        UI.setCurrent(null);
        VaadinSession.setCurrent(null);
    }

    private MainLayout as(String username, long userId) {
        SignedInUser.store(new SignedInUser(userId, username, Fixtures.TEAM));
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
