package com.lstmautoml.ui.team;

import com.lstmautoml.core.api.Accounts;
import com.lstmautoml.core.api.Accounts.InvitationView;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.ConflictException;
import com.lstmautoml.core.api.ForbiddenException;
import com.lstmautoml.core.api.NotFoundException;
import com.lstmautoml.core.api.Role;
import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;
import com.lstmautoml.ui.layout.Formats;
import com.lstmautoml.ui.layout.MainLayout;
import com.lstmautoml.ui.layout.Routes;
import com.lstmautoml.ui.security.CurrentCaller;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import java.time.Clock;
import java.time.Instant;

/**
 * The current team: its members ({@link MembersPanel}: admins invite them, or create new accounts, change their roles
 * and remove them; the pending invitations are a {@link TeamInvitations}), its API tokens ({@link TokensPanel}, admins
 * only: the secret of a new one is shown once) and "New team". Viewers and members see the members, read-only.
 * Everyone sees their own pending invitations to any team ({@link MyInvitations}). The panels and dialogs fire events;
 * the view alone calls the service.
 */
@Route(value = Routes.TEAM, layout = MainLayout.class)
@PageTitle("Team · LSTM AutoML")
public class TeamView extends VerticalLayout {

    private final Accounts accounts;
    private final CurrentCaller caller;
    /** The caller's role when the view was built: decides which controls exist (the services decide what goes). */
    final Role role;
    private final String username;
    private final Clock clock;

    final H2 title = new H2();
    final MembersPanel members;
    /** The team's pending invitations (admins; null otherwise). */
    final TeamInvitations pending;
    /** The signed-in user's own pending invitations. */
    final MyInvitations mine = new MyInvitations();
    /** The API tokens (admins; never added to the page otherwise). */
    final TokensPanel tokens;
    final Button newTeam = new Button("New team", VaadinIcon.PLUS_CIRCLE.create());
    /** The last dialog this view opened (tests look into it). */
    Dialog lastDialog;

    public TeamView(Accounts accounts, CurrentCaller caller, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
        this.caller = caller;
        Caller c = caller.get();
        this.role = c.role();
        this.username = c.username();
        boolean admin = role.atLeast(Role.ADMIN);
        setMaxWidth("80em");

        title.setText("Team " + c.teamName());
        title.getStyle().set("margin", "0");
        newTeam.setId("new-team");
        newTeam.addClickListener(e -> openNewTeamDialog());
        newTeam.setVisible(!c.isToken());
        HorizontalLayout top = new HorizontalLayout(title, newTeam);
        top.setWidthFull();
        top.setAlignItems(FlexComponent.Alignment.CENTER);
        top.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        Paragraph yourRole = new Paragraph("Your role here: " + role.label() + ". "
                + switch (role) {
                    case VIEWER -> "You can look at the team's datasets, experiments and models.";
                    case MEMBER -> "You can upload datasets, start experiments and cancel your own.";
                    case ADMIN -> "You can also promote models, cancel any experiment, manage members and API tokens.";
                });
        yourRole.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin", "0");

        members = new MembersPanel(admin, this::sinceNow);
        members.addInviteListener(e -> invite(e.username, e.role, e.createAccount));
        members.addRoleListener(e -> changeRole(e.member, e.role));
        members.addRemoveListener(e -> removeMember(e.member));
        mine.addAnswerListener(e -> answer(e.invitation(), e.accepted()));
        mine.show(accounts.myInvitations(c));
        add(top, mine, yourRole, members);
        pending = admin ? new TeamInvitations() : null;
        if (pending != null) {
            pending.addRevokeListener(e -> revokeInvitation(e.invitation()));
            add(pending);
        }
        tokens = new TokensPanel(this::sinceNow);
        tokens.newToken.addClickListener(e -> openNewTokenDialog());
        tokens.addRevokeListener(e -> revoke(e.tokenId));
        if (admin) {
            add(tokens);
        }
        tokens.setVisible(admin);
        refresh();
    }

    void changeRole(String member, Role newRole) {
        boolean changed = false;
        try {
            accounts.changeRole(caller.get(), member, newRole.label());
            changed = true;
            TeamFields.success(member + " is " + newRole.label() + " now");
        } catch (ConflictException | ForbiddenException | NotFoundException e) {
            TeamFields.error(e.getMessage());
        } catch (ValidationException e) {
            TeamFields.error(e.errors().stream().map(FieldError::message).reduce((a, b) -> a + "; " + b)
                    .orElse(e.getMessage()));
        }
        afterChangeOf(member, changed); // one's own role: everything on the page may change
    }

    void removeMember(String member) {
        boolean removed = false;
        try {
            accounts.removeMember(caller.get(), member);
            removed = true;
            TeamFields.success(member + " removed");
        } catch (ConflictException | ForbiddenException | NotFoundException e) {
            TeamFields.error(e.getMessage());
        }
        afterChangeOf(member, removed);
    }

    /** After a change of {@code member}: the whole page again when it was the user's own, else the lists. */
    private void afterChangeOf(String member, boolean changed) {
        if (changed && member.equals(username)) {
            TeamFields.reloadPage();
        } else {
            refresh();
        }
    }

