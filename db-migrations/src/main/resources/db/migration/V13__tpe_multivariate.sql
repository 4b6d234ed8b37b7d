-- Multivariate TPE (issue "Search that pays", item 1): an experiment of strategy 'tpe' may model all hyperparameters
-- with one joint Parzen estimator (core/.../search/TpeSearch) instead of one per hyperparameter. Existing experiments
-- keep the univariate estimator.
ALTER TABLE experiment
    ADD COLUMN tpe_multivariate BOOLEAN NOT NULL DEFAULT FALSE,
    ADD CONSTRAINT experiment_tpe_multivariate_needs_tpe CHECK (NOT tpe_multivariate OR strategy = 'tpe');
