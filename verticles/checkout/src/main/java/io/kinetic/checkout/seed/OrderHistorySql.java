package io.kinetic.checkout.seed;

/**
 * The set-based SQL of a generated order history: one statement writes a chunk of orders with
 * their payments, timelines and events straight into the event log (positions after the head,
 * which the caller holds locked). All randomness is drawn once per row in materialized CTEs.
 */
final class OrderHistorySql {

  private OrderHistorySql() {
  }

  static final String LOCK_HEAD = "SELECT position FROM outbox_head FOR UPDATE";

  static final String MOVE_HEAD = "UPDATE outbox_head SET position = $1";

  /** An ISO-8601 instant in UTC, as Jackson reads it. */
  private static final String ISO = "to_char((%s) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";

  /**
   * $1 variants (see SaleableVariants), $2 currency, $3 first order index, $4 orders in the chunk,
   * $5 orders in all, $6 when the history starts, $7 its length in seconds, $8 the log's head.
   * Answers the new head.
   */
  static final String CHUNK = """
    WITH v AS MATERIALIZED (
      SELECT row_number() OVER () - 1 AS k, x.* FROM jsonb_to_recordset($1::jsonb) AS x(v uuid, p uuid, s text, a bigint, n text, slug text)),
    nv AS (SELECT count(*) AS n FROM v),
    o AS MATERIALIZED (
      SELECT g AS i, gen_random_uuid() AS id, 'KC-' || nextval('order_number') AS number,
             $6::timestamptz + make_interval(secs => $7::double precision * (g + random()) / $5) AS at,
             random() AS r_outcome, random() AS r_customer, random() AS r_who, random() AS r_lines
      FROM generate_series($3::bigint, $3::bigint + $4 - 1) g),
    oc AS MATERIALIZED (
      SELECT o.*,
             CASE WHEN o.r_customer < 0.55 THEN md5('customer' || floor(o.r_who * greatest($5 / 5, 1)))::uuid END AS customer_id,
             CASE WHEN o.r_customer < 0.55 THEN 'customer' || floor(o.r_who * greatest($5 / 5, 1)) || '@example.com'
                  ELSE 'guest' || floor(o.r_who * greatest($5 / 2, 1)) || '@example.com' END AS email,
             CASE WHEN o.r_outcome < 0.08 THEN 'cancelled' WHEN o.r_outcome < 0.11 THEN 'refunded'
                  WHEN o.r_outcome < 0.14 THEN 'partially_refunded' ELSE 'paid' END AS state
      FROM o),
    l AS MATERIALIZED (
      SELECT oc.id AS order_id, n.line, v.v, v.p, v.s, v.a, v.n, v.slug, 1 + floor(random() * 2)::int AS q
      FROM oc CROSS JOIN LATERAL generate_series(1, 1 + floor(oc.r_lines * 3)::int) AS n(line)
      CROSS JOIN LATERAL (SELECT floor(random() * (SELECT n FROM nv))::int + 0 * n.line AS k) pick
      JOIN v ON v.k = pick.k),
    lt AS MATERIALIZED (
      SELECT l.order_id,
             jsonb_agg(jsonb_build_object('variantId', l.v, 'sku', l.s, 'productId', l.p, 'productSlug', l.slug,
               'productName', l.n, 'options', '{}'::jsonb, 'image', null, 'quantity', l.q,
               'unitPrice', jsonb_build_object('amount', l.a, 'currency', $2::text),
               'net', jsonb_build_object('amount', l.a * l.q - round(l.a * l.q * 1900 / 11900.0), 'currency', $2::text),
               'tax', jsonb_build_object('amount', round(l.a * l.q * 1900 / 11900.0), 'currency', $2::text),
               'gross', jsonb_build_object('amount', l.a * l.q, 'currency', $2::text),
               'taxRate', 1900, 'taxClass', 'standard') ORDER BY l.line) AS lines,
             jsonb_agg(jsonb_build_object('variantId', l.v, 'productId', l.p, 'sku', l.s, 'quantity', l.q,
               'gross', jsonb_build_object('amount', l.a * l.q, 'currency', $2::text)) ORDER BY l.line) AS items,
             sum(l.a * l.q)::bigint AS items_gross, sum(l.q)::int AS units
      FROM l GROUP BY l.order_id),
    t AS MATERIALIZED (
      SELECT oc.*, lt.lines, lt.items, lt.items_gross, lt.units, lt.items_gross + 490 AS total,
             CASE oc.state WHEN 'refunded' THEN lt.items_gross + 490 WHEN 'partially_refunded' THEN (lt.items_gross + 490) / 2 ELSE 0 END AS refunded
      FROM oc JOIN lt ON lt.order_id = oc.id),
    ins_orders AS (
      INSERT INTO orders (id, number, state, customer_id, email, locale, currency, total, item_count, doc, placement_key,
                          payment_due_at, version, placed_at, updated_at)
      SELECT id, number, state, customer_id, email, 'en', $2, total, units,
             jsonb_build_object('lines', lines,
               'shippingAddress', jsonb_build_object('name', 'Seed Shopper', 'company', null, 'line1', 'Main Street 1', 'line2', null,
                 'postalCode', '10115', 'city', 'Berlin', 'region', null, 'country', 'DE', 'phone', null),
               'billingAddress', null,
               'shipping', jsonb_build_object('methodId', '5b0c0b9e-0000-4000-8000-000000000101', 'name', 'Standard',
                 'net', jsonb_build_object('amount', 412, 'currency', $2::text), 'tax', jsonb_build_object('amount', 78, 'currency', $2::text),
                 'gross', jsonb_build_object('amount', 490, 'currency', $2::text), 'taxRate', 1900, 'minDays', 2, 'maxDays', 3),
               'totals', jsonb_build_object(
                 'itemsNet', jsonb_build_object('amount', items_gross - round(items_gross * 1900 / 11900.0), 'currency', $2::text),
                 'itemsTax', jsonb_build_object('amount', round(items_gross * 1900 / 11900.0), 'currency', $2::text),
                 'itemsGross', jsonb_build_object('amount', items_gross, 'currency', $2::text),
                 'shippingNet', jsonb_build_object('amount', 412, 'currency', $2::text),
                 'shippingTax', jsonb_build_object('amount', 78, 'currency', $2::text),
                 'shippingGross', jsonb_build_object('amount', 490, 'currency', $2::text),
                 'net', jsonb_build_object('amount', total - round(items_gross * 1900 / 11900.0) - 78, 'currency', $2::text),
                 'tax', jsonb_build_object('amount', round(items_gross * 1900 / 11900.0) + 78, 'currency', $2::text),
                 'total', jsonb_build_object('amount', total, 'currency', $2::text)),
               'pricesIncludeTax', true),
             'seed-' || id, at + interval '30 minutes', CASE state WHEN 'paid' THEN 2 WHEN 'cancelled' THEN 2 ELSE 3 END,
             at, at + interval '3 days'
      FROM t),
    ins_payments AS (
      INSERT INTO payment (id, order_id, provider, intent_id, status, amount, currency, refunded, created_at, updated_at, observed_at)
      SELECT gen_random_uuid(), id, 'test', 'seed_' || replace(id::text, '-', ''),
             CASE state WHEN 'cancelled' THEN 'canceled' WHEN 'paid' THEN 'succeeded' ELSE state END,
             total, $2, refunded, at, at + interval '2 minutes', 0
      FROM t),
    ev AS MATERIALIZED (
      SELECT id, 1 AS version, 'OrderPlaced' AS type, null::text AS from_state, 'placed' AS to_state,
             CASE WHEN customer_id IS NULL THEN 'guest' ELSE 'customer' END AS actor, null::text AS note, at AS event_at,
             'checkout.order-placed' AS event_type,
             jsonb_build_object('eventId', gen_random_uuid(), 'occurredAt', %1$s, 'orderId', id, 'number', number,
               'customerId', customer_id, 'email', email, 'locale', 'en', 'total', jsonb_build_object('amount', total, 'currency', $2::text),
               'items', items, 'version', 1) AS payload
      FROM t
      UNION ALL
      SELECT id, 2, 'PaymentSucceeded', 'placed', 'paid', 'provider:test', null, at + interval '2 minutes',
             'checkout.payment-succeeded',
             jsonb_build_object('eventId', gen_random_uuid(), 'occurredAt', %2$s, 'orderId', id, 'number', number,
               'provider', 'test', 'intentId', 'seed_' || replace(id::text, '-', ''),
               'amount', jsonb_build_object('amount', total, 'currency', $2::text), 'version', 2)
      FROM t WHERE state <> 'cancelled'
      UNION ALL
      SELECT id, 2, 'OrderCancelled', 'placed', 'cancelled', 'system', 'PAYMENT_TIMEOUT', at + interval '30 minutes',
             'checkout.order-cancelled',
             jsonb_build_object('eventId', gen_random_uuid(), 'occurredAt', %3$s, 'orderId', id, 'number', number,
               'reason', 'PAYMENT_TIMEOUT', 'version', 2)
      FROM t WHERE state = 'cancelled'
      UNION ALL
      SELECT id, 3, 'PaymentRefunded', 'paid', state, 'system', null, at + interval '3 days',
             'checkout.payment-refunded',
             jsonb_build_object('eventId', gen_random_uuid(), 'occurredAt', %4$s, 'orderId', id, 'number', number,
               'amount', jsonb_build_object('amount', refunded, 'currency', $2::text),
               'refundedTotal', jsonb_build_object('amount', refunded, 'currency', $2::text),
               'reason', 'requested_by_customer', 'refundId', 'seed_re_' || replace(id::text, '-', ''), 'returnId', null,
               'version', 3)
      FROM t WHERE state IN ('refunded', 'partially_refunded')
      UNION ALL
      SELECT null, 0, null, null, null, null, null, at - interval '5 minutes', 'checkout.checkout-started',
             jsonb_build_object('eventId', gen_random_uuid(), 'occurredAt', %5$s, 'cartId', gen_random_uuid(),
               'customerId', customer_id, 'currency', $2::text, 'version', 0)
      FROM t
      UNION ALL
      SELECT null, 0, null, null, null, null, null, at - interval '20 minutes', 'checkout.checkout-started',
             jsonb_build_object('eventId', gen_random_uuid(), 'occurredAt', %6$s, 'cartId', gen_random_uuid(),
               'customerId', null, 'currency', $2::text, 'version', 0)
      FROM t WHERE r_lines < 0.4),
    ins_timeline AS (
      INSERT INTO order_event (order_id, version, type, from_state, to_state, actor, note, at)
      SELECT id, version, type, from_state, to_state, actor, note, event_at FROM ev WHERE id IS NOT NULL),
    logged AS (
      INSERT INTO outbox (event_id, event_type, address, payload, correlation, aggregate_id, aggregate_version, actor,
                          created_at, delivered_at, position)
      SELECT (payload->>'eventId')::uuid, event_type, 'checkout.events.' || split_part(event_type, '.', 2), payload, 'seed',
             coalesce(id::text, 'cart:' || (payload->>'cartId')), version, coalesce(actor, 'guest'), event_at, now(),
             $8 + row_number() OVER (ORDER BY event_at, event_type)
      FROM ev
      RETURNING position)
    SELECT coalesce(max(position), $8) AS head FROM logged
    """.formatted(iso("at"), iso("at + interval '2 minutes'"), iso("at + interval '30 minutes'"), iso("at + interval '3 days'"),
      iso("at - interval '5 minutes'"), iso("at - interval '20 minutes'"));

