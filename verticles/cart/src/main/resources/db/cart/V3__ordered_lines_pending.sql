-- Orders whose lines the cart context took out of the customer's cart in PostgreSQL
-- (customer_cart) but could not yet in Redis: Redis was unreachable when the order's CartNotEmptied
-- was applied, or did not have the cart (it may have been on its way back from customer_cart).
-- Redis is asked again until it answers; then the row goes.
CREATE TABLE ordered_lines_pending (
  order_id    uuid        PRIMARY KEY,
  customer_id uuid        NOT NULL,
  -- the cart the order was placed from: its id and the lines the order took (OrderedCart)
  cart        jsonb       NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
