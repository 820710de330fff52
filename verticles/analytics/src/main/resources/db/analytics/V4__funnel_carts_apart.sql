-- The carts created per day get a table of their own: the cart log's consumer (analytics.carts)
-- and the checkout log's (analytics.sales) no longer update one row per day. Under load each held
-- that row from its first event to its commit, so the other waited (21 ms a cart created, measured
-- with pg_stat_statements in the checkout benchmark) and two passes over days in different orders
-- could deadlock.
CREATE TABLE funnel_cart_day (
  day           date   PRIMARY KEY,
  carts_created bigint NOT NULL DEFAULT 0
);
INSERT INTO funnel_cart_day (day, carts_created) SELECT day, carts_created FROM funnel_day WHERE carts_created > 0;
ALTER TABLE funnel_day DROP COLUMN carts_created;
