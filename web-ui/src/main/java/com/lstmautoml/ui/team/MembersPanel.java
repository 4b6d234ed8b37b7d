package com.lstmautoml.ui.team;

import com.lstmautoml.core.api.Accounts.MemberView;
import com.lstmautoml.core.api.Role;
import com.lstmautoml.core.validation.ValidationException;
import com.lstmautoml.ui.layout.Formats;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The team's members with their roles; for admins the invite form ("Create a new account" instead creates the user),
 * a role editor and a remove button per member. It calls no service: it fires an {@link InviteEvent}, a
 * {@link RoleEvent} or a {@link RemoveEvent} (after a confirmation) and the view answers.
 */
class MembersPanel extends VerticalLayout {

    final Grid<MemberView> grid = new Grid<>();
    final HorizontalLayout inviteForm;
    final TextField memberName = new TextField("Username");
    final Select<Role> memberRole = TeamFields.roleSelect("Role", List.of(Role.values()));
    final Checkbox newAccount = new Checkbox("Create a new account");
    final Button invite = new Button("Invite", VaadinIcon.ENVELOPE.create());

    /** {@code admin}: with the controls; {@code sinceNow}: "5 min ago" for a time. */
    MembersPanel(boolean admin, Function<Instant, String> sinceNow) {
        setPadding(false);
        grid.setId("members-grid");
        invite.setId("invite-member");
        newAccount.setId("new-account");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.addColumn(MemberView::username).setHeader("Username").setFlexGrow(2);
        if (admin) {
            grid.addComponentColumn(this::roleEditor).setHeader("Role").setAutoWidth(true).setFlexGrow(0)
                    .setKey("role");
        } else {
            grid.addColumn(MemberView::role).setHeader("Role").setAutoWidth(true).setFlexGrow(0).setKey("role");
        }
        grid.addColumn(m -> Formats.shortTime(m.addedAt())).setHeader("Added").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(m -> sinceNow.apply(m.lastSignInAt()))
                .setHeader("Last sign-in").setAutoWidth(true).setFlexGrow(0)
                .setTooltipGenerator(m -> Formats.shortTime(m.lastSignInAt()));
        if (admin) {
            grid.addComponentColumn(this::removeButton).setHeader("").setAutoWidth(true).setFlexGrow(0)
                    .setKey("remove");
        }
        memberName.setManualValidation(true);
        memberName.setHelperText("they join once they accept");
        memberRole.setValue(Role.MEMBER);
        newAccount.setTooltipText("Creates the account with a generated password, shown once, and adds it at once");
        newAccount.addValueChangeListener(e -> invite.setText(e.getValue() ? "Create" : "Invite"));
        invite.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        invite.addClickListener(e -> {
            memberName.setInvalid(false);
            memberRole.setInvalid(false);
            fireEvent(new InviteEvent(this, memberName.getValue().strip(),
                    memberRole.getValue() == null ? null : memberRole.getValue().label(),
                    Boolean.TRUE.equals(newAccount.getValue())));
        });
        inviteForm = new HorizontalLayout(memberName, memberRole, newAccount, invite);
        inviteForm.setAlignItems(FlexComponent.Alignment.BASELINE);
        inviteForm.getStyle().set("flex-wrap", "wrap");
        inviteForm.setVisible(admin);
        add(new H3("Members"), inviteForm, grid);
    }

    void show(List<MemberView> members) {
        grid.setItems(members);
    }

    /** The invitation went out (or the account was made): the form is empty again. */
    void invited() {
        memberName.clear();
        newAccount.setValue(false);
    }

    /** The service's objections to an invitation, at the username and role. */
    void showInviteErrors(ValidationException e) {
        TeamFields.showErrors(e, Map.of("username", memberName, "role", memberRole));
    }

    /** The username is taken (creating) or cannot be invited: said at the field. */
    void showNameProblem(String message) {
        memberName.setInvalid(true);
        memberName.setErrorMessage(message);
    }

    /** A member's role, changed on the spot (admins). */
    Select<Role> roleEditor(MemberView m) {
        Select<Role> s = TeamFields.roleSelect(null, List.of(Role.values()));
        s.setAriaLabel("Role of " + m.username());
        s.setValue(parseRole(m.role()));
        s.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                fireEvent(new RoleEvent(this, m.username(), e.getValue()));
            }
        });
        return s;
    }

    private Button removeButton(MemberView m) {
        Button b = new Button(VaadinIcon.TRASH.create(), e -> TeamFields.confirm("Remove " + m.username() + "?",
                m.username() + " leaves the team; their API tokens of this team are revoked.", "Remove",
                () -> fireEvent(new RemoveEvent(this, m.username()))));
        b.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
        b.setAriaLabel("Remove " + m.username());
        b.setTooltipText("Remove from the team");
        return b;
    }

    private static Role parseRole(String label) {
        try {
            return Role.valueOf(label.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            return null;
        }
    }

    Registration addInviteListener(ComponentEventListener<InviteEvent> l) {
        return addListener(InviteEvent.class, l);
    }

    Registration addRoleListener(ComponentEventListener<RoleEvent> l) {
        return addListener(RoleEvent.class, l);
    }

    Registration addRemoveListener(ComponentEventListener<RemoveEvent> l) {
        return addListener(RemoveEvent.class, l);
    }

    /** "Invite" (or "Create" with {@code createAccount}): the username and the role label. */
    static class InviteEvent extends ComponentEvent<MembersPanel> {
        final String username;
        final String role;
        final boolean createAccount;

        InviteEvent(MembersPanel source, String username, String role, boolean createAccount) {
            super(source, false);
            this.username = username;
            this.role = role;
            this.createAccount = createAccount;
        }
    }

    /** An admin chose another role for {@code member}. */
    static class RoleEvent extends ComponentEvent<MembersPanel> {
        final String member;
        final Role role;

        RoleEvent(MembersPanel source, String member, Role role) {
            super(source, false);
            this.member = member;
            this.role = role;
        }
    }

    /** An admin confirmed removing {@code member}. */
    static class RemoveEvent extends ComponentEvent<MembersPanel> {
        final String member;

        RemoveEvent(MembersPanel source, String member) {
            super(source, false);
            this.member = member;
        }
    }
}
