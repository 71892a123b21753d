-- Groups: who belongs to which group now (expenses shared in a group name only its members), kept with the group's
-- events; and the mailed invitation links, by the SHA-256 of their token.
CREATE TABLE group_directory (
    group_id VARCHAR(64)  NOT NULL PRIMARY KEY,
    name     VARCHAR(200) NOT NULL
);

CREATE TABLE group_member (
    group_id VARCHAR(64) NOT NULL,
    user_id  VARCHAR(64) NOT NULL,
    PRIMARY KEY (group_id, user_id)
);

CREATE TABLE group_invitation (
    token_hash    CHAR(64)    NOT NULL PRIMARY KEY,
    group_id      VARCHAR(64) NOT NULL,
    invitation_id VARCHAR(64) NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    accepted_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX group_invitation_expires_at ON group_invitation (expires_at);
