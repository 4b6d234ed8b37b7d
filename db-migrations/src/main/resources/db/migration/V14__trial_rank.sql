-- The ranking's order, one definition for the API, the dashboard and the strategies (issue "Search that pays"):
-- COMPLETED trials by validation RMSE first; then PRUNED ones, those that trained further first (their RMSE was
-- measured later in training, so it is the more comparable one), then by RMSE; then every other state. Generated
-- from the state and epochs_run, so no writer can leave them stale.
ALTER TABLE trial
    ADD COLUMN rank_group SMALLINT NOT NULL
        GENERATED ALWAYS AS (CASE state WHEN 'COMPLETED' THEN 0 WHEN 'PRUNED' THEN 1 ELSE 2 END) STORED,
    ADD COLUMN rank_epochs INTEGER NOT NULL
        GENERATED ALWAYS AS (CASE WHEN state = 'PRUNED' THEN -coalesce(epochs_run, 0) ELSE 0 END) STORED;

-- the first page of a ranking walks this index, as trial_rank_idx serves the plain valRmse order
CREATE INDEX trial_ranking_idx ON trial (experiment_id, rank_group, rank_epochs, val_rmse NULLS LAST, number);
