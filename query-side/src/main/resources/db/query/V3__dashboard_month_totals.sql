-- Each owner's month totals per category, type and currency, kept by the expense projection as transactions change
-- (a transaction counts unless it is deleted or a transfer). A month's dashboard:updated reads these few rows instead
-- of summing every transaction of the month again after each change. total_id is
-- owner|first day of the month|category id ('' when none)|type|currency.
CREATE TABLE dashboard_month_total (
    total_id    VARCHAR(200) NOT NULL PRIMARY KEY,
    owner_id    VARCHAR(64)  NOT NULL,
    month_start DATE         NOT NULL,
    category_id VARCHAR(64),
    type        VARCHAR(16)  NOT NULL,
    currency    VARCHAR(3)   NOT NULL,
    total_minor BIGINT       NOT NULL,
    entries     BIGINT       NOT NULL
);
CREATE INDEX dashboard_month_total_owner ON dashboard_month_total (owner_id, month_start);

-- what the transactions already projected add up to
INSERT INTO dashboard_month_total (total_id, owner_id, month_start, category_id, type, currency, total_minor, entries)
SELECT owner_id || '|' || CAST(month_start AS VARCHAR(10)) || '|' || COALESCE(category_id, '') || '|' || type || '|' || currency,
       owner_id, month_start, category_id, type, currency, total_minor, entries
FROM (SELECT owner_id, CAST(DATE_TRUNC('month', date) AS DATE) AS month_start, category_id, type, currency,
             SUM(amount_minor) AS total_minor, COUNT(*) AS entries
      FROM transaction_view
      WHERE NOT deleted AND type <> 'TRANSFER'
      GROUP BY owner_id, CAST(DATE_TRUNC('month', date) AS DATE), category_id, type, currency) AS month_sums;
