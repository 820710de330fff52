-- A customer's address book: at most AddressBookService.MAX_ADDRESSES addresses, at most one
-- default for shipping and one for billing (the partial unique indexes hold that under any race).
CREATE TABLE customer_address (
  id               uuid        PRIMARY KEY,
  customer_id      uuid        NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
  name             text        NOT NULL,
  company          text,
  line1            text        NOT NULL,
  line2            text,
  postal_code      text        NOT NULL,
  city             text        NOT NULL,
  region           text,
  country          char(2)     NOT NULL,
  phone            text,
  default_shipping boolean     NOT NULL DEFAULT false,
  default_billing  boolean     NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customer_address_customer ON customer_address (customer_id, created_at DESC);
CREATE UNIQUE INDEX customer_address_default_shipping ON customer_address (customer_id) WHERE default_shipping;
CREATE UNIQUE INDEX customer_address_default_billing ON customer_address (customer_id) WHERE default_billing;
