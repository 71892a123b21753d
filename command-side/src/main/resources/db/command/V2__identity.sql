-- Identity: what signing in needs and events must never carry. Written in the same transaction as the user's events.

-- One row per registered user. The email is stored normalised (trimmed, lower case) so uniqueness ignores case.
CREATE TABLE user_credentials (
    user_id       VARCHAR(64)  NOT NULL PRIMARY KEY,
    email         VARCHAR(254) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    display_name  VARCHAR(80)  NOT NULL,
    time_zone     VARCHAR(64)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT user_credentials_email UNIQUE (email)
);

-- Refresh tokens, by the SHA-256 of the opaque token (the token itself is never stored). Each sign-in is a session
-- (session_id is the access tokens' sid); a token is used once (rotation) and kept until it expires so that a second
-- use is recognised as theft and revokes its session.
CREATE TABLE refresh_token (
    token_hash CHAR(64)    NOT NULL PRIMARY KEY,
    user_id    VARCHAR(64) NOT NULL,
    session_id VARCHAR(64) NOT NULL,
    issued_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at    TIMESTAMP WITH TIME ZONE,
    revoked_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX refresh_token_user_session ON refresh_token (user_id, session_id);
CREATE INDEX refresh_token_expires_at ON refresh_token (expires_at);

-- Failed sign-ins, per throttle key (SHA-256 of "email:<email>" or "address:<client address>"), kept for the
-- throttle window. In the database so that every command-side instance counts the same failures.
CREATE TABLE sign_in_failure (
    id           BIGSERIAL   NOT NULL PRIMARY KEY,
    throttle_key CHAR(64)    NOT NULL,
    failed_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sign_in_failure_key ON sign_in_failure (throttle_key, failed_at);
