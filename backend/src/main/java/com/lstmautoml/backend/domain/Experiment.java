package com.lstmautoml.backend.domain;

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
import org.hibernate.type.SqlTypes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lstmautoml.backend.config.Json;
import com.lstmautoml.core.experiment.ExperimentStopReason;
import com.lstmautoml.core.pruners.Pruner;
import com.lstmautoml.core.pruners.Pruners;

import java.time.Duration;
import java.time.Instant;

/** A search over a space of LSTM forecasters on one dataset. */
@Entity
@Table(name = "experiment")
public class Experiment extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "dataset_id")
    public Dataset dataset;

    public String target;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] features;

    public String strategy;

    /** none, median or asha: see com.lstmautoml.core.pruners.Pruners; its settings are {@link #prunerSettings}. */
    public String pruner = "none";

    /**
     * The pruner's settings, JSON, every one filled in ({@code {"minEpochs": 3, "reductionFactor": 3,
     * "bootstrapCount": 0}}); {@code {}} for experiments from before settings (the defaults). Read with
     * {@link #pruner()}.
     */
    @Column(name = "pruner_settings")
    @JdbcTypeCode(SqlTypes.JSON)
    public String prunerSettings = "{}";

    @Column(name = "max_trials")
    public int maxTrials;

    public int parallelism;

    @Column(name = "max_epochs")
    public int maxEpochs;

    public int patience;

    /** Epochs every trial trains before early stopping may stop it. */
    @Column(name = "min_epochs")
    public int minEpochs = 1;

    /** Rolling-origin validation windows every trial trains on (1: the validation slice only). */
    @Column(name = "validation_windows")
    public int validationWindows = 1;

    /** The season length in rows (1: none), and where it came from: request, time column, autocorrelation, none. */
    public int seasonality = 1;

    @Column(name = "seasonality_source")
    public String seasonalitySource = "none";

    /** MASE's denominator: the in-sample MAE of seasonal naive on the training slice; null when unknown or 0. */
    @Column(name = "mase_scale")
    public Double maseScale;

    public long seed;

    @Column(name = "train_fraction")
    public double trainFraction;

    @Column(name = "val_fraction")
    public double valFraction;

    @Column(name = "max_attempts")
    public int maxAttempts;

    /** The search space as submitted (defaults filled in), JSON. */
    @Column(name = "search_space")
    @JdbcTypeCode(SqlTypes.JSON)
    public String searchSpace;

    @Enumerated(EnumType.STRING)
    public ExperimentState state;

    @Column(name = "trials_created")
    public int trialsCreated;

    /**
     * Why the scheduler stopped queueing trials, set the moment it stopped; null while it still queues. The
     * experiment stays RUNNING until its running trials end.
     */
    @Enumerated(EnumType.STRING)
    @Column(name = "stop_reason")
    public ExperimentStopReason stopReason;

    /** The time budget in seconds from {@link #createdAt} (null: none); read with {@link #timeBudget()}. */
    @Column(name = "time_budget_seconds")
    public Integer timeBudgetSeconds;

    @Column(name = "promoted_trial_id")
    public Long promotedTrialId;

    /** Always its dataset's team (a foreign key on (dataset_id, team_id) holds it). */
    @Column(name = "team_id")
    public long teamId;

    @Column(name = "created_by")
    public String createdBy;

    /** The user who created it (members may cancel their own experiments); null for those from before teams. */
    @Column(name = "created_by_user_id")
    public Long createdByUserId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** What its models learn: {@code forecast} or {@code generate} ({@link com.lstmautoml.core.space.Task#key}). */
    public String task = com.lstmautoml.core.space.Task.FORECAST.key();

    /** Strategy tpe only: one joint Parzen estimator over all hyperparameters (a CHECK ties it to tpe). */
    @Column(name = "tpe_multivariate")
    public boolean tpeMultivariate;

    /** Whether this is a generation experiment (a text's), rather than a forecast. */
    public boolean generates() {
        return com.lstmautoml.core.space.Task.GENERATE.key().equals(task);
    }

    /** The experiment's pruner with its settings. */
    public Pruner pruner() {
        ObjectNode json = (ObjectNode) Json.tree(prunerSettings);
        json.put("type", pruner);
        return Pruners.fromJson(json);
    }

    /** Sets {@link #pruner} and {@link #prunerSettings}. */
    public void applyPruner(Pruner p) {
        pruner = p.name();
        prunerSettings = Pruners.settingsJson(p).toString();
    }

    /** The time budget, or null when it has none. */
    public Duration timeBudget() {
        return timeBudgetSeconds == null ? null : Duration.ofSeconds(timeBudgetSeconds);
    }

    /** When the time budget runs out, or null when it has none. */
    public Instant budgetEndsAt() {
        return timeBudgetSeconds == null ? null : createdAt.plusSeconds(timeBudgetSeconds);
    }
}
