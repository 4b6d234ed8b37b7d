package com.lstmautoml.ui.team;

import com.lstmautoml.core.api.Accounts.InvitationView;
import com.lstmautoml.ui.layout.Formats;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.shared.Registration;

import java.util.List;

/**
 * The team's pending invitations, for its admins, each with a revoke button (hidden when there are none). It calls
 * no service: "Revoke" fires a {@link RevokeEvent}.
 */
public class TeamInvitations extends VerticalLayout {

    final Grid<InvitationView> grid = new Grid<>();

    public TeamInvitations() {
        setPadding(false);
        grid.setId("invitations-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.addColumn(InvitationView::username).setHeader("Username").setFlexGrow(2);
        grid.addColumn(InvitationView::role).setHeader("Role").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(i -> i.invitedBy() == null ? "" : i.invitedBy()).setHeader("Invited by").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(i -> Formats.shortTime(i.invitedAt())).setHeader("Invited").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(this::revokeButton).setHeader("").setAutoWidth(true).setFlexGrow(0);
        add(new H3("Pending invitations"), grid);
        setVisible(false);
    }

    private Button revokeButton(InvitationView i) {
        Button b = new Button("Revoke", e -> revoke(i));
        b.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
        b.setAriaLabel("Revoke the invitation of " + i.username());
        return b;
    }

    /** "Revoke" of the invitation {@code i}. */
    void revoke(InvitationView i) {
        fireEvent(new RevokeEvent(this, i));
    }

    /** Shows the pending invitations (hidden when there are none). */
    public void show(List<InvitationView> items) {
        grid.setItems(items);
        setVisible(!items.isEmpty());
    }

    public Registration addRevokeListener(ComponentEventListener<RevokeEvent> l) {
        return addListener(RevokeEvent.class, l);
    }

    /** An admin revokes a pending invitation. */
    public static class RevokeEvent extends ComponentEvent<TeamInvitations> {
        private final InvitationView invitation;

        RevokeEvent(TeamInvitations source, InvitationView invitation) {
            super(source, false);
            this.invitation = invitation;
        }

        public InvitationView invitation() {
            return invitation;
        }
    }
}
