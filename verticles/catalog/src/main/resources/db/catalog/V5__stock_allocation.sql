-- The units placed orders hold. Allocating an order takes its units off variant.stock_on_hand,
-- which so counts the units still for sale (its CHECK >= 0 makes overselling impossible, whatever
-- Redis's reservations say); releasing (a cancelled or unpaid order) puts them back. One row per
-- order and variant makes both idempotent: an order is allocated and released at most once at a time.
CREATE TABLE stock_allocation (
  order_id     uuid        NOT NULL,
  variant_id   uuid        NOT NULL,
  quantity     int         NOT NULL CONSTRAINT stock_allocation_quantity CHECK (quantity > 0),
  allocated_at timestamptz NOT NULL DEFAULT now(),
  released_at  timestamptz,
  PRIMARY KEY (order_id, variant_id)
);
CREATE INDEX stock_allocation_variant ON stock_allocation (variant_id) WHERE released_at IS NULL;
