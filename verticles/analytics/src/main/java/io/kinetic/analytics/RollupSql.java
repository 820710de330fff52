package io.kinetic.analytics;

/**
 * The SQL that applies events to the rollups: one statement per event (data-modifying CTEs), each
 * guarded by the state it changes, so a repeated event finds nothing to do.
 */
final class RollupSql {

  private RollupSql() {
  }

  /** $1 order, $2 day, $3 currency, $4 total, $5 customer key, $6 items. */
  static final String ORDER_PLACED = """
    WITH fact AS (
      INSERT INTO order_fact (order_id, day, currency, total, customer_key, items) VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT DO NOTHING RETURNING day, currency),
    sales AS (
      INSERT INTO sales_day AS s (currency, day, orders_placed) SELECT currency, day, 1 FROM fact
      ON CONFLICT (currency, day) DO UPDATE SET orders_placed = s.orders_placed + 1)
    INSERT INTO funnel_day AS f (day, orders_placed) SELECT day, 1 FROM fact
    ON CONFLICT (day) DO UPDATE SET orders_placed = f.orders_placed + 1
    """;

  /**
   * The products of an order's lines, and whether the analytics' product table knows each from an
   * earlier, committed transaction (a row this transaction wrote does not count). $1 order.
   * Each line looks its product up by key (a lateral subquery with LIMIT): the planner guesses 100
   * rows for {@code jsonb_to_recordset} and would otherwise hash the whole product table per order
   * (two sequential scans, 5 ms of PostgreSQL's time per order on a 10,000-product catalogue).
   */
  static final String ORDER_PRODUCTS = """
    SELECT DISTINCT i.p AS product_id, coalesce(k.known, false) AS known, k.present IS NOT NULL AS present
    FROM order_fact o CROSS JOIN jsonb_to_recordset(o.items) AS i(p uuid, q int, g bigint)
    LEFT JOIN LATERAL (
      SELECT p.xmin <> pg_current_xact_id()::xid AS known, true AS present FROM product p WHERE p.product_id = i.p LIMIT 1) k ON true
    WHERE o.order_id = $1 AND NOT o.paid
    """;

  /**
   * The CTEs adding a paid order's units and revenue per {@code kind} (product, category) from the
   * CTE {@code source} to its day, week and month tables.
   */
  private static String addToPeriods(String kind, String source) {
    var ctes = new java.util.ArrayList<String>();
    for (String period : new String[] {"day", "week", "month"}) {
      ctes.add("""
            %1$s_%2$ss AS (
              INSERT INTO %1$s_%2$s AS r (currency, %2$s, %1$s_id, units, revenue)
              SELECT currency, %2$s, %1$s_id, units, revenue FROM %3$s
              ON CONFLICT (currency, %2$s, %1$s_id) DO UPDATE SET units = r.units + excluded.units, revenue = r.revenue + excluded.revenue)"""
        .formatted(kind, period, source));
    }
    return String.join(",\n", ctes);
  }

  /**
   * $1 order. The first paid order of a customer makes them new that day; a later one, returning (once a day).
   * The day's stamp moves (see {@link TopProducts}). The categories come from each line's product by
   * key (lateral, as in {@link #ORDER_PRODUCTS}), not from a hash of the whole product table.
   */
  static final String ORDER_PAID = """
    WITH o AS (
      UPDATE order_fact SET paid = true WHERE order_id = $1 AND NOT paid
      RETURNING day, date_trunc('week', day::timestamp)::date AS week, date_trunc('month', day::timestamp)::date AS month,
                currency, total, customer_key, items),
    first AS (
      INSERT INTO customer_first (customer_key, first_day) SELECT customer_key, day FROM o
      ON CONFLICT DO NOTHING RETURNING customer_key),
    seen AS (
      INSERT INTO customer_day (customer_key, day) SELECT customer_key, day FROM o
      ON CONFLICT DO NOTHING RETURNING customer_key),
    sales AS (
      INSERT INTO sales_day AS s (currency, day, orders_paid, revenue, new_customers, returning_customers)
      SELECT currency, day, 1, total, (SELECT count(*) FROM first),
             CASE WHEN EXISTS (SELECT 1 FROM first) THEN 0 ELSE (SELECT count(*) FROM seen) END
      FROM o
      ON CONFLICT (currency, day) DO UPDATE SET orders_paid = s.orders_paid + 1, revenue = s.revenue + excluded.revenue,
        new_customers = s.new_customers + excluded.new_customers,
        returning_customers = s.returning_customers + excluded.returning_customers),
    stamp AS (
      INSERT INTO rollup_stamp AS st (currency, day, stamp) SELECT currency, day, nextval('rollup_stamp_seq') FROM o
      ON CONFLICT (currency, day) DO UPDATE SET stamp = excluded.stamp),
    lines AS (
      SELECT o.currency, o.day, o.week, o.month, i.p AS product_id, sum(i.q) AS units, sum(i.g) AS revenue
      FROM o, jsonb_to_recordset(o.items) AS i(p uuid, q int, g bigint) GROUP BY 1, 2, 3, 4, 5),
%1$s,
    categories AS (
      SELECT l.currency, l.day, l.week, l.month, c.id AS category_id, sum(l.units) AS units, sum(l.revenue) AS revenue
      FROM lines l
      CROSS JOIN LATERAL (SELECT category_ids FROM product p WHERE p.product_id = l.product_id LIMIT 1) p
      CROSS JOIN unnest(p.category_ids) AS c(id)
      GROUP BY 1, 2, 3, 4, 5),
%2$s
    INSERT INTO funnel_day AS f (day, orders_paid) SELECT day, 1 FROM o
    ON CONFLICT (day) DO UPDATE SET orders_paid = f.orders_paid + 1
    """.formatted(addToPeriods("product", "lines"), addToPeriods("category", "categories"));

