package com.lstmautoml.backend.service;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Instants to and from the values native queries bind and return for {@code TIMESTAMPTZ} columns. */
final class SqlTimes {

    private SqlTimes() {
    }

    /** A parameter for a {@code TIMESTAMPTZ} column. */
    static OffsetDateTime parameter(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** A {@code TIMESTAMPTZ} column's value as the driver returns it (null stays null). */
    static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (o instanceof Timestamp ts) {
            return ts.toInstant();
        }
        throw new IllegalStateException("not a timestamp: " + o.getClass());
    }
}
