package com.lstmautoml.ui.layout;

import com.lstmautoml.core.api.Accounts;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.ForbiddenException;
import com.lstmautoml.core.api.Role;
import com.lstmautoml.core.validation.ValidationException;
import com.lstmautoml.ui.security.ChangePasswordDialog;
import com.lstmautoml.ui.security.CurrentCaller;
import com.lstmautoml.ui.security.LoginView;
import com.lstmautoml.ui.security.SignedInUser;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.server.VaadinSession;

import java.util.List;

/**
 * The shell: title bar with the user's pending invitations (if any, a link to the Team page where they are answered),
 * the current team (a select of the user's teams; the team chosen is remembered as the user's default), who is
 * signed in with which role, and
 * the user menu (change password, sign out); navigation (Experiments, New experiment for members and admins, Models,
 * Team).
 * Brought up to date on every navigation, since the layout outlives its views.
 */
public class MainLayout extends AppLayout implements BeforeEnterObserver {

    private final Accounts accounts;
    private final CurrentCaller caller;
    final Select<Accounts.TeamView> team = new Select<>();
    final Span signedInAs = new Span();
    /** "N invitations": the signed-in user's pending invitations, a link to the Team page (hidden when none). */
    final Button invitations = new Button(VaadinIcon.ENVELOPE.create());
    final MenuBar userMenu = new MenuBar();
    final MenuItem changePassword;
    final MenuItem signOut;
    final SideNavItem newExperiment = new SideNavItem("New experiment", Routes.NEW_EXPERIMENT,
            VaadinIcon.PLUS.create());
    private boolean updating;

    {
        team.setId("current-team");
        signedInAs.setId("signed-in-as");
        userMenu.setId("user-menu");
        invitations.setId("invitations-badge");
    }

    public MainLayout(Accounts accounts, CurrentCaller caller) {
        this.accounts = accounts;
        this.caller = caller;
        H1 title = new H1("LSTM AutoML");
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");

        team.setItemLabelGenerator(t -> t.name() + " (" + t.role() + ")");
        team.setAriaLabel("Current team");
        team.setTooltipText("The team you work in: its datasets, experiments and members");
        team.addValueChangeListener(e -> {
            if (!updating && e.getValue() != null && (e.getOldValue() == null || e.getOldValue().id() != e.getValue().id())) {
                switchTo(e.getValue().id());
            }
        });
        signedInAs.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)")
                .set("white-space", "nowrap");

        userMenu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE);
        MenuItem account = userMenu.addItem(VaadinIcon.USER.create());
        account.setAriaLabel("Account");
        SubMenu sub = account.getSubMenu();
        changePassword = sub.addItem("Change password", e -> openChangePassword());
        signOut = sub.addItem("Sign out", e -> signOut());

        invitations.addThemeVariants(ButtonVariant.LUMO_SUCCESS, ButtonVariant.LUMO_SMALL);
        invitations.setTooltipText("Invitations to teams: accept or decline them on the Team page");
        invitations.addClickListener(e -> invitations.getUI().ifPresent(ui -> ui.navigate(Routes.TEAM)));
        invitations.setVisible(false);
        HorizontalLayout right = new HorizontalLayout(invitations, team, signedInAs, userMenu);
        right.setAlignItems(FlexComponent.Alignment.CENTER);
        right.getStyle().set("margin-left", "auto").set("margin-right", "var(--lumo-space-m)");
        HorizontalLayout bar = new HorizontalLayout(new DrawerToggle(), title, right);
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        bar.setSpacing(true);
        bar.setWidthFull();
        addToNavbar(bar);

        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem("Experiments", Routes.EXPERIMENTS, VaadinIcon.LIST.create()));
        nav.addItem(newExperiment);
        nav.addItem(new SideNavItem("Models", Routes.MODELS, VaadinIcon.CUBES.create()));
        nav.addItem(new SideNavItem("Team", Routes.TEAM, VaadinIcon.USERS.create()));
        addToDrawer(nav);
        setPrimarySection(Section.DRAWER);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        refresh();
    }

    /** The team select, "signed in as" and the navigation as the caller is now. */
    void refresh() {
        Caller c = caller.get();
        List<Accounts.TeamView> teams = accounts.teams(c);
        updating = true;
        try {
            team.setItems(teams);
            team.setValue(teams.stream().filter(t -> t.id() == c.teamId()).findFirst().orElse(null));
        } finally {
            updating = false;
        }
        team.setVisible(!teams.isEmpty());
        signedInAs.setText("signed in as " + c.username() + " (" + c.role().label() + ")");
        newExperiment.setVisible(c.role().atLeast(Role.MEMBER));
        int pending = accounts.myInvitations(c).size();
        invitations.setText(pending == 1 ? "1 invitation" : pending + " invitations");
        invitations.setVisible(pending > 0);
    }

    /** "Change password": the dialog asks, the layout changes it as the signed-in user. */
    public ChangePasswordDialog openChangePassword() {
        ChangePasswordDialog d = new ChangePasswordDialog();
        d.addSaveListener(e -> {
            try {
                long sessionVersion = accounts.changePassword(caller.get(), e.currentPassword(), e.newPassword());
                SignedInUser.passwordChanged(sessionVersion);
            } catch (ValidationException ex) {
                d.showErrors(ex.errors());
                return;
            } catch (ForbiddenException ex) {
                d.showProblem(ex.getMessage());
                return;
            }
            d.passwordChanged();
        });
        d.open();
        return d;
    }

    /** Acts in another team from now on and reloads the page, so every part of it shows that team. */
    public static void switchTo(long teamId) {
        SignedInUser.switchTeam(teamId);
        UI ui = UI.getCurrent();
        if (ui != null) {
            ui.getPage().reload();
        }
    }

    /** Ends the session and goes to the sign-in page. */
    public static void signOut() {
        UI ui = UI.getCurrent();
        if (ui != null) {
            ui.getPage().setLocation(LoginView.ROUTE);
        }
        VaadinSession session = VaadinSession.getCurrent();
        if (session != null) {
            SignedInUser.clear();
            if (session.getSession() != null) {
                session.getSession().invalidate();
            }
        }
    }
}
