-- Orders whose units refunded before shipping are still to go back on sale (the reconciliation's look).
CREATE INDEX orders_units_release_pending ON orders (id) WHERE 'UNITS_RELEASE_PENDING' = ANY(flags);
