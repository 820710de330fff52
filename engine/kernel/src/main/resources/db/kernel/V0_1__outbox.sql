-- Transactional outbox: a domain event is inserted in the same transaction as the change it
-- describes, then relayed to the event bus after commit and marked delivered.
CREATE TABLE outbox (
  seq          bigserial PRIMARY KEY,
  event_id     uuid        NOT NULL UNIQUE,
  event_type   text        NOT NULL,
  address      text        NOT NULL,
  payload      jsonb       NOT NULL,
  correlation  text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  attempts     int         NOT NULL DEFAULT 0,
  last_error   text
);
CREATE INDEX outbox_pending ON outbox (seq) WHERE delivered_at IS NULL;

-- Idempotent consumers: an event applied by a consumer is recorded here in the consumer's own
-- transaction, so a redelivered event is recognised and skipped.
CREATE TABLE processed_event (
  consumer     text        NOT NULL,
  event_id     uuid        NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);
