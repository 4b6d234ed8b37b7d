-- LSTM AutoML core schema: datasets, experiments, the trial queue, per-epoch curves, models, workers.
-- The trial table IS the queue: its state column is the queue state (see core/.../queue/TrialQueue.java).

CREATE TABLE dataset (
    id           BIGSERIAL PRIMARY KEY,
    name         TEXT        NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$'),
    time_column  TEXT        NOT NULL,
    time_values  TEXT[]      NOT NULL,
    row_count    INTEGER     NOT NULL CHECK (row_count > 0),
    created_by   TEXT        NOT NULL DEFAULT 'system',
    created_at   TIMESTAMPTZ NOT NULL,
    CHECK (cardinality(time_values) = row_count)
);

-- One numeric column of a dataset; values in row order.
CREATE TABLE dataset_column (
    dataset_id  BIGINT             NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    position    INTEGER            NOT NULL CHECK (position >= 0),
    name        TEXT               NOT NULL,
    vals        DOUBLE PRECISION[] NOT NULL,
    PRIMARY KEY (dataset_id, position),
    UNIQUE (dataset_id, name)
);

CREATE TABLE experiment (
    id                BIGSERIAL PRIMARY KEY,
    name              TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    dataset_id        BIGINT      NOT NULL REFERENCES dataset (id),
    target            TEXT        NOT NULL,
    features          TEXT[]      NOT NULL DEFAULT '{}',
    strategy          TEXT        NOT NULL,
    max_trials        INTEGER     NOT NULL CHECK (max_trials > 0),
    parallelism       INTEGER     NOT NULL CHECK (parallelism > 0),
    max_epochs        INTEGER     NOT NULL CHECK (max_epochs > 0),
    patience          INTEGER     NOT NULL CHECK (patience > 0),
    seed              BIGINT      NOT NULL,
    train_fraction    DOUBLE PRECISION NOT NULL CHECK (train_fraction > 0 AND train_fraction < 1),
    val_fraction      DOUBLE PRECISION NOT NULL CHECK (val_fraction > 0 AND val_fraction < 1),
    max_attempts      INTEGER     NOT NULL DEFAULT 3 CHECK (max_attempts > 0),
    search_space      JSONB       NOT NULL,
    state             TEXT        NOT NULL CHECK (state IN ('RUNNING', 'COMPLETED', 'CANCELLED')),
    trials_created    INTEGER     NOT NULL DEFAULT 0 CHECK (trials_created >= 0),
    space_exhausted   BOOLEAN     NOT NULL DEFAULT FALSE,
    promoted_trial_id BIGINT,
    created_by        TEXT        NOT NULL DEFAULT 'anonymous',
    created_at        TIMESTAMPTZ NOT NULL,
    finished_at       TIMESTAMPTZ,
    CHECK (train_fraction + val_fraction < 1),
    CHECK ((state = 'RUNNING') = (finished_at IS NULL))
);
CREATE INDEX experiment_created_idx ON experiment (created_at DESC, id DESC);
-- the scheduler's scan of experiments that still need trials or bookkeeping
CREATE INDEX experiment_running_idx ON experiment (id) WHERE state = 'RUNNING';

