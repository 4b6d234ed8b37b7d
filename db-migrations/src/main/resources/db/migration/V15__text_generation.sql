-- A second task (issue "A second task: character-level text generation with a stateful LSTM"): text datasets,
-- generation experiments, the character n-gram baseline, and the samples a completed generation trial shows.
-- Rows from before V15 are tables and forecasts, as they were.

-- A dataset is a table (a CSV's time column and numeric columns, as before) or a text. A text has no time column;
-- its row_count is its number of characters (Unicode code points) and its content lives in dataset_text.
ALTER TABLE dataset
    ADD COLUMN kind TEXT NOT NULL DEFAULT 'table' CHECK (kind IN ('table', 'text')),
    ALTER COLUMN time_column DROP NOT NULL,
    ALTER COLUMN time_values DROP NOT NULL,
    ADD CONSTRAINT dataset_kind_shape_check CHECK ((kind = 'table') = (time_column IS NOT NULL)
        AND (kind = 'table') = (time_values IS NOT NULL));

CREATE TABLE dataset_text (
    dataset_id      BIGINT  PRIMARY KEY REFERENCES dataset (id) ON DELETE CASCADE,
    content         TEXT    NOT NULL CHECK (content <> ''),
    -- UTF-8 bytes as uploaded (a leading byte-order mark dropped)
    bytes           INTEGER NOT NULL CHECK (bytes > 0),
    -- the characters a model learns (seen twice in the training slice) plus the unknown symbol
    vocabulary_size INTEGER NOT NULL CHECK (vocabulary_size > 0)
);

-- What an experiment's models learn. A generation experiment's target is 'text', it has no features, one validation
-- window, season 1, no MASE scale and the split 80/10/10; its trials' val_rmse and train_rmse (and its baselines'
-- and versions' RMSE columns) hold bits
-- per character.
ALTER TABLE experiment
    ADD COLUMN task TEXT NOT NULL DEFAULT 'forecast' CHECK (task IN ('forecast', 'generate')),
    ADD CONSTRAINT experiment_generate_shape_check CHECK (task = 'forecast'
        OR (target = 'text' AND cardinality(features) = 0 AND validation_windows = 1 AND seasonality = 1
            AND mase_scale IS NULL AND train_fraction = 0.8 AND val_fraction = 0.1));

-- The character n-gram model is a generation experiment's baseline; it has bits per character only.
ALTER TABLE experiment_baseline
    DROP CONSTRAINT experiment_baseline_name_check,
    ADD CONSTRAINT experiment_baseline_name_check
        CHECK (name IN ('naive', 'seasonal naive', 'Holt-Winters', 'character n-gram')),
    ALTER COLUMN val_mae DROP NOT NULL,
    ALTER COLUMN val_smape DROP NOT NULL,
    ALTER COLUMN test_mae DROP NOT NULL,
    ALTER COLUMN test_smape DROP NOT NULL,
    ADD CONSTRAINT experiment_baseline_errors_check CHECK ((val_mae IS NULL) = (test_mae IS NULL)
        AND (val_mae IS NULL) = (val_smape IS NULL) AND (val_mae IS NULL) = (test_smape IS NULL)
        AND (val_mae IS NULL) = (name = 'character n-gram'));

-- A generation trial's test score is bits per character alone (test_rmse and test_rows; no MAE nor sMAPE). The
-- constraint cannot see the task, so a forecast's "all four or none" (V5) is now kept by the service alone.
ALTER TABLE trial
    DROP CONSTRAINT trial_test_score_check,
    ADD CONSTRAINT trial_test_score_check CHECK ((test_rmse IS NULL) = (test_rows IS NULL)
        AND (test_mae IS NULL) = (test_smape IS NULL) AND (test_mae IS NULL OR test_rmse IS NOT NULL));

-- Text a completed generation trial's model wrote, at each of the shown temperatures, from one seed.
CREATE TABLE trial_sample (
    trial_id    BIGINT           NOT NULL REFERENCES trial (id) ON DELETE CASCADE,
    position    SMALLINT         NOT NULL CHECK (position >= 0),
    seed        TEXT             NOT NULL CHECK (seed <> ''),
    temperature DOUBLE PRECISION NOT NULL CHECK (temperature > 0),
    random_seed BIGINT           NOT NULL,
    text        TEXT             NOT NULL,
    created_at  TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (trial_id, position)
);
