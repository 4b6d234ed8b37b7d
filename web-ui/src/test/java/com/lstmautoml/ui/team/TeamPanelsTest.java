package com.lstmautoml.ui.team;

import com.lstmautoml.core.api.Role;
import com.vaadin.flow.component.UI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Team page's panels and dialogs alone: filled and clicked, they fire events and call nothing. */
class TeamPanelsTest {

    private final UI ui = new UI();

    @BeforeEach
    void setUp() {
        UI.setCurrent(ui); // held in a field: CurrentInstance keeps only a weak reference
    }

    @AfterEach
    void tearDown() {
        UI.setCurrent(null);
    }

    @Test
    void inviteCarriesTheUsernameTheRoleAndWhetherToCreateTheAccount() {
        MembersPanel panel = new MembersPanel(true, at -> "never");
        List<MembersPanel.InviteEvent> events = new ArrayList<>();
        panel.addInviteListener(events::add);
        panel.memberName.setValue(" carl ");
        panel.memberRole.setValue(Role.VIEWER);
        panel.newAccount.setValue(true);
        panel.invite.click();

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.username).isEqualTo("carl");
            assertThat(e.role).isEqualTo("viewer");
            assertThat(e.createAccount).isTrue();
        });
    }

    @Test
    void newTokenOffersNoRoleAboveTheCallersAndCarriesNameAndRole() {
        NewTokenDialog dialog = new NewTokenDialog(Role.MEMBER);
        List<NewTokenDialog.CreateEvent> events = new ArrayList<>();
        dialog.addCreateListener(events::add);
        assertThat(dialog.role.getListDataView().getItems().toList()).containsExactly(Role.VIEWER, Role.MEMBER);
        dialog.name.setValue("nightly-retrain");
        dialog.role.setValue(Role.MEMBER);
        dialog.create.click();

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.name).isEqualTo("nightly-retrain");
            assertThat(e.role).isEqualTo("member");
        });
    }

    @Test
    void newTeamCarriesItsName() {
        NewTeamDialog dialog = new NewTeamDialog();
        List<NewTeamDialog.CreateEvent> events = new ArrayList<>();
        dialog.addCreateListener(events::add);
        dialog.name.setValue("anomalies");
        dialog.create.click();

        assertThat(events).singleElement().satisfies(e -> assertThat(e.name).isEqualTo("anomalies"));
    }
}
