package com.lstmautoml.ui.team;

import com.lstmautoml.core.api.Accounts.InvitationView;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.shared.Registration;

import java.util.List;

/**
 * The signed-in user's own pending invitations, each with Accept and Decline (hidden when there are none). Nothing
 * changes for the user until they accept. It calls no service: an answer fires an {@link AnswerEvent}.
 */
public class MyInvitations extends VerticalLayout {

    final VerticalLayout rows = new VerticalLayout();
    List<InvitationView> shown = List.of();

    public MyInvitations() {
        setId("my-invitations");
        setPadding(false);
        rows.setPadding(false);
        rows.setSpacing(false);
        add(new H3("Your invitations"), rows);
        setVisible(false);
    }

    /** Shows the invitations (hidden when there are none). */
    public void show(List<InvitationView> invitations) {
        shown = invitations;
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
        fireEvent(new AnswerEvent(this, i, true));
    }

    void decline(InvitationView i) {
        fireEvent(new AnswerEvent(this, i, false));
    }

    public Registration addAnswerListener(ComponentEventListener<AnswerEvent> l) {
        return addListener(AnswerEvent.class, l);
    }

    /** The user accepts ({@link #accepted}) or declines an invitation. */
    public static class AnswerEvent extends ComponentEvent<MyInvitations> {
        private final InvitationView invitation;
        private final boolean accepted;

        AnswerEvent(MyInvitations source, InvitationView invitation, boolean accepted) {
            super(source, false);
            this.invitation = invitation;
            this.accepted = accepted;
        }

        public InvitationView invitation() {
            return invitation;
        }

        public boolean accepted() {
            return accepted;
        }
    }
}
