package io.kinetic.catalog;

import io.kinetic.kernel.contract.catalog.ExportProducts;
import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.ProductExport;
import io.kinetic.kernel.error.Failure;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The catalog's current state in pages, for consumers that rebuild without the whole event log.
 * Read from PostgreSQL, never from the cache: a cached product could be older than the log
 * position the page reports, and the consumer would then skip the events in between.
 */
final class ProductExporter {

  static final int MAX_PAGE = 500;
  private static final String HEAD = "SELECT position FROM outbox_head";
  private static final String IDS = "SELECT id FROM product WHERE $1::uuid IS NULL OR id > $1 ORDER BY id LIMIT $2";

  private final Pool pool;

  ProductExporter(Pool pool) {
    this.pool = pool;
  }

  /** Fails VALIDATION_FAILED for a limit outside 1 to 500. */
  Future<ProductExport> export(ExportProducts query) {
    if (query.limit() < 1 || query.limit() > MAX_PAGE) {
      return Future.failedFuture(Failure.invalid("limit", "must be between 1 and " + MAX_PAGE));
    }
    return pool.query(HEAD).execute().map(rows -> rows.iterator().next().getLong(0)).compose(head -> pool.preparedQuery(IDS)
      .execute(Tuple.of(query.after(), query.limit()))
      .compose(rows -> {
        var ids = new ArrayList<UUID>(rows.size());
        for (Row row : rows) {
          ids.add(row.getUUID("id"));
        }
        return ProductRepository.load(pool, ids).map(products -> {
          var byId = new java.util.HashMap<UUID, Product>();
          products.forEach(p -> byId.put(p.id(), p));
          List<Product> sorted = ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
          UUID next = ids.size() == query.limit() ? ids.get(ids.size() - 1) : null;
          return new ProductExport(sorted, next, head);
        });
      }));
  }
}
