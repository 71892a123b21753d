-- The notification names the process that appended (the connection setting tally.append_origin, which that process's
-- pool sets on each connection): a process already wakes its own readers at its own commits, in-process, and skips
-- its own notifications; every other process's still wake it. A connection without the setting notifies ''.
CREATE OR REPLACE FUNCTION notify_events_appended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('tally_events_appended', coalesce(current_setting('tally.append_origin', true), ''));
    RETURN NULL;
END
$$;
