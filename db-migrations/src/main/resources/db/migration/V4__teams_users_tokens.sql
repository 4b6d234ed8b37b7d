-- Teams, users, memberships and API tokens. Every dataset and experiment belongs to one team (trials, epochs and
-- models through their experiment); a user sees only the objects of the teams they are a member of, a token only
-- those of its one team. Passwords are bcrypt hashes; tokens are stored as SHA-256 hashes (they are 256 random
-- bits, so a slow hash adds nothing) with a short prefix to recognise them by.

CREATE TABLE team (
    id          BIGSERIAL PRIMARY KEY,
    name        TEXT        NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    created_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE app_user (
    id               BIGSERIAL PRIMARY KEY,
    username         TEXT        NOT NULL UNIQUE CHECK (username ~ '^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$'),
    password_hash    TEXT        NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    last_sign_in_at  TIMESTAMPTZ
);

CREATE TABLE team_member (
    team_id   BIGINT      NOT NULL REFERENCES team (id) ON DELETE CASCADE,
    user_id   BIGINT      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role      TEXT        NOT NULL CHECK (role IN ('viewer', 'member', 'admin')),
    added_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (team_id, user_id)
);
-- a user's teams (the primary key serves a team's members)
CREATE INDEX team_member_user_idx ON team_member (user_id);

CREATE TABLE api_token (
    id            BIGSERIAL PRIMARY KEY,
    team_id       BIGINT      NOT NULL REFERENCES team (id) ON DELETE CASCADE,
    user_id       BIGINT      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    name          TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    role          TEXT        NOT NULL CHECK (role IN ('viewer', 'member', 'admin')),
    token_hash    TEXT        NOT NULL UNIQUE,
    prefix        TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    last_used_at  TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ
);
CREATE INDEX api_token_team_idx ON api_token (team_id, created_at DESC, id DESC);

-- Objects from before teams belong to the team 'default' (where the first admin is made at startup).
INSERT INTO team (name, created_at) VALUES ('default', now());

ALTER TABLE dataset ADD COLUMN team_id BIGINT REFERENCES team (id);
UPDATE dataset SET team_id = (SELECT id FROM team WHERE name = 'default');
ALTER TABLE dataset ALTER COLUMN team_id SET NOT NULL;
ALTER TABLE dataset ADD COLUMN created_by_user_id BIGINT REFERENCES app_user (id) ON DELETE SET NULL;
-- names are unique within a team; two teams may both have an 'airline-passengers'
ALTER TABLE dataset DROP CONSTRAINT dataset_name_key;
ALTER TABLE dataset ADD CONSTRAINT dataset_team_name_key UNIQUE (team_id, name);
-- target of experiment's (dataset_id, team_id) foreign key
ALTER TABLE dataset ADD CONSTRAINT dataset_id_team_key UNIQUE (id, team_id);

ALTER TABLE experiment ADD COLUMN team_id BIGINT;
UPDATE experiment e SET team_id = d.team_id FROM dataset d WHERE d.id = e.dataset_id;
ALTER TABLE experiment ALTER COLUMN team_id SET NOT NULL;
-- an experiment belongs to its dataset's team: the database refuses any other pairing
ALTER TABLE experiment ADD CONSTRAINT experiment_dataset_team_fk
    FOREIGN KEY (dataset_id, team_id) REFERENCES dataset (id, team_id);
ALTER TABLE experiment ADD COLUMN created_by_user_id BIGINT REFERENCES app_user (id) ON DELETE SET NULL;

-- the history is always one team's: team first in its indexes
DROP INDEX experiment_created_idx;
DROP INDEX experiment_owner_idx;
CREATE INDEX experiment_team_created_idx ON experiment (team_id, created_at DESC, id DESC);
CREATE INDEX experiment_team_owner_idx ON experiment (team_id, created_by, created_at DESC, id DESC);
