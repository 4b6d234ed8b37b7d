package com.lstmautoml.ui.fakes;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A UI and a bare session made current around each test ({@code @RegisterExtension final CurrentUi current = new
 * CurrentUi();}), for views that read the session or reload the page.
 */
public final class CurrentUi implements BeforeEachCallback, AfterEachCallback {

    /** Held here: CurrentInstance keeps only weak references. */
    public final UI ui = new UI();
    public final TestSession session = new TestSession();

    @Override
    public void beforeEach(ExtensionContext context) {
        UI.setCurrent(ui);
        VaadinSession.setCurrent(session);
        ui.getInternals().setSession(session); // page reloads and redirects are JavaScript of the UI's session
    }

    @Override
    public void afterEach(ExtensionContext context) {
        UI.setCurrent(null);
        VaadinSession.setCurrent(null);
    }
}
