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
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A pending invitation of a username (stored lower-case; there may be no such user yet) to a team with a role; it
 * becomes a membership when that user accepts it, and goes when they decline or an admin revokes it (V7).
 */
@Entity
@Table(name = "team_invitation")
public class TeamInvitation extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "team_id")
    public long teamId;

    /** Lower-case. */
    public String username;

    @Convert(converter = TeamMember.RoleColumn.class)
    public Role role;

    /** Null once the inviting user no longer exists. */
    @Column(name = "invited_by_user_id")
    public Long invitedByUserId;

    @Column(name = "invited_at")
    public Instant invitedAt;

    public static String normalize(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    public static Optional<TeamInvitation> find(long teamId, String username) {
        return find("teamId = ?1 and lower(username) = lower(?2)", teamId, username).firstResultOptional();
    }

    /** A user's pending invitations, oldest first. */
    public static List<TeamInvitation> ofUsername(String username) {
        return list("lower(username) = lower(?1) order by invitedAt, id", username);
    }

    /** A team's pending invitations, by username. */
    public static List<TeamInvitation> ofTeam(long teamId) {
        return list("teamId = ?1 order by username", teamId);
    }
}
