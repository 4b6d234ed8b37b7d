package com.lstmautoml.ui.team;

import com.lstmautoml.core.api.Accounts;
import com.lstmautoml.core.api.Accounts.InvitationView;
import com.lstmautoml.core.api.Role;
import com.lstmautoml.ui.fakes.CurrentUi;
import com.lstmautoml.ui.fakes.FakeAccounts;
import com.lstmautoml.ui.fakes.Fixtures;
import com.lstmautoml.ui.security.CurrentCaller;
import com.lstmautoml.ui.security.SessionCaller;
import com.lstmautoml.ui.security.SignedInUser;
import com.vaadin.flow.component.button.Button;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MyInvitationsTest {

    @RegisterExtension
    final CurrentUi current = new CurrentUi();
    private final FakeAccounts accounts = FakeAccounts.withFixtureTeam();
    private CurrentCaller caller;

    @BeforeEach
    void invitedToAnomalies() {
        accounts.team(20, "anomalies");
        accounts.join(20, "ann", Role.ADMIN);
        accounts.invitations.add(new InvitationView(7, 20, "anomalies", "vic", "member", "ann", FakeAccounts.NOW));
        accounts.invitations.add(new InvitationView(8, 20, "anomalies", "bob", "viewer", "ann", FakeAccounts.NOW));
        SignedInUser.store(new SignedInUser(3, "vic", Fixtures.TEAM, 0));
        caller = new SessionCaller(accounts);
    }

    @Test
    void theUserSeesOnlyTheirOwnInvitationsAndAcceptJoinsTheTeam() {
        MyInvitations panel = new TeamView(accounts, caller, Fixtures.CLOCK).mine; // the view answers its events
        List<MyInvitations.AnswerEvent> events = new ArrayList<>();
        panel.addAnswerListener(events::add);
        assertThat(panel.isVisible()).isTrue();
        assertThat(panel.shown).extracting(InvitationView::id).containsExactly(7L);
        // nothing changed before the answer
        assertThat(accounts.memberList(20)).doesNotContain("vic");

        Button accept = (Button) panel.rows.getComponentAt(0).getChildren()
                .filter(c -> c.getId().orElse("").equals("accept-invitation-7")).findFirst().orElseThrow();
        accept.click();

        assertThat(accounts.invitationCalls).containsExactly("accept 7");
        assertThat(accounts.memberList(20)).contains("vic:member");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.accepted()).isTrue();
            assertThat(e.invitation().id()).isEqualTo(7);
        });
        assertThat(panel.isVisible()).isFalse();
        // the user's teams (the navbar's team select) have the new team
        assertThat(accounts.teams(caller.get()).stream().map(Accounts.TeamView::name))
                .containsExactly("anomalies", "forecasting");
    }

    @Test
    void declineRemovesTheInvitationAndJoinsNothing() {
        MyInvitations panel = new TeamView(accounts, caller, Fixtures.CLOCK).mine;
        List<MyInvitations.AnswerEvent> events = new ArrayList<>();
        panel.addAnswerListener(events::add);
        panel.decline(panel.shown.get(0));

        assertThat(accounts.invitationCalls).containsExactly("decline 7");
        assertThat(accounts.memberList(20)).doesNotContain("vic");
        assertThat(accounts.invitations).extracting(InvitationView::id).containsExactly(8L);
        assertThat(events).singleElement().satisfies(e -> assertThat(e.accepted()).isFalse());
        assertThat(panel.isVisible()).isFalse();
    }

    @Test
    void thePanelAloneOnlyAsks() {
        MyInvitations panel = new MyInvitations();
        List<MyInvitations.AnswerEvent> events = new ArrayList<>();
        panel.addAnswerListener(events::add);
        panel.show(accounts.myInvitations(caller.get()));
        panel.accept(panel.shown.get(0));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.accepted()).isTrue();
            assertThat(e.invitation().id()).isEqualTo(7);
        });
        assertThat(accounts.invitationCalls).isEmpty();
        assertThat(accounts.memberList(20)).doesNotContain("vic");
    }

    @Test
    void theTeamPageShowsPendingInvitationsToEveryone() {
        TeamView view = new TeamView(accounts, caller, Fixtures.CLOCK); // vic is a viewer
        assertThat(view.mine.isVisible()).isTrue();
        assertThat(view.mine.shown).extracting(InvitationView::id).containsExactly(7L);
        view.mine.accept(view.mine.shown.get(0));
        assertThat(accounts.memberList(20)).contains("vic:member");
        assertThat(view.mine.isVisible()).isFalse();
        // without invitations the panel is hidden
        SignedInUser.store(new SignedInUser(1, "ann", Fixtures.TEAM, 0));
        assertThat(new TeamView(accounts, caller, Fixtures.CLOCK).mine.isVisible()).isFalse();
    }
}
