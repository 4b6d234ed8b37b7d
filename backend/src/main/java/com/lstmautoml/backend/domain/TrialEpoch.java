package com.lstmautoml.backend.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * One epoch of one validation window of a trial's loss curve (MSE on scaled data), written by the worker as it
 * happens; each window's epochs count from 0.
 */
@Entity
@Table(name = "trial_epoch")
public class TrialEpoch extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Column(name = "train_loss")
    public double trainLoss;

    @Column(name = "val_loss")
    public double valLoss;

    /** Validation RMSE in the series' units after this epoch; null for epochs recorded before it was measured. */
    @Column(name = "val_rmse")
    public Double valRmse;

    @Column(name = "recorded_at")
    public Instant recordedAt;

    /** The trial's curve: window by window (oldest first), each by epoch. */
    public static List<TrialEpoch> curve(long trialId) {
        return list("key.trialId = ?1 order by key.valWindow, key.epoch", trialId);
    }

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "trial_id")
        public Long trialId;
        @Column(name = "val_window")
        public short valWindow;
        public int epoch;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(trialId, k.trialId) && valWindow == k.valWindow
                    && epoch == k.epoch;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(trialId, valWindow, epoch);
        }
    }
}
