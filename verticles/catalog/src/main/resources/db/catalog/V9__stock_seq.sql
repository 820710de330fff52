-- Every change of a variant's stock on hand takes the next value of this sequence under the
-- variant's row lock: the figures of one variant are then ordered as their commits, and a node's
-- product cache can take a stock change in place (a newer figure) or ignore it (an older one
-- arriving late) instead of dropping the product and reading it again after every order.
-- CACHE 1 (the default) is required: a per-session cache would hand out values out of commit order.
CREATE SEQUENCE variant_stock_seq CACHE 1;
ALTER TABLE variant ADD COLUMN stock_seq bigint NOT NULL DEFAULT 0;
