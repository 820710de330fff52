package io.kinetic.recommendations;

/** The recommendations context's SQL, against its own schema. */
final class RecommendationsSql {

  private RecommendationsSql() {
  }

  /** A batch of one session's events; answers the ids that were new (a replayed event is not stored again). */
  static final String INSERT_EVENTS = """
    INSERT INTO behaviour_event (id, session_id, customer_id, type, product_id, dwell_ms, model, position, arm, occurred_at)
    SELECT e.id, $1, $2, e.type, e.product_id, e.dwell_ms, e.model, e.position, e.arm, e.occurred_at
    FROM unnest($3::uuid[], $4::text[], $5::uuid[], $6::int[], $7::text[], $8::int[], $9::text[], $10::timestamptz[])
      AS e(id, type, product_id, dwell_ms, model, position, arm, occurred_at)
    ON CONFLICT (id) DO NOTHING
    RETURNING id
    """;

  /** Orders' lines, one per element of the arrays; answers the lines that were new (a replayed order's are not stored again). */
  static final String INSERT_ORDER_LINES = """
    INSERT INTO order_line (order_id, product_id, customer_id, quantity, occurred_at)
    SELECT t.o, t.p, t.c, t.q, t.a FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::timestamptz[]) AS t(o, p, c, q, a)
    ON CONFLICT DO NOTHING
    RETURNING order_id, product_id
    """;

  /** What the models learn from after a restart (and the reports): the newest $2 signals of the last $1 days, oldest first. */
  static final String SIGNALS = """
    SELECT * FROM (
      SELECT id, session_id, product_id, type, dwell_ms, occurred_at FROM behaviour_event
      WHERE type IN ('product-view', 'product-leave', 'add-to-cart') AND occurred_at > now() - make_interval(days => $1)
      ORDER BY occurred_at DESC LIMIT $2) newest
    ORDER BY occurred_at
    """;

  /** The newest $2 orders of the last $1 days (their products and units), oldest first. */
  static final String ORDERS = """
    SELECT * FROM (
      SELECT order_id, array_agg(product_id ORDER BY product_id) AS products, array_agg(quantity ORDER BY product_id) AS quantities,
             min(occurred_at) AS occurred_at
      FROM order_line WHERE occurred_at > now() - make_interval(days => $1)
      GROUP BY order_id ORDER BY min(occurred_at) DESC LIMIT $2) newest
    ORDER BY occurred_at
    """;

  static final String PRUNE_EVENTS = """
    DELETE FROM behaviour_event WHERE id IN (
      SELECT id FROM behaviour_event WHERE received_at < now() - make_interval(days => $1) LIMIT $2)
    """;

  static final String PRUNE_ORDERS = """
    DELETE FROM order_line WHERE (order_id, product_id) IN (
      SELECT order_id, product_id FROM order_line WHERE occurred_at < now() - make_interval(days => $1) LIMIT $2)
    """;

  /**
   * The online figures per model and A/B arm since $1 days. A shown row is one session's
   * recommendation-shown events of one model and arm that arrived together (one batch, one time);
   * its top 10 (positions 0 to 9) are judged: clicked (a click of the same model on one of them in
   * the session, at or after the row) or bought (an order line of one of them by the session's
   * customer, within $2 hours after the row). Also the shown and clicked events and the distinct
   * products shown.
   */
  static final String ONLINE = """
    WITH shown_rows AS (
      SELECT session_id, model, arm, occurred_at,
             (array_agg(customer_id) FILTER (WHERE customer_id IS NOT NULL))[1] AS customer_id,
             array_agg(product_id) FILTER (WHERE position < 10) AS products
      FROM behaviour_event
      WHERE type = 'recommendation-shown' AND model IS NOT NULL AND occurred_at > now() - make_interval(days => $1)
      GROUP BY session_id, model, arm, occurred_at
    ), judged AS (
      SELECT r.model, r.arm,
        EXISTS (SELECT 1 FROM behaviour_event c
                WHERE c.session_id = r.session_id AND c.model = r.model AND c.type = 'recommendation-clicked'
                  AND c.occurred_at >= r.occurred_at AND c.product_id = ANY (r.products)) AS clicked,
        EXISTS (SELECT 1 FROM order_line o
                WHERE o.customer_id = coalesce(r.customer_id, (SELECT e.customer_id FROM behaviour_event e
                        WHERE e.session_id = r.session_id AND e.model IS NOT NULL AND e.customer_id IS NOT NULL LIMIT 1))
                  AND o.occurred_at >= r.occurred_at AND o.occurred_at < r.occurred_at + make_interval(hours => $2)
                  AND o.product_id = ANY (r.products)) AS bought
      FROM shown_rows r WHERE r.products IS NOT NULL
    ), per_row AS (
      SELECT model, arm, count(*) AS rows, count(*) FILTER (WHERE clicked) AS rows_clicked,
             count(*) FILTER (WHERE bought) AS rows_bought, count(*) FILTER (WHERE clicked OR bought) AS rows_hit
      FROM judged GROUP BY model, arm
    ), per_event AS (
      SELECT model, arm, count(*) FILTER (WHERE type = 'recommendation-shown') AS shown,
             count(*) FILTER (WHERE type = 'recommendation-clicked') AS clicked,
             count(DISTINCT product_id) FILTER (WHERE type = 'recommendation-shown') AS products
      FROM behaviour_event
      WHERE model IS NOT NULL AND occurred_at > now() - make_interval(days => $1)
      GROUP BY model, arm
    )
    SELECT e.model, e.arm, e.shown, e.clicked, e.products, coalesce(r.rows, 0) AS rows,
           coalesce(r.rows_clicked, 0) AS rows_clicked, coalesce(r.rows_bought, 0) AS rows_bought,
           coalesce(r.rows_hit, 0) AS rows_hit
    FROM per_event e LEFT JOIN per_row r ON r.model = e.model AND r.arm IS NOT DISTINCT FROM e.arm
    ORDER BY e.model, e.arm NULLS FIRST
    """;
}
