-- The cart context. Active carts live in Redis; a customer's cart is also kept here (written
-- through on every change), so a Redis flush or restart loses no customer cart: the next read
-- brings it back. Guest carts live in Redis only.
CREATE TABLE customer_cart (
  customer_id uuid        PRIMARY KEY,
  cart_id     uuid        NOT NULL,
  -- the cart's Redis hash (meta fields and one "l:<variant>" field per line), as JSON
  state       jsonb       NOT NULL,
  -- the cart's version in Redis: a write never replaces a newer state with an older one
  version     bigint      NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- A customer's wishlist: a product, or one variant of it. Prices and availability are read from
-- the catalog when the wishlist is shown.
CREATE TABLE wishlist_item (
  id          uuid        PRIMARY KEY,
  customer_id uuid        NOT NULL,
  product_id  uuid        NOT NULL,
  variant_id  uuid,
  added_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX wishlist_item_unique ON wishlist_item (customer_id, product_id, coalesce(variant_id, '00000000-0000-0000-0000-000000000000'::uuid));
CREATE INDEX wishlist_item_customer ON wishlist_item (customer_id, added_at DESC);
