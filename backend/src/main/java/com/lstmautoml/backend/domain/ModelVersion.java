package com.lstmautoml.backend.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/** One version of a {@link RegisteredModel}: a promoted trial with its metrics as they were at promotion. */
@Entity
@Table(name = "model_version")
public class ModelVersion extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "model_id")
    public long modelId;

    public int version;

    @Column(name = "experiment_id")
    public long experimentId;

    @Column(name = "trial_id")
    public long trialId;

    @Column(name = "promoted_by_user_id")
    public Long promotedByUserId;

    @Column(name = "promoted_by")
    public String promotedBy;

    @Column(name = "promoted_at")
    public Instant promotedAt;

    /** {@code TrialParams} as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String params;

    @Column(name = "val_rmse")
    public Double valRmse;

    @Column(name = "val_mae")
    public Double valMae;

    @Column(name = "val_smape")
    public Double valSmape;

    @Column(name = "test_rmse")
    public Double testRmse;

    @Column(name = "test_mae")
    public Double testMae;

    @Column(name = "test_smape")
    public Double testSmape;

    @Column(name = "mase_scale")
    public Double maseScale;

    /** The experiment's baselines at promotion, a JSON array of {@link BaselineAtPromotion}. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String baselines;

    /** One baseline's figures as stored in {@link #baselines}. */
    public record BaselineAtPromotion(String name, Double valRmse, Double testRmse, Double testMae, Double testSmape) {
    }

    /** The version's refit job (a trial row of kind 'REFIT'); null when promoted without refit. */
    @Column(name = "refit_trial_id")
    public Long refitTrialId;
}
