-- What staff and customers did with an order after it was placed: its shipments, the refunds staff
-- made (pending while the provider answers: they count against what is left to refund) and its
-- returns, as one document beside the order (OrderOps), changed only under the order's row lock.
ALTER TABLE orders ADD COLUMN ops jsonb NOT NULL DEFAULT '{}';

-- A partial refund no longer changes the order's state: the payment says it (partially_refunded).
UPDATE orders SET state = 'paid' WHERE state = 'partially_refunded';

-- Orders with a refund sent to the provider and not answered yet (the reconciliation asks again).
CREATE INDEX orders_pending_refund ON orders (updated_at) WHERE ops->'refunds' @> '[{"status": "pending"}]';
