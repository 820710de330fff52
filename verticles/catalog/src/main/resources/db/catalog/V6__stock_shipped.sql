-- Shipped units of an allocation: they left the warehouse, so a release (a cancellation, a full
-- refund) gives back only the units still held. Each shipment and each restocked return is noted
-- once (per variant), which makes shipping and restocking idempotent.
ALTER TABLE stock_allocation ADD COLUMN shipped int NOT NULL DEFAULT 0;
ALTER TABLE stock_allocation ADD CONSTRAINT stock_allocation_shipped CHECK (shipped BETWEEN 0 AND quantity);

CREATE TABLE stock_movement (
  source_id  uuid        NOT NULL,
  variant_id uuid        NOT NULL,
  order_id   uuid        NOT NULL,
  kind       text        NOT NULL CONSTRAINT stock_movement_kind CHECK (kind IN ('shipped', 'restocked')),
  quantity   int         NOT NULL CONSTRAINT stock_movement_quantity CHECK (quantity > 0),
  at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source_id, variant_id)
);
