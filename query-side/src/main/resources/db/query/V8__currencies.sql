-- ECB reference rates (units per euro) by day. Insert-only: a corrected rate is a new row with a later event index, and
-- the newest index of a day wins, so a redelivered event changes nothing (ON CONFLICT DO NOTHING).
CREATE TABLE exchange_rate (
    currency        VARCHAR(3)     NOT NULL,
    rate_day        DATE           NOT NULL,
    published_index BIGINT         NOT NULL,
    per_euro        NUMERIC(20, 10) NOT NULL,
    PRIMARY KEY (currency, rate_day, published_index)
);

-- The rate a foreign-currency transaction keeps with its original amount (units of the account's currency per unit).
ALTER TABLE transaction_view ADD COLUMN exchange_rate NUMERIC(20, 10);

-- The currency a user's figures are also reported in: chosen, or else their first account's.
ALTER TABLE user_view ADD COLUMN home_currency VARCHAR(3);
