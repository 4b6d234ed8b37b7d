-- Live dashboard (issue "Fit the ecosystem", item 3): every committed change a live view shows is announced on the
-- channel 'trial_events', whoever wrote it (the service, an external worker process, a psql session).
--
-- Payload: '<experiment id>:<trial id>' when a trial's row changed (inserted, its state or results written),
-- '<experiment id>:<trial id>:epoch' when it recorded an epoch, '<experiment id>' when the experiment itself changed
-- (its row, or a model version's evaluation).
-- NOTIFY is transactional: listeners hear it at commit, never for a rollback, and PostgreSQL sends one notification
-- per distinct payload per transaction, so a batch of epochs (TrialQueue.complete) is announced once.
-- The service LISTENs on one connection (core/events/TrialNotifications) and tells the views; what a notification
-- says is only "re-read this": nothing depends on receiving it (views also poll slowly).

CREATE FUNCTION trial_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('trial_events', NEW.experiment_id || ':' || NEW.id);
    RETURN NULL;
END $$;

CREATE FUNCTION trial_epoch_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('trial_events', t.experiment_id || ':' || t.id || ':epoch')
       FROM trial t WHERE t.id = NEW.trial_id;
    RETURN NULL;
END $$;

CREATE FUNCTION experiment_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('trial_events', OLD.id::text);
    ELSE
        PERFORM pg_notify('trial_events', NEW.id::text);
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION model_evaluation_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('trial_events', v.experiment_id::text) FROM model_version v WHERE v.id = NEW.version_id;
    RETURN NULL;
END $$;

-- A trial: inserted, or any write but a lease extension. Heartbeats (TrialQueue.heartbeat, the lease part of
-- reportEpoch) only move heartbeat_at and lease_expires_at; every other write either changes the state or leaves
-- heartbeat_at alone (cancel, test scores at promotion), so "state changed or heartbeat_at untouched" is exactly
-- "not a heartbeat" without listing the columns a view shows.
CREATE TRIGGER trial_notify_insert AFTER INSERT ON trial
    FOR EACH ROW EXECUTE FUNCTION trial_notify();
CREATE TRIGGER trial_notify_update AFTER UPDATE ON trial
    FOR EACH ROW WHEN (NEW.state IS DISTINCT FROM OLD.state OR NEW.heartbeat_at IS NOT DISTINCT FROM OLD.heartbeat_at)
    EXECUTE FUNCTION trial_notify();

-- An epoch recorded (reportEpoch) or rewritten (complete's full curve, announced once per transaction since the
-- payload names no epoch). Deleted epochs (release) go with a state change of their trial, which is announced.
CREATE TRIGGER trial_epoch_notify AFTER INSERT OR UPDATE ON trial_epoch
    FOR EACH ROW EXECUTE FUNCTION trial_epoch_notify();

-- An experiment created, deleted, or changed in any way (a write that changes nothing is not announced).
CREATE TRIGGER experiment_notify_insert_delete AFTER INSERT OR DELETE ON experiment
    FOR EACH ROW EXECUTE FUNCTION experiment_notify();
CREATE TRIGGER experiment_notify_update AFTER UPDATE ON experiment
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION experiment_notify();

-- A version's model scored (a refit's evaluation makes the version serve the refit model).
CREATE TRIGGER model_evaluation_notify AFTER INSERT OR UPDATE ON model_evaluation
    FOR EACH ROW EXECUTE FUNCTION model_evaluation_notify();
