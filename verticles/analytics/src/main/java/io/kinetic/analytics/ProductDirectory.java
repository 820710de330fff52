package io.kinetic.analytics;

import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.CatalogEvent;
import io.kinetic.kernel.contract.catalog.GetAdminProduct;
import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.ProductCreated;
import io.kinetic.kernel.contract.catalog.ProductUpdated;
import io.kinetic.kernel.contract.catalog.Translation;
import io.kinetic.kernel.contract.log.LoggedEvent;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.outbox.DomainEvent;
import io.kinetic.kernel.outbox.EventTypes;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The products the shop sold, as the catalog describes them (name, categories), for the top
 * products and the category rollups. A product is asked of the catalog over the bus the first time
 * one of its orders is paid (the demo and generated catalogues are bulk-loaded without events), and
 * asked again when the catalog's log says it changed ({@value #CONSUMER}, on the catalog's log).
 * Category figures count a line under the product's categories when the order is paid.
 */
final class ProductDirectory {

  static final String CONSUMER = "analytics.products";
  static final String SOURCE = CatalogApi.CONTRACT.context();

  static {
    EventTypes.registerFamily(CatalogEvent.class);
  }

  /** The most products asked of the catalog at once. */
  static final int FETCH_AT_ONCE = 16;

  private final BusClient bus;
  /** Products whose row was committed (seen from a later transaction): no need to look for them again. */
  private final Set<UUID> committed = ConcurrentHashMap.newKeySet();

  ProductDirectory(BusClient bus) {
    this.bus = bus;
  }

  /** Whether every product was seen committed in the product table (so an order of them needs no look-up). */
  boolean allKnown(List<UUID> products) {
    return committed.containsAll(products);
  }

  boolean known(UUID product) {
    return committed.contains(product);
  }

  /** {@link #ensure} for the products of the order's stored lines (none when it was paid already). */
  Future<Void> ensureFor(SqlClient tx, UUID orderId) {
    return tx.preparedQuery(RollupSql.ORDER_PRODUCTS).execute(Tuple.of(orderId)).compose(rows -> {
      var ids = new ArrayList<UUID>();
      rows.forEach(row -> ids.add(row.getUUID("product_id")));
      return ids.isEmpty() ? Future.succeededFuture() : ensure(tx, ids);
    });
  }

  /**
   * Fetches those of {@code productIds} the product table does not have, in the caller's
   * transaction (one query when all are there), {@value #FETCH_AT_ONCE} at once.
   */
  Future<Void> ensure(SqlClient tx, List<UUID> productIds) {
    return tx.preparedQuery(RollupSql.PRODUCTS_KNOWN).execute(Tuple.of((Object) productIds.toArray(UUID[]::new))).compose(rows -> {
      var present = new HashSet<UUID>();
      for (Row row : rows) {
        present.add(row.getUUID("product_id"));
        if (row.getBoolean("known")) {
          committed.add(row.getUUID("product_id"));
        }
      }
      // the missing ones fetched from the catalog side by side, a group at a time (in id order); a
      // group settles whole before a failure goes on (join, not all): no statement of it may run
      // after the transaction ended
      List<UUID> missing = productIds.stream().filter(id -> !present.contains(id)).distinct().sorted().toList();
      Future<?> fetched = Future.succeededFuture();
      for (int from = 0; from < missing.size(); from += FETCH_AT_ONCE) {
        List<UUID> some = missing.subList(from, Math.min(missing.size(), from + FETCH_AT_ONCE));
        fetched = fetched.compose(v -> Future.join(some.stream().map(id -> fetch(tx, id)).toList()));
      }
      return fetched.mapEmpty();
    });
  }

  /** The catalog's events: a product the rollups know is described again. */
  Future<?> apply(SqlConnection tx, LoggedEvent logged) {
    DomainEvent event = logged.event();
    UUID productId = event instanceof ProductUpdated u ? u.productId() : event instanceof ProductCreated c ? c.productId() : null;
    if (productId == null) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery(RollupSql.KNOWN_PRODUCT).execute(Tuple.of(productId))
      .compose(rows -> rows.size() == 0 ? Future.succeededFuture() : fetch(tx, productId));
  }

  private Future<Void> fetch(SqlClient tx, UUID productId) {
    return bus.request(CatalogApi.GET_ADMIN_PRODUCT, new GetAdminProduct(productId), Caller.SYSTEM)
      .map(ProductDirectory::described)
      .recover(t -> Failure.from(t).errorCode() == ErrorCode.PRODUCT_NOT_FOUND
        ? Future.succeededFuture(Tuple.of(productId, null, new UUID[0], 0L))
        : Future.failedFuture(t))
      .compose(values -> tx.preparedQuery(RollupSql.SAVE_PRODUCT).execute(values))
      .mapEmpty();
  }

  private static Tuple described(Product product) {
    Translation t = product.translations() == null ? null : product.translations().get(product.defaultLocale());
    if (t == null && product.translations() != null && !product.translations().isEmpty()) {
      t = product.translations().values().iterator().next();
    }
    List<UUID> categories = product.categoryIds() == null ? List.of() : product.categoryIds();
    return Tuple.tuple().addValue(product.id()).addValue(t == null ? null : t.name())
      .addValue(categories.toArray(UUID[]::new)).addValue(product.version());
  }
}
