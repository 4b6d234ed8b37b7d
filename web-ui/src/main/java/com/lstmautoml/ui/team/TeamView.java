package com.lstmautoml.ui.team;

import com.lstmautoml.core.api.Accounts;
import com.lstmautoml.core.api.Accounts.MemberView;
import com.lstmautoml.core.api.Accounts.TokenView;
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
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The current team: its members (admins invite them, or create new accounts, change their roles and remove them; the
 * pending invitations are a {@link TeamInvitations}), its API tokens (admins only: the secret of a new one is shown
 * once) and "New team". Viewers and members see the members, read-only. Everyone sees their own pending invitations
 * to any team ({@link MyInvitations}).
 */
@Route(value = Routes.TEAM, layout = MainLayout.class)
@PageTitle("Team · LSTM AutoML")
public class TeamView extends VerticalLayout {

    private final Accounts accounts;
    private final CurrentCaller caller;
    /** The caller's role when the view was built: decides which controls exist (the services decide what goes). */
    final Role role;
    private final String username;

    final H2 title = new H2();
    private final Clock clock;
    final Grid<MemberView> members = new Grid<>();
    final HorizontalLayout inviteForm;
    final TextField memberName = new TextField("Username");
    final Select<Role> memberRole = roleSelect("Role", List.of(Role.values()));
    final Checkbox newAccount = new Checkbox("Create a new account");
    final Button invite = new Button("Invite", VaadinIcon.ENVELOPE.create());
    /** The team's pending invitations (admins; null otherwise). */
    final TeamInvitations pending;
    /** The signed-in user's own pending invitations. */
    final MyInvitations mine;
    final VerticalLayout tokensSection = new VerticalLayout();
    final Grid<TokenView> tokens = new Grid<>();
    final Button newToken = new Button("New token", VaadinIcon.KEY.create());
    final Button newTeam = new Button("New team", VaadinIcon.PLUS_CIRCLE.create());
    /** The last dialog this view opened (tests look into it). */
    Dialog lastDialog;

    {
        members.setId("members-grid");
        tokens.setId("tokens-grid");
        newToken.setId("new-token");
        newTeam.setId("new-team");
        invite.setId("invite-member");
        newAccount.setId("new-account");
    }

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

        configureMembers(admin);
        memberName.setManualValidation(true);
        memberName.setHelperText("they join once they accept");
        memberRole.setValue(Role.MEMBER);
        newAccount.setTooltipText("Creates the account with a generated password, shown once, and adds it at once");
        newAccount.addValueChangeListener(e -> invite.setText(e.getValue() ? "Create" : "Invite"));
        invite.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        invite.addClickListener(e -> invite());
        inviteForm = new HorizontalLayout(memberName, memberRole, newAccount, invite);
        inviteForm.setAlignItems(FlexComponent.Alignment.BASELINE);
        inviteForm.getStyle().set("flex-wrap", "wrap");
        inviteForm.setVisible(admin);

