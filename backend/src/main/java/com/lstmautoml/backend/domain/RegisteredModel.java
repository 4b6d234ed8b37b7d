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

/**
 * A registered model of a team: numbered {@link ModelVersion}s, one of which is the champion. Versions are created by
 * promotion only (with this row locked, so two promotions never take the same number).
 */
@Entity
@Table(name = "registered_model")
public class RegisteredModel extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "team_id")
    public long teamId;

    public String name;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The version the alias {@code champion} points at; null before the first version. */
    @Column(name = "champion_version_id")
    public Long championVersionId;

    public static Optional<RegisteredModel> findByName(long teamId, String name) {
        return find("teamId = ?1 and name = ?2", teamId, name).firstResultOptional();
    }
}