    /** Invites the username, or with "Create a new account" creates it and shows its password once. */
    void invite(String name, String memberRole, boolean create) {
        Accounts.MemberAdded added = null;
        Accounts.Invited invited = null;
        try {
            if (create) {
                added = accounts.createMember(caller.get(), name, memberRole);
            } else {
                invited = accounts.invite(caller.get(), name, memberRole);
            }
        } catch (ValidationException e) {
            members.showInviteErrors(e);
            return;
        } catch (ConflictException e) {
            members.showNameProblem(e.getMessage());
            return;
        } catch (ForbiddenException e) {
            TeamFields.error(e.getMessage());
            return;
        }
        members.invited();
        refresh();
        if (added != null) {
            showOnce("New user " + added.member().username(), "Their password, to pass on to "
                    + added.member().username() + " (they can change it after signing in). It won't be shown again.",
                    added.initialPassword());
        } else {
            TeamFields.success(invited.username() + " invited as " + invited.role() + ": they join once they accept");
        }
    }

    void revokeInvitation(InvitationView i) {
        try {
            accounts.revokeInvitation(caller.get(), i.id());
            TeamFields.success("Invitation of " + i.username() + " revoked");
        } catch (NotFoundException | ForbiddenException e) {
            TeamFields.error(e.getMessage());
        }
        refresh();
    }

    /** Accepts or declines one of the user's own invitations; joining a team reloads the page (its team select). */
    void answer(InvitationView i, boolean accept) {
        try {
            if (accept) {
                Accounts.TeamView team = accounts.acceptInvitation(caller.get(), i.id());
                notify("You are " + team.role() + " of team " + team.name() + " now", NotificationVariant.LUMO_SUCCESS);
                TeamFields.reloadPage();
            } else {
                accounts.declineInvitation(caller.get(), i.id());
                notify("Invitation to team " + i.team() + " declined", NotificationVariant.LUMO_CONTRAST);
            }
        } catch (NotFoundException e) {
            notify(e.getMessage(), NotificationVariant.LUMO_ERROR);
        }
        mine.show(accounts.myInvitations(caller.get()));
    }

    void revoke(long tokenId) {
        try {
            Accounts.TokenView t = accounts.revokeToken(caller.get(), tokenId);
            TeamFields.success("Token " + t.name() + " revoked");
        } catch (ConflictException | ForbiddenException | NotFoundException e) {
            TeamFields.error(e.getMessage());
        }
        refresh();
    }

    /** "New token": name and a role no higher than the caller's. */
    NewTokenDialog openNewTokenDialog() {
        NewTokenDialog d = new NewTokenDialog(caller.get().role());
        d.addCreateListener(e -> createToken(d, e.name, e.role));
        open(d);
        return d;
    }

    private void createToken(NewTokenDialog form, String name, String tokenRole) {
        Accounts.CreatedToken created = submit(form::showErrors, () -> accounts.createToken(caller.get(), name,
                tokenRole));
        if (created == null) {
            return;
        }
        form.close();
        refresh();
        showOnce("Token " + created.token().name(), "Copy the token now: it won't be shown again. Send it as "
                + "'Authorization: Bearer <token>'.", created.secret());
    }

    NewTeamDialog openNewTeamDialog() {
        NewTeamDialog d = new NewTeamDialog();
        d.addCreateListener(e -> createTeam(d, e.name));
        open(d);
        return d;
    }

    private void createTeam(NewTeamDialog form, String name) {
        Accounts.TeamView created = submit(form::showErrors, () -> accounts.createTeam(caller.get(), name));
        if (created != null) {
            form.close();
            MainLayout.switchTo(created.id());
        }
    }

    /**
     * A dialog's request: its answer, or null when it was refused: field errors go back to the dialog, a conflict or
     * a missing right to a notification.
     */
    private static <T> T submit(java.util.function.Consumer<ValidationException> fieldErrors,
                                java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (ValidationException e) {
            fieldErrors.accept(e);
        } catch (ConflictException | ForbiddenException e) {
            TeamFields.error(e.getMessage());
        }
        return null;
    }

    /** Reloads the members (and tokens and pending invitations, for admins). */
    void refresh() {
        Caller c = caller.get();
        members.show(accounts.members(c));
        if (role.atLeast(Role.ADMIN) && c.role().atLeast(Role.ADMIN)) {
            tokens.show(accounts.tokens(c));
            if (pending != null) {
                pending.show(accounts.teamInvitations(c));
            }
        }
    }

    /** A secret shown this once, with a copy button; the dialog forgets it when closed. */
    Dialog showOnce(String header, String note, String secret) {
        return open(new SecretDialog(header, note, secret));
    }

    private Dialog open(Dialog d) {
        lastDialog = d;
        d.open();
        return d;
    }

    private static void notify(String text, NotificationVariant variant) {
        Notification.show(text, 4000, Notification.Position.BOTTOM_START).addThemeVariants(variant);
    }

    /** "never", or how long before the injected clock's now {@code at} was ("5 min ago"). */
    String sinceNow(Instant at) {
        return at == null ? "never" : Formats.relative(at, clock.instant());
    }
}
