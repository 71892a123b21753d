-- The thing a feed entry is about (an expense id, a month, a budget period), from the feed event's declaration in
-- shared-events: the gateway coalesces consecutive entries with one key without reading their payloads.
-- Entries written before it have none and are never coalesced.
ALTER TABLE user_feed ADD COLUMN state_key VARCHAR(200);
