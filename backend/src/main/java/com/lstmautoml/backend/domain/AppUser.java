package com.lstmautoml.backend.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** A person who signs in to the dashboard; the password only as a bcrypt hash. */
@Entity
@Table(name = "app_user")
public class AppUser extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String username;

    /** bcrypt ($2y$, cost from automl.security.bcrypt-cost); never logged, never leaves the service. */
    @Column(name = "password_hash")
    public String passwordHash;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "last_sign_in_at")
    public Instant lastSignInAt;

    /**
     * Moves on with every password change; a dashboard session remembers the value it signed in with and ends when it
     * differs (so a password change ends the user's other sessions).
     */
    @Column(name = "session_version")
    public long sessionVersion;

    /** The team the user last worked in on the dashboard (null: none yet, or it was deleted); sign-in lands there. */
    @Column(name = "last_team_id")
    public Long lastTeamId;

    /** The user of this username in any case ({@code ADMIN} is {@code admin}; V6 keeps them unique that way). */
    public static Optional<AppUser> findByUsername(String username) {
        return find("lower(username) = lower(?1)", username).firstResultOptional();
    }

    @Override
    public String toString() {
        return "AppUser[" + id + ", " + username + "]";
    }
}
