-- Model registry (issue 11, item 1): a registered model per team and name, with numbered versions. Promoting a trial
-- creates the next version of a model; each version keeps who promoted it and when, the experiment and trial, the
-- parameters, the validation and test metrics and the experiment's baselines' test metrics at promotion, so the
-- version reads the same whatever happens to the experiment later.
--
-- The alias 'champion' is a column, registered_model.champion_version_id: a model has exactly one champion (or none
-- before its first version), and the composite foreign key (id, champion_version_id) -> model_version (model_id, id)
-- holds that it is one of the model's own versions. It is set after the version row is inserted (the model row
-- exists first; its champion is null until then). New aliases would get a model_alias table; one alias needs none.

CREATE TABLE registered_model (
    id                  BIGSERIAL PRIMARY KEY,
    team_id             BIGINT      NOT NULL REFERENCES team (id) ON DELETE CASCADE,
    -- the dataset name pattern
    name                TEXT        NOT NULL CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$'),
    created_at          TIMESTAMPTZ NOT NULL,
    champion_version_id BIGINT,
    CONSTRAINT registered_model_team_name_key UNIQUE (team_id, name)
);

CREATE TABLE model_version (
    id                  BIGSERIAL PRIMARY KEY,
    model_id            BIGINT           NOT NULL REFERENCES registered_model (id) ON DELETE CASCADE,
    -- 1, 2, 3... per model; the next one is taken with the model row locked (SELECT ... FOR UPDATE)
    version             INTEGER          NOT NULL CHECK (version >= 1),
    experiment_id       BIGINT           NOT NULL REFERENCES experiment (id),
    trial_id            BIGINT           NOT NULL REFERENCES trial (id),
    promoted_by_user_id BIGINT REFERENCES app_user (id) ON DELETE SET NULL,
    promoted_by         TEXT             NOT NULL,
    promoted_at         TIMESTAMPTZ      NOT NULL,
    -- the trial's TrialParams
    params              JSONB            NOT NULL,
    val_rmse            DOUBLE PRECISION,
    val_mae             DOUBLE PRECISION,
    val_smape           DOUBLE PRECISION,
    -- the held-out test score (one step ahead on the experiment's test rows), in the series' units
    test_rmse           DOUBLE PRECISION,
    test_mae            DOUBLE PRECISION,
    test_smape          DOUBLE PRECISION,
    -- MASE's denominator (experiment.mase_scale); null: unknown
    mase_scale          DOUBLE PRECISION CHECK (mase_scale > 0),
    -- the experiment's baselines at promotion: [{"name", "valRmse", "testRmse", "testMae", "testSmape"}, ...]
    baselines           JSONB            NOT NULL DEFAULT '[]',
    CONSTRAINT model_version_number_key UNIQUE (model_id, version),
    CONSTRAINT model_version_model_id_key UNIQUE (model_id, id)
);

CREATE INDEX model_version_trial_idx ON model_version (trial_id);
CREATE INDEX model_version_experiment_idx ON model_version (experiment_id);

ALTER TABLE registered_model ADD CONSTRAINT registered_model_champion_fkey
    FOREIGN KEY (id, champion_version_id) REFERENCES model_version (model_id, id);
