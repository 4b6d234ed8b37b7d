package com.lstmautoml.core.api;

/** The caller may see the object but its role does not allow the action; the API answers 403. */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
