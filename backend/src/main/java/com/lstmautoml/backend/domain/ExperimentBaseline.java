package com.lstmautoml.backend.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A classical baseline of an experiment, fitted on its training slice when the experiment was created and scored one
 * step ahead on its validation and test rows (core's {@code baselines.Baselines}); MASE follows from the MAE and the
 * experiment's {@code maseScale}. A generation experiment's one baseline is the character n-gram model, in bits per
 * character ({@code valRmse}, {@code testRmse}; the error columns null).
 */
@Entity
@Table(name = "experiment_baseline")
public class ExperimentBaseline extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    public String name;

    public String description;

    @Column(name = "val_rmse")
    public double valRmse;

    @Column(name = "val_mae")
    public Double valMae;

    @Column(name = "val_smape")
    public Double valSmape;

    @Column(name = "test_rmse")
    public double testRmse;

    @Column(name = "test_mae")
    public Double testMae;

    @Column(name = "test_smape")
    public Double testSmape;

    /** The baselines of these experiments, by experiment and position. */
    public static List<ExperimentBaseline> of(List<Long> experimentIds) {
        return list("key.experimentId in ?1 order by key.experimentId, key.position", experimentIds);
    }

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "experiment_id")
        public Long experimentId;
        public short position;

        public Key() {
        }

        public Key(long experimentId, int position) {
            this.experimentId = experimentId;
            this.position = (short) position;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.experimentId, experimentId) && k.position == position;
        }

        @Override
        public int hashCode() {
            return Objects.hash(experimentId, position);
        }
    }
}
