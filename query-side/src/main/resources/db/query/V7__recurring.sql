-- Recurring transactions as their owner lists them, with what each needs to compute its upcoming occurrences
-- (template, recurrence and skipped indexes as JSON, the next index due).
CREATE TABLE recurring_view (
    recurring_id VARCHAR(64) NOT NULL PRIMARY KEY,
    owner_id     VARCHAR(64) NOT NULL,
    template     TEXT        NOT NULL,
    recurrence   TEXT        NOT NULL,
    time_zone    VARCHAR(64) NOT NULL,
    next_index   BIGINT      NOT NULL,
    skipped      TEXT        NOT NULL,
    paused       BOOLEAN     NOT NULL,
    ended        BOOLEAN     NOT NULL,
    last_index   BIGINT      NOT NULL
);
CREATE INDEX recurring_view_owner ON recurring_view (owner_id);
