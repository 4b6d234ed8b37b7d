package com.lstmautoml.ui.layout;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;

import java.util.function.Supplier;

/** The browser's clipboard: a "Copy" button for text shown once (a token's secret, an API call). */
public final class Clipboard {

    private Clipboard() {
    }

    /**
     * A primary "Copy" button that writes {@code text} (read when clicked) to the clipboard through {@code on}'s
     * element, and says whether the browser let it.
     */
    public static Button copyButton(Component on, Supplier<String> text) {
        Button copy = new Button("Copy", VaadinIcon.COPY.create(), e -> on.getElement().executeJs(
                "return navigator.clipboard.writeText($0).then(() => true, () => false)", text.get())
                .then(Boolean.class, ok -> Notification.show(Boolean.TRUE.equals(ok) ? "Copied to the clipboard"
                        : "The browser refused the clipboard: select the text and copy it")));
        copy.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        return copy;
    }
}
