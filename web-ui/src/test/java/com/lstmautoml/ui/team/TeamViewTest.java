package com.lstmautoml.ui.team;

import com.lstmautoml.core.api.Accounts;
import com.lstmautoml.core.api.Accounts.MemberView;
import com.lstmautoml.core.api.Accounts.TokenView;
import com.lstmautoml.core.api.Role;
import com.lstmautoml.ui.fakes.CurrentUi;
import com.lstmautoml.ui.fakes.FakeAccounts;
import com.lstmautoml.ui.fakes.Fixtures;
import com.lstmautoml.ui.fakes.TestSession;
import com.lstmautoml.ui.security.CurrentCaller;
import com.lstmautoml.ui.security.SessionCaller;
import com.lstmautoml.ui.security.SignedInUser;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class TeamViewTest {

    @RegisterExtension
    final CurrentUi current = new CurrentUi();
    private final UI ui = current.ui;
    private final TestSession session = current.session;
    private final FakeAccounts accounts = FakeAccounts.withFixtureTeam();

    /** The view as {@code username} signed in to the fixture team sees it. */
    private TeamView as(String username, long userId) {
        SignedInUser.store(new SignedInUser(userId, username, Fixtures.TEAM, 0));
        CurrentCaller caller = new SessionCaller(accounts);
        return new TeamView(accounts, caller, Fixtures.CLOCK);
    }

    private static Stream<Component> descendants(Component c) {
        return Stream.concat(Stream.of(c), c.getChildren().flatMap(TeamViewTest::descendants));
    }

    private static <T extends Component> List<T> find(Component root, Class<T> type) {
        return descendants(root).filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void lastSignInAndLastUseAreMeasuredFromTheInjectedClock() {
        TeamView view = as("ann", 1);
        // the fixed clock's now is 2024-06-01T12:00:00Z
        assertThat(view.sinceNow(java.time.Instant.parse("2024-06-01T11:55:00Z"))).isEqualTo("5 min ago");
        assertThat(view.sinceNow(java.time.Instant.parse("2024-05-30T12:00:00Z"))).isEqualTo("2 d ago");
        assertThat(view.sinceNow(null)).isEqualTo("never");
    }

    @Test
    void adminsGetTheMemberControlsAndTheTokens() {
        accounts.tokens.add(new TokenView(5, "nightly", "member", "lat_5_", "ann", FakeAccounts.NOW, null, null));
        TeamView view = as("ann", 1);

        assertThat(view.members.inviteForm.isVisible()).isTrue();
        assertThat(view.members.grid.getColumnByKey("remove")).isNotNull();
        assertThat(view.members.roleEditor(new MemberView("bob", "member", FakeAccounts.NOW, null)).getValue())
                .isEqualTo(Role.MEMBER);
        assertThat(view.tokens.isVisible()).isTrue();
        assertThat(view.tokens.getParent()).isPresent();
        assertThat(view.tokens.grid.getGenericDataView().getItems().map(TokenView::name).toList())
                .containsExactly("nightly");
        assertThat(view.members.grid.getGenericDataView().getItems().map(MemberView::username).toList())
                .containsExactly("ann", "bob", "vic");
    }

    @Test
    void viewersSeeTheMembersReadOnlyAndNoTokens() {
        TeamView view = as("vic", 3);

        assertThat(view.members.inviteForm.isVisible()).isFalse();
        assertThat(view.members.grid.getColumnByKey("remove")).isNull();
        assertThat(view.members.grid.getColumnByKey("role")).isNotNull();
        assertThat(view.tokens.isVisible()).isFalse();
        assertThat(view.tokens.getParent()).isEmpty();
        assertThat(view.members.grid.getGenericDataView().getItems().count()).isEqualTo(3);
        // members may not manage either
        assertThat(as("bob", 2).members.inviteForm.isVisible()).isFalse();
    }

    @Test
    void aNewTokensSecretShowsOnceInADialog() {
        TeamView view = as("ann", 1);
        Dialog form = view.openNewTokenDialog();
        @SuppressWarnings("unchecked")
        Select<Role> role = find(form, Select.class).get(0);
        assertThat(role.getListDataView().getItems().toList()).containsExactly(Role.VIEWER, Role.MEMBER, Role.ADMIN);
        find(form, TextField.class).get(0).setValue("nightly-retrain");
        role.setValue(Role.MEMBER);
        ((NewTokenDialog) form).create.click();

        String secret = accounts.lastSecret;
        assertThat(secret).isNotBlank();
        assertThat(form.isOpened()).isFalse();
        Dialog shown = view.lastDialog;
        assertThat(shown).isNotSameAs(form);
        assertThat(shown.isOpened()).isTrue();
        assertThat(shown.getHeaderTitle()).contains("nightly-retrain");
        assertThat(find(shown, TextField.class)).extracting(TextField::getValue).containsExactly(secret);
        assertThat(descendants(shown).anyMatch(c -> c.getElement().getText().contains("won't be shown again")))
                .isTrue();
        // the list shows the prefix only
        TokenView listed = view.tokens.grid.getGenericDataView().getItems().findFirst().orElseThrow();
        assertThat(listed.name()).isEqualTo("nightly-retrain");
        assertThat(listed.role()).isEqualTo("member");
        assertThat(listed.toString()).doesNotContain(secret);

        shown.close();
        assertThat(find(shown, TextField.class)).noneMatch(f -> secret.equals(f.getValue()));
    }

    @Test
    void inviteCreatesAPendingInvitationOnlyAndAdminsRevokeIt() {
        TeamView view = as("ann", 1);
        assertThat(view.members.invite.getText()).isEqualTo("Invite");
        assertThat(view.pending.isVisible()).isFalse();
        view.members.memberName.setValue("carl");
        view.members.memberRole.setValue(Role.VIEWER);
        view.members.invite.click();

        assertThat(accounts.invitationCalls).containsExactly("invite carl:viewer");
        // not a member: only pending, listed for the admin
        assertThat(accounts.memberList(Fixtures.TEAM)).doesNotContain("carl");
        assertThat(view.pending.isVisible()).isTrue();
        List<Accounts.InvitationView> pending = view.pending.grid.getGenericDataView().getItems().toList();
        assertThat(pending).extracting(Accounts.InvitationView::username).containsExactly("carl");
        assertThat(view.members.memberName.getValue()).isEmpty();
        assertThat(view.lastDialog).isNull(); // no password for an invitation

        view.pending.revoke(pending.get(0));
        assertThat(accounts.invitationCalls).containsExactly("invite carl:viewer", "revoke " + pending.get(0).id());
        assertThat(accounts.invitations).isEmpty();
        assertThat(view.pending.isVisible()).isFalse();
        // members and viewers get no pending list
        assertThat(as("bob", 2).pending).isNull();
    }

    @Test
    void creatingATakenNameIsShownAtTheField() {
        TeamView view = as("ann", 1);
        view.members.memberName.setValue("bob");
        view.members.newAccount.setValue(true);
        view.members.invite.click();
        assertThat(view.members.memberName.isInvalid()).isTrue();
        assertThat(view.members.memberName.getErrorMessage()).contains("invite it instead");
    }

    @Test
    void aNewUsersInitialPasswordShowsOnce() {
        TeamView view = as("ann", 1);
        view.members.memberName.setValue("dora");
        view.members.memberRole.setValue(Role.VIEWER);
        view.members.newAccount.setValue(true);
        assertThat(view.members.invite.getText()).isEqualTo("Create");
        view.members.invite.click();

        assertThat(accounts.memberList(Fixtures.TEAM)).contains("dora:viewer");
        assertThat(find(view.lastDialog, TextField.class)).extracting(TextField::getValue)
                .containsExactly("initial-dora");
        assertThat(view.members.memberName.getValue()).isEmpty();
        assertThat(view.members.newAccount.getValue()).isFalse();
        assertThat(accounts.invitations).isEmpty();
    }

    @Test
    void serviceErrorsShowAtTheFieldsOrAsNotifications() {
        TeamView view = as("ann", 1);
        view.members.invite.click(); // no username
        assertThat(view.members.memberName.isInvalid()).isTrue();
        assertThat(view.members.memberName.getErrorMessage()).isEqualTo("is required");

        view.changeRole("ann", Role.MEMBER); // the last admin: a conflict, shown as a notification
        assertThat(accounts.memberList(Fixtures.TEAM)).contains("ann:admin");

        Dialog teamForm = view.openNewTeamDialog();
        TextField name = find(teamForm, TextField.class).get(0);
        name.setValue("forecasting");
        ((NewTeamDialog) teamForm).create.click();
        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorMessage()).isEqualTo("is taken");
    }

    @Test
    void aNewTeamBecomesTheCurrentTeam() {
        TeamView view = as("bob", 2);
        Dialog teamForm = view.openNewTeamDialog();
        TextField name = find(teamForm, TextField.class).get(0);
        name.setValue("anomalies");
        ((NewTeamDialog) teamForm).create.click();

        long created = accounts.teams.values().stream().filter(t -> t.name().equals("anomalies")).findFirst()
                .orElseThrow().id();
        assertThat(SignedInUser.current()).map(SignedInUser::teamId).contains(created);
        assertThat(accounts.memberList(created)).isEqualTo("bob:admin");
    }
}
