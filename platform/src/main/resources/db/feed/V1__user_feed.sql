-- The per-user update feed: written by query-side projections in the same transaction as the read model,
-- read by the gateway (live catch-up and replay) and by GET /api/v1/sync.
CREATE TABLE user_feed (
    user_id      VARCHAR(64)              NOT NULL,
    seq          BIGINT                   NOT NULL,
    epoch        VARCHAR(64)              NOT NULL,
    event        VARCHAR(64)              NOT NULL,
    payload      TEXT                     NOT NULL,
    global_index BIGINT                   NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, seq)
);
CREATE INDEX user_feed_created_at ON user_feed (created_at);

-- One row per user: the last seq handed out and the feed's epoch. Appending locks this row, so seqs are
-- allocated in commit order without gaps; lock several users' rows in user_id order to avoid deadlocks.
CREATE TABLE user_feed_head (
    user_id VARCHAR(64) NOT NULL PRIMARY KEY,
    seq     BIGINT      NOT NULL,
    epoch   VARCHAR(64) NOT NULL
);
