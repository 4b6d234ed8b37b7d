package com.lstmautoml.backend.security;

import com.lstmautoml.core.api.Accounts;
import com.lstmautoml.ui.security.CurrentCaller;
import com.lstmautoml.ui.security.SessionCaller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The dashboard's views get their caller from the Vaadin session (web-ui cannot see this module's beans). */
@ApplicationScoped
public class DashboardCaller {

    @Produces
    @ApplicationScoped
    CurrentCaller currentCaller(Accounts accounts) {
        return new SessionCaller(accounts);
    }
}
