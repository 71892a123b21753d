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
