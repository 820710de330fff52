package io.kinetic.analytics;

/**
 * The SQL that applies events to the rollups (data-modifying CTEs): one statement per event, or
 * per pass for the orders placed and paid, each guarded by the state it changes, so a repeated
 * event finds nothing to do.
 */
final class RollupSql {

  private RollupSql() {
  }

  /**
   * Orders placed, set-based: $1 a JSON array of {o: order, d: day, c: currency, t: total, k:
   * customer key, i: items}. An order known already counts no second time.
   */
  static final String ORDERS_PLACED = """
    WITH fact AS (
      INSERT INTO order_fact (order_id, day, currency, total, customer_key, items)
      SELECT o, d, c, t, k, i FROM jsonb_to_recordset($1::jsonb) AS x(o uuid, d date, c text, t bigint, k text, i jsonb)
      ON CONFLICT DO NOTHING RETURNING day, currency),
    sales AS (
      INSERT INTO sales_day AS s (currency, day, orders_placed) SELECT currency, day, count(*) FROM fact GROUP BY 1, 2
      ON CONFLICT (currency, day) DO UPDATE SET orders_placed = s.orders_placed + excluded.orders_placed)
    INSERT INTO funnel_day AS f (day, orders_placed) SELECT day, count(*) FROM fact GROUP BY 1
    ON CONFLICT (day) DO UPDATE SET orders_placed = f.orders_placed + excluded.orders_placed
    """;

  /** The products of the lines of order $1, unless it was paid already. */
  static final String ORDER_PRODUCTS = """
    SELECT DISTINCT i.p AS product_id FROM order_fact o CROSS JOIN jsonb_to_recordset(o.items) AS i(p uuid)
    WHERE o.order_id = $1 AND NOT o.paid
    """;

  /**
   * The CTEs adding the paid orders' units and revenue per {@code kind} (product, category) from
   * the CTE {@code source} to its day, week and month tables (summed per period first: two days
   * of a batch may share a week, and an upsert may touch a row once).
   */
  private static String addToPeriods(String kind, String source) {
    var ctes = new java.util.ArrayList<String>();
    for (String period : new String[] {"day", "week", "month"}) {
      ctes.add("""
            %1$s_%2$ss AS (
              INSERT INTO %1$s_%2$s AS r (currency, %2$s, %1$s_id, units, revenue)
              SELECT currency, %2$s, %1$s_id, sum(units), sum(revenue) FROM %3$s GROUP BY 1, 2, 3
              ON CONFLICT (currency, %2$s, %1$s_id) DO UPDATE SET units = r.units + excluded.units, revenue = r.revenue + excluded.revenue)"""
        .formatted(kind, period, source));
    }
    return String.join(",\n", ctes);
  }

  /**
   * Orders paid, set-based: $1 the orders, in log order (an order paid already counts no second
   * time). A customer's first paid order makes them new on its day; a later one, returning on its
   * day (once a day), as if the payments were applied one after the other in that order. The
   * days' stamps move (see {@link TopProducts}). The categories come from each line's product by
   * key (a lateral subquery with LIMIT: the planner guesses 100 rows for {@code jsonb_to_recordset}
   * and would otherwise hash the whole product table), not from a hash of the whole product table.
   * The orders are unnested from the row of {@code input}, not from the parameter: a plan made for
   * the array's length always looked cheaper than the generic one, so each pass planned it anew.
   */
  static final String ORDERS_PAID = """
    WITH input AS MATERIALIZED (SELECT $1::uuid[] AS ids),
    o AS (
      UPDATE order_fact f SET paid = true FROM input i CROSS JOIN unnest(i.ids) WITH ORDINALITY AS u(id, n)
      WHERE f.order_id = u.id AND NOT f.paid
      RETURNING u.n, f.day, date_trunc('week', f.day::timestamp)::date AS week, date_trunc('month', f.day::timestamp)::date AS month,
                f.currency, f.total, f.customer_key, f.items),
    first AS (
      INSERT INTO customer_first (customer_key, first_day)
      SELECT DISTINCT ON (customer_key) customer_key, day FROM o ORDER BY customer_key, n
      ON CONFLICT DO NOTHING RETURNING customer_key),
    seen AS (
      INSERT INTO customer_day (customer_key, day)
      SELECT DISTINCT ON (customer_key, day) customer_key, day FROM o ORDER BY customer_key, day, n
      ON CONFLICT DO NOTHING RETURNING customer_key, day),
    counted AS (
      SELECT o.currency, o.day, o.total,
             f.customer_key IS NOT NULL AND o.n = min(o.n) OVER (PARTITION BY o.customer_key) AS made_new,
             s.customer_key IS NOT NULL AND o.n = min(o.n) OVER (PARTITION BY o.customer_key, o.day) AS made_seen
      FROM o LEFT JOIN first f ON f.customer_key = o.customer_key
      LEFT JOIN seen s ON s.customer_key = o.customer_key AND s.day = o.day),
    sales AS (
      INSERT INTO sales_day AS s (currency, day, orders_paid, revenue, new_customers, returning_customers)
      SELECT currency, day, count(*), sum(total), count(*) FILTER (WHERE made_new), count(*) FILTER (WHERE made_seen AND NOT made_new)
      FROM counted GROUP BY 1, 2
      ON CONFLICT (currency, day) DO UPDATE SET orders_paid = s.orders_paid + excluded.orders_paid, revenue = s.revenue + excluded.revenue,
        new_customers = s.new_customers + excluded.new_customers,
        returning_customers = s.returning_customers + excluded.returning_customers),
    stamp AS (
      INSERT INTO rollup_stamp AS st (currency, day, stamp) SELECT currency, day, nextval('rollup_stamp_seq') FROM o GROUP BY 1, 2
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
    INSERT INTO funnel_day AS f (day, orders_paid) SELECT day, count(*) FROM o GROUP BY 1
    ON CONFLICT (day) DO UPDATE SET orders_paid = f.orders_paid + excluded.orders_paid
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

  /** $1 carts, $2 their days: each cart counts once, on its day (a cart counted before, or twice in $1, once). */
  static final String CARTS_CREATED = """
    WITH t AS (SELECT DISTINCT ON (cart_id) cart_id, day FROM unnest($1::uuid[], $2::date[]) AS t(cart_id, day)),
    c AS (INSERT INTO funnel_cart (cart_id, step) SELECT cart_id, 'cart' FROM t ON CONFLICT DO NOTHING RETURNING cart_id)
    INSERT INTO funnel_cart_day AS f (day, carts_created)
    SELECT t.day, count(*) FROM c JOIN t ON t.cart_id = c.cart_id GROUP BY t.day
    ON CONFLICT (day) DO UPDATE SET carts_created = f.carts_created + excluded.carts_created
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

  /**
   * Of the products $1, those in the product table, and whether each was committed before this
   * transaction (a row this transaction wrote does not count).
   */
  static final String PRODUCTS_KNOWN = """
    SELECT product_id, xmin <> pg_current_xact_id()::xid AS known FROM product WHERE product_id = ANY($1)
    """;
}
