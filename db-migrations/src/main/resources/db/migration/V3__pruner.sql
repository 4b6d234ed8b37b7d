-- Pruning: an experiment's pruner stops unpromising trials early from their per-epoch validation losses
-- (core/.../pruners). Its parameters are the pruner's defaults; existing experiments keep running unpruned.
ALTER TABLE experiment
    ADD COLUMN pruner TEXT NOT NULL DEFAULT 'none' CHECK (pruner IN ('none', 'median', 'asha'));
