-- Sign-in hardening.
--
-- 1. A password change ends the user's other dashboard sessions: a session remembers the session_version it signed
--    in with and is refused once the user's differs (each password change adds one).
ALTER TABLE app_user ADD COLUMN session_version BIGINT NOT NULL DEFAULT 0;

-- 2. Usernames are case-insensitive: 'ADMIN' is 'admin', and two users can no longer differ only in case. Until now
--    they could (an admin adding 'Bob' next to 'bob' created a second user). Should such pairs exist, the oldest
--    account of each keeps its name and every later one is renamed to '<name>.dup<id>' (cut so that it stays within
--    the 64 characters of a username); they keep their password, teams, roles and tokens, and sign in with the new
--    name, which team admins see in the members list. A renamed user could in theory collide with an existing name,
--    in which case the index below fails and the migration stops, changing nothing.
UPDATE app_user u
SET username = left(u.username, 64 - length('.dup' || u.id)) || '.dup' || u.id
WHERE EXISTS (SELECT 1 FROM app_user o WHERE lower(o.username) = lower(u.username) AND o.id < u.id);

CREATE UNIQUE INDEX app_user_username_lower_key ON app_user (lower(username));
