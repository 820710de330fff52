-- The checkout context: the shop's tax and shipping settings, orders with their timeline, payments
-- and the payment providers' events.

-- Shop-wide settings: one row.
CREATE TABLE shop_settings (
  id                 int         PRIMARY KEY CONSTRAINT shop_settings_single CHECK (id = 1),
  prices_include_tax boolean     NOT NULL,
  default_country    char(2)     NOT NULL,
  version            bigint      NOT NULL DEFAULT 1,
  updated_at         timestamptz NOT NULL DEFAULT now()
);
INSERT INTO shop_settings (id, prices_include_tax, default_country) VALUES (1, true, 'DE');

-- VAT per country and tax class, in basis points (1900 = 19 %).
CREATE TABLE tax_rate (
  country   char(2) NOT NULL,
  tax_class text    NOT NULL,
  rate      int     NOT NULL CONSTRAINT tax_rate_range CHECK (rate BETWEEN 0 AND 10000),
  PRIMARY KEY (country, tax_class)
);
INSERT INTO tax_rate (country, tax_class, rate) VALUES
  ('DE', 'standard', 1900), ('AT', 'standard', 2000), ('FR', 'standard', 2000), ('NL', 'standard', 2100),
  ('BE', 'standard', 2100), ('IT', 'standard', 2200), ('ES', 'standard', 2100), ('DK', 'standard', 2500),
  ('SE', 'standard', 2500), ('PL', 'standard', 2300), ('IE', 'standard', 2300), ('LU', 'standard', 1700),
  ('CH', 'standard', 810), ('GB', 'standard', 2000), ('US', 'standard', 0);

