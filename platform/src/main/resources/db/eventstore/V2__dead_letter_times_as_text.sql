-- Axon's JDBC dead-letter queue writes enqueued_at, last_touched and processing_started as ISO-8601 text
-- (its own table factory declares them VARCHAR(255)); as TIMESTAMP columns PostgreSQL refused every dead letter.
ALTER TABLE dead_letter_entry ALTER COLUMN enqueued_at SET DATA TYPE VARCHAR(255);
ALTER TABLE dead_letter_entry ALTER COLUMN last_touched SET DATA TYPE VARCHAR(255);
ALTER TABLE dead_letter_entry ALTER COLUMN processing_started SET DATA TYPE VARCHAR(255);
