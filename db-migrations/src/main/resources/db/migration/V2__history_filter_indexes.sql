-- The dashboard's history filters (ExperimentService.history/count): exact dataset and exact owner, each listed
-- newest first by default (the same order as experiment_created_idx); the owner index also serves the distinct
-- owners of the history's filter. No index on state (three values; RUNNING already has experiment_running_idx) and
-- none for the name filter (a case-insensitive substring would need pg_trgm; the table stays small).
CREATE INDEX experiment_dataset_idx ON experiment (dataset_id, created_at DESC, id DESC);
CREATE INDEX experiment_owner_idx ON experiment (created_by, created_at DESC, id DESC);
