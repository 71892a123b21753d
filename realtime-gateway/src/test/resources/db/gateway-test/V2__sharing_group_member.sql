-- Test only: the query side's group membership read model (status member, left or removed).
CREATE TABLE IF NOT EXISTS sharing_group_member (
    group_id VARCHAR(64) NOT NULL,
    user_id  VARCHAR(64) NOT NULL,
    status   VARCHAR(16) NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
