-- People who share expenses with each other (either way round): the only people a participant may be named by email,
-- so that sharing by email says nothing about whether an address is registered. Kept with the ExpenseShared events.
CREATE TABLE share_contact (
    user_id    VARCHAR(64) NOT NULL,
    contact_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (user_id, contact_id)
);
