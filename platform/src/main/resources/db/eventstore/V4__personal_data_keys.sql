-- Crypto-shredding (platform.privacy.DataKeys): one data key per person, wrapped by the master key that never enters
-- the database; a destroyed key leaves its row with wrapped_key NULL (a tombstone). Beside the event store because
-- every side that reads events needs the keys. Runs on PostgreSQL 15 and H2 2.x in PostgreSQL mode.
CREATE TABLE data_key (
    subject_id   VARCHAR(64)              NOT NULL PRIMARY KEY,
    wrapped_key  BYTEA,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    destroyed_at TIMESTAMP WITH TIME ZONE
);

-- The master key's fingerprint (so a process with another master key refuses to start), and the last event written
-- before encryption began: events up to it may hold personal data in plain text, which erasure overwrites.
CREATE TABLE data_master_key (
    id          INTEGER     NOT NULL PRIMARY KEY,
    fingerprint VARCHAR(64) NOT NULL,
    sealed_from BIGINT      NOT NULL
);
