package com.lstmautoml.core.db;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcTransientTest {

    private static DatabaseException wrapped(SQLException e) {
        return new DatabaseException("could not claim trials for worker w: " + e.getMessage(), e);
    }

    @Test
    void connectionRestartAndPoolFailuresAreTransient() {
        // connection refused / broken (class 08), the server shutting down or starting up (57P01, 57P03),
        // too many connections (53300), the pool's acquisition timeout (no SQLSTATE), a serialization failure
        for (String state : new String[] {"08001", "08006", "57P01", "57P03", "53300", "40001", "40P01", null}) {
            assertThat(Jdbc.isTransient(wrapped(new SQLException("x", state)))).as(state).isTrue();
        }
        assertThat(Jdbc.isTransient(wrapped(new SQLTransientConnectionException("timeout", "HY000")))).isTrue();
        assertThat(Jdbc.isTransient(new IllegalStateException("x", new ConnectException("refused")))).isTrue();
    }

    @Test
    void aCommitThatFailedOnADeadConnectionIsTransient() {
        // how Narayana reports it: a rollback exception (no cause) with the XA error suppressed, whose cause is the
        // server's "terminating connection due to administrator command"
        Exception xa = new Exception("Error trying to transactionCommit local transaction",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        RuntimeException rollback = new RuntimeException("commit failed");
        rollback.addSuppressed(xa);
        assertThat(Jdbc.isTransient(new RuntimeException("Error invoking subclass method", rollback))).isTrue();
        // a suppressed error that is not the database's changes nothing
        RuntimeException other = new RuntimeException("commit failed");
        other.addSuppressed(new IllegalStateException("x"));
        assertThat(Jdbc.isTransient(other)).isFalse();
    }

    @Test
    void errorsThatWouldFailAgainAreNot() {
        // check and unique violations, a missing table, a syntax error, and anything not from the database
        for (String state : new String[] {"23514", "23505", "42P01", "42601"}) {
            assertThat(Jdbc.isTransient(wrapped(new SQLException("x", state)))).as(state).isFalse();
        }
        assertThat(Jdbc.isTransient(new IllegalArgumentException("lookBack too long"))).isFalse();
    }
}
