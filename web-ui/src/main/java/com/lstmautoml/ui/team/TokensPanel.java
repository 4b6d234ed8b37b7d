package com.lstmautoml.ui.team;

import com.lstmautoml.core.api.Accounts.TokenView;
import com.lstmautoml.ui.layout.Formats;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.shared.Registration;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The team's API tokens (admins): a row per token with its prefix only, "New token", and a revoke button per live
 * token. It calls no service: "New token" is for the view to answer, a confirmed revocation fires a
 * {@link RevokeEvent}.
 */
class TokensPanel extends VerticalLayout {

    final Grid<TokenView> grid = new Grid<>();
    final Button newToken = new Button("New token", VaadinIcon.KEY.create());

    /** {@code sinceNow}: "5 min ago" for a time. */
    TokensPanel(Function<Instant, String> sinceNow) {
        setPadding(false);
        grid.setId("tokens-grid");
        newToken.setId("new-token");
        H3 heading = new H3("API tokens");
        Paragraph about = new Paragraph("For scripts and the REST API: send a token as "
                + "'Authorization: Bearer <token>'. It acts in this team with its role.");
        about.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin", "0");
        HorizontalLayout head = new HorizontalLayout(heading, newToken);
        head.setAlignItems(FlexComponent.Alignment.BASELINE);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.addColumn(TokenView::name).setHeader("Name").setFlexGrow(2);
        grid.addColumn(TokenView::role).setHeader("Role").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(TokenView::prefix).setHeader("Prefix").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(TokenView::createdBy).setHeader("Created by").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(t -> Formats.shortTime(t.createdAt())).setHeader("Created").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(t -> sinceNow.apply(t.lastUsedAt()))
                .setHeader("Last used").setAutoWidth(true).setFlexGrow(0)
                .setTooltipGenerator(t -> Formats.shortTime(t.lastUsedAt()));
        grid.addColumn(t -> t.revokedAt() == null ? "" : Formats.shortTime(t.revokedAt())).setHeader("Revoked")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(this::revokeButton).setHeader("").setAutoWidth(true).setFlexGrow(0);
        grid.setEmptyStateText("No API tokens yet");
        add(head, about, grid);
    }

    void show(List<TokenView> tokens) {
        grid.setItems(tokens);
    }

    private Component revokeButton(TokenView t) {
        if (t.revokedAt() != null) {
            return new Div();
        }
        Button b = new Button("Revoke", e -> TeamFields.confirm("Revoke the token " + t.name() + "?",
                "Calls with it are refused from now on; this cannot be undone.", "Revoke",
                () -> fireEvent(new RevokeEvent(this, t.id()))));
        b.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
        b.setAriaLabel("Revoke " + t.name());
        return b;
    }

    Registration addRevokeListener(ComponentEventListener<RevokeEvent> l) {
        return addListener(RevokeEvent.class, l);
    }

    /** An admin confirmed revoking the token {@code tokenId}. */
    static class RevokeEvent extends ComponentEvent<TokensPanel> {
        final long tokenId;

        RevokeEvent(TokensPanel source, long tokenId) {
            super(source, false);
            this.tokenId = tokenId;
        }
    }
}
