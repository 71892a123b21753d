-- The currencies two people share expenses in (either way round), and those of the expenses shared in each group: a
-- payment settles up in one of them (settle.JdbcCounterparties). Kept with the ExpenseShared and ExpenseGroupChanged
-- events. Stores from before this table have no rows for their old shares: a pair or group without rows takes any
-- currency, as before.
CREATE TABLE share_currency (
    user_id    VARCHAR(64) NOT NULL,
    contact_id VARCHAR(64) NOT NULL,
    currency   CHAR(3)     NOT NULL,
    PRIMARY KEY (user_id, contact_id, currency)
);

CREATE TABLE shared_expense_currency (
    transaction_id VARCHAR(64) NOT NULL PRIMARY KEY,
    currency       CHAR(3)     NOT NULL,
    group_id       VARCHAR(64)
);
CREATE INDEX shared_expense_currency_group ON shared_expense_currency (group_id);
