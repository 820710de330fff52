package io.kinetic.search;

import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.catalog.AttributeChanged;
import io.kinetic.kernel.contract.catalog.AvailabilitiesChanged;
import io.kinetic.kernel.contract.catalog.AvailabilityChanged;
import io.kinetic.kernel.contract.catalog.ProductAvailability;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.CatalogEvent;
import io.kinetic.kernel.contract.catalog.CategoryChanged;
import io.kinetic.kernel.contract.catalog.GetAdminProduct;
import io.kinetic.kernel.contract.catalog.ProductDeleted;
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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps the search projection in step with the catalog: the handler of the durable consumer
 * {@value #CONSUMER} of the catalog's event log, applied in the transaction that moves its
 * checkpoint. Product events carry ids and versions only, so a product event newer than the row
 * re-reads the product from the catalog ({@code GET_ADMIN_PRODUCT}; gone means deleted) and writes
 * it; an event not newer than the row is a duplicate or stale and changes nothing. Category and
 * attribute events copy the tree or the definitions again (they are small) and recompute the
 * vectors of the products under the category.
 */
final class CatalogFeed {

  static final String CONSUMER = "search.index";
  static final String SOURCE = CatalogApi.CONTRACT.context();

  static {
    // what this consumer reads, it must be able to decode, whatever else this node registered
    EventTypes.registerFamily(CatalogEvent.class);
  }

  private final BusClient bus;
  private final Taxonomy taxonomy;
  private final Runnable changed;
  private final long lowStock;
  /** The stored versions {@link #prepare} read for the pass being applied (a floor: a row's version only grows). */
  private final Map<UUID, Long> known = new HashMap<>();
  /** The log positions of the events {@link #prepare} read for: only those use {@link #known} (not a parked event's retry later). */
  private final java.util.Set<Long> preparedPositions = new java.util.HashSet<>();

  /** {@code changed}: called when each applied change commits (the node reads what it changed from the change log: the answers it can affect go, the lexicon refreshes after a change of words). */
  CatalogFeed(BusClient bus, Taxonomy taxonomy, Runnable changed, long lowStock) {
    this.lowStock = lowStock;
    this.bus = bus;
    this.taxonomy = taxonomy;
    this.changed = changed;
  }

  /**
   * Before a pass (outside its transaction): the stored versions of the rows its product events
   * name, read in one statement. A row's version only ever grows, so an event not newer than the
   * version read here is not newer than the row when it is applied, and {@link #refresh} skips it
   * without a statement of its own (a stock change, the commonest catalog event, never raises the
   * product's version). Products not read here are looked up in the transaction as before.
   */
  Future<?> prepare(SqlClient client, List<LoggedEvent> events) {
    var ids = new LinkedHashSet<UUID>();
    known.clear();
    preparedPositions.clear();
    for (LoggedEvent logged : events) {
      if (refreshes(logged.event()) instanceof CatalogEvent product) {
        ids.add(product.productId());
        preparedPositions.add(logged.position());
      }
    }
    if (ids.isEmpty()) {
      return Future.succeededFuture();
    }
    return client.preparedQuery(SearchSql.DOCUMENT_VERSIONS).execute(Tuple.of(ids.toArray(UUID[]::new))).onSuccess(rows -> {
      for (Row row : rows) {
        known.put(row.getUUID("product_id"), row.getLong("version"));
      }
    });
  }

  /** The event when {@link #apply} re-reads its product if it is newer than the row; else null. */
  private static DomainEvent refreshes(DomainEvent event) {
    return event instanceof ProductDeleted || event instanceof AvailabilityChanged || event instanceof AvailabilitiesChanged
      || event instanceof CategoryChanged || event instanceof AttributeChanged
      || !(event instanceof CatalogEvent product) || product.productId() == null ? null : event;
  }

  Future<?> apply(SqlConnection tx, LoggedEvent logged) {
    DomainEvent event = logged.event();
    Future<?> applied;
    if (event instanceof ProductDeleted deleted) {
      applied = DocumentWriter.tombstone(tx, deleted.productId(), deleted.version());
    } else if (event instanceof AvailabilityChanged availability) {
      applied = DocumentWriter.availability(tx, List.of(new ProductAvailability(availability.productId(),
        availability.variants(), availability.version())), lowStock);
    } else if (event instanceof AvailabilitiesChanged availabilities) {
      applied = DocumentWriter.availability(tx, availabilities.products(), lowStock);
    } else if (event instanceof CategoryChanged category) {
      applied = taxonomy.copyCategories(tx)
        .compose(v -> tx.preparedQuery(SearchSql.VECTORS_UNDER_CATEGORY).execute(Tuple.of(category.categoryId())));
    } else if (event instanceof AttributeChanged) {
      applied = taxonomy.copyAttributes(tx);
    } else if (event instanceof CatalogEvent product && product.productId() != null) {
      applied = refresh(tx, product.productId(), product.version(), preparedPositions.contains(logged.position()));
    } else {
      applied = Future.succeededFuture();
    }
    return applied.onSuccess(v -> afterCommit(tx));
  }

  /** Answers and words computed from the rows before this change are stale once it commits. */
  private void afterCommit(SqlConnection tx) {
    var transaction = tx.transaction();
    if (transaction == null) {
      changed.run();
    } else {
      transaction.completion().onComplete(ar -> changed.run());
    }
  }

  /** Re-reads the product when the event is newer than its row. */
  private Future<?> refresh(SqlConnection tx, UUID productId, long version, boolean prepared) {
    Long stored = prepared ? known.get(productId) : null;
    if (stored != null && stored >= version) {
      return Future.succeededFuture(); // the row was this new before the pass began (see prepare)
    }
    return tx.preparedQuery(SearchSql.DOCUMENT_VERSION).execute(Tuple.of(productId)).compose(rows -> {
      if (rows.size() > 0 && rows.iterator().next().getLong("version") >= version) {
        return Future.succeededFuture();
      }
      return bus.request(CatalogApi.GET_ADMIN_PRODUCT, new GetAdminProduct(productId), Caller.SYSTEM)
        .compose(product -> DocumentWriter.upsert(tx, List.of(product)).mapEmpty(), failure ->
          Failure.from(failure).errorCode() == ErrorCode.PRODUCT_NOT_FOUND
            ? DocumentWriter.tombstone(tx, productId, version)
            : Future.failedFuture(failure));
    });
  }
}
