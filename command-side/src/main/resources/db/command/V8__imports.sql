-- Rows imported from bank files, per account, by their dedup key (the file's own id, or a hash of date, amount and
-- text): a key already here is a duplicate. Written in the import's transaction, with its TransactionRecorded events.
CREATE TABLE imported_row (
    account_id     VARCHAR(64)  NOT NULL,
    row_key        VARCHAR(100) NOT NULL,
    import_id      VARCHAR(64)  NOT NULL,
    transaction_id VARCHAR(64)  NOT NULL,
    PRIMARY KEY (account_id, row_key)
);
CREATE INDEX imported_row_import ON imported_row (import_id);

-- A user's CSV column mappings, by name, used again for the next file from the same bank.
CREATE TABLE import_profile (
    owner_id   VARCHAR(64)              NOT NULL,
    name       VARCHAR(100)             NOT NULL,
    mapping    TEXT                     NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (owner_id, name)
);

-- Imports too large to wait for, run as jobs a chunk at a time. position, recorded and duplicates commit with each
-- chunk's transactions, so a job resumes where its last chunk ended; a worker holds a job while its heartbeat is fresh.
CREATE TABLE import_job (
    import_id        VARCHAR(64)              NOT NULL PRIMARY KEY,
    owner_id         VARCHAR(64)              NOT NULL,
    request          TEXT                     NOT NULL,
    total            INTEGER                  NOT NULL,
    position         INTEGER                  NOT NULL,
    recorded         INTEGER                  NOT NULL,
    duplicates       INTEGER                  NOT NULL,
    state            VARCHAR(16)              NOT NULL,
    cancel_requested BOOLEAN                  NOT NULL,
    worker           VARCHAR(64),
    heartbeat        TIMESTAMP WITH TIME ZONE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX import_job_state ON import_job (state, created_at);
