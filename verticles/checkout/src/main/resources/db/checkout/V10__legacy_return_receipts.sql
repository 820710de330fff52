-- Returns received and then refunded before receipts were kept with the return (receivedAt): the
-- refund set their status to refunded, so they looked like returns refunded at approval whose goods
-- had not arrived, and a second receipt (with restock) would have put their units on sale again.
-- Their receipt is in the event log (checkout.return-received, kept for outbox.retentionDays):
-- the return takes that receipt's time. A receipt purged from the log before this runs is not found
-- (that return then offers "receive" as before).
WITH receipts AS (
  SELECT payload ->> 'orderId' AS order_id, payload ->> 'returnId' AS return_id, min(payload ->> 'occurredAt') AS at
  FROM outbox WHERE event_type = 'checkout.return-received'
  GROUP BY 1, 2
)
UPDATE orders o
SET ops = jsonb_set(o.ops, '{returns}', (
  SELECT jsonb_agg(CASE WHEN r.ret ->> 'status' = 'refunded' AND r.ret ->> 'receivedAt' IS NULL
                          AND NOT coalesce((r.ret ->> 'restocked')::boolean, false) AND s.at IS NOT NULL
                        THEN r.ret || jsonb_build_object('receivedAt', s.at) ELSE r.ret END ORDER BY r.n)
  FROM jsonb_array_elements(o.ops -> 'returns') WITH ORDINALITY AS r(ret, n)
  LEFT JOIN receipts s ON s.order_id = o.id::text AND s.return_id = r.ret ->> 'id'))
WHERE o.id::text IN (SELECT order_id FROM receipts)
  AND jsonb_typeof(o.ops -> 'returns') = 'array'
  AND EXISTS (SELECT 1 FROM jsonb_array_elements(o.ops -> 'returns') x(ret)
              WHERE x.ret ->> 'status' = 'refunded' AND x.ret ->> 'receivedAt' IS NULL);
