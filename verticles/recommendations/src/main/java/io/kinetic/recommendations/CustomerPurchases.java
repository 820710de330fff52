package io.kinetic.recommendations;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a signed-in customer bought before (the kept order lines, every node's: they are in
 * PostgreSQL), so that their rows leave it out. Read once per customer and kept
 * {@value #KEEP_MILLIS} ms (at most {@value #MAX_CUSTOMERS} customers, least recently asked first);
 * an order this node learns forgets its customer's copy at once. Runs on its verticle's event loop.
 */
final class CustomerPurchases {

  static final long KEEP_MILLIS = 60_000;
  static final int MAX_CUSTOMERS = 50_000;
  /** The newest this many products a customer bought: enough to keep rows fresh, bounded per request. */
  static final int MAX_PRODUCTS = 500;
  static final String BOUGHT = """
    SELECT product_id FROM order_line WHERE customer_id = $1 GROUP BY product_id ORDER BY max(occurred_at) DESC LIMIT $2""";

  private record Kept(Set<UUID> products, long at) {
  }

  private final Pool pool;
  private final Map<UUID, Kept> kept = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<UUID, Kept> eldest) {
      return size() > MAX_CUSTOMERS;
    }
  };

  CustomerPurchases(Pool pool) {
    this.pool = pool;
  }

  /** The products {@code customerId} bought (empty for null: a guest). */
  Future<Set<UUID>> of(UUID customerId) {
    if (customerId == null) {
      return Future.succeededFuture(Set.of());
    }
    long now = System.currentTimeMillis();
    Kept known = kept.get(customerId);
    if (known != null && now - known.at() < KEEP_MILLIS) {
      return Future.succeededFuture(known.products());
    }
    return pool.preparedQuery(BOUGHT).execute(Tuple.of(customerId, MAX_PRODUCTS)).map(rows -> {
      var products = new HashSet<UUID>();
      for (Row row : rows) {
        products.add(row.getUUID("product_id"));
      }
      Set<UUID> result = Set.copyOf(products);
      kept.put(customerId, new Kept(result, now));
      return result;
    });
  }

  /** A new order of {@code customerId} (null: nothing to do): the next request reads again. */
  void forget(UUID customerId) {
    if (customerId != null) {
      kept.remove(customerId);
    }
  }
}
