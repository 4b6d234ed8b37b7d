package com.lstmautoml.ui.team;

import com.lstmautoml.core.api.Role;
import com.lstmautoml.core.validation.ValidationException;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;

import java.util.Arrays;
import java.util.Map;

/** "New API token": a name and a role no higher than the caller's; "Create token" fires a {@link CreateEvent}. */
class NewTokenDialog extends Dialog {

    final TextField name = new TextField("Name");
    final Select<Role> role;
    final Button create = new Button("Create token");

    NewTokenDialog(Role own) {
        setHeaderTitle("New API token");
        name.setId("token-name");
        name.setManualValidation(true);
        name.setHelperText("what it is for, e.g. nightly-retrain");
        name.setWidthFull();
        role = TeamFields.roleSelect("Role", Arrays.stream(Role.values()).filter(own::atLeast).toList());
        role.setValue(Role.VIEWER);
        role.setHelperText("no higher than your own");
        VerticalLayout fields = new VerticalLayout(name, role);
        fields.setPadding(false);
        fields.setWidth("22em");
        add(fields);
        create.setId("create-token");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(e -> {
            name.setInvalid(false);
            role.setInvalid(false);
            fireEvent(new CreateEvent(this, name.getValue().strip(),
                    role.getValue() == null ? null : role.getValue().label()));
        });
        getFooter().add(new Button("Cancel", e -> close()), create);
    }

    /** The service's objections, at the name and the role. */
    void showErrors(ValidationException e) {
        TeamFields.showErrors(e, Map.of("name", name, "role", role));
    }

    Registration addCreateListener(ComponentEventListener<CreateEvent> l) {
        return addListener(CreateEvent.class, l);
    }

    /** "Create token": its name and role label. */
    static class CreateEvent extends ComponentEvent<NewTokenDialog> {
        final String name;
        final String role;

        CreateEvent(NewTokenDialog source, String name, String role) {
            super(source, false);
            this.name = name;
            this.role = role;
        }
    }
}
