-- The analytics context: rollups of the shop's sales, kept by durable consumers of the checkout's,
-- the cart's and the catalog's event logs (each effect in the transaction that moves the
-- consumer's checkpoint). Every figure of an order counts on the UTC day the order was placed.
-- Each effect is guarded by the state it changes (a flag, a cumulative amount, a unique key), so
-- an event applied twice changes nothing.

-- What later events of an order need: its day, currency, total, customer, lines; and how far it went.
CREATE TABLE order_fact (
  order_id     uuid    PRIMARY KEY,
  day          date    NOT NULL,
  currency     char(3) NOT NULL,
  total        bigint  NOT NULL,
  -- the customer's id, or 'e:' + the SHA-256 of a guest's lower-case e-mail (no e-mail is kept)
  customer_key text    NOT NULL,
  -- [{"p": product id, "q": units, "g": gross in minor units}]
  items        jsonb   NOT NULL,
  paid         boolean NOT NULL DEFAULT false,
  cancelled    boolean NOT NULL DEFAULT false,
  refunded     bigint  NOT NULL DEFAULT 0
);

-- Per day and currency.
CREATE TABLE sales_day (
  currency            char(3) NOT NULL,
  day                 date    NOT NULL,
  orders_placed       bigint  NOT NULL DEFAULT 0,
  orders_paid         bigint  NOT NULL DEFAULT 0,
  revenue             bigint  NOT NULL DEFAULT 0,
  refunds             bigint  NOT NULL DEFAULT 0,
  returns             bigint  NOT NULL DEFAULT 0,
  cancelled           bigint  NOT NULL DEFAULT 0,
  new_customers       bigint  NOT NULL DEFAULT 0,
  returning_customers bigint  NOT NULL DEFAULT 0,
  PRIMARY KEY (currency, day)
);

-- Paid order lines per product and per category, per day and per month (a long range reads the
-- whole months inside it from the month tables and only its ends from the day tables).
CREATE TABLE product_day (
  currency   char(3) NOT NULL,
  day        date    NOT NULL,
  product_id uuid    NOT NULL,
  units      bigint  NOT NULL,
  revenue    bigint  NOT NULL,
  PRIMARY KEY (currency, day, product_id)
);
CREATE TABLE product_month (
  currency   char(3) NOT NULL,
  month      date    NOT NULL,
  product_id uuid    NOT NULL,
  units      bigint  NOT NULL,
  revenue    bigint  NOT NULL,
  PRIMARY KEY (currency, month, product_id)
);
CREATE TABLE category_day (
  currency    char(3) NOT NULL,
  day         date    NOT NULL,
  category_id uuid    NOT NULL,
  units       bigint  NOT NULL,
  revenue     bigint  NOT NULL,
  PRIMARY KEY (currency, day, category_id)
);
CREATE TABLE category_month (
  currency    char(3) NOT NULL,
  month       date    NOT NULL,
  category_id uuid    NOT NULL,
  units       bigint  NOT NULL,
  revenue     bigint  NOT NULL,
  PRIMARY KEY (currency, month, category_id)
);

-- Customers by their first paid order, and the days each paid on (new vs returning).
CREATE TABLE customer_first (
  customer_key text PRIMARY KEY,
  first_day    date NOT NULL
);
CREATE TABLE customer_day (
  customer_key text NOT NULL,
  day          date NOT NULL,
  PRIMARY KEY (customer_key, day)
);

-- Returns counted once each.
CREATE TABLE return_fact (
  return_id uuid PRIMARY KEY,
  order_id  uuid NOT NULL
);

-- The conversion funnel per day (in every currency); funnel_cart counts each cart once per step.
CREATE TABLE funnel_day (
  day               date   PRIMARY KEY,
  carts_created     bigint NOT NULL DEFAULT 0,
  checkouts_started bigint NOT NULL DEFAULT 0,
  orders_placed     bigint NOT NULL DEFAULT 0,
  orders_paid       bigint NOT NULL DEFAULT 0
);
CREATE TABLE funnel_cart (
  cart_id uuid NOT NULL,
  step    text NOT NULL,
  PRIMARY KEY (cart_id, step)
);

-- The products ordered, as the catalog describes them (name in the product's default language,
-- categories), fetched over the bus when first ordered and refreshed on the catalog's events.
CREATE TABLE product (
  product_id   uuid   PRIMARY KEY,
  name         text,
  category_ids uuid[] NOT NULL DEFAULT '{}',
  version      bigint NOT NULL DEFAULT 0
);
