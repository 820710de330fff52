-- No planner statistics on an order fact's items (read whole, never filtered on; see the kernel's V0_5).
ALTER TABLE order_fact ALTER COLUMN items SET STATISTICS 0;
