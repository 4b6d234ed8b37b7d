-- Forecast quality (issue "Forecasts you can trust"): the season length, a minimum number of epochs before early
-- stopping may stop, the classical baselines scored on the same rows as the trials, scale-free metrics, per-epoch
-- validation RMSE in original units (what the pruners compare) and the held-out test score of promoted trials.
-- Rows from before V5 keep working: season 1 ('none'), min_epochs 1 (early stopping as before), no baselines, no
-- per-epoch RMSE (the pruners skip such epochs) and no MASE scale (MASE unknown).

ALTER TABLE experiment
    ADD COLUMN seasonality        INTEGER NOT NULL DEFAULT 1 CHECK (seasonality >= 1),
    -- where the season length came from: the request, the time column's frequency, the training slice's
    -- autocorrelation, or nowhere (1)
    ADD COLUMN seasonality_source TEXT    NOT NULL DEFAULT 'none'
        CHECK (seasonality_source IN ('request', 'time column', 'autocorrelation', 'none')),
    ADD COLUMN min_epochs         INTEGER NOT NULL DEFAULT 1 CHECK (min_epochs >= 1),
    -- MASE's denominator: the in-sample MAE of the seasonal naive forecast on the training slice (null: unknown,
    -- or a constant training slice)
    ADD COLUMN mase_scale         DOUBLE PRECISION CHECK (mase_scale > 0);
ALTER TABLE experiment ADD CONSTRAINT experiment_min_epochs_within_max CHECK (min_epochs <= max_epochs);

-- The validation RMSE in the series' units after each epoch (next to the scaled losses): trials with different
-- preprocessing are compared on this one scale.
ALTER TABLE trial_epoch ADD COLUMN val_rmse DOUBLE PRECISION;

-- Scale-free validation metrics of a finished trial (MASE is val_mae / experiment.mase_scale), and its held-out
-- test score, computed once when it is promoted (all four or none).
ALTER TABLE trial
    ADD COLUMN val_mae    DOUBLE PRECISION,
    ADD COLUMN val_smape  DOUBLE PRECISION,
    ADD COLUMN test_rmse  DOUBLE PRECISION,
    ADD COLUMN test_mae   DOUBLE PRECISION,
    ADD COLUMN test_smape DOUBLE PRECISION,
    ADD COLUMN test_rows  INTEGER CHECK (test_rows > 0),
    ADD CONSTRAINT trial_test_score_check CHECK ((test_rmse IS NULL) = (test_rows IS NULL)
        AND (test_rmse IS NULL) = (test_mae IS NULL) AND (test_rmse IS NULL) = (test_smape IS NULL)),
    ADD CONSTRAINT trial_test_completed_check CHECK (test_rmse IS NULL OR state = 'COMPLETED');

-- The promoted trial's one-step forecasts of the test rows, from which its test score was computed.
ALTER TABLE trial_model
    ADD COLUMN test_times     TEXT[],
    ADD COLUMN test_actual    DOUBLE PRECISION[],
    ADD COLUMN test_predicted DOUBLE PRECISION[],
    ADD CONSTRAINT trial_model_test_check CHECK ((test_times IS NULL) = (test_actual IS NULL)
        AND (test_times IS NULL) = (test_predicted IS NULL)
        AND coalesce(cardinality(test_actual) = cardinality(test_predicted), TRUE)
        AND coalesce(cardinality(test_actual) = cardinality(test_times), TRUE));

-- The classical baselines of an experiment, fitted on its training slice when it is created and scored one step
-- ahead with actual history on its validation and test rows, in the series' units (core/.../baselines).
CREATE TABLE experiment_baseline (
    experiment_id BIGINT           NOT NULL REFERENCES experiment (id) ON DELETE CASCADE,
    position      SMALLINT         NOT NULL CHECK (position >= 0),
    name          TEXT             NOT NULL CHECK (name IN ('naive', 'seasonal naive', 'Holt-Winters')),
    description   TEXT             NOT NULL,
    val_rmse      DOUBLE PRECISION NOT NULL,
    val_mae       DOUBLE PRECISION NOT NULL,
    val_smape     DOUBLE PRECISION NOT NULL,
    test_rmse     DOUBLE PRECISION NOT NULL,
    test_mae      DOUBLE PRECISION NOT NULL,
    test_smape    DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (experiment_id, position),
    UNIQUE (experiment_id, name)
);
