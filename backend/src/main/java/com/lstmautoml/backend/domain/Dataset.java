package com.lstmautoml.backend.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A dataset stored in PostgreSQL: a table (kind {@code table}: the time labels here, each numeric column a
 * {@link DatasetColumn}) or a text (kind {@code text}: no time column, {@code rowCount} its characters, the content a
 * {@link DatasetText}).
 */
@Entity
@Table(name = "dataset")
public class Dataset extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;

    /** {@code table} or {@code text} (core's {@code ApiDtos.TABLE}, {@code ApiDtos.TEXT}). */
    public String kind = com.lstmautoml.core.api.ApiDtos.TABLE;

    @Column(name = "time_column")
    public String timeColumn;

    @Column(name = "time_values")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] timeValues;

    @Column(name = "row_count")
    public int rowCount;

    /** The team it belongs to: only that team's members and tokens see it. */
    @Column(name = "team_id")
    public long teamId;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_by_user_id")
    public Long createdByUserId;

    @Column(name = "created_at")
    public Instant createdAt;

    @OneToMany(mappedBy = "dataset", cascade = jakarta.persistence.CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<DatasetColumn> columns = new ArrayList<>();

    /** Whether this is a text rather than a table. */
    public boolean isText() {
        return com.lstmautoml.core.api.ApiDtos.TEXT.equals(kind);
    }

    /** The team's dataset of that name (names are unique within a team). */
    public static Optional<Dataset> findByName(long teamId, String name) {
        return find("teamId = ?1 and name = ?2", teamId, name).firstResultOptional();
    }
}
