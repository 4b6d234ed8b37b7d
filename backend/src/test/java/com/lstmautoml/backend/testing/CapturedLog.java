package com.lstmautoml.backend.testing;

import java.util.Arrays;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The log records published while it is open, from the root {@code java.util.logging} logger (where jboss-logging
 * ends up in tests, Quarkus' or not): for tests that check what is logged, e.g. that no secret is.
 */
public final class CapturedLog implements AutoCloseable {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLog() {
        Logger.getLogger("").addHandler(handler);
    }

    public static CapturedLog start() {
        return new CapturedLog();
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** Each record as text: its printf-formatted message, then the raw message and parameters (either may match). */
    public List<String> lines() {
        return records.stream().map(CapturedLog::text).toList();
    }

    public static String text(LogRecord r) {
        Object[] params = r.getParameters() == null ? new Object[0] : r.getParameters();
        String message = String.valueOf(r.getMessage());
        String formatted;
        try {
            formatted = String.format(message, params);
        } catch (IllegalFormatException e) {
            formatted = message;
        }
        return formatted + " | " + message + " " + Arrays.toString(params);
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
    }
}
