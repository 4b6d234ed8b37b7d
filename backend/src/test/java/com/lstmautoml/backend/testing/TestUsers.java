package com.lstmautoml.backend.testing;

import com.lstmautoml.backend.security.TokenSecrets;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Users and API tokens for tests, written straight into the database (the product only lets admins create tokens,
 * always for themselves; tests need tokens that act as other users).
 */
public final class TestUsers {

    private TestUsers() {
    }

    /**
     * A token acting as {@code username} in {@code team} with {@code role} (viewer, member or admin); team, user and
     * membership are created when missing (the membership with the same role).
     */
    public static String token(DataSource ds, String team, String username, String role) {
        String secret = TokenSecrets.PREFIX + "test-" + UUID.randomUUID();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            long teamId = upsert(c, "INSERT INTO team (name, created_at) VALUES (?, now()) ON CONFLICT (name) DO"
                    + " UPDATE SET name = excluded.name RETURNING id", team);
            long userId = upsert(c, "INSERT INTO app_user (username, password_hash, created_at) VALUES (?,"
                    + " 'not-a-bcrypt-hash', now()) ON CONFLICT (username) DO UPDATE SET username = excluded.username"
                    + " RETURNING id", username);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO team_member (team_id, user_id, role, added_at)"
                    + " VALUES (?, ?, ?, now()) ON CONFLICT DO NOTHING")) {
                ps.setLong(1, teamId);
                ps.setLong(2, userId);
                ps.setString(3, role);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_token (team_id, user_id, name, role,"
                    + " token_hash, prefix, created_at) VALUES (?, ?, 'test', ?, ?, 'lsa_test…', now())")) {
                ps.setLong(1, teamId);
                ps.setLong(2, userId);
                ps.setString(3, role);
                ps.setString(4, TokenSecrets.hash(secret));
                ps.executeUpdate();
            }
            c.commit();
            return secret;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long upsert(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
