-- The budget process manager's own memory (processing group "budget-tracking"), kept in the same transaction as its
-- token. Not read models: they only tell the process manager which budgets an expense event concerns and what an
-- expense now is, so a budget created mid-period can count the expenses already recorded in it.

-- Every budget the process manager has seen; removed ones stay (marked) so a redelivered BudgetCreated cannot revive one.
CREATE TABLE budget_tracking_budget (
    budget_id   VARCHAR(64) NOT NULL PRIMARY KEY,
    owner_id    VARCHAR(64) NOT NULL,
    category_id VARCHAR(64),
    removed     BOOLEAN     NOT NULL DEFAULT FALSE
);
CREATE INDEX budget_tracking_budget_owner ON budget_tracking_budget (owner_id);

-- Every expense (never incomes or transfers) as its latest event says, and that event's sequence number, so a
-- redelivered older event never overwrites a newer state.
CREATE TABLE budget_tracking_expense (
    transaction_id  VARCHAR(64) NOT NULL PRIMARY KEY,
    owner_id        VARCHAR(64) NOT NULL,
    category_id     VARCHAR(64),
    spent_on        DATE        NOT NULL,
    amount_minor    BIGINT      NOT NULL,
    currency        CHAR(3)     NOT NULL,
    deleted         BOOLEAN     NOT NULL,
    sequence_number BIGINT      NOT NULL
);
CREATE INDEX budget_tracking_expense_owner ON budget_tracking_expense (owner_id, spent_on);
