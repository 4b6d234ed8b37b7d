package com.lstmautoml.ui.team;

import com.lstmautoml.core.api.Accounts;
import com.lstmautoml.core.api.Accounts.InvitationView;
import com.lstmautoml.core.api.NotFoundException;
import com.lstmautoml.ui.security.CurrentCaller;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.shared.Registration;

import java.util.List;

/**
 * The signed-in user's own pending invitations, each with Accept and Decline (hidden when there are none). Nothing
 * changes for the user until they accept; an answer fires an {@link AnsweredEvent}.
 */
public class MyInvitations extends VerticalLayout {

    private final Accounts accounts;
    private final CurrentCaller caller;
    final VerticalLayout rows = new VerticalLayout();
    List<InvitationView> shown = List.of();

    public MyInvitations(Accounts accounts, CurrentCaller caller) {
        this.accounts = accounts;
        this.caller = caller;
        setId("my-invitations");
        setPadding(false);
        rows.setPadding(false);
        rows.setSpacing(false);
        add(new H3("Your invitations"), rows);
        refresh();
    }

    /** Reloads the invitations. */
    public void refresh() {
        shown = accounts.myInvitations(caller.get());
        rows.removeAll();
        shown.forEach(i -> rows.add(row(i)));
        setVisible(!shown.isEmpty());
    }

    private HorizontalLayout row(InvitationView i) {
        Span text = new Span("Team " + i.team() + " invites you as " + i.role()
                + (i.invitedBy() == null ? "" : " (invited by " + i.invitedBy() + ")"));
        Button accept = new Button("Accept", VaadinIcon.CHECK.create(), e -> accept(i));
        accept.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        accept.setId("accept-invitation-" + i.id());
        Button decline = new Button("Decline", e -> decline(i));
        decline.addThemeVariants(ButtonVariant.LUMO_SMALL);
        decline.setId("decline-invitation-" + i.id());
        HorizontalLayout row = new HorizontalLayout(text, accept, decline);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        return row;
    }

    void accept(InvitationView i) {
        try {
            Accounts.TeamView team = accounts.acceptInvitation(caller.get(), i.id());
            notify("You are " + team.role() + " of team " + team.name() + " now", NotificationVariant.LUMO_SUCCESS);
            fireEvent(new AnsweredEvent(this, i, team));
        } catch (NotFoundException e) {
            notify(e.getMessage(), NotificationVariant.LUMO_ERROR);
        }
        refresh();
    }

    void decline(InvitationView i) {
        try {
            accounts.declineInvitation(caller.get(), i.id());
            notify("Invitation to team " + i.team() + " declined", NotificationVariant.LUMO_CONTRAST);
            fireEvent(new AnsweredEvent(this, i, null));
        } catch (NotFoundException e) {
            notify(e.getMessage(), NotificationVariant.LUMO_ERROR);
        }
        refresh();
    }

    public Registration addAnsweredListener(ComponentEventListener<AnsweredEvent> l) {
        return addListener(AnsweredEvent.class, l);
    }

    private static void notify(String text, NotificationVariant variant) {
        Notification.show(text, 4000, Notification.Position.BOTTOM_START).addThemeVariants(variant);
    }

    /** An invitation was accepted ({@link #joined} is the team) or declined ({@link #joined} is null). */
    public static class AnsweredEvent extends ComponentEvent<MyInvitations> {
        private final InvitationView invitation;
        private final Accounts.TeamView joined;

        AnsweredEvent(MyInvitations source, InvitationView invitation, Accounts.TeamView joined) {
            super(source, false);
            this.invitation = invitation;
            this.joined = joined;
        }

        public InvitationView invitation() {
            return invitation;
        }

        public Accounts.TeamView joined() {
            return joined;
        }
    }
}
