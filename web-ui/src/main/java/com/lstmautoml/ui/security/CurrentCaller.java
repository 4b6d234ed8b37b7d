package com.lstmautoml.ui.security;

import com.lstmautoml.core.api.Caller;

/**
 * Who the dashboard acts as: the views take one through their constructors, like the services, and ask it for the
 * caller before every service call (so a revoked membership or a changed role takes effect at once). The application
 * provides {@link SessionCaller}; tests pass a lambda with a fixture caller.
 */
@FunctionalInterface
public interface CurrentCaller {

    /**
     * @throws com.lstmautoml.core.api.UnauthorizedException when nobody is signed in (any more); the implementation has
     *                                                        then already sent the browser to the sign-in page
     */
    Caller get();
}
