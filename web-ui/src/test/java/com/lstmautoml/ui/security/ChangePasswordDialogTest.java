package com.lstmautoml.ui.security;

import com.lstmautoml.core.validation.FieldError;
import com.vaadin.flow.component.UI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The dialog alone: it asks by an event and shows what it is told; the layout calls the service. */
class ChangePasswordDialogTest {

    private final UI ui = new UI();
    private final List<ChangePasswordDialog.SaveEvent> saved = new ArrayList<>();
    private final ChangePasswordDialog dialog = new ChangePasswordDialog();

    @BeforeEach
    void setUp() {
        UI.setCurrent(ui); // held in a field: CurrentInstance keeps only a weak reference
        dialog.addSaveListener(saved::add);
    }

    @AfterEach
    void tearDown() {
        UI.setCurrent(null);
    }

    @Test
    void saveCarriesTheCurrentAndTheNewPassword() {
        dialog.current.setValue("secret-bob");
        dialog.next.setValue("longenough");
        dialog.repeat.setValue("longenough");
        dialog.save.click();

        assertThat(saved).singleElement().satisfies(e -> {
            assertThat(e.currentPassword()).isEqualTo("secret-bob");
            assertThat(e.newPassword()).isEqualTo("longenough");
        });
    }

    @Test
    void aRepetitionThatDiffersAsksNothing() {
        dialog.next.setValue("longenough");
        dialog.repeat.setValue("different");
        dialog.save.click();

        assertThat(saved).isEmpty();
        assertThat(dialog.repeat.isInvalid()).isTrue();
    }

    @Test
    void theServicesObjectionsShowAtTheirFields() {
        dialog.showErrors(List.of(new FieldError("currentPassword", "is not your current password"),
                new FieldError("other", "odd")));
        assertThat(dialog.current.isInvalid()).isTrue();
        assertThat(dialog.current.getErrorMessage()).isEqualTo("is not your current password");
        assertThat(dialog.errors.getElement().getTextRecursively()).contains("other: odd");
    }
}
