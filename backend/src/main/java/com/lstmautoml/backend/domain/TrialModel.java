package com.lstmautoml.backend.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The best checkpoint of a finished trial with its preprocessing and validation predictions. */
@Entity
@Table(name = "trial_model")
public class TrialModel extends PanacheEntityBase {

    @Id
    @Column(name = "trial_id")
    public Long trialId;

    @Basic(fetch = FetchType.LAZY)
    @Column(name = "model_zip")
    public byte[] modelZip;

    @JdbcTypeCode(SqlTypes.JSON)
    public String preprocessing;

    @Column(name = "val_times")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] valTimes;

    @Column(name = "val_actual")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public double[] valActual;

    @Column(name = "val_predicted")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public double[] valPredicted;

    /** The one-step forecasts of the test rows, stored when the trial is first promoted (null before). */
    @Column(name = "test_times")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] testTimes;

    @Column(name = "test_actual")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public double[] testActual;

    @Column(name = "test_predicted")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public double[] testPredicted;
}
