-- Pruner settings and time budgets (issue "Search that pays", items 2 and 4).
--
-- pruner_settings: the settings of experiment.pruner, every one filled in, e.g. {"minEpochs": 3, "reductionFactor": 3,
-- "bootstrapCount": 0} for asha, {"startupTrials": 5, "warmupEpochs": 5} for median, {} for none (core/.../pruners:
-- each pruner declares its settings, their defaults and ranges). Rows from before V11 get {}: the defaults they ran with.
--
-- time_budget_seconds: the experiment's timeBudget (null: none). Once created_at + the budget has passed, the scheduler
-- queues no further trial and cancels the queued ones; running trials finish.
--
-- stop_reason: why the scheduler stopped queueing trials, set the moment it stops (the experiment stays RUNNING until
-- its running trials end, then becomes COMPLETED): MAX_TRIALS, SPACE_EXHAUSTED (the strategy had nothing left to
-- propose), TIME_BUDGET, or CANCELLED (by a user). It replaces space_exhausted.

ALTER TABLE experiment
    ADD COLUMN pruner_settings     JSONB   NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(pruner_settings) = 'object'),
    ADD COLUMN time_budget_seconds INTEGER CHECK (time_budget_seconds BETWEEN 1 AND 2592000),
    ADD COLUMN stop_reason         TEXT
        CHECK (stop_reason IN ('MAX_TRIALS', 'SPACE_EXHAUSTED', 'TIME_BUDGET', 'CANCELLED'));

UPDATE experiment
   SET stop_reason = CASE
           WHEN state = 'CANCELLED' THEN 'CANCELLED'
           WHEN space_exhausted THEN 'SPACE_EXHAUSTED'
           WHEN state = 'COMPLETED' OR trials_created >= max_trials THEN 'MAX_TRIALS'
       END;

ALTER TABLE experiment DROP COLUMN space_exhausted;

-- a finished experiment says why; CANCELLED is the reason of exactly the cancelled ones
ALTER TABLE experiment ADD CONSTRAINT experiment_finished_has_stop_reason
    CHECK (state = 'RUNNING' OR stop_reason IS NOT NULL);
ALTER TABLE experiment ADD CONSTRAINT experiment_cancelled_stop_reason
    CHECK ((state = 'CANCELLED') = (stop_reason IS NOT DISTINCT FROM 'CANCELLED'));
