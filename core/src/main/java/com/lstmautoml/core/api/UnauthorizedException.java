package com.lstmautoml.core.api;

/** No valid credentials (missing, unknown, revoked token; a user that no longer exists); the API answers 401. */
public class UnauthorizedException extends RuntimeException {
    public UnauthorizedException(String message) {
        super(message);
    }
}
