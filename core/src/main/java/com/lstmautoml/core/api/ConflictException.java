package com.lstmautoml.core.api;

/** The request is valid but the object's state forbids it (promote with no completed trial); 409. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
