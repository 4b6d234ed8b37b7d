package com.lstmautoml.backend.domain;

import com.lstmautoml.core.trial.TrialState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.SQLRestriction;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/**
 * One candidate of an experiment. The trial rows are the queue: workers claim and report through
 * {@code core}'s {@code TrialQueue} (plain SQL); the backend reads them here and inserts new QUEUED ones.
 *
 * <p>The queue also holds refit jobs (kind 'REFIT', see {@code RefitJobs}); this entity sees search trials only, so
 * rankings, counts, strategies and the experiment views never meet a refit.
 */
@Entity
@Table(name = "trial")
@SQLRestriction("kind = 'SEARCH'")
public class Trial extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "experiment_id")
    public Experiment experiment;

    @Column(name = "experiment_id", insertable = false, updatable = false)
    public Long experimentId;

    public int number;

    @Enumerated(EnumType.STRING)
    public TrialState state;

    public short priority = 1;

    /** {@code TrialParams} as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String params;

    /** The DL4J MultiLayerConfiguration JSON this trial trains. */
    @Column(name = "model_config")
    public String modelConfig;

    public int attempt;

    @Column(name = "max_attempts")
    public int maxAttempts;

    @Column(name = "queued_at")
    public Instant queuedAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;

    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "worker_id")
    public String workerId;

    @Column(name = "stop_requested")
    public boolean stopRequested;

    @Column(name = "train_rmse")
    public Double trainRmse;

    /** The ranked validation RMSE: with several validation windows, the mean of {@link #valRmseWindows}. */
    @Column(name = "val_rmse")
    public Double valRmse;

    /** Each trained validation window's best RMSE, oldest first; null while running, when failed, or before V12. */
    @Column(name = "val_rmse_windows")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public double[] valRmseWindows;

    /** Validation MAE and sMAPE (percent) of the finished trial's best epoch (means over validation windows). */
    @Column(name = "val_mae")
    public Double valMae;

    @Column(name = "val_smape")
    public Double valSmape;

    /** The held-out test score, computed once when the trial is first promoted (null before). */
    @Column(name = "test_rmse")
    public Double testRmse;

    @Column(name = "test_mae")
    public Double testMae;

    @Column(name = "test_smape")
    public Double testSmape;

    /** How many test rows were scored. */
    @Column(name = "test_rows")
    public Integer testRows;

    @Column(name = "epochs_run")
    public Integer epochsRun;

    @Column(name = "best_epoch")
    public Integer bestEpoch;

    @Column(name = "stop_reason")
    public String stopReason;

    public String error;

    @Column(name = "attempt_errors")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] attemptErrors = new String[0];
}
