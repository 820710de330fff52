-- A reader that asked for events the log no longer keeps is marked truncated: it shows in the
-- log's status with its error, and retention no longer waits for it (it must rebuild).
ALTER TABLE event_reader ADD COLUMN truncated boolean NOT NULL DEFAULT false;

-- Aggregate versions are per source log: two logs may name aggregates alike.
ALTER TABLE event_aggregate_version ADD COLUMN source text NOT NULL DEFAULT '';
ALTER TABLE event_aggregate_version DROP CONSTRAINT event_aggregate_version_pkey;
ALTER TABLE event_aggregate_version ADD PRIMARY KEY (consumer, source, aggregate_id);
