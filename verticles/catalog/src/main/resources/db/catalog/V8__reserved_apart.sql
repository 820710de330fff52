-- The carts' reserved totals move to a table of their own. While they were columns of the variant's
-- row, every pass of the reserved-totals consumer locked the rows of the variants just added to
-- carts until it committed, and an order's allocation of those very variants (FOR NO KEY UPDATE of
-- the row, stock on hand) queued behind it. Apart, neither waits for the other; a row here refers to
-- its variant (FOR KEY SHARE, which does not conflict with an allocation's lock) and goes with it.
CREATE TABLE variant_reserved (
  variant_id uuid PRIMARY KEY REFERENCES variant (id) ON DELETE CASCADE,
  reserved int NOT NULL DEFAULT 0,
  reserved_seq bigint NOT NULL DEFAULT 0
);
INSERT INTO variant_reserved (variant_id, reserved, reserved_seq)
  SELECT id, reserved, reserved_seq FROM variant WHERE reserved_seq > 0 OR reserved <> 0;
-- variant.reserved and variant.reserved_seq stay, unread, while nodes of the previous version may
-- still run (a rolling deploy: their statements name them); a later migration drops them.
