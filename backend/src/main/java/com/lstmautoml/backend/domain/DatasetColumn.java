package com.lstmautoml.backend.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapsId;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.io.Serializable;

/** One numeric column of a dataset, its values in row order. */
@Entity
@Table(name = "dataset_column")
public class DatasetColumn extends PanacheEntityBase {

    @EmbeddedId
    public Key key = new Key();

    @MapsId("datasetId")
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "dataset_id")
    public Dataset dataset;

    public String name;

    @Column(name = "vals")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public double[] values;

    public int position() {
        return key.position;
    }

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "dataset_id")
        public Long datasetId;
        public int position;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(datasetId, k.datasetId) && position == k.position;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(datasetId, position);
        }
    }
}