  /**
   * Carts for the funnel, into the cart's log: $1 carts, $2 currency, $3 first index, $4 carts in
   * all, $5 when the history starts, $6 its length in seconds, $7 the cart log's head.
   */
  static final String CARTS = """
    WITH c AS MATERIALIZED (
      SELECT gen_random_uuid() AS cart_id, gen_random_uuid() AS event_id,
             $5::timestamptz + make_interval(secs => $6::double precision * (g + random()) / $4) AS at
      FROM generate_series($3::bigint, $3::bigint + $1 - 1) g),
    logged AS (
      INSERT INTO outbox (event_id, event_type, address, payload, correlation, aggregate_id, aggregate_version, actor,
                          created_at, delivered_at, position)
      SELECT event_id, 'cart.cart-created', 'cart.events.cart-created',
             jsonb_build_object('eventId', event_id, 'occurredAt', %s, 'cartId', cart_id, 'customerId', null,
               'currency', $2::text, 'version', 1),
             'seed', cart_id::text, 1, 'guest', at, now(), $7 + row_number() OVER (ORDER BY at)
      FROM c
      RETURNING position)
    SELECT coalesce(max(position), $7) AS head FROM logged
    """.formatted(iso("at"));

  private static String iso(String expression) {
    return ISO.formatted(expression);
  }
}
