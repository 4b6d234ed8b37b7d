package com.lstmautoml.ui.team;

import com.lstmautoml.core.api.Accounts;
import com.lstmautoml.core.api.Accounts.InvitationView;
import com.lstmautoml.core.api.ForbiddenException;
import com.lstmautoml.core.api.NotFoundException;
import com.lstmautoml.ui.layout.Formats;
import com.lstmautoml.ui.security.CurrentCaller;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** The team's pending invitations, for its admins, each with a revoke button (hidden when there are none). */
public class TeamInvitations extends VerticalLayout {

    private final Accounts accounts;
    private final CurrentCaller caller;
    final Grid<InvitationView> grid = new Grid<>();

    public TeamInvitations(Accounts accounts, CurrentCaller caller) {
        this.accounts = accounts;
        this.caller = caller;
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
        refresh();
    }

    private Button revokeButton(InvitationView i) {
        Button b = new Button("Revoke", e -> revoke(i));
        b.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
        b.setAriaLabel("Revoke the invitation of " + i.username());
        return b;
    }

    void revoke(InvitationView i) {
        try {
            accounts.revokeInvitation(caller.get(), i.id());
            Notification.show("Invitation of " + i.username() + " revoked", 3000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (NotFoundException | ForbiddenException e) {
            Notification.show(e.getMessage(), 6000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        refresh();
    }

    /** Reloads the pending invitations. */
    public void refresh() {
        var items = accounts.teamInvitations(caller.get());
        grid.setItems(items);
        setVisible(!items.isEmpty());
    }
}
