-- Balances are the Account aggregate's own (it refuses to close with money in it, and a closed account refuses
-- postings), so the ledger keeps only what other commands check: owner, currency and state. Updating a balance here
-- cost a round trip to the database per posting and checked nothing.
ALTER TABLE account_ledger DROP COLUMN balance_minor;
