package io.kinetic.recommendations;

import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.catalog.AvailabilitiesChanged;
import io.kinetic.kernel.contract.catalog.AvailabilityChanged;
import io.kinetic.kernel.contract.catalog.ProductAvailability;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.CatalogEvent;
import io.kinetic.kernel.contract.catalog.ExportProducts;
import io.kinetic.kernel.contract.catalog.GetAdminProduct;
import io.kinetic.kernel.contract.catalog.PriceChanged;
import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.ProductCreated;
import io.kinetic.kernel.contract.catalog.ProductDeleted;
import io.kinetic.kernel.contract.catalog.ProductUpdated;
import io.kinetic.kernel.contract.catalog.StockChanged;
import io.kinetic.kernel.contract.catalog.VariantAvailability;
import io.kinetic.kernel.contract.log.LoggedEvent;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.outbox.DomainEvent;
import io.kinetic.kernel.outbox.EventTypes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Keeps the {@link CatalogProjection} current: at start, the catalog's export (every product, with
 * the log position it reflects), then the catalog's event log after that position, through a
 * durable consumer ({@value #CONSUMER}). A product event fetches the product from the catalog's
 * bus API (a deleted one is dropped); availability events change the projection directly. The
 * projection lives in memory only, so applying an event twice is harmless.
 */
final class CatalogFeed {

  static final String CONSUMER = "recommendations.catalog";
  static final String SOURCE = CatalogApi.CONTRACT.context();
  private static final int PAGE = 500;
  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(CatalogFeed.class.getName());

  static {
    EventTypes.registerFamily(CatalogEvent.class);
  }

  private final BusClient bus;
  private final CatalogProjection catalog;
  private final Consumer<Set<UUID>> changed;
  private final Runnable shownChanged;
  private final ClusterLearning cluster;

  /**
   * {@code changed}: products whose content neighbours changed; {@code shownChanged}: what may be
   * shown changed (a product was published, withdrawn, deleted, sold out or restocked).
   */
  CatalogFeed(BusClient bus, CatalogProjection catalog, Consumer<Set<UUID>> changed, Runnable shownChanged,
    ClusterLearning cluster) {
    this.cluster = cluster;
    cluster.onProduct(this::refresh);
    this.bus = bus;
    this.catalog = catalog;
    this.changed = changed;
    this.shownChanged = shownChanged;
  }

  /**
   * Loads every product at start, before anything reads the projection: the content similarity of a
   * large catalogue takes seconds to build, so it is built on a worker thread. Answers the catalog
   * log's position the export reflects.
   */
  Future<Long> loadAtStart(Vertx vertx) {
    var products = new ArrayList<Product>();
    return page(null, -1, products::add).compose(position -> vertx.executeBlocking(() -> {
      products.forEach(p -> catalog.put(CatalogItem.of(p)));
      return position;
    }, false));
  }

  /** Loads every product again on the event loop (the catalog's log was purged past the checkpoint). */
  Future<Long> reload() {
    return page(null, -1, p -> changed.accept(catalog.put(CatalogItem.of(p)))).onSuccess(v -> shownChanged.run());
  }

  private Future<Long> page(UUID after, long position, Consumer<Product> each) {
    return bus.request(CatalogApi.EXPORT_PRODUCTS, new ExportProducts(after, PAGE), Caller.SYSTEM).compose(page -> {
      page.items().forEach(each);
      long first = position < 0 ? page.logPosition() : position;
      return page.next() == null ? Future.succeededFuture(first) : page(page.next(), first, each);
    });
  }

  /**
   * Applies one event of the catalog's log; once its transaction commits, the other nodes are told
   * to read the product again ({@link ClusterLearning}): the consumer runs on one node at a time.
   */
  Future<?> apply(SqlConnection tx, LoggedEvent logged) {
    return applyHere(logged).onSuccess(v -> {
      List<UUID> products = logged.event() instanceof AvailabilitiesChanged many
        ? many.products().stream().map(ProductAvailability::productId).toList()
        : logged.event() instanceof CatalogEvent e && e.productId() != null ? List.of(e.productId()) : List.of();
      if (products.isEmpty()) {
        return;
      }
      var transaction = tx.transaction();
      if (transaction == null) {
        products.forEach(cluster::publishProduct);
      } else {
        transaction.completion().onSuccess(done -> products.forEach(cluster::publishProduct));
      }
    });
  }

  /** Applies a product's figures; true when one moved the product in or out of stock. */
  private boolean available(UUID product, List<VariantAvailability> figures) {
    boolean flipped = false;
    for (VariantAvailability v : figures) {
      flipped |= catalog.available(product, v.variantId(), v.available());
    }
    return flipped;
  }

  /** Another node applied an event of this product: read it again (or drop it when deleted). */
  void refresh(UUID id) {
    fetch(id).onFailure(t -> LOG.warning("product " + id + " not read again after another node's notice: " + t.getMessage()));
  }

  private Future<?> applyHere(LoggedEvent logged) {
    DomainEvent event = logged.event();
    if (event instanceof AvailabilityChanged a) {
      if (available(a.productId(), a.variants())) {
        shownChanged.run();
      }
      return Future.succeededFuture();
    }
    if (event instanceof AvailabilitiesChanged many) {
      boolean flipped = false;
      for (ProductAvailability p : many.products()) {
        flipped |= available(p.productId(), p.variants());
      }
      if (flipped) {
        shownChanged.run();
      }
      return Future.succeededFuture();
    }
    if (event instanceof ProductDeleted d) {
      changed.accept(catalog.remove(d.productId()));
      shownChanged.run();
      return Future.succeededFuture();
    }
    if (event instanceof ProductCreated || event instanceof ProductUpdated || event instanceof StockChanged
      || event instanceof PriceChanged) {
      UUID id = ((CatalogEvent) event).productId();
      CatalogItem known = catalog.get(id);
      if (known != null && known.version() >= event.version()) {
        return Future.succeededFuture();
      }
      return fetch(id);
    }
    return Future.succeededFuture();
  }

  private Future<Void> fetch(UUID id) {
      return bus.request(CatalogApi.GET_ADMIN_PRODUCT, new GetAdminProduct(id), Caller.SYSTEM)
        .<Void>map(product -> {
          CatalogItem before = catalog.get(id);
          CatalogItem item = CatalogItem.of(product);
          changed.accept(catalog.put(item));
          if (before == null || before.published() != item.published() || before.inStock() != item.inStock()) {
            shownChanged.run();
          }
          return null;
        })
        .recover(t -> {
          if (Failure.from(t).errorCode() == ErrorCode.PRODUCT_NOT_FOUND) {
            changed.accept(catalog.remove(id));
            shownChanged.run();
            return Future.succeededFuture();
          }
          return Future.failedFuture(t);
        });
  }
}
