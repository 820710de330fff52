-- One order per idempotency key is the order's primary key: its id is derived from the caller and
-- the key (Placement), so the unique index on placement_key (a hash of the same two) only cost every
-- order one more index entry. The column stays, for the record.
ALTER TABLE orders DROP CONSTRAINT orders_placement_key_key;
