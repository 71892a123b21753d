-- Whose an invitation's address is: each address is sealed in GroupMemberInvited under the invitation's own data key
-- ("invitation:<id>"), destroyed when the person at that address (by the SHA-256 of the normalised address) or the
-- person who joined with the link erases their account (identity.JdbcErasure). Kept after the link expires, because
-- the address stays in the event store until then.
CREATE TABLE group_invitee (
    invitation_id VARCHAR(64) NOT NULL PRIMARY KEY,
    email_hash    CHAR(64)    NOT NULL,
    accepted_by   VARCHAR(64)
);
CREATE INDEX group_invitee_email_hash ON group_invitee (email_hash);
CREATE INDEX group_invitee_accepted_by ON group_invitee (accepted_by);
