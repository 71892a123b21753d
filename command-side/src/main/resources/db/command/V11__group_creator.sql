-- Who created each group (GroupCreated): the group's name is the creator's personal data, erased with their account
-- (identity.JdbcErasure). Groups created before this column have none, so their names stay.
ALTER TABLE group_directory ADD COLUMN creator_id VARCHAR(64);
