-- Validation windows (issue "Search that pays", item 3): rolling-origin validation, as AutoGluon's num_val_windows.
-- With validation_windows = k, a trial trains k times on expanding origins (core/.../data/ChronoSplit
-- #validationWindows): window j (0-based, oldest first) validates on the V rows ending (k-1-j)·V rows before the end
-- of the validation slice and trains on every row before them; window k-1 is the experiment's own split. Each window
-- has its own network, scalers, early stopping and pruning. The test slice is never touched.
-- Rows from before V12 keep working: one window, their curves are window 0, no per-window RMSEs.

ALTER TABLE experiment
    ADD COLUMN validation_windows INTEGER NOT NULL DEFAULT 1 CHECK (validation_windows >= 1);

-- A finished search trial's best validation RMSE of each window it trained, oldest first (series' units); its val_rmse
-- (the ranked value) is their mean. Null for refits and for trials from before V12.
ALTER TABLE trial
    ADD COLUMN val_rmse_windows DOUBLE PRECISION[] CHECK (cardinality(val_rmse_windows) >= 1);

-- Each window's epochs are numbered from 0, so the curve's key gains the window; the pruners compare a trial's window
-- j epoch e with the other trials' window j epoch e, a probe of this primary key.
ALTER TABLE trial_epoch
    ADD COLUMN val_window SMALLINT NOT NULL DEFAULT 0 CHECK (val_window >= 0);
ALTER TABLE trial_epoch DROP CONSTRAINT trial_epoch_pkey;
ALTER TABLE trial_epoch ADD CONSTRAINT trial_epoch_pkey PRIMARY KEY (trial_id, val_window, epoch);
