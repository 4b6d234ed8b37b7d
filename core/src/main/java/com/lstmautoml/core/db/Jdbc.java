package com.lstmautoml.core.db;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Small JDBC helpers of the queue: one transaction per call, instants bound as timestamptz. */
public final class Jdbc {

    private Jdbc() {
    }

    @FunctionalInterface
    public interface TxWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in its own transaction on a fresh connection; commits, or rolls back on any failure. */
    public static <T> T inTransaction(DataSource ds, String what, TxWork<T> work) {
        try (Connection c = ds.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            } finally {
                try {
                    c.setAutoCommit(auto);
                } catch (SQLException ignored) {
                    // the connection is being closed (or returned to a pool that resets it)
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether {@code e} (or a cause) is a failure that goes away by itself: the database unreachable, restarting or
     * shutting down, a connection broken or refused, the pool unable to hand out a connection in time
     * (an {@link SQLException} without SQLSTATE), too many connections, or a serialization failure/deadlock. Such a
     * call may be retried as is; other errors (a violated constraint, a missing table, bad SQL) would fail again.
     */
    public static boolean isTransient(Throwable e) {
        return isTransient(e, 0);
    }

    /**
     * Walks the cause chain and, a few levels deep, the suppressed exceptions too: a failed commit arrives as a
     * RollbackException whose suppressed XAException carries the PostgreSQL error.
     */
    private static boolean isTransient(Throwable e, int depth) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (depth < 3) {
                for (Throwable s : t.getSuppressed()) {
                    if (isTransient(s, depth + 1)) {
                        return true;
                    }
                }
            }
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof java.net.SocketException || t instanceof java.io.EOFException) {
                return true;
            }
            if (t instanceof SQLException se) {
                String state = se.getSQLState();
                if (state == null) {
                    // the driver's or pool's own errors without a server answer: "acquisition timeout", closed
                    return true;
                }
                // 08 connection exception, 53 insufficient resources (too many connections), 57P0x admin/crash
                // shutdown or "the database system is starting up", 40001/40P01 serialization failure/deadlock
                if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
                        || state.equals("40001") || state.equals("40P01")) {
                    return true;
                }
            }
        }
        return false;
    }

    public static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setObject(index, instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    public static Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
