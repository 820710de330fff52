-- The highest sequence of a reserved total the cart published (ReservedStockChanged) or reset at
-- (ReservedStockReset). When Redis lost its data, the reset takes a sequence above it (and above
-- the clock): above every total published before, whatever the clocks of the nodes that published
-- them said. Every publishing transaction raises it, so a reset waits for one in flight.
CREATE TABLE reserved_sequence (
  id      boolean PRIMARY KEY DEFAULT true CHECK (id),
  highest bigint  NOT NULL
);
INSERT INTO reserved_sequence (highest) VALUES (0);
