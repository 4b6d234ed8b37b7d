package com.lstmautoml.ui.security;

import com.lstmautoml.core.api.Accounts;
import com.lstmautoml.core.api.ForbiddenException;
import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;

import java.util.Locale;

/**
 * "Change password": current, new and repeated; the service's objections show at their fields. The change ends the
 * user's other sessions; this one goes on with the new session version.
 */
public class ChangePasswordDialog extends Dialog {

    private final Accounts accounts;
    private final CurrentCaller caller;
    final PasswordField current = new PasswordField("Current password");
    final PasswordField next = new PasswordField("New password");
    final PasswordField repeat = new PasswordField("Repeat the new password");
    final Div errors = new Div();
    final Button save = new Button("Change password");

    public ChangePasswordDialog(Accounts accounts, CurrentCaller caller) {
        this.accounts = accounts;
        this.caller = caller;
        setHeaderTitle("Change password");
        for (PasswordField f : new PasswordField[] {current, next, repeat}) {
            f.setManualValidation(true);
            f.setRequiredIndicatorVisible(true);
            f.setWidthFull();
        }
        errors.getStyle().set("color", "var(--lumo-error-text-color)");
        VerticalLayout fields = new VerticalLayout(current, next, repeat, errors);
        fields.setPadding(false);
        fields.setWidth("22em");
        add(fields);
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());
        Button cancel = new Button("Cancel", e -> close());
        getFooter().add(cancel, save);
    }

    /** Changes the password; true when it was changed (and the dialog closed). */
    boolean save() {
        clearErrors();
        if (!next.getValue().equals(repeat.getValue())) {
            mark(repeat, "does not match the new password");
            return false;
        }
        try {
            long sessionVersion = accounts.changePassword(caller.get(), current.getValue(), next.getValue());
            SignedInUser.passwordChanged(sessionVersion);
        } catch (ValidationException e) {
            e.errors().forEach(this::show);
            return false;
        } catch (ForbiddenException e) {
            errors.setText(e.getMessage());
            return false;
        }
        close();
        Notification.show("Password changed; your other sessions are signed out", 3000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        return true;
    }

    private void show(FieldError e) {
        String field = e.field() == null ? "" : e.field().toLowerCase(Locale.ROOT);
        if (field.contains("current") || field.contains("old")) {
            mark(current, e.message());
        } else if (field.contains("new") || field.equals("password")) {
            mark(next, e.message());
        } else {
            errors.add(new Div(e.field() + ": " + e.message()));
        }
    }

    private static void mark(PasswordField f, String message) {
        f.setInvalid(true);
        f.setErrorMessage(message);
    }

    private void clearErrors() {
        errors.removeAll();
        errors.setText("");
        for (PasswordField f : new PasswordField[] {current, next, repeat}) {
            f.setInvalid(false);
        }
    }
}