-- Shipping zones (countries shipped to alike; '*' is the rest of the world) and their methods.
-- prices / free_above: {"EUR": 490, ...} in minor units.
CREATE TABLE shipping_zone (
  id         uuid        PRIMARY KEY,
  name       text        NOT NULL,
  countries  text[]      NOT NULL,
  position   int         NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE shipping_method (
  id         uuid    PRIMARY KEY,
  zone_id    uuid    NOT NULL REFERENCES shipping_zone (id) ON DELETE CASCADE,
  name       text    NOT NULL,
  prices     jsonb   NOT NULL,
  free_above jsonb   NOT NULL DEFAULT '{}',
  min_days   int     NOT NULL,
  max_days   int     NOT NULL,
  active     boolean NOT NULL DEFAULT true,
  position   int     NOT NULL DEFAULT 0
);
INSERT INTO shipping_zone (id, name, countries, position) VALUES
  ('5b0c0b9e-0000-4000-8000-000000000001', 'Germany', '{DE}', 0),
  ('5b0c0b9e-0000-4000-8000-000000000002', 'European Union', '{AT,BE,DK,ES,FR,IE,IT,LU,NL,PL,SE}', 1),
  ('5b0c0b9e-0000-4000-8000-000000000003', 'Rest of the world', '{*}', 2);
INSERT INTO shipping_method (id, zone_id, name, prices, free_above, min_days, max_days, position) VALUES
  ('5b0c0b9e-0000-4000-8000-000000000101', '5b0c0b9e-0000-4000-8000-000000000001', 'Standard',
   '{"EUR": 490, "USD": 590}', '{"EUR": 5000, "USD": 6000}', 2, 3, 0),
  ('5b0c0b9e-0000-4000-8000-000000000102', '5b0c0b9e-0000-4000-8000-000000000001', 'Express',
   '{"EUR": 990, "USD": 1190}', '{}', 1, 1, 1),
  ('5b0c0b9e-0000-4000-8000-000000000201', '5b0c0b9e-0000-4000-8000-000000000002', 'Standard',
   '{"EUR": 990, "USD": 1190}', '{"EUR": 10000, "USD": 12000}', 3, 6, 0),
  ('5b0c0b9e-0000-4000-8000-000000000301', '5b0c0b9e-0000-4000-8000-000000000003', 'International',
   '{"EUR": 1990, "USD": 2190}', '{}', 5, 12, 0);

-- Human-friendly order numbers, unique across nodes (one sequence in the shared database).
CREATE SEQUENCE order_number START 100001;

-- An order. doc: what was ordered and how it was priced (lines, addresses, shipping, totals), fixed
-- at placement. state follows OrderStates; version grows with every change (and names the
-- order's events). placement_key: the caller's idempotency key, one order per key.
CREATE TABLE orders (
  id             uuid        PRIMARY KEY,
  number         text        NOT NULL UNIQUE,
  state          text        NOT NULL,
  customer_id    uuid,
  email          text        NOT NULL,
  locale         text,
  currency       char(3)     NOT NULL,
  total          bigint      NOT NULL,
  item_count     int         NOT NULL,
  doc            jsonb       NOT NULL,
  flags          text[]      NOT NULL DEFAULT '{}',
  placement_key  text        NOT NULL UNIQUE,
  payment_due_at timestamptz NOT NULL,
  version        bigint      NOT NULL,
  placed_at      timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_placed ON orders (placed_at DESC, id DESC);
CREATE INDEX orders_customer ON orders (customer_id, placed_at DESC, id DESC) WHERE customer_id IS NOT NULL;
CREATE INDEX orders_state ON orders (state, placed_at DESC, id DESC);
CREATE INDEX orders_email ON orders (lower(email), placed_at DESC);
CREATE INDEX orders_unpaid ON orders (payment_due_at) WHERE state = 'placed';

-- The order's timeline: one row per change, with who did it.
CREATE TABLE order_event (
  order_id   uuid        NOT NULL REFERENCES orders (id),
  version    bigint      NOT NULL,
  type       text        NOT NULL,
  from_state text,
  to_state   text        NOT NULL,
  actor      text        NOT NULL,
  note       text,
  at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (order_id, version)
);

-- An order's payment (one per order: a failed attempt can be retried on the same intent).
-- status never moves backwards (PaymentStatus ranks).
CREATE TABLE payment (
  id            uuid        PRIMARY KEY,
  order_id      uuid        NOT NULL UNIQUE REFERENCES orders (id),
  provider      text        NOT NULL,
  intent_id     text        UNIQUE,
  status        text        NOT NULL,
  amount        bigint      NOT NULL,
  currency      char(3)     NOT NULL,
  refunded      bigint      NOT NULL DEFAULT 0,
  client_secret text,
  last_error    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_pending ON payment (updated_at) WHERE status IN ('creating', 'requires_payment_method', 'processing');

-- Events from payment providers (Stripe's webhooks, the test provider's notices, the
-- reconciliation's findings): each provider event id is stored once (a duplicate delivery changes
-- nothing) and applied once, after the delivery was acknowledged.
CREATE TABLE provider_event (
  provider     text        NOT NULL,
  event_id     text        NOT NULL,
  type         text        NOT NULL,
  intent_id    text,
  payload      jsonb       NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  applied_at   timestamptz,
  outcome      text,
  PRIMARY KEY (provider, event_id)
);
CREATE INDEX provider_event_pending ON provider_event (received_at) WHERE applied_at IS NULL;

-- The built-in test provider's own side (what Stripe keeps on its servers): its payment intents.
CREATE TABLE test_intent (
  id         text        PRIMARY KEY,
  amount     bigint      NOT NULL,
  currency   char(3)     NOT NULL,
  status     text        NOT NULL,
  refunded   bigint      NOT NULL DEFAULT 0,
  last_error text,
  succeed_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A placement in progress: written before the order's stock is allocated, removed with the order's
-- creation (same transaction). One left behind (the engine died in between) is found by the
-- reconciliation, which releases its stock; an order creation that finds its row gone stops.
CREATE TABLE placement (
  order_id   uuid        PRIMARY KEY,
  started_at timestamptz NOT NULL DEFAULT now()
);

-- The test provider's refunds, once per idempotency key (as Stripe keeps them).
CREATE TABLE test_refund (
  idempotency_key text        PRIMARY KEY,
  intent_id       text        NOT NULL,
  amount          bigint      NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);
