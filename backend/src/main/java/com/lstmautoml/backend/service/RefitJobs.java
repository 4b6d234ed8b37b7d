package com.lstmautoml.backend.service;

import com.lstmautoml.backend.domain.Experiment;
import com.lstmautoml.backend.domain.Trial;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.trial.TrialState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Refit jobs on the trial queue: a row of the trial table with kind 'REFIT' (V9), claimed, leased, heart-beaten and
 * rescued by the one {@code TrialQueue} like any trial, trained by a worker on train + validation for the source
 * trial's best epoch count ({@code LstmTrainer}'s refit). The {@code Trial} entity sees search trials only, so refit
 * rows are written and read here with SQL. They are queued at priority 0, ahead of search trials: a user who promoted
 * a model waits for its refit.
 */
@ApplicationScoped
public class RefitJobs {

    /** Claimed before search trials (priority 1): the claim orders by priority ascending. */
    static final int PRIORITY = 0;

    private final Clock clock;

    public RefitJobs(Clock clock) {
        this.clock = clock;
    }

    /**
     * The epochs a refit of {@code source} trains: its best epoch count (the 0-based best epoch + 1), else the
     * epochs it ran.
     */
    static int epochs(Trial source) {
        if (source.bestEpoch != null) {
            return source.bestEpoch + 1;
        }
        return source.epochsRun == null || source.epochsRun < 1 ? 1 : source.epochsRun;
    }

    /** Queues the refit of {@code source}, a COMPLETED search trial of {@code e}, in the caller's transaction. */
    long queue(Experiment e, Trial source) {
        Number id = (Number) em().createNativeQuery("INSERT INTO trial (experiment_id, number, state, priority, params,"
                        + " model_config, max_attempts, queued_at, kind, refit_of, refit_epochs)"
                        + " VALUES (?1, ?2, 'QUEUED', ?3, CAST(?4 AS jsonb), ?5, ?6, ?7, 'REFIT', ?8, ?9) RETURNING id")
                .setParameter(1, e.id).setParameter(2, source.number).setParameter(3, PRIORITY)
                .setParameter(4, source.params).setParameter(5, source.modelConfig)
                .setParameter(6, e.maxAttempts)
                .setParameter(7, SqlTimes.parameter(clock.instant()))
                .setParameter(8, source.id).setParameter(9, epochs(source))
                .getSingleResult();
        return id.longValue();
    }

    /** A refit job's state, or empty when the row is gone. */
    Optional<ApiDtos.RefitView> view(long refitTrialId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em().createNativeQuery("SELECT state, refit_epochs, queued_at, started_at, finished_at,"
                + " error FROM trial WHERE id = ?1 AND kind = 'REFIT'").setParameter(1, refitTrialId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.get(0);
        return Optional.of(new ApiDtos.RefitView((String) r[0], ((Number) r[1]).intValue(), SqlTimes.instant(r[2]),
                SqlTimes.instant(r[3]), SqlTimes.instant(r[4]), (String) r[5]));
    }

    /** The versions whose refit completed and has no evaluation yet, oldest first. */
    List<Long> completedUnevaluated() {
        @SuppressWarnings("unchecked")
        List<Number> ids = em().createNativeQuery("SELECT v.id FROM model_version v JOIN trial t ON t.id ="
                + " v.refit_trial_id WHERE t.state = 'COMPLETED' AND NOT EXISTS (SELECT 1 FROM model_evaluation ev"
                + " WHERE ev.version_id = v.id AND ev.model = 'refit') ORDER BY v.id").getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    /**
     * Records that a completed refit could not be scored: it becomes FAILED with the reason, and its version keeps
     * serving the trial's model.
     */
    void failAfterTraining(long refitTrialId, String error) {
        em().createNativeQuery("UPDATE trial SET state = 'FAILED', error = ?1 WHERE id = ?2 AND kind = 'REFIT'"
                        + " AND state = '" + TrialState.COMPLETED.name() + "'")
                .setParameter(1, error).setParameter(2, refitTrialId).executeUpdate();
    }

    private static EntityManager em() {
        return Trial.getEntityManager();
    }
}
