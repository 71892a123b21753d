-- Groups of people sharing costs: members (with who left or was removed, so history keeps its names), pending and
-- accepted invitations, and the group a shared expense counts in.
CREATE TABLE sharing_group (
    group_id   VARCHAR(64)              NOT NULL PRIMARY KEY,
    name       VARCHAR(200)             NOT NULL,
    creator_id VARCHAR(64)              NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_index BIGINT                   NOT NULL
);

-- status: member, left or removed. The gateway reads it to let only members into the group's room. No foreign key, as
-- for expense_member: the gateway's tests keep a table of this shape on their own.
CREATE TABLE sharing_group_member (
    group_id VARCHAR(64) NOT NULL,
    user_id  VARCHAR(64) NOT NULL,
    status   VARCHAR(16) NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX sharing_group_member_user ON sharing_group_member (user_id, status);

CREATE TABLE sharing_group_invitation (
    group_id      VARCHAR(64)  NOT NULL,
    invitation_id VARCHAR(64)  NOT NULL,
    email         VARCHAR(254) NOT NULL,
    invited_by    VARCHAR(64)  NOT NULL,
    accepted_by   VARCHAR(64),
    PRIMARY KEY (group_id, invitation_id)
);

ALTER TABLE transaction_view ADD COLUMN group_id VARCHAR(64);
CREATE INDEX transaction_view_group ON transaction_view (group_id);

-- Payments that settle shared balances (settling up). A disputed or deleted one moves no balance.
CREATE TABLE payment_view (
    payment_id     VARCHAR(64)              NOT NULL PRIMARY KEY,
    payer_id       VARCHAR(64)              NOT NULL,
    payee_id       VARCHAR(64)              NOT NULL,
    amount_minor   BIGINT                   NOT NULL,
    currency       VARCHAR(3)                NOT NULL,
    group_id       VARCHAR(64),
    date           DATE                     NOT NULL,
    note           VARCHAR(2000),
    transaction_id VARCHAR(64),
    disputed       BOOLEAN                  NOT NULL,
    dispute_reason VARCHAR(2000),
    deleted        BOOLEAN                  NOT NULL,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_index     BIGINT                   NOT NULL
);
CREATE INDEX payment_view_payer ON payment_view (payer_id);
CREATE INDEX payment_view_payee ON payment_view (payee_id);
CREATE INDEX payment_view_group ON payment_view (group_id);
