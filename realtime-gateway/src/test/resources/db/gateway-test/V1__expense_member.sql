-- Test only: the read-model table the query side will provide (one row per member of a shared expense).
CREATE TABLE IF NOT EXISTS expense_member (
    expense_id VARCHAR(64) NOT NULL,
    user_id    VARCHAR(64) NOT NULL,
    PRIMARY KEY (expense_id, user_id)
);
