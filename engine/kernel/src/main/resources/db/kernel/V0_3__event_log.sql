-- The outbox becomes a durable, ordered event log.
--
-- A committed row gets its log position when a relay takes it into the log. Positions are handed
-- out while holding the row lock on outbox_head, and outbox_head moves in the same transaction, so
-- positions are gapless and a transaction that assigns positions commits before the next one can
-- assign any: a reader that has seen position p has seen every position below p, whatever order
-- the writing transactions committed in. Rows without a position are not in the log yet.
ALTER TABLE outbox ADD COLUMN position bigint;
ALTER TABLE outbox ADD COLUMN aggregate_id text;
ALTER TABLE outbox ADD COLUMN aggregate_version bigint;
ALTER TABLE outbox ADD COLUMN actor text;
ALTER TABLE outbox DROP COLUMN attempts;
ALTER TABLE outbox DROP COLUMN last_error;
ALTER TABLE outbox DROP COLUMN next_attempt_at;
DROP INDEX outbox_pending;

-- rows delivered before the log existed enter it first, in insertion order
UPDATE outbox o SET position = n.pos
FROM (SELECT seq, row_number() OVER (ORDER BY seq) AS pos FROM outbox WHERE delivered_at IS NOT NULL) n
WHERE o.seq = n.seq;

CREATE UNIQUE INDEX outbox_position ON outbox (position);
CREATE INDEX outbox_unlogged ON outbox (seq) WHERE position IS NULL;

CREATE TABLE outbox_head (
  one      boolean PRIMARY KEY DEFAULT true CHECK (one),
  position bigint  NOT NULL
);
INSERT INTO outbox_head (position) SELECT coalesce(max(position), 0) FROM outbox;

-- Consumers of this schema's log, with the position each last reported as committed: the log is
-- not purged past the lowest of them, and their lag is reported from here.
CREATE TABLE event_reader (
  consumer   text        PRIMARY KEY,
  position   bigint      NOT NULL,
  parked     int         NOT NULL DEFAULT 0,
  last_error text,
  read_at    timestamptz NOT NULL DEFAULT now()
);

-- Consumer side: where each consumer of another context's log stands, kept in the consumer's own
-- schema and moved in the same transaction as the consumer's effect.
CREATE TABLE event_checkpoint (
  consumer   text        NOT NULL,
  source     text        NOT NULL,
  position   bigint      NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, source)
);

-- Events a consumer failed to apply after its retries: set aside so that the events behind them
-- are not blocked, retried with backoff until they apply, visible in the consumer's status.
CREATE TABLE event_parked (
  consumer        text        NOT NULL,
  source          text        NOT NULL,
  position        bigint      NOT NULL,
  event_type      text        NOT NULL,
  event           jsonb       NOT NULL,
  attempts        int         NOT NULL,
  last_error      text        NOT NULL,
  parked_at       timestamptz NOT NULL DEFAULT now(),
  next_attempt_at timestamptz NOT NULL,
  PRIMARY KEY (consumer, source, position)
);

-- The newest version of each aggregate a consumer applied, so that stale events are ignored.
CREATE TABLE event_aggregate_version (
  consumer     text   NOT NULL,
  aggregate_id text   NOT NULL,
  version      bigint NOT NULL,
  PRIMARY KEY (consumer, aggregate_id)
);

CREATE INDEX processed_event_age ON processed_event (processed_at);
