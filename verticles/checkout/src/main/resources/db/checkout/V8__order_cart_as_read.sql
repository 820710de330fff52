-- The cart an order was placed from, as its placement read it (OrderedCart: the cart's id and the
-- lines the order took, each with the time it was added). A request repeated with the order's key,
-- whose first run died before it emptied the cart, takes exactly those lines out of the cart, at any
-- time and once (Placement.again). Null for orders placed before this column (and by older nodes):
-- those take the lines only while the order's claim is on the cart.
ALTER TABLE orders ADD COLUMN ordered_cart jsonb;
