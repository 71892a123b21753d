-- The command model's own tables. Not read models: they are kept in the same transaction as the events that
-- change them and exist only so the command side can enforce rules that span aggregates.

-- Answers of commands sent with an Idempotency-Key, kept for 24 hours.
CREATE TABLE idempotency_record (
    user_id         VARCHAR(64)  NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    fingerprint     VARCHAR(64)  NOT NULL,
    result_type     VARCHAR(255),
    result          TEXT,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, idempotency_key)
);
CREATE INDEX idempotency_record_created_at ON idempotency_record (created_at);

-- Every account's owner, currency, state and balance in minor units, derived from account and transaction events.
-- Postings lock the row, so closing (which needs a zero balance) and posting cannot interleave.
CREATE TABLE account_ledger (
    account_id    VARCHAR(64) NOT NULL PRIMARY KEY,
    owner_id      VARCHAR(64) NOT NULL,
    currency      CHAR(3)     NOT NULL,
    balance_minor BIGINT      NOT NULL,
    closed        BOOLEAN     NOT NULL DEFAULT FALSE
);

-- Every category's owner, kind and state; names are unique per owner (case-insensitively) among live categories.
CREATE TABLE category_directory (
    category_id VARCHAR(64)  NOT NULL PRIMARY KEY,
    owner_id    VARCHAR(64)  NOT NULL,
    name        VARCHAR(100) NOT NULL,
    name_key    VARCHAR(100) NOT NULL,
    kind        VARCHAR(16)  NOT NULL,
    archived    BOOLEAN      NOT NULL DEFAULT FALSE
);
CREATE INDEX category_directory_owner ON category_directory (owner_id, name_key);