CREATE TABLE worker (
    id                TEXT        PRIMARY KEY,
    host              TEXT        NOT NULL,
    backend           TEXT        NOT NULL,
    device            TEXT        NOT NULL,
    started_at        TIMESTAMPTZ NOT NULL,
    last_heartbeat_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE trial (
    id                BIGSERIAL PRIMARY KEY,
    experiment_id     BIGINT      NOT NULL REFERENCES experiment (id) ON DELETE CASCADE,
    number            INTEGER     NOT NULL CHECK (number >= 0),
    state             TEXT        NOT NULL CHECK (state IN ('QUEUED', 'RUNNING', 'COMPLETED', 'PRUNED', 'FAILED', 'CANCELLED')),
    priority          SMALLINT    NOT NULL DEFAULT 1,
    params            JSONB       NOT NULL,
    model_config      TEXT        NOT NULL,
    -- attempt counts claims; it is the fencing token a worker sends with every heartbeat and report
    attempt           INTEGER     NOT NULL DEFAULT 0 CHECK (attempt >= 0),
    max_attempts      INTEGER     NOT NULL CHECK (max_attempts > 0),
    queued_at         TIMESTAMPTZ NOT NULL,
    started_at        TIMESTAMPTZ,
    heartbeat_at      TIMESTAMPTZ,
    lease_expires_at  TIMESTAMPTZ,
    finished_at       TIMESTAMPTZ,
    worker_id         TEXT        REFERENCES worker (id) ON DELETE SET NULL,
    stop_requested    BOOLEAN     NOT NULL DEFAULT FALSE,
    train_rmse        DOUBLE PRECISION,
    val_rmse          DOUBLE PRECISION,
    epochs_run        INTEGER,
    best_epoch        INTEGER,
    stop_reason       TEXT,
    error             TEXT,
    -- one line per lost attempt ("attempt 1: lease expired at ... on worker w-1"), kept across retries
    attempt_errors    TEXT[]      NOT NULL DEFAULT '{}',
    UNIQUE (experiment_id, number),
    CHECK (attempt <= max_attempts),
    CHECK (state <> 'QUEUED'    OR (lease_expires_at IS NULL AND finished_at IS NULL)),
    CHECK (state <> 'RUNNING'   OR (started_at IS NOT NULL AND heartbeat_at IS NOT NULL
                                    AND lease_expires_at IS NOT NULL AND finished_at IS NULL AND attempt > 0)),
    CHECK (state NOT IN ('COMPLETED', 'PRUNED', 'FAILED', 'CANCELLED') OR (finished_at IS NOT NULL AND lease_expires_at IS NULL)),
    CHECK (state NOT IN ('COMPLETED', 'PRUNED') OR (val_rmse IS NOT NULL AND started_at IS NOT NULL)),
    CHECK (state <> 'FAILED'    OR error IS NOT NULL)
);
-- The claim's ORDER BY (priority, queued_at, id) over QUEUED rows, exactly.
CREATE INDEX trial_claim_idx ON trial (priority, queued_at, id) WHERE state = 'QUEUED';
-- The rescuer's scan of expired leases.
CREATE INDEX trial_lease_idx ON trial (lease_expires_at) WHERE state = 'RUNNING';
-- Ranking within an experiment.
CREATE INDEX trial_rank_idx ON trial (experiment_id, val_rmse NULLS LAST, id);
CREATE INDEX trial_state_idx ON trial (experiment_id, state);

ALTER TABLE experiment ADD CONSTRAINT experiment_promoted_fk
    FOREIGN KEY (promoted_trial_id) REFERENCES trial (id) ON DELETE SET NULL;

-- Per-epoch losses (scaled MSE), written as they happen.
CREATE TABLE trial_epoch (
    trial_id    BIGINT      NOT NULL REFERENCES trial (id) ON DELETE CASCADE,
    epoch       INTEGER     NOT NULL CHECK (epoch >= 0),
    train_loss  DOUBLE PRECISION NOT NULL,
    val_loss    DOUBLE PRECISION NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (trial_id, epoch)
);

-- The best checkpoint of a finished trial: DL4J model zip, the fitted preprocessing, validation predictions.
CREATE TABLE trial_model (
    trial_id       BIGINT  PRIMARY KEY REFERENCES trial (id) ON DELETE CASCADE,
    model_zip      BYTEA   NOT NULL,
    preprocessing  JSONB   NOT NULL,
    val_times      TEXT[]  NOT NULL,
    val_actual     DOUBLE PRECISION[] NOT NULL,
    val_predicted  DOUBLE PRECISION[] NOT NULL,
    CHECK (cardinality(val_actual) = cardinality(val_predicted)),
    CHECK (cardinality(val_actual) = cardinality(val_times))
);
