-- What shoppers did in the storefront, as the storefront reported it (one row per client-chosen
-- event id: a batch sent twice is stored once). Pruned by received_at after
-- recommendations.retentionDays; the models are rebuilt from what is kept.
CREATE TABLE behaviour_event (
  id          uuid PRIMARY KEY,
  session_id  text NOT NULL,
  customer_id uuid,
  type        text NOT NULL,
  product_id  uuid NOT NULL,
  dwell_ms    integer,
  model       text,
  position    integer,
  occurred_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX behaviour_event_received ON behaviour_event (received_at);
CREATE INDEX behaviour_event_occurred ON behaviour_event (occurred_at);
CREATE INDEX behaviour_event_model ON behaviour_event (model, occurred_at) WHERE model IS NOT NULL;

-- The products of placed orders, from the checkout's event log (one row per order and product,
-- written in the transaction that moves the consumer's checkpoint).
CREATE TABLE order_line (
  order_id    uuid NOT NULL,
  product_id  uuid NOT NULL,
  customer_id uuid,
  quantity    integer NOT NULL,
  occurred_at timestamptz NOT NULL,
  PRIMARY KEY (order_id, product_id)
);
CREATE INDEX order_line_occurred ON order_line (occurred_at);
