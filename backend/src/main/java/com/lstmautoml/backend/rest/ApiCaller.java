package com.lstmautoml.backend.rest;

import com.lstmautoml.core.api.Accounts;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.UnauthorizedException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * The caller of one API request, from its {@code Authorization: Bearer <token>} header. Every resource method gets
 * its {@link Caller} here before calling a service (every service method needs one), so no endpoint can forget to
 * authenticate; a missing, unknown or revoked token is a 401.
 */
@RequestScoped
public class ApiCaller {

    static final String SCHEME = "Bearer ";

    private final Accounts accounts;
    private final HttpHeaders headers;
    private Caller caller;

    public ApiCaller(Accounts accounts, HttpHeaders headers) {
        this.accounts = accounts;
        this.headers = headers;
    }

    /** @throws UnauthorizedException when the request has no valid token */
    public Caller get() {
        if (caller == null) {
            caller = accounts.tokenCaller(bearer(headers.getHeaderString(HttpHeaders.AUTHORIZATION)));
        }
        return caller;
    }

    static String bearer(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new UnauthorizedException("this API needs a token: send Authorization: Bearer <token> (team admins"
                    + " create tokens in the dashboard under Team, or with POST /api/tokens)");
        }
        if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new UnauthorizedException("the Authorization header must be 'Bearer <token>'");
        }
        return authorization.substring(SCHEME.length()).strip();
    }
}