        mine = new MyInvitations(accounts, caller);
        mine.addAnsweredListener(e -> {
            if (e.joined() != null) {
                reloadPage(); // the new team appears in the team select
            }
        });
        add(top, mine, yourRole, new H3("Members"), inviteForm, members);
        pending = admin ? new TeamInvitations(accounts, caller) : null;
        if (pending != null) {
            add(pending);
        }
        if (admin) {
            configureTokens();
            add(tokensSection);
        }
        tokensSection.setVisible(admin);
        refresh();
    }

    private static Select<Role> roleSelect(String label, List<Role> roles) {
        Select<Role> s = new Select<>();
        if (label != null) {
            s.setLabel(label);
        }
        s.setItems(roles);
        s.setItemLabelGenerator(Role::label);
        return s;
    }

    private void configureMembers(boolean admin) {
        members.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        members.setAllRowsVisible(true);
        members.addColumn(MemberView::username).setHeader("Username").setFlexGrow(2);
        if (admin) {
            members.addComponentColumn(this::roleEditor).setHeader("Role").setAutoWidth(true).setFlexGrow(0)
                    .setKey("role");
        } else {
            members.addColumn(MemberView::role).setHeader("Role").setAutoWidth(true).setFlexGrow(0).setKey("role");
        }
        members.addColumn(m -> Formats.shortTime(m.addedAt())).setHeader("Added").setAutoWidth(true).setFlexGrow(0);
        members.addColumn(m -> sinceNow(m.lastSignInAt()))
                .setHeader("Last sign-in").setAutoWidth(true).setFlexGrow(0)
                .setTooltipGenerator(m -> Formats.shortTime(m.lastSignInAt()));
        if (admin) {
            members.addComponentColumn(this::removeButton).setHeader("").setAutoWidth(true).setFlexGrow(0)
                    .setKey("remove");
        }
    }

    /** A member's role, changed on the spot (admins). */
    Select<Role> roleEditor(MemberView m) {
        Select<Role> s = roleSelect(null, List.of(Role.values()));
        s.setAriaLabel("Role of " + m.username());
        s.setValue(parseRole(m.role()));
        s.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                changeRole(m.username(), e.getValue());
            }
        });
        return s;
    }

    void changeRole(String member, Role newRole) {
        boolean changed = false;
        try {
            accounts.changeRole(caller.get(), member, newRole.label());
            changed = true;
            success(member + " is " + newRole.label() + " now");
        } catch (ConflictException | ForbiddenException | NotFoundException e) {
            error(e.getMessage());
        } catch (ValidationException e) {
            error(message(e));
        }
        if (changed && member.equals(username)) {
            reloadPage(); // one's own role: everything on the page may change
        } else {
            refresh();
        }
    }

    private Button removeButton(MemberView m) {
        Button b = new Button(VaadinIcon.TRASH.create(), e -> confirm("Remove " + m.username() + "?",
                m.username() + " leaves the team; their API tokens of this team are revoked.", "Remove",
                () -> removeMember(m.username())));
        b.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
        b.setAriaLabel("Remove " + m.username());
        b.setTooltipText("Remove from the team");
        return b;
    }

    void removeMember(String member) {
        boolean removed = false;
        try {
            accounts.removeMember(caller.get(), member);
            removed = true;
            success(member + " removed");
        } catch (ConflictException | ForbiddenException | NotFoundException e) {
            error(e.getMessage());
        }
        if (removed && member.equals(username)) {
            reloadPage();
        } else {
            refresh();
        }
    }

    /** Invites the username, or with "Create a new account" creates it and shows its password once. */
    void invite() {
        memberName.setInvalid(false);
        memberRole.setInvalid(false);
        String name = memberName.getValue().strip();
        String r = memberRole.getValue() == null ? null : memberRole.getValue().label();
        boolean create = Boolean.TRUE.equals(newAccount.getValue());
        Accounts.MemberAdded added = null;
        Accounts.Invited invited = null;
        try {
            if (create) {
                added = accounts.createMember(caller.get(), name, r);
            } else {
                invited = accounts.invite(caller.get(), name, r);
            }
        } catch (ValidationException e) {
            showErrors(e, Map.of("username", memberName, "role", memberRole));
            return;
        } catch (ConflictException e) {
            memberName.setInvalid(true);
            memberName.setErrorMessage(e.getMessage());
            return;
        } catch (ForbiddenException e) {
            error(e.getMessage());
            return;
        }
        memberName.clear();
        newAccount.setValue(false);
        refresh();
        if (added != null) {
            showOnce("New user " + added.member().username(), "Their password, to pass on to "
                    + added.member().username() + " (they can change it after signing in). It won't be shown again.",
                    added.initialPassword());
        } else {
            success(invited.username() + " invited as " + invited.role() + ": they join once they accept");
        }
    }

    // ---------------------------------------------------------------- tokens

    private void configureTokens() {
        tokensSection.setPadding(false);
        H3 heading = new H3("API tokens");
        Paragraph about = new Paragraph("For scripts and the REST API: send a token as "
                + "'Authorization: Bearer <token>'. It acts in this team with its role.");
        about.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin", "0");
        newToken.addClickListener(e -> openNewTokenDialog());
        HorizontalLayout head = new HorizontalLayout(heading, newToken);
        head.setAlignItems(FlexComponent.Alignment.BASELINE);
        tokens.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        tokens.setAllRowsVisible(true);
        tokens.addColumn(TokenView::name).setHeader("Name").setFlexGrow(2);
        tokens.addColumn(TokenView::role).setHeader("Role").setAutoWidth(true).setFlexGrow(0);
        tokens.addColumn(Accounts.TokenView::prefix).setHeader("Prefix").setAutoWidth(true).setFlexGrow(0);
        tokens.addColumn(TokenView::createdBy).setHeader("Created by").setAutoWidth(true).setFlexGrow(0);
        tokens.addColumn(t -> Formats.shortTime(t.createdAt())).setHeader("Created").setAutoWidth(true)
                .setFlexGrow(0);
        tokens.addColumn(t -> sinceNow(t.lastUsedAt()))
                .setHeader("Last used").setAutoWidth(true).setFlexGrow(0)
                .setTooltipGenerator(t -> Formats.shortTime(t.lastUsedAt()));
        tokens.addColumn(t -> t.revokedAt() == null ? "" : Formats.shortTime(t.revokedAt())).setHeader("Revoked")
                .setAutoWidth(true).setFlexGrow(0);
        tokens.addComponentColumn(this::revokeButton).setHeader("").setAutoWidth(true).setFlexGrow(0);
        tokens.setEmptyStateText("No API tokens yet");
        tokensSection.add(head, about, tokens);
    }

    private Component revokeButton(TokenView t) {
        if (t.revokedAt() != null) {
            return new Div();
        }
        Button b = new Button("Revoke", e -> confirm("Revoke the token " + t.name() + "?",
                "Calls with it are refused from now on; this cannot be undone.", "Revoke", () -> revoke(t.id())));
        b.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
        b.setAriaLabel("Revoke " + t.name());
        return b;
    }

    void revoke(long tokenId) {
        try {
            TokenView t = accounts.revokeToken(caller.get(), tokenId);
            success("Token " + t.name() + " revoked");
        } catch (ConflictException | ForbiddenException | NotFoundException e) {
            error(e.getMessage());
        }
        refresh();
    }

    /** "New token": name and a role no higher than the caller's. */
    Dialog openNewTokenDialog() {
        Dialog d = new Dialog();
        d.setHeaderTitle("New API token");
        TextField name = new TextField("Name");
        name.setId("token-name");
        name.setManualValidation(true);
        name.setHelperText("what it is for, e.g. nightly-retrain");
        name.setWidthFull();
        Role own = caller.get().role();
        Select<Role> tokenRole = roleSelect("Role", Arrays.stream(Role.values()).filter(own::atLeast).toList());
        tokenRole.setValue(Role.VIEWER);
        tokenRole.setHelperText("no higher than your own");
        VerticalLayout fields = new VerticalLayout(name, tokenRole);
        fields.setPadding(false);
        fields.setWidth("22em");
        d.add(fields);
        Button create = new Button("Create token", e -> createToken(d, name, tokenRole));
        create.setId("create-token");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        d.getFooter().add(new Button("Cancel", e -> d.close()), create);
        open(d);
        return d;
    }

    void createToken(Dialog form, TextField name, Select<Role> tokenRole) {
        name.setInvalid(false);
        tokenRole.setInvalid(false);
        Accounts.CreatedToken created;
        try {
            created = accounts.createToken(caller.get(), name.getValue().strip(),
                    tokenRole.getValue() == null ? null : tokenRole.getValue().label());
        } catch (ValidationException e) {
            showErrors(e, Map.of("name", name, "role", tokenRole));
            return;
        } catch (ConflictException | ForbiddenException e) {
            error(e.getMessage());
            return;
        }
        form.close();
        refresh();
        showOnce("Token " + created.token().name(), "Copy the token now: it won't be shown again. Send it as "
                + "'Authorization: Bearer <token>'.", created.secret());
    }

    // ---------------------------------------------------------------- new team

    Dialog openNewTeamDialog() {
        Dialog d = new Dialog();
        d.setHeaderTitle("New team");
        TextField name = new TextField("Team name");
        name.setManualValidation(true);
        name.setHelperText("you become its admin");
        name.setWidth("22em");
        d.add(name);
        Button create = new Button("Create team", e -> createTeam(d, name));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        d.getFooter().add(new Button("Cancel", e -> d.close()), create);
        open(d);
        return d;
    }

    void createTeam(Dialog form, TextField name) {
        name.setInvalid(false);
        Accounts.TeamView created;
        try {
            created = accounts.createTeam(caller.get(), name.getValue().strip());
        } catch (ValidationException e) {
            showErrors(e, Map.of("name", name));
            return;
        } catch (ConflictException | ForbiddenException e) {
            error(e.getMessage());
            return;
        }
        form.close();
        MainLayout.switchTo(created.id());
    }

    // ---------------------------------------------------------------- helpers

    /** Reloads the members (and tokens, for admins). */
    void refresh() {
        Caller c = caller.get();
        members.setItems(accounts.members(c));
        if (role.atLeast(Role.ADMIN) && c.role().atLeast(Role.ADMIN)) {
            tokens.setItems(accounts.tokens(c));
            if (pending != null) {
                pending.refresh();
            }
        }
    }

    /** A secret shown this once, with a copy button; the dialog forgets it when closed. */
    Dialog showOnce(String header, String note, String secret) {
        Dialog d = new Dialog();
        d.setHeaderTitle(header);
        d.setCloseOnOutsideClick(false);
        Paragraph text = new Paragraph(note);
        text.getStyle().set("max-width", "32em");
        TextField value = new TextField();
        value.setId("secret-once");
        value.setValue(secret);
        value.setReadOnly(true);
        value.setWidthFull();
        value.setAriaLabel("Secret");
        value.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
        Button copy = new Button("Copy", VaadinIcon.COPY.create(), e -> value.getElement().executeJs(
                "return navigator.clipboard.writeText($0).then(() => true, () => false)", value.getValue())
                .then(Boolean.class, ok -> Notification.show(Boolean.TRUE.equals(ok) ? "Copied to the clipboard"
                        : "The browser refused the clipboard: select the text and copy it")));
        copy.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout row = new HorizontalLayout(value, copy);
        row.setWidthFull();
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.setFlexGrow(1, value);
        d.add(text, row);
        d.getFooter().add(new Button("Done", e -> d.close()));
        d.addOpenedChangeListener(e -> {
            if (!e.isOpened()) {
                value.clear();
                d.removeAll();
            }
        });
        open(d);
        return d;
    }

    private void open(Dialog d) {
        lastDialog = d;
        d.open();
    }

    private void confirm(String header, String text, String confirmText, Runnable action) {
        ConfirmDialog d = new ConfirmDialog(header, text, confirmText, e -> action.run());
        d.setCancelable(true);
        d.setConfirmButtonTheme("error primary");
        d.open();
    }

    private static void showErrors(ValidationException e, Map<String, HasValidation> fields) {
        StringBuilder others = new StringBuilder();
        for (FieldError fe : e.errors()) {
            HasValidation f = fields.get(fe.field());
            if (f != null) {
                f.setInvalid(true);
                f.setErrorMessage(fe.message());
            } else {
                others.append(others.isEmpty() ? "" : "; ").append(fe);
            }
        }
        if (!others.isEmpty()) {
            error(others.toString());
        }
    }

    private static String message(ValidationException e) {
        return e.errors().stream().map(FieldError::message).reduce((a, b) -> a + "; " + b).orElse(e.getMessage());
    }

    private static Role parseRole(String label) {
        try {
            return Role.valueOf(label.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void success(String text) {
        Notification.show(text, 3000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    private static void error(String text) {
        Notification.show(text, 6000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    private static void reloadPage() {
        UI ui = UI.getCurrent();
        if (ui != null) {
            ui.getPage().reload();
        }
    }

    /** "never", or how long before the injected clock's now {@code at} was ("5 min ago"). */
    String sinceNow(Instant at) {
        return at == null ? "never" : Formats.relative(at, clock.instant());
    }
}
