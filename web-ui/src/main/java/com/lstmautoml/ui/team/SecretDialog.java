package com.lstmautoml.ui.team;

import com.lstmautoml.ui.layout.Clipboard;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;

/** A secret shown this once (a token, a new user's password), with a copy button; forgotten when closed. */
class SecretDialog extends Dialog {

    SecretDialog(String header, String note, String secret) {
        setHeaderTitle(header);
        setCloseOnOutsideClick(false);
        Paragraph text = new Paragraph(note);
        text.getStyle().set("max-width", "32em");
        TextField value = new TextField();
        value.setId("secret-once");
        value.setValue(secret);
        value.setReadOnly(true);
        value.setWidthFull();
        value.setAriaLabel("Secret");
        value.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
        Button copy = Clipboard.copyButton(value, value::getValue);
        HorizontalLayout row = new HorizontalLayout(value, copy);
        row.setWidthFull();
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.setFlexGrow(1, value);
        add(text, row);
        getFooter().add(new Button("Done", e -> close()));
        addOpenedChangeListener(e -> {
            if (!e.isOpened()) {
                value.clear();
                removeAll();
            }
        });
    }
}
