package com.lstmautoml.backend.service;

import com.lstmautoml.backend.domain.Experiment;
import com.lstmautoml.backend.domain.Trial;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.queue.TrialQueue;
import com.lstmautoml.core.trial.TrialState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Refit jobs on the trial queue: a row of the trial table with kind 'REFIT' (V9), claimed, leased, heart-beaten and
 * rescued by the one {@code TrialQueue} like any trial, trained by a worker on train + validation for the source
 * trial's best epoch count ({@code LstmTrainer}'s refit). The {@code Trial} entity sees search trials only, so refit
 * rows are read here with SQL; they are written by the queue ({@link TrialQueue#enqueue}), at priority 0, ahead of
 * search trials: a user who promoted a model waits for its refit.
 */
@ApplicationScoped
public class RefitJobs {

    private final Clock clock;
    private final TrialQueue queue;

    public RefitJobs(Clock clock, TrialQueue queue) {
        this.clock = clock;
        this.queue = queue;
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
        TrialQueue.NewTrial row = new TrialQueue.NewTrial(e.id, source.number, source.params, source.modelConfig,
                e.maxAttempts, clock.instant(), source.id, epochs(source));
        return em().unwrap(Session.class).doReturningWork(c -> queue.enqueue(c, row));
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
