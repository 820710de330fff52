-- The staff member's name beside their id in an order's timeline, as it was when they acted.
ALTER TABLE order_event ADD COLUMN actor_name text;
