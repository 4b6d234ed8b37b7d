package com.lstmautoml.core.queue;

import com.lstmautoml.core.testing.QueueFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The CHECK constraints of V1 that keep the queue's states and timestamps consistent, and those of V11 on an
 * experiment's pruner settings, time budget and stop reason.
 */
class SchemaConstraintsTest {

    private QueueFixture f;
    private long trial;
    private Instant now;

    @BeforeEach
    void setUp() {
        f = new QueueFixture();
        f.worker("w-1");
        now = f.clock.instant();
        trial = f.rows.queuedTrials(f.experimentId, 1, now).get(0);
    }

    @Test
    void runningWithoutALeaseIsRejected() {
        // RUNNING requires started_at, heartbeat_at and lease_expires_at, and attempt > 0
        assertThatThrownBy(() -> f.rows.execute("UPDATE trial SET state = 'RUNNING', attempt = 1, started_at = ?, "
                + "heartbeat_at = ? WHERE id = ?", now, now, trial))
                .hasMessageContaining("check constraint");
        // RUNNING with attempt 0 (never claimed) is rejected too
        assertThatThrownBy(() -> f.rows.execute("UPDATE trial SET state = 'RUNNING', started_at = ?, "
                + "heartbeat_at = ?, lease_expires_at = ? WHERE id = ?", now, now, now, trial))
                .hasMessageContaining("check constraint");
        // the complete RUNNING row the claim writes is accepted (so the checks above fail for the right reason)
        assertThatCode(() -> f.rows.execute("UPDATE trial SET state = 'RUNNING', attempt = 1, started_at = ?, "
                + "heartbeat_at = ?, lease_expires_at = ? WHERE id = ?", now, now, now, trial))
                .doesNotThrowAnyException();
    }

    @Test
    void anUnknownStateIsRejected() {
        // state is one of the TrialState names
        assertThatThrownBy(() -> f.rows.execute("UPDATE trial SET state = 'PAUSED' WHERE id = ?", trial))
                .hasMessageContaining("check constraint");
    }

    @Test
    void finalStatesNeedFinishedAtAndNoLease() {
        // a final state without finished_at is rejected
        assertThatThrownBy(() -> f.rows.execute("UPDATE trial SET state = 'CANCELLED' WHERE id = ?", trial))
                .hasMessageContaining("check constraint");
        // FAILED needs its error
        assertThatThrownBy(() -> f.rows.execute("UPDATE trial SET state = 'FAILED', finished_at = ? WHERE id = ?",
                now, trial)).hasMessageContaining("check constraint");
        // COMPLETED needs val_rmse
        assertThatThrownBy(() -> f.rows.execute("UPDATE trial SET state = 'COMPLETED', finished_at = ?, "
                + "started_at = ? WHERE id = ?", now, now, trial)).hasMessageContaining("check constraint");
    }

    @Test
    void attemptCannotExceedMaxAttempts() {
        // attempt <= max_attempts: a claim beyond the last attempt is impossible
        assertThatThrownBy(() -> f.rows.execute("UPDATE trial SET attempt = max_attempts + 1 WHERE id = ?", trial))
                .hasMessageContaining("check constraint");
    }

    @Test
    void aFinishedExperimentSaysWhyItStopped() {
        long e = f.experimentId;
        // COMPLETED without a stop reason is rejected
        assertThatThrownBy(() -> f.rows.execute("UPDATE experiment SET state = 'COMPLETED', finished_at = ?"
                + " WHERE id = ?", now, e)).hasMessageContaining("experiment_finished_has_stop_reason");
        // CANCELLED is the reason of cancelled experiments only, and theirs is CANCELLED
        assertThatThrownBy(() -> f.rows.execute("UPDATE experiment SET state = 'CANCELLED', finished_at = ?,"
                + " stop_reason = 'TIME_BUDGET' WHERE id = ?", now, e))
                .hasMessageContaining("experiment_cancelled_stop_reason");
        assertThatThrownBy(() -> f.rows.execute("UPDATE experiment SET state = 'COMPLETED', finished_at = ?,"
                + " stop_reason = 'CANCELLED' WHERE id = ?", now, e))
                .hasMessageContaining("experiment_cancelled_stop_reason");
        // an unknown reason is rejected
        assertThatThrownBy(() -> f.rows.execute("UPDATE experiment SET stop_reason = 'BORED' WHERE id = ?", e))
                .hasMessageContaining("check constraint");
        // a RUNNING experiment may already have stopped queueing (its running trials finish)
        assertThatCode(() -> f.rows.execute("UPDATE experiment SET stop_reason = 'TIME_BUDGET' WHERE id = ?", e))
                .doesNotThrowAnyException();
        // and completes with its reason (so the checks above fail for the right reason)
        assertThatCode(() -> f.rows.execute("UPDATE experiment SET state = 'COMPLETED', finished_at = ?"
                + " WHERE id = ?", now, e)).doesNotThrowAnyException();
    }

    @Test
    void prunerSettingsAreAnObjectAndTheTimeBudgetIsWithinThirtyDays() {
        long e = f.experimentId;
        // the settings are a JSON object, never an array or a number
        assertThatThrownBy(() -> f.rows.execute("UPDATE experiment SET pruner_settings = '[3]' WHERE id = ?", e))
                .hasMessageContaining("check constraint");
        // the time budget is 1 s to 30 days
        assertThatThrownBy(() -> f.rows.execute("UPDATE experiment SET time_budget_seconds = 0 WHERE id = ?", e))
                .hasMessageContaining("check constraint");
        assertThatThrownBy(() -> f.rows.execute("UPDATE experiment SET time_budget_seconds = 2592001 WHERE id = ?",
                e)).hasMessageContaining("check constraint");
        assertThatCode(() -> f.rows.execute("UPDATE experiment SET time_budget_seconds = 2592000,"
                + " pruner_settings = '{\"minEpochs\": 5}' WHERE id = ?", e)).doesNotThrowAnyException();
    }

    @Test
    void aQueuedTrialHoldsNoLease() {
        // QUEUED with a lease would be invisible to both the claim and the rescuer's logic
        assertThatThrownBy(() -> f.rows.execute("UPDATE trial SET lease_expires_at = ? WHERE id = ?", now, trial))
                .hasMessageContaining("check constraint");
    }
}
