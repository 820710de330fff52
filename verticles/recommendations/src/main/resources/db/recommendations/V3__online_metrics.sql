-- The admin's online figures look up, per shown row, the session's later clicks and its customer,
-- and the customer's order lines.
CREATE INDEX behaviour_event_session_reco ON behaviour_event (session_id, occurred_at) WHERE model IS NOT NULL;
CREATE INDEX order_line_customer ON order_line (customer_id, occurred_at) WHERE customer_id IS NOT NULL;
