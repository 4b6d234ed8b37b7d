package com.lstmautoml.backend.domain;

import com.lstmautoml.core.api.Role;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A user's membership of a team, with their role there. */
@Entity
@Table(name = "team_member")
public class TeamMember extends PanacheEntityBase {

    @EmbeddedId
    public Key key = new Key();

    @Convert(converter = RoleColumn.class)
    public Role role;

    @Column(name = "added_at")
    public Instant addedAt;

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "team_id")
        public long teamId;

        @Column(name = "user_id")
        public long userId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.teamId == teamId && k.userId == userId;
        }

        @Override
        public int hashCode() {
            return Objects.hash(teamId, userId);
        }
    }

    public static List<TeamMember> ofUser(long userId) {
        return list("key.userId", userId);
    }

    public static List<TeamMember> ofTeam(long teamId) {
        return list("key.teamId", teamId);
    }

    public static long admins(long teamId) {
        return count("key.teamId = ?1 and role = ?2", teamId, Role.ADMIN);
    }

    /** Roles as the database spells them: viewer, member, admin (CHECK constraint in V4). */
    @Converter
    public static class RoleColumn implements AttributeConverter<Role, String> {
        @Override
        public String convertToDatabaseColumn(Role role) {
            return role == null ? null : role.label();
        }

        @Override
        public Role convertToEntityAttribute(String value) {
            return value == null ? null : Role.parse(value, "role");
        }
    }
}
