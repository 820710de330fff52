-- The contact of each order, from OrderPlaced: who gets the order's e-mails, in which language.
CREATE TABLE order_contact (
  order_id    uuid        PRIMARY KEY,
  number      text        NOT NULL,
  email       text        NOT NULL,
  locale      text        NOT NULL,
  customer_id uuid,
  placed_at   timestamptz NOT NULL
);

-- One row per e-mail, written in the transaction that moves the consumer's checkpoint, keyed by the
-- event it was made for: a redelivered event finds its row and changes nothing. The row keeps what
-- the templates need (model), not the rendered bodies; the sender renders them when it delivers.
-- A password-reset model holds the token sealed only. pending → sent, or → failed after the
-- configured attempts; a pending row is due at next_attempt_at (a sender claims it by pushing
-- next_attempt_at forward, so a crashed sender's claim runs out).
CREATE TABLE outgoing_mail (
  id              uuid        PRIMARY KEY,
  event_id        uuid        NOT NULL UNIQUE,
  kind            text        NOT NULL,
  recipient       text        NOT NULL,
  locale          text        NOT NULL,
  subject         text        NOT NULL,
  model           jsonb       NOT NULL,
  order_id        uuid,
  order_number    text,
  status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts        int         NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz
);
CREATE INDEX outgoing_mail_due ON outgoing_mail (next_attempt_at) WHERE status = 'pending';
CREATE INDEX outgoing_mail_newest ON outgoing_mail (created_at DESC, id DESC);
CREATE INDEX outgoing_mail_recipient ON outgoing_mail (lower(recipient), created_at DESC);
