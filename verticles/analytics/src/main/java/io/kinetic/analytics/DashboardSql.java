package io.kinetic.analytics;

/**
 * The dashboard's reads, all from the rollups: $1 currency, $2 first day, $3 last day. The top
 * categories (and {@link TopProducts}) read the whole months inside the range from the month tables ([$4, $5)), the whole weeks
 * before and after them from the week tables ([$6, $7) and [$8, $9), Mondays), and only the days
 * left from the day tables (see {@link RangeSplit}).
 */
final class DashboardSql {

  private DashboardSql() {
  }

  /** Whether any order in currency $1 was recorded (a currency the shop sold in before it left {@code cart.currencies}). */
  static final String SOLD_IN = "SELECT EXISTS (SELECT 1 FROM sales_day WHERE currency = $1) AS sold";

  /** $4: 'day' or 'week'. */
  static final String PERIODS = """
    SELECT date_trunc($4, day::timestamp)::date AS start, sum(orders_placed) AS orders_placed, sum(orders_paid) AS orders_paid,
           sum(revenue) AS revenue, sum(refunds) AS refunds, sum(returns) AS returns, sum(cancelled) AS cancelled,
           sum(new_customers) AS new_customers, sum(returning_customers) AS returning_customers
    FROM sales_day WHERE currency = $1 AND day BETWEEN $2 AND $3
    GROUP BY 1 ORDER BY 1
    """;

  static final String TOP_CATEGORIES = top("category");

  /** The carts created come from their own table (the cart log's consumer writes it, see V4). */
  static final String FUNNEL = """
    SELECT (SELECT coalesce(sum(carts_created), 0) FROM funnel_cart_day WHERE day BETWEEN $1 AND $2) AS carts_created,
           coalesce(sum(checkouts_started), 0) AS checkouts_started,
           coalesce(sum(orders_placed), 0) AS orders_placed, coalesce(sum(orders_paid), 0) AS orders_paid
    FROM funnel_day WHERE day BETWEEN $1 AND $2
    """;

  static final String PRODUCT_NAMES = "SELECT product_id, name FROM product WHERE product_id = ANY($1)";

  /** $10: how many. */
  private static String top(String kind) {
    return """
      SELECT t.id, sum(t.units) AS units, sum(t.revenue) AS revenue FROM (
        SELECT %1$s_id AS id, units, revenue FROM %1$s_month WHERE currency = $1 AND month >= $4 AND month < $5
        UNION ALL
        SELECT %1$s_id, units, revenue FROM %1$s_week
        WHERE currency = $1 AND ((week >= $6 AND week < $7) OR (week >= $8 AND week < $9))
        UNION ALL
        SELECT %1$s_id, units, revenue FROM %1$s_day
        WHERE currency = $1 AND day BETWEEN $2 AND $3 AND (day < $4 OR day >= $5)
          AND (day < $6 OR day >= $7) AND (day < $8 OR day >= $9)
      ) t GROUP BY t.id ORDER BY revenue DESC, t.id LIMIT $10
      """.formatted(kind);
  }
}
