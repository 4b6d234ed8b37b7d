-- Refit and version evaluations (issue 11, items 2-4).
--
-- A refit is a job of its own on the one queue: a row of the trial table with kind 'REFIT', claimed, leased,
-- heart-beaten and rescued exactly like a search trial (River keeps all job kinds in one table the same way). It
-- retrains the configuration of the trial it refits (refit_of) on train + validation for refit_epochs epochs, with no
-- early stopping, so it has no validation score. Search trials are kind 'SEARCH'; rankings, strategies, pruners,
-- trial counts and experiment views read search trials only.
ALTER TABLE trial
    ADD COLUMN kind         TEXT    NOT NULL DEFAULT 'SEARCH' CHECK (kind IN ('SEARCH', 'REFIT')),
    ADD COLUMN refit_of     BIGINT  REFERENCES trial (id) ON DELETE CASCADE,
    ADD COLUMN refit_epochs INTEGER CHECK (refit_epochs > 0),
    ADD CONSTRAINT trial_refit_check CHECK ((kind = 'REFIT') = (refit_of IS NOT NULL)
                                            AND (kind = 'REFIT') = (refit_epochs IS NOT NULL)),
    -- a refit trains a fixed number of epochs: nothing prunes it
    ADD CONSTRAINT trial_refit_state_check CHECK (kind = 'SEARCH' OR state <> 'PRUNED');

-- A refit shares its source trial's number; numbers are unique among an experiment's search trials.
ALTER TABLE trial DROP CONSTRAINT trial_experiment_id_number_key;
CREATE UNIQUE INDEX trial_number_key ON trial (experiment_id, number) WHERE kind = 'SEARCH';
CREATE INDEX trial_refit_of_idx ON trial (refit_of) WHERE refit_of IS NOT NULL;

-- V1's "a COMPLETED or PRUNED trial has a validation RMSE" holds for search trials; a refit has no validation rows.
DO $$
DECLARE
    c TEXT;
BEGIN
    SELECT conname INTO STRICT c FROM pg_constraint
     WHERE conrelid = 'trial'::regclass AND contype = 'c'
       AND pg_get_constraintdef(oid) LIKE '%val_rmse IS NOT NULL%started_at IS NOT NULL%';
    EXECUTE format('ALTER TABLE trial DROP CONSTRAINT %I', c);
END $$;
ALTER TABLE trial ADD CONSTRAINT trial_finished_scored_check
    CHECK (state NOT IN ('COMPLETED', 'PRUNED') OR (started_at IS NOT NULL AND (val_rmse IS NOT NULL OR kind = 'REFIT')));

-- The refit job of a version (null: promoted with "refit": false, or before V9).
ALTER TABLE model_version ADD COLUMN refit_trial_id BIGINT REFERENCES trial (id) ON DELETE SET NULL;
CREATE UNIQUE INDEX model_version_refit_idx ON model_version (refit_trial_id) WHERE refit_trial_id IS NOT NULL;

-- A version's models scored on the experiment's test rows: the promoted trial's own ('trial', at promotion) and the
-- refit ('refit', once it completed). The version serves the refit model once its evaluation is here.
CREATE TABLE model_evaluation (
    version_id   BIGINT           NOT NULL REFERENCES model_version (id) ON DELETE CASCADE,
    model        TEXT             NOT NULL CHECK (model IN ('trial', 'refit')),
    -- one step ahead with actual history, series' units
    test_rmse    DOUBLE PRECISION NOT NULL,
    test_mae     DOUBLE PRECISION NOT NULL,
    test_smape   DOUBLE PRECISION,
    test_rows    INTEGER          NOT NULL CHECK (test_rows > 0),
    -- recursive from every test origin: [{"step", "count", "rmse", "baselines": {"seasonal naive": r, ...}}]
    horizon      JSONB            NOT NULL,
    -- split-conformal bands on the test forecasts: [{"level", "observed", "intervals"}]
    coverage     JSONB            NOT NULL,
    evaluated_at TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (version_id, model)
);
