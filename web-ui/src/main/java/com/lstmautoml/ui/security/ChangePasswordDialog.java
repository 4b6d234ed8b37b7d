package com.lstmautoml.ui.security;

import com.lstmautoml.core.validation.FieldError;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;

import com.vaadin.flow.shared.Registration;

import java.util.List;
import java.util.Locale;

/**
 * "Change password": current, new and repeated. It calls no service: "Change password" fires a {@link SaveEvent}
 * with the current and the new password once the repetition matches; the listener changes it and calls
 * {@link #passwordChanged()}, or hands the service's objections back ({@link #showErrors}, {@link #showProblem}),
 * which show at their fields.
 */
public class ChangePasswordDialog extends Dialog {

    final PasswordField current = new PasswordField("Current password");
    final PasswordField next = new PasswordField("New password");
    final PasswordField repeat = new PasswordField("Repeat the new password");
    final Div errors = new Div();
    final Button save = new Button("Change password");
    /** Whether the last save changed the password. */
    private boolean changed;

    public ChangePasswordDialog() {
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

    /** Asks for the change (a {@link SaveEvent}); true when the listener changed it (and the dialog closed). */
    boolean save() {
        clearErrors();
        changed = false;
        if (!next.getValue().equals(repeat.getValue())) {
            mark(repeat, "does not match the new password");
            return false;
        }
        fireEvent(new SaveEvent(this, current.getValue(), next.getValue()));
        return changed;
    }

    /** The password was changed: closes and says so. */
    public void passwordChanged() {
        changed = true;
        close();
        Notification.show("Password changed; your other sessions are signed out", 3000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    /** The service's objections, at their fields. */
    public void showErrors(List<FieldError> list) {
        list.forEach(this::show);
    }

    /** A refusal that belongs to no field. */
    public void showProblem(String message) {
        errors.setText(message);
    }

    public Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    /** "Change password" with a matching repetition: the current and the new password. */
    public static class SaveEvent extends ComponentEvent<ChangePasswordDialog> {
        private final String currentPassword;
        private final String newPassword;

        SaveEvent(ChangePasswordDialog source, String currentPassword, String newPassword) {
            super(source, false);
            this.currentPassword = currentPassword;
            this.newPassword = newPassword;
        }

        public String currentPassword() {
            return currentPassword;
        }

        public String newPassword() {
            return newPassword;
        }
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
