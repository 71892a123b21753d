-- Account lifecycle: proving an address, resetting a forgotten password.

-- When the user used a verification link; null until then. Group invitations by email need it.
ALTER TABLE user_credentials ADD COLUMN email_verified_at TIMESTAMP WITH TIME ZONE;

-- Single-use tokens sent by mail (email verification, password reset), stored only as their SHA-256. Issuing one
-- voids the user's earlier unused ones of the same purpose, so only the newest mail works.
CREATE TABLE email_token (
    token_hash CHAR(64)    NOT NULL PRIMARY KEY,
    user_id    VARCHAR(64) NOT NULL,
    purpose    VARCHAR(16) NOT NULL,
    issued_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX email_token_user ON email_token (user_id, purpose);
CREATE INDEX email_token_expires_at ON email_token (expires_at);

-- Password reset requests per SHA-256 of the submitted (normalised) address, registered or not, so that a flood of
-- requests for one address sends it only a few mails while every request gets the same answer.
CREATE TABLE password_reset_request (
    id           BIGSERIAL   NOT NULL PRIMARY KEY,
    request_key  CHAR(64)    NOT NULL,
    requested_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX password_reset_request_key ON password_reset_request (request_key, requested_at);
