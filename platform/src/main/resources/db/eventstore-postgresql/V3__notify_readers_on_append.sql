-- PostgreSQL only (db/eventstore-postgresql: versions here must not collide with db/eventstore's).
-- Processes that read events another process appends (query side, a second command side) poll the store; a
-- notification delivered at commit lets them fetch at once instead of at their next poll (EventStoreWakeUp).
CREATE FUNCTION notify_events_appended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('tally_events_appended', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER events_appended AFTER INSERT ON domain_event_entry
    FOR EACH STATEMENT EXECUTE FUNCTION notify_events_appended();
