package com.lstmautoml.core.db;

/**
 * A database statement failed ({@link Jdbc#inTransaction}: connection lost, constraint violated...); the caller may
 * retry later.
 */
public class DatabaseException extends RuntimeException {

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
