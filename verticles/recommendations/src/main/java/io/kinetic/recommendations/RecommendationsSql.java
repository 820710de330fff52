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

  static final String INSERT_ORDER_LINE = """
    INSERT INTO order_line (order_id, product_id, customer_id, quantity, occurred_at) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT DO NOTHING
    RETURNING product_id
    """;

  /** What the models learn from after a restart: the signals still kept, oldest first. */
  static final String SIGNALS = """
    SELECT session_id, product_id, type, dwell_ms, occurred_at FROM behaviour_event
    WHERE type IN ('product-view', 'product-leave', 'add-to-cart') AND occurred_at > now() - make_interval(days => $1)
    ORDER BY occurred_at LIMIT $2
    """;

  static final String ORDERS = """
    SELECT order_id, array_agg(product_id ORDER BY product_id) AS products, array_agg(quantity ORDER BY product_id) AS quantities,
           min(occurred_at) AS occurred_at
    FROM order_line WHERE occurred_at > now() - make_interval(days => $1)
    GROUP BY order_id ORDER BY min(occurred_at) LIMIT $2
    """;

  static final String PRUNE_EVENTS = """
    DELETE FROM behaviour_event WHERE id IN (
      SELECT id FROM behaviour_event WHERE received_at < now() - make_interval(days => $1) LIMIT $2)
    """;

  static final String PRUNE_ORDERS = """
    DELETE FROM order_line WHERE (order_id, product_id) IN (
      SELECT order_id, product_id FROM order_line WHERE occurred_at < now() - make_interval(days => $1) LIMIT $2)
    """;

  /** Shown and clicked recommendations per model and A/B arm since $1 days. */
  static final String CLICKS = """
    SELECT model, arm, count(*) FILTER (WHERE type = 'recommendation-shown') AS shown,
           count(*) FILTER (WHERE type = 'recommendation-clicked') AS clicked
    FROM behaviour_event
    WHERE model IS NOT NULL AND occurred_at > now() - make_interval(days => $1)
    GROUP BY model, arm ORDER BY model, arm NULLS FIRST
    """;
}
