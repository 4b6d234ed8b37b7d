package com.lstmautoml.ui.layout;

import com.lstmautoml.core.api.NotFoundException;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;

/**
 * A page of one object addressed by its id ({@code experiments/:id}, {@code trials/:id}): its content, or in its
 * place a "not found" part when the id is no number, names nothing the caller may see, or the object is deleted while
 * the page shows it.
 */
public abstract class DetailPage extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    /** What the page shows of its object (hidden while it says "not found"). */
    protected final VerticalLayout content = new VerticalLayout();
    private final Div notFound = new Div();
    /** The id of the object shown. */
    protected long id;

    protected DetailPage() {
        content.setPadding(false);
        notFound.setVisible(false);
        add(notFound, content);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String raw = event.getRouteParameters().get("id").orElse("");
        try {
            show(Long.parseLong(raw));
        } catch (NumberFormatException | NotFoundException e) {
            showNotFound(raw);
        }
    }

    /** Loads the object {@code objectId} into the page. */
    protected void show(long objectId) {
        id = objectId;
        refresh();
        notFound.setVisible(false);
        content.setVisible(true);
    }

    /** Re-reads the object shown and updates the page; throws NotFoundException when it is gone. */
    protected abstract void refresh();

    /** Says that {@code raw} names nothing, with {@link #notFound(String)}'s parts. */
    protected void showNotFound(String raw) {
        notFound.removeAll();
        notFound.add(notFound(raw));
        notFound.setVisible(true);
        content.setVisible(false);
    }

    /** The parts that say the object {@code raw} was not found (a heading, a way back). */
    protected abstract Component[] notFound(String raw);

    /** A refresh announced by a change: re-reads, or says "not found" when the object was deleted meanwhile. */
    protected void refreshOrNotFound() {
        try {
            refresh();
        } catch (NotFoundException e) {
            showNotFound(String.valueOf(id));
        }
    }

    /** A bordered card that shares a wrapping row with others, at least {@code basis} wide (e.g. "420px"). */
    public static Div card(Component c, String basis) {
        Div d = new Div(c);
        d.getStyle().set("flex", "1 1 " + basis).set("min-width", "min(" + basis + ", 100%)")
                .set("border", "1px solid var(--lumo-contrast-10pct)").set("border-radius", "var(--lumo-border-radius-l)")
                .set("padding", "var(--lumo-space-s)");
        return d;
    }
}
