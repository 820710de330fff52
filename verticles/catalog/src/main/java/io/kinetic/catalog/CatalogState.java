package io.kinetic.catalog;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vertx.sqlclient.SqlClient;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The in-memory state every catalog verticle instance of one Vert.x instance shares, kept in a
 * local shared-data map: the product cache, the category tree and the attribute definitions.
 * Snapshots are replaced whole; a reload that started earlier never replaces a later one.
 */
public final class CatalogState implements Shareable {

  private static final String MAP = "io.kinetic.catalog";
  private static final String KEY = "state";

  private final ProductCache cache;
  private final AtomicLong reloads = new AtomicLong();
  private final AtomicReference<Snapshot<CategoryTree>> tree = new AtomicReference<>(new Snapshot<>(0, CategoryTree.EMPTY));
  private final AtomicReference<Snapshot<AttributeRegistry>> attributes =
    new AtomicReference<>(new Snapshot<>(0, AttributeRegistry.EMPTY));

  private CatalogState(int cacheSize) {
    this.cache = new ProductCache(cacheSize);
  }

  /** The state of this Vert.x instance, created on first use with a cache of {@code cacheSize} products. */
  static CatalogState of(Vertx vertx, int cacheSize) {
    LocalMap<String, CatalogState> map = vertx.sharedData().getLocalMap(MAP);
    return map.computeIfAbsent(KEY, k -> new CatalogState(cacheSize));
  }

  /**
   * Forgets every cached product and reloads categories and attributes, after the tables were
   * changed behind the services' back (demo seeding); a no-op when no catalog verticle ever ran.
   */
  public static Future<Void> resetIfPresent(Vertx vertx, SqlClient client) {
    LocalMap<String, CatalogState> map = vertx.sharedData().getLocalMap(MAP);
    CatalogState state = map.get(KEY);
    if (state == null) {
      return Future.succeededFuture();
    }
    state.cache.invalidateAll();
    return Future.all(state.reloadCategories(client), state.reloadAttributes(client)).mapEmpty();
  }

  ProductCache cache() {
    return cache;
  }

  CategoryTree categories() {
    return tree.get().value();
  }

  AttributeRegistry attributes() {
    return attributes.get().value();
  }

  Future<Void> reloadCategories(SqlClient client) {
    long seq = reloads.incrementAndGet();
    return CategoryRepository.all(client).map(list -> {
      apply(tree, new Snapshot<>(seq, new CategoryTree(list)));
      cache.lists().invalidateAll();
      return null;
    });
  }

  Future<Void> reloadAttributes(SqlClient client) {
    long seq = reloads.incrementAndGet();
    return AttributeRepository.all(client).map(list -> {
      apply(attributes, new Snapshot<>(seq, new AttributeRegistry(list)));
      return null;
    });
  }

  private static <T> void apply(AtomicReference<Snapshot<T>> ref, Snapshot<T> next) {
    ref.accumulateAndGet(next, (current, candidate) -> candidate.seq() > current.seq() ? candidate : current);
  }

  private record Snapshot<T>(long seq, T value) {
  }
}
