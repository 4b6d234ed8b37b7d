package com.lstmautoml.backend.domain;

import com.lstmautoml.core.api.Role;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** An API token of one team with one role; only the SHA-256 of its secret is stored. */
@Entity
@Table(name = "api_token")
public class ApiToken extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "team_id")
    public long teamId;

    /** Who created it: the token acts as this user, never above their current role in the team. */
    @Column(name = "user_id")
    public long userId;

    public String name;

    @Convert(converter = TeamMember.RoleColumn.class)
    public Role role;

    @Column(name = "token_hash")
    public String tokenHash;

    /** The secret's first characters, to recognise a token in lists. */
    public String prefix;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    public static Optional<ApiToken> findByHash(String hash) {
        return find("tokenHash", hash).firstResultOptional();
    }
}
