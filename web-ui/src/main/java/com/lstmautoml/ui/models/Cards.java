package com.lstmautoml.ui.models;

import com.vaadin.flow.component.HasStyle;

/** The framed card every part of the model pages sits in (the experiment page's look). */
final class Cards {

    private Cards() {
    }

    static <T extends HasStyle> T card(T c) {
        c.getStyle().set("border", "1px solid var(--lumo-contrast-10pct)")
                .set("border-radius", "var(--lumo-border-radius-l)").set("padding", "var(--lumo-space-s)")
                .set("box-sizing", "border-box").set("max-width", "100%");
        return c;
    }

    /** A card that shares a row with others: at least 420 px (or the full width on a phone). */
    static <T extends HasStyle> T flexCard(T c) {
        card(c).getStyle().set("flex", "1 1 420px").set("min-width", "min(420px, 100%)");
        return c;
    }
}
