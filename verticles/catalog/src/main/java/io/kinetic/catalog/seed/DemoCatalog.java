package io.kinetic.catalog.seed;

import io.kinetic.catalog.CatalogSql;
import io.kinetic.catalog.CatalogState;
import io.kinetic.catalog.ProductBatch;
import io.kinetic.kernel.contract.catalog.Attribute;
import io.kinetic.kernel.contract.catalog.Category;
import io.kinetic.kernel.json.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntConsumer;

/**
 * Fills the catalog schema with a generated demo catalogue: a category tree in English and
 * German, five typed attributes and {@code products} products with variants, EUR and USD prices
 * and stock. Products are written a thousand at a time with one {@code unnest} insert per table,
 * generated on a worker thread while the previous batch is written.
 *
 * <p>Seeding appends no outbox events on purpose: it is a bulk load, not a series of business
 * changes, and a hundred thousand events would only flood the relay. Consumers that mirror the
 * catalogue (a search index) rebuild from the tables instead. The cache and in-memory snapshots
 * of this Vert.x instance are reset afterwards; other cluster nodes should be restarted.
 */
public final class DemoCatalog {

  static final int BATCH = 1_000;
  private static final String LOCK_SEEDING = "SELECT pg_advisory_lock(hashtext('kinetic.catalog.seed'))";
  private static final String UNLOCK_SEEDING = "SELECT pg_advisory_unlock(hashtext('kinetic.catalog.seed'))";

  private DemoCatalog() {
  }

  /**
   * Seeds when there is neither a product nor a category yet; completes with the number of products
   * created. Engines starting together on one empty database take turns: the check and the seeding
   * run under a session advisory lock held on a connection of their own (released when the work
   * ends or that connection dies), so the first seeds and the others find the catalogue filled.
   */
  public static Future<Integer> seedIfEmpty(Vertx vertx, Pool pool, int products, IntConsumer progress) {
    return seedIfEmpty(vertx, pool, products, DemoData.DEFAULT_CURRENCIES, progress);
  }

  /** {@link #seedIfEmpty(Vertx, Pool, int, IntConsumer)} with the products priced in {@code currencies} (the shop's). */
  public static Future<Integer> seedIfEmpty(Vertx vertx, Pool pool, int products, List<String> currencies, IntConsumer progress) {
    return pool.getConnection().compose(lock -> lock.query(LOCK_SEEDING).execute()
      .compose(locked -> pool.query(CatalogSql.CATALOG_EMPTY).execute())
      .compose(rows -> rows.iterator().next().getBoolean("empty")
        ? seed(vertx, pool, products, currencies, progress)
        : Future.succeededFuture(0))
      .eventually(() -> lock.query(UNLOCK_SEEDING).execute().eventually(lock::close)));
  }

  /** Deletes every catalog row (products, categories, attributes), then seeds. */
  public static Future<Integer> reseed(Vertx vertx, Pool pool, int products, IntConsumer progress) {
    return reseed(vertx, pool, products, DemoData.DEFAULT_CURRENCIES, progress);
  }

  /** {@link #reseed(Vertx, Pool, int, IntConsumer)} with the products priced in {@code currencies} (the shop's). */
  public static Future<Integer> reseed(Vertx vertx, Pool pool, int products, List<String> currencies, IntConsumer progress) {
    return pool.query(CatalogSql.DELETE_ALL).execute().compose(v -> seed(vertx, pool, products, currencies, progress));
  }

  private static Future<Integer> seed(Vertx vertx, Pool pool, int products, List<String> currencies, IntConsumer progress) {
    var data = new DemoData(Instant.now(), currencies);
    return pool.withTransaction(DemoCatalog::taxonomy)
      .compose(v -> batches(vertx, pool, data, 0, products, generate(vertx, data, 0, products), progress))
      .compose(v -> CatalogState.resetIfPresent(vertx, pool))
      .map(products);
  }

  /** Writes batch {@code [from, from + BATCH)} while the next one is being generated. */
  private static Future<Void> batches(Vertx vertx, Pool pool, DemoData data, int from, int total,
                                      Future<ProductBatch> current, IntConsumer progress) {
    if (from >= total) {
      return Future.succeededFuture();
    }
    int to = Math.min(from + BATCH, total);
    return current.compose(batch -> {
      Future<ProductBatch> next = generate(vertx, data, to, total);
      return pool.withTransaction(batch::insert).compose(v -> {
        progress.accept(to);
        return batches(vertx, pool, data, to, total, next, progress);
      });
    });
  }

  /** Generates the products and encodes their JSON columns on a worker: tens of milliseconds per thousand. */
  private static Future<ProductBatch> generate(Vertx vertx, DemoData data, int from, int total) {
    if (from >= total) {
      return Future.succeededFuture(new ProductBatch());
    }
    int to = Math.min(from + BATCH, total);
    return vertx.executeBlocking(() -> {
      var batch = new ProductBatch();
      data.products(from, to).forEach(batch::add);
      return batch;
    }, false);
  }

  private static Future<Void> taxonomy(SqlClient tx) {
    List<Category> categories = DemoTaxonomy.CATEGORIES;
    Tuple rows = Tuple.of(
      categories.stream().map(Category::id).toArray(UUID[]::new),
      categories.stream().map(Category::parentId).toArray(UUID[]::new),
      categories.stream().map(Category::slug).toArray(String[]::new),
      categories.stream().map(c -> Json.string(c.names())).toArray(String[]::new),
      categories.stream().map(Category::position).toArray(Integer[]::new));
    var attributes = new ArrayList<Tuple>();
    for (Attribute a : DemoTaxonomy.ATTRIBUTES) {
      attributes.add(Tuple.of(a.code(), a.type().name(), a.unit(),
        a.values() == null ? null : Json.string(a.values()), Json.string(a.names())));
    }
    return tx.preparedQuery(CatalogSql.INSERT_CATEGORIES).execute(rows)
      .compose(v -> tx.preparedQuery(CatalogSql.UPSERT_ATTRIBUTE).executeBatch(attributes))
      .mapEmpty();
  }
}
