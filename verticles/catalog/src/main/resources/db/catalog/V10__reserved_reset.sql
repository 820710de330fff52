-- The sequence of the latest reset of the carts' reserved totals (ReservedStockReset: Redis lost the
-- reservations). The reset takes every total with a lower sequence as 0; a total with a sequence at
-- or below it arriving later (published before the reset, logged after it) is not taken at all.
CREATE TABLE reserved_reset (
  id       boolean PRIMARY KEY DEFAULT true CHECK (id),
  sequence bigint  NOT NULL
);
