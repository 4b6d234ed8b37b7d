package com.lstmautoml.ui.team;

import com.lstmautoml.core.validation.ValidationException;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;

import java.util.Map;

/** "New team": its name (the caller becomes its admin); "Create team" fires a {@link CreateEvent}. */
class NewTeamDialog extends Dialog {

    final TextField name = new TextField("Team name");
    final Button create = new Button("Create team");

    NewTeamDialog() {
        setHeaderTitle("New team");
        name.setManualValidation(true);
        name.setHelperText("you become its admin");
        name.setWidth("22em");
        add(name);
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(e -> {
            name.setInvalid(false);
            fireEvent(new CreateEvent(this, name.getValue().strip()));
        });
        getFooter().add(new Button("Cancel", e -> close()), create);
    }

    /** The service's objections, at the name. */
    void showErrors(ValidationException e) {
        TeamFields.showErrors(e, Map.of("name", name));
    }

    Registration addCreateListener(ComponentEventListener<CreateEvent> l) {
        return addListener(CreateEvent.class, l);
    }

    /** "Create team": its name. */
    static class CreateEvent extends ComponentEvent<NewTeamDialog> {
        final String name;

        CreateEvent(NewTeamDialog source, String name) {
            super(source, false);
            this.name = name;
        }
    }
}
