-- Units of an allocation released before the order's end (a refund by lines of units not shipped):
-- they leave the allocation (its quantity may reach 0) and are noted once per refund and variant,
-- like shipments and restocked returns.
ALTER TABLE stock_movement DROP CONSTRAINT stock_movement_kind;
ALTER TABLE stock_movement ADD CONSTRAINT stock_movement_kind CHECK (kind IN ('shipped', 'restocked', 'released'));
ALTER TABLE stock_allocation DROP CONSTRAINT stock_allocation_quantity;
ALTER TABLE stock_allocation ADD CONSTRAINT stock_allocation_quantity CHECK (quantity >= 0);
