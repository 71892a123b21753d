-- Sign-in sessions every process checks access tokens against (a token's sid must be a live session of its sub).
-- Written by the command side: a row when a session starts, ended_at when it is signed out or its refresh token reused.
CREATE TABLE user_session (
    session_id VARCHAR(64) PRIMARY KEY,
    user_id    VARCHAR(64) NOT NULL,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at   TIMESTAMP WITH TIME ZONE
);
-- every process polls for sessions ended since its last look
CREATE INDEX user_session_ended_at ON user_session (ended_at);
