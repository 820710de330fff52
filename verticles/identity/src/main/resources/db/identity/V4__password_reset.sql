-- Password-reset tokens, stored as SHA-256 only (the token travels sealed through the event log to
-- the mail and nowhere else). A token works once (used_at) until expires_at; a reset, or a newer
-- request, uses up every other open token of the customer.
CREATE TABLE password_reset (
  id          uuid        PRIMARY KEY,
  customer_id uuid        NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
  token_hash  bytea       NOT NULL UNIQUE,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_reset_customer ON password_reset (customer_id) WHERE used_at IS NULL;
CREATE INDEX password_reset_expires ON password_reset (expires_at);
