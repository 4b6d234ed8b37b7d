package com.lstmautoml.core.queue;

import com.lstmautoml.core.testing.QueueFixture;
import com.lstmautoml.core.training.StopReason;
import com.lstmautoml.core.training.TrainingResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Refit jobs on the one queue: claimed ahead of search trials with their epoch count, never pruned, completed without
 * a validation score; the schema keeps them apart from search trials' numbering and rules.
 */
class RefitJobQueueTest {

    private QueueFixture f;
    private String worker;

    @BeforeEach
    void setUp() {
        f = new QueueFixture();
        worker = f.worker("w-1");
    }

    private long completedSource() {
        double[] curve = new double[10];
        for (int e = 0; e < curve.length; e++) {
            curve[e] = 1.0 / (e + 1);
        }
        return f.rows.finishedTrial(f.experimentId, "COMPLETED", f.clock.instant(), curve);
    }

    @Test
    void aRefitIsClaimedFirstWithItsEpochsAndNeverPruned() {
        f.rows.pruner(f.experimentId, "median");
        for (int i = 0; i < 5; i++) {
            completedSource();
        }
        long source = completedSource();
        // search trials queued earlier wait: the refit has priority 0
        f.rows.queuedTrials(f.experimentId, 2, f.clock.instant());
        f.clock.advance(java.time.Duration.ofSeconds(1));
        long refit = f.rows.queuedRefit(source, 7, f.clock.instant());

        ClaimedTrial claimed = f.queue.claim(worker, 1).get(0);
        assertThat(claimed.trialId()).isEqualTo(refit);
        assertThat(claimed.refit()).isTrue();
        assertThat(claimed.refitEpochs()).isEqualTo(7);
        assertThat(claimed.number()).isEqualTo(f.rows.trial(source).number());

        // a search trial this bad would be pruned by the median pruner after its warm-up; a refit trains on
        List<HeartbeatAnswer> answers = new ArrayList<>();
        for (int e = 0; e < 7; e++) {
            answers.add(f.queue.reportEpoch(claimed.token(), new TrainingResult.EpochLoss(e, 50, Double.NaN,
                    Double.NaN)));
        }
        assertThat(answers).containsOnly(HeartbeatAnswer.CONTINUE);

        TrainingResult done = new TrainingResult(3.5, Double.NaN, Double.NaN, Double.NaN, 7, 6,
                StopReason.MAX_EPOCHS, List.of(), new byte[]{1, 2}, "{}", List.of(), new double[0], new double[0]);
        assertThat(f.queue.complete(claimed.token(), done)).isTrue();
        var row = f.rows.trial(refit);
        assertThat(row.state()).isEqualTo("COMPLETED");
        assertThat(row.valRmse()).isNull();
        assertThat(row.trainRmse()).isEqualTo(3.5);
        assertThat(row.epochsRun()).isEqualTo(7);

        // the next claim is a search trial
        assertThat(f.queue.claim(worker, 1).get(0).refit()).isFalse();
    }

    @Test
    void theSchemaKeepsRefitsApartFromSearchTrials() {
        long source = completedSource();
        long refit = f.rows.queuedRefit(source, 3, f.clock.instant());
        // a refit shares its source's number; two search trials cannot
        assertThat(f.rows.trial(refit).number()).isEqualTo(f.rows.trial(source).number());
        assertThatThrownBy(() -> f.rows.execute("INSERT INTO trial (experiment_id, number, state, params,"
                + " model_config, max_attempts, queued_at) SELECT experiment_id, number, 'QUEUED', params, model_config,"
                + " 3, queued_at FROM trial WHERE id = ?", source)).hasRootCauseInstanceOf(SQLException.class)
                .rootCause().hasMessageContaining("trial_number_key");
        // a refit has its source and epochs, a search trial neither
        assertThatThrownBy(() -> f.rows.execute("UPDATE trial SET refit_epochs = NULL WHERE id = ?", refit))
                .rootCause().hasMessageContaining("trial_refit_check");
        assertThatThrownBy(() -> f.rows.execute("UPDATE trial SET refit_epochs = 2 WHERE id = ?", source))
                .rootCause().hasMessageContaining("trial_refit_check");
        // a search trial COMPLETED needs its validation RMSE; nothing prunes a refit
        assertThatThrownBy(() -> f.rows.execute("UPDATE trial SET val_rmse = NULL WHERE id = ?", source))
                .rootCause().hasMessageContaining("trial_finished_scored_check");
        assertThatThrownBy(() -> f.rows.execute("UPDATE trial SET state = 'PRUNED', started_at = queued_at,"
                + " finished_at = queued_at, val_rmse = 1 WHERE id = ?", refit))
                .rootCause().hasMessageContaining("trial_refit_state_check");
    }

    @Test
    void cancellingTheExperimentLeavesItsRefitsQueued() {
        long source = completedSource();
        long refit = f.rows.queuedRefit(source, 3, f.clock.instant());
        List<Long> search = f.rows.queuedTrials(f.experimentId, 1, f.clock.instant());
        f.queue.cancelExperiment(f.experimentId);
        assertThat(f.rows.trial(search.get(0)).state()).isEqualTo("CANCELLED");
        assertThat(f.rows.trial(refit).state()).isEqualTo("QUEUED");
    }
}
