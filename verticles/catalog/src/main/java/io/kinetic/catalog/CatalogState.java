package io.kinetic.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.kinetic.kernel.contract.catalog.CatalogChanges;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The in-memory state every catalog verticle instance of one Vert.x instance (one node) shares,
 * kept in a local shared-data map: the product cache, the list cache, the category tree and the
 * attribute definitions, and the node's one {@link CatalogNode} (event listener and snapshot
 * refresh). Snapshots are replaced whole; a reload that started earlier never replaces a later one.
 * The state lives while at least one catalog verticle instance runs: a redeployment starts from an
 * empty cache, as products may have changed meanwhile.
 */
public final class CatalogState implements Shareable {

  private static final String MAP = "io.kinetic.catalog";
  private static final String KEY = "state";

  private final Vertx vertx;
  private final ProductCache cache;
  private final ListCache lists;
  private final Cache<UUID, Long> committedHere;
  private final AtomicLong reloads = new AtomicLong();
  private final AtomicReference<Snapshot<CategoryTree>> tree = new AtomicReference<>(new Snapshot<>(0, CategoryTree.EMPTY));
  private final AtomicReference<Snapshot<AttributeRegistry>> attributes =
    new AtomicReference<>(new Snapshot<>(0, AttributeRegistry.EMPTY));
  private int members;
  private CatalogNode node;
  private Future<Void> ready;

  private CatalogState(Vertx vertx, int cacheSize, Duration ttl) {
    this.vertx = vertx;
    // every invalidation also tells this node's readers of catalog answers (the cart's variants)
    CatalogChanges changes = CatalogChanges.of(vertx);
    this.cache = new ProductCache(cacheSize, ttl, changes::changed);
    this.lists = new ListCache(Math.max(1, cacheSize / 10), ttl);
    this.committedHere = Caffeine.newBuilder().maximumSize(Math.max(1, cacheSize / 10)).expireAfterWrite(ttl).build();
  }

  /** The state of this Vert.x instance, created on first use. */
  static CatalogState of(Vertx vertx, int cacheSize, Duration ttl) {
    LocalMap<String, CatalogState> map = vertx.sharedData().getLocalMap(MAP);
    return map.computeIfAbsent(KEY, k -> new CatalogState(vertx, cacheSize, ttl));
  }

  /**
   * A verticle instance starts using the state: the first one starts the node's {@link CatalogNode}
   * (which loads the snapshots); every one waits until that is ready.
   */
  synchronized Future<Void> join(Supplier<CatalogNode> start) {
    if (members++ == 0) {
      node = start.get();
      ready = node.start();
    }
    return ready;
  }

  /** A verticle instance stops; the last one stops the node and forgets the state. */
  Future<Void> leave() {
    CatalogNode last;
    synchronized (this) {
      if (--members > 0) {
        return Future.succeededFuture();
      }
      last = node;
      node = null;
      vertx.sharedData().<String, CatalogState>getLocalMap(MAP).remove(KEY, this);
    }
    return last == null ? Future.succeededFuture() : last.stop();
  }

  /**
   * Forgets every cached product and page and reloads categories and attributes, after the tables
   * were changed behind the services' back (demo seeding); a no-op when no catalog verticle ever ran.
   */
  public static Future<Void> resetIfPresent(Vertx vertx, SqlClient client) {
    LocalMap<String, CatalogState> map = vertx.sharedData().getLocalMap(MAP);
    CatalogState state = map.get(KEY);
    if (state == null) {
      return Future.succeededFuture();
    }
    state.cache.invalidateAll();
    state.lists.retireAll();
    return Future.all(state.reloadCategories(client), state.reloadAttributes(client)).mapEmpty();
  }

  ProductCache cache() {
    return cache;
  }

  ListCache lists() {
    return lists;
  }

  /**
   * Notes that this node committed {@code version} of a product and already retired its pages
   * ({@link Long#MAX_VALUE}: deleted). Its own event, arriving a moment later, then needs no second
   * retirement, which could retire pages that readers re-filled in between.
   */
  void committed(UUID productId, long version) {
    committedHere.asMap().merge(productId, version, Math::max);
  }

  /** Whether this node itself committed {@code version} of the product, or a later one. */
  boolean committedHere(UUID productId, long version) {
    Long seen = committedHere.getIfPresent(productId);
    return seen != null && seen >= version;
  }

  CategoryTree categories() {
    return tree.get().value();
  }

  AttributeRegistry attributes() {
    return attributes.get().value();
  }

  /** Reloads the tree; pages filtered by category are retired when it changed (subtrees may have moved). */
  Future<Void> reloadCategories(SqlClient client) {
    long seq = reloads.incrementAndGet();
    return CategoryRepository.all(client).map(list -> {
      var next = new CategoryTree(list);
      CategoryTree previous = tree.get().value();
      if (apply(tree, new Snapshot<>(seq, next)) && !next.sameAs(previous)) {
        lists.retire(ListRules.categoryFiltered());
      }
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

  /** True when {@code next} became the current snapshot. */
  private static <T> boolean apply(AtomicReference<Snapshot<T>> ref, Snapshot<T> next) {
    return ref.accumulateAndGet(next, (current, candidate) -> candidate.seq() > current.seq() ? candidate : current) == next;
  }

  private record Snapshot<T>(long seq, T value) {
  }
}
