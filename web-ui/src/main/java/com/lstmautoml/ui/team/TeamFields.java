package com.lstmautoml.ui.team;

import com.lstmautoml.core.api.Role;
import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;

import java.util.List;
import java.util.Map;

/** What the Team page's panels and dialogs share: role choices, field errors, notifications, confirmations. */
final class TeamFields {

    private TeamFields() {
    }

    /** A choice of {@code roles} shown by their labels; {@code label} null: none (a grid cell). */
    static Select<Role> roleSelect(String label, List<Role> roles) {
        Select<Role> s = new Select<>();
        if (label != null) {
            s.setLabel(label);
        }
        s.setItems(roles);
        s.setItemLabelGenerator(Role::label);
        return s;
    }

    /** The errors at their fields (by request field name); the others in one error notification. */
    static void showErrors(ValidationException e, Map<String, HasValidation> fields) {
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

    /** Asks before an action that cannot be undone (an error-styled confirm button). */
    static void confirm(String header, String text, String confirmText, Runnable action) {
        ConfirmDialog d = new ConfirmDialog(header, text, confirmText, e -> action.run());
        d.setCancelable(true);
        d.setConfirmButtonTheme("error primary");
        d.open();
    }

    /** Loads the page again: everything on it may change (the user's role, their teams). */
    static void reloadPage() {
        UI ui = UI.getCurrent();
        if (ui != null) {
            ui.getPage().reload();
        }
    }

    static void success(String text) {
        Notification.show(text, 3000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    static void error(String text) {
        Notification.show(text, 6000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
}
