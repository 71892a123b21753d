-- Read models of query-side. Every row a projection writes remembers the global index of the last event applied
-- to it (last_index), so a redelivered event is recognised and changes nothing. Money is minor units + currency.

CREATE TABLE user_view (
    user_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    display_name VARCHAR(200) NOT NULL,
    time_zone    VARCHAR(64)  NOT NULL,
    last_index   BIGINT       NOT NULL
);

CREATE TABLE account_view (
    account_id      VARCHAR(64)              NOT NULL PRIMARY KEY,
    owner_id        VARCHAR(64)              NOT NULL,
    name            VARCHAR(200)             NOT NULL,
    type            VARCHAR(16)              NOT NULL,
    currency        VARCHAR(3)               NOT NULL,
    opening_minor   BIGINT                   NOT NULL,
    balance_minor   BIGINT                   NOT NULL,
    closed          BOOLEAN                  NOT NULL,
    opened_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    last_index      BIGINT                   NOT NULL
);
CREATE INDEX account_view_owner ON account_view (owner_id);

CREATE TABLE category_view (
    category_id VARCHAR(64)  NOT NULL PRIMARY KEY,
    owner_id    VARCHAR(64)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    kind        VARCHAR(16)  NOT NULL,
    archived    BOOLEAN      NOT NULL,
    last_index  BIGINT       NOT NULL
);
CREATE INDEX category_view_owner ON category_view (owner_id);

CREATE TABLE transaction_view (
    transaction_id         VARCHAR(64)              NOT NULL PRIMARY KEY,
    owner_id               VARCHAR(64)              NOT NULL,
    type                   VARCHAR(16)              NOT NULL,
    account_id             VARCHAR(64)              NOT NULL,
    to_account_id          VARCHAR(64),
    amount_minor           BIGINT                   NOT NULL,
    currency               VARCHAR(3)               NOT NULL,
    category_id            VARCHAR(64),
    date                   DATE                     NOT NULL,
    description            VARCHAR(1000),
    merchant               VARCHAR(200),
    original_amount_minor  BIGINT,
    original_currency      VARCHAR(3),
    deleted                BOOLEAN                  NOT NULL,
    split_method           VARCHAR(16),
    recorded_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    last_index             BIGINT                   NOT NULL
);
CREATE INDEX transaction_view_owner_date ON transaction_view (owner_id, date DESC, transaction_id DESC);

CREATE TABLE transaction_tag (
    transaction_id VARCHAR(64)  NOT NULL REFERENCES transaction_view (transaction_id) ON DELETE CASCADE,
    tag            VARCHAR(100) NOT NULL,
    PRIMARY KEY (transaction_id, tag)
);
CREATE INDEX transaction_tag_tag ON transaction_tag (tag);

-- A participant's part of a shared expense: what they owe the payer (the transaction's owner).
CREATE TABLE expense_share (
    transaction_id VARCHAR(64) NOT NULL REFERENCES transaction_view (transaction_id) ON DELETE CASCADE,
    user_id        VARCHAR(64) NOT NULL,
    amount_minor   BIGINT      NOT NULL,
    share_value    VARCHAR(64),
    PRIMARY KEY (transaction_id, user_id)
);
CREATE INDEX expense_share_user ON expense_share (user_id);

CREATE TABLE expense_comment (
    comment_id     VARCHAR(64)              NOT NULL PRIMARY KEY,
    transaction_id VARCHAR(64)              NOT NULL REFERENCES transaction_view (transaction_id) ON DELETE CASCADE,
    author_id      VARCHAR(64)              NOT NULL,
    text           VARCHAR(4000)            NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX expense_comment_transaction ON expense_comment (transaction_id, created_at);

-- Who may see an expense (its owner and its participants): the gateway reads this to admit sockets to expense:{id} rooms.
CREATE TABLE expense_member (
    expense_id VARCHAR(64) NOT NULL,
    user_id    VARCHAR(64) NOT NULL,
    PRIMARY KEY (expense_id, user_id)
);
CREATE INDEX expense_member_user ON expense_member (user_id);

CREATE TABLE budget_view (
    budget_id     VARCHAR(64)  NOT NULL PRIMARY KEY,
    owner_id      VARCHAR(64)  NOT NULL,
    name          VARCHAR(200) NOT NULL,
    category_id   VARCHAR(64),
    period_type   VARCHAR(16)  NOT NULL,
    limit_minor   BIGINT       NOT NULL,
    currency      VARCHAR(3)   NOT NULL,
    alert_levels  VARCHAR(200) NOT NULL,
    time_zone     VARCHAR(64)  NOT NULL,
    removed       BOOLEAN      NOT NULL,
    last_index    BIGINT       NOT NULL
);
CREATE INDEX budget_view_owner ON budget_view (owner_id);

CREATE TABLE budget_period_view (
    budget_id      VARCHAR(64)  NOT NULL REFERENCES budget_view (budget_id) ON DELETE CASCADE,
    period_key     VARCHAR(16)  NOT NULL,
    period_start   DATE         NOT NULL,
    spent_minor    BIGINT       NOT NULL,
    levels_reached VARCHAR(200) NOT NULL,
    PRIMARY KEY (budget_id, period_key)
);

CREATE TABLE notification_view (
    notification_id VARCHAR(64)              NOT NULL PRIMARY KEY,
    user_id         VARCHAR(64)              NOT NULL,
    type            VARCHAR(32)              NOT NULL,
    title           VARCHAR(200)             NOT NULL,
    message         VARCHAR(1000)            NOT NULL,
    data            TEXT                     NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    read_at         TIMESTAMP WITH TIME ZONE
);
CREATE INDEX notification_view_user ON notification_view (user_id, created_at DESC, notification_id DESC);

-- The feed's current epoch (one row, created at first start with a random value): new users' feed heads start in it;
-- a rebuild replaces it, so a client holding an older epoch reloads through REST.
CREATE TABLE feed_epoch (
    id    INTEGER     NOT NULL PRIMARY KEY,
    epoch VARCHAR(64) NOT NULL
);
