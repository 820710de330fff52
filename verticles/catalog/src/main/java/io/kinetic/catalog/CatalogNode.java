package io.kinetic.catalog;

import io.kinetic.kernel.contract.catalog.AvailabilitiesChanged;
import io.kinetic.kernel.contract.catalog.AvailabilityChanged;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.CatalogEvent;
import io.kinetic.kernel.contract.catalog.PriceChanged;
import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.ProductCreated;
import io.kinetic.kernel.contract.catalog.ProductDeleted;
import io.kinetic.kernel.contract.catalog.ProductUpdated;
import io.kinetic.kernel.contract.catalog.StockChanged;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.pg.PgPools;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the catalog does once per node, whatever the number of verticle instances: load the
 * category tree and attribute definitions, reload them every cache TTL (a lost event cannot keep
 * them stale for longer), and follow the catalog's events published by any node, keeping the
 * shared caches coherent. One listener per node also means one reload per event, not one per
 * instance. Runs on the context of the instance that started it, with a pool of its own.
 *
 * <p>On a product event the product is dropped from the cache; the product is then read again
 * (which caches it) and the list pages that held it or that it now enters are retired
 * ({@link ListRules}); an update also retires the pages that held it at once. A stock event
 * changes the cached product in place when it says its stock sequence, else drops it
 * ({@link ProductCache#applyStock}); it retires no page. The events of this node's own writes
 * retire nothing more: the write did that before it replied ({@link CatalogState#committedHere}).
 */
final class CatalogNode {

  private static final Logger LOG = Logger.getLogger(CatalogNode.class.getName());
  private static final int POOL_SIZE = 2;

  private final Vertx vertx;
  private final CatalogState state;
  private final Pool pool;
  private final ProductReader reader;
  private final long refreshMillis;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private long refreshTimer = -1;

  CatalogNode(Vertx vertx, CatalogState state, String pgUrl, long refreshMillis) {
    this.vertx = vertx;
    this.state = state;
    this.pool = PgPools.create(vertx, pgUrl, POOL_SIZE, CatalogModule.SCHEMA);
    this.reader = new ProductReader(pool, state.cache());
    this.refreshMillis = refreshMillis;
  }

  /** Registers the listeners and loads the snapshots; completes when both are done. */
  Future<Void> start() {
    ProductCache cache = state.cache();
    ListCache lists = state.lists();
    this.<ProductCreated>listen(CatalogApi.Events.PRODUCT_CREATED, e -> {
      if (!state.committedHere(e.productId(), e.version())) {
        reread(e.productId(), null);
      }
    });
    this.<ProductUpdated>listen(CatalogApi.Events.PRODUCT_UPDATED, e -> {
      cache.invalidate(e.productId(), e.slug(), e.previousSlug());
      if (!state.committedHere(e.productId(), e.version())) {
        lists.retire(ListRules.holding(e.productId(), null));
        reread(e.productId(), null);
      }
    });
    this.<ProductDeleted>listen(CatalogApi.Events.PRODUCT_DELETED, e -> {
      cache.invalidate(e.productId(), e.slug());
      if (!state.committedHere(e.productId(), Long.MAX_VALUE)) {
        lists.retire(ListRules.holding(e.productId(), null));
      }
    });
    this.<PriceChanged>listen(CatalogApi.Events.PRICE_CHANGED, e -> {
      cache.invalidate(e.productId());
      if (!state.committedHere(e.productId(), e.version())) {
        reread(e.productId(), e.price() == null ? null : e.price().currency());
      }
    });
    this.<StockChanged>listen(CatalogApi.Events.STOCK_CHANGED,
      e -> cache.applyStock(e.productId(), e.version(), e.variantId(), e.onHand(), e.stockSeq()));
    this.<AvailabilityChanged>listen(CatalogApi.Events.AVAILABILITY_CHANGED, e -> cache.applyAvailability(e.productId(), e.version(), e.variants()));
    this.<AvailabilitiesChanged>listen(CatalogApi.Events.AVAILABILITIES_CHANGED, e -> e.products()
      .forEach(p -> cache.applyAvailability(p.productId(), p.version(), p.variants())));
    this.<CatalogEvent>listen(CatalogApi.Events.CATEGORY_CHANGED, e -> reload(state.reloadCategories(pool), "category tree"));
    this.<CatalogEvent>listen(CatalogApi.Events.ATTRIBUTE_CHANGED, e -> reload(state.reloadAttributes(pool), "attributes"));
    refreshTimer = vertx.setPeriodic(refreshMillis, id -> {
      reload(state.reloadCategories(pool), "category tree");
      reload(state.reloadAttributes(pool), "attributes");
    });
    warnOfSkusInSeveralCases();
    return Future.all(state.reloadCategories(pool), state.reloadAttributes(pool))
      .compose(v -> Future.all(consumers.stream().map(MessageConsumer::completion).toList()))
      .mapEmpty();
  }

  /**
   * Logs a warning when the catalogue holds SKUs that differ only in case (from before SKUs were
   * unique whatever their case, V12), naming some: the catalog refuses new ones, but the database
   * cannot enforce it until they are renamed. Costs one look-up while the unique index exists.
   */
  private void warnOfSkusInSeveralCases() {
    pool.query(CatalogSql.SKU_INDEX_UNIQUE).execute()
      .compose(rows -> rows.iterator().next().getBoolean("unique_index") ? Future.succeededFuture(null)
        : pool.query(CatalogSql.SKUS_IN_SEVERAL_CASES).execute())
      .onSuccess(rows -> {
        if (rows == null || rows.size() == 0) {
          return;
        }
        var named = new ArrayList<String>();
        long total = 0;
        for (var row : rows) {
          named.add(row.getString("sku") + " (" + row.getLong("variants") + " variants)");
          total = row.getLong("total");
        }
        LOG.warning("SKUs held in more than one case (from before SKUs were unique whatever their case): " + total + ", e.g. "
          + String.join(", ", named) + ". No new ones can be made; rename all but one of each so that the database enforces it"
          + " too: CREATE UNIQUE INDEX CONCURRENTLY variant_sku_lower_key ON catalog.variant (lower(sku)); then"
          + " DROP INDEX CONCURRENTLY catalog.variant_sku_lower");
      })
      .onFailure(t -> LOG.log(Level.FINE, "SKUs not checked for case duplicates", t));
  }

  Future<Void> stop() {
    vertx.cancelTimer(refreshTimer);
    return Future.join(consumers.stream().map(MessageConsumer::unregister).toList())
      .eventually(pool::close)
      .mapEmpty();
  }

  /**
   * Reads the product again and retires the pages that held it or that it now enters (with
   * {@code priceCurrency}, only pages a price in it decides), unless this node wrote that very
   * version and retired them already. If it cannot be read, every page it could touch goes.
   */
  private void reread(UUID productId, String priceCurrency) {
    reader.byId(productId).onComplete(ar -> {
      if (ar.succeeded()) {
        Product now = ar.result();
        if (!state.committedHere(productId, now.version())) {
          state.lists().retire(ListRules.moved(productId, now, priceCurrency));
        }
      } else if (ar.cause() instanceof Failure f && f.errorCode() == ErrorCode.PRODUCT_NOT_FOUND) {
        state.lists().retire(ListRules.holding(productId, priceCurrency));
      } else {
        LOG.log(Level.FINE, "product " + productId + " not re-read after its event, retiring its pages broadly", ar.cause());
        state.lists().retire(page -> priceCurrency == null || page.key().dependsOnPrice(priceCurrency));
      }
    });
  }

  private <E> void listen(String address, Consumer<E> handler) {
    consumers.add(vertx.eventBus().<E>consumer(address, message -> handler.accept(message.body())));
  }

  private static void reload(Future<Void> reload, String what) {
    reload.onFailure(t -> LOG.log(Level.WARNING, what + " reload failed, keeping the previous snapshot: " + t.getMessage()));
  }
}
