package com.lstmautoml.ui.security;

import com.lstmautoml.core.api.UnauthorizedException;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;

import jakarta.servlet.http.HttpServletResponse;

/**
 * A view failed to open because the session's user is gone (or in no team any more): {@link SessionCaller} has
 * already sent the browser to the sign-in page; this says so meanwhile instead of an error page.
 */
public class SessionEndedView extends Div implements HasErrorParameter<UnauthorizedException> {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<UnauthorizedException> parameter) {
        SignedInUser.clear();
        removeAll();
        Anchor login = new Anchor(LoginView.ROUTE, "Sign in again");
        add(new H2("Your session has ended"), login);
        getStyle().set("padding", "var(--lumo-space-l)");
        event.getUI().getPage().setLocation(LoginView.ROUTE);
        return HttpServletResponse.SC_UNAUTHORIZED;
    }
}
