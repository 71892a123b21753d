-- Imports of bank files (ImportStarted, ImportProgressed, StatementImported, ImportCancelled, ImportUndone): the list the user reads, and what import:* feed entries carry.
CREATE TABLE import_view (
    import_id   VARCHAR(64)              NOT NULL PRIMARY KEY,
    owner_id    VARCHAR(64)              NOT NULL,
    account_id  VARCHAR(64)              NOT NULL,
    format      VARCHAR(8)               NOT NULL,
    file_name   VARCHAR(200),
    state       VARCHAR(16)              NOT NULL,
    total       INTEGER                  NOT NULL,
    processed   INTEGER                  NOT NULL,
    recorded    INTEGER                  NOT NULL,
    duplicates  INTEGER                  NOT NULL,
    refused     TEXT                     NOT NULL,
    imported_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_index  BIGINT                   NOT NULL
);
CREATE INDEX import_view_owner ON import_view (owner_id, imported_at DESC, import_id DESC);