  /** $1 order. */
  static final String ORDER_CANCELLED = """
    WITH o AS (UPDATE order_fact SET cancelled = true WHERE order_id = $1 AND NOT cancelled RETURNING day, currency)
    INSERT INTO sales_day AS s (currency, day, cancelled) SELECT currency, day, 1 FROM o
    ON CONFLICT (currency, day) DO UPDATE SET cancelled = s.cancelled + 1
    """;

  /** $1 order, $2 the order's refunded total: only what it adds to the refunded total so far counts. */
  static final String REFUNDED = """
    WITH before AS (SELECT order_id, refunded FROM order_fact WHERE order_id = $1 FOR UPDATE),
    o AS (
      UPDATE order_fact f SET refunded = $2 FROM before b
      WHERE f.order_id = b.order_id AND b.refunded < $2
      RETURNING f.day, f.currency, $2 - b.refunded AS delta)
    INSERT INTO sales_day AS s (currency, day, refunds) SELECT currency, day, delta FROM o
    ON CONFLICT (currency, day) DO UPDATE SET refunds = s.refunds + excluded.refunds
    """;

  /** $1 return, $2 order. */
  static final String RETURN_REQUESTED = """
    WITH r AS (INSERT INTO return_fact (return_id, order_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING order_id),
    o AS (SELECT f.day, f.currency FROM order_fact f JOIN r ON r.order_id = f.order_id)
    INSERT INTO sales_day AS s (currency, day, returns) SELECT currency, day, 1 FROM o
    ON CONFLICT (currency, day) DO UPDATE SET returns = s.returns + 1
    """;

  /** $1 cart, $2 day. */
  static final String CART_CREATED = """
    WITH c AS (INSERT INTO funnel_cart (cart_id, step) VALUES ($1, 'cart') ON CONFLICT DO NOTHING RETURNING cart_id)
    INSERT INTO funnel_cart_day AS f (day, carts_created) SELECT $2, 1 FROM c
    ON CONFLICT (day) DO UPDATE SET carts_created = f.carts_created + 1
    """;

  /** $1 cart, $2 day. */
  static final String CHECKOUT_STARTED = """
    WITH c AS (INSERT INTO funnel_cart (cart_id, step) VALUES ($1, 'checkout') ON CONFLICT DO NOTHING RETURNING cart_id)
    INSERT INTO funnel_day AS f (day, checkouts_started) SELECT $2, 1 FROM c
    ON CONFLICT (day) DO UPDATE SET checkouts_started = f.checkouts_started + 1
    """;

  /** $1 product, $2 name, $3 category ids, $4 version: a newer description replaces an older one. */
  static final String SAVE_PRODUCT = """
    INSERT INTO product AS p (product_id, name, category_ids, version) VALUES ($1, $2, $3, $4)
    ON CONFLICT (product_id) DO UPDATE SET name = excluded.name, category_ids = excluded.category_ids, version = excluded.version
    WHERE p.version < excluded.version
    """;

  static final String KNOWN_PRODUCT = "SELECT 1 FROM product WHERE product_id = $1";
}
