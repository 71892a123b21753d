-- States of audited things (accounts, transactions, budgets) folded from their events every so many events
-- (AuditSnapshots): an as-of read folds from the last one before its moment instead of from the first event.
-- Derived from the event store alone, so they stay valid across read-model rebuilds.
CREATE TABLE audit_snapshot (
    aggregate_id    VARCHAR(64) NOT NULL,
    sequence_number BIGINT      NOT NULL,
    time_stamp      VARCHAR(64) NOT NULL,
    kind            VARCHAR(16) NOT NULL,
    state           TEXT        NOT NULL,
    PRIMARY KEY (aggregate_id, sequence_number)
);
