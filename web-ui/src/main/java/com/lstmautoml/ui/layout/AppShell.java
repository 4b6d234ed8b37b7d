package com.lstmautoml.ui.layout;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.shared.communication.PushMode;
import com.vaadin.flow.shared.ui.Transport;

/**
 * The dashboard's page shell. Server push is on: what a view changes inside {@code UI.access} (see
 * {@link LiveUpdates}) reaches the browser at once, over a WebSocket (Atmosphere at {@code /VAADIN/push}), or over
 * long polling where a proxy refuses WebSockets. Requests from the browser stay plain XHR ({@code WEBSOCKET_XHR}), so
 * they pass the same HTTP filters as before (security headers, session cookie).
 */
@Push(value = PushMode.AUTOMATIC, transport = Transport.WEBSOCKET_XHR)
public class AppShell implements AppShellConfigurator {
}
