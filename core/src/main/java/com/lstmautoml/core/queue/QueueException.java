package com.lstmautoml.core.queue;

/** A database error in the queue (connection lost, constraint violated...). The caller may retry later. */
public class QueueException extends RuntimeException {

    public QueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
