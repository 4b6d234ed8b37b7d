-- Team invitations and the last-used team.
--
-- 1. An admin no longer adds an existing user to a team: they invite a username (in any case; stored lower-case),
--    and nothing changes for that user until they accept (which creates the membership with the invited role) or
--    decline. The answer is the same whether or not the username exists; an invitation of a username nobody has
--    yet waits for a user created later under that name. One pending invitation per team and username: inviting
--    again updates its role.
CREATE TABLE team_invitation (
    id                  BIGSERIAL PRIMARY KEY,
    team_id             BIGINT      NOT NULL REFERENCES team (id) ON DELETE CASCADE,
    username            TEXT        NOT NULL CHECK (username = lower(username)
                                                    AND username ~ '^[a-z0-9][a-z0-9._@-]{0,63}$'),
    role                TEXT        NOT NULL CHECK (role IN ('viewer', 'member', 'admin')),
    invited_by_user_id  BIGINT      REFERENCES app_user (id) ON DELETE SET NULL,
    invited_at          TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX team_invitation_team_username_key ON team_invitation (team_id, lower(username));
-- a user's own invitations
CREATE INDEX team_invitation_username_idx ON team_invitation (lower(username));

-- 2. The team a dashboard user last worked in: where their next sign-in lands (null: their first team by name).
ALTER TABLE app_user ADD COLUMN last_team_id BIGINT REFERENCES team (id) ON DELETE SET NULL;
