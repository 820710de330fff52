package io.kinetic.catalog;

import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.cart.CartApi;
import io.kinetic.kernel.contract.cart.CartEvent;
import io.kinetic.kernel.contract.cart.ReservedLevel;
import io.kinetic.kernel.contract.cart.ReservedStockChanged;
import io.kinetic.kernel.contract.cart.ReservedStockReset;
import io.kinetic.kernel.contract.catalog.AvailabilitiesChanged;
import io.kinetic.kernel.contract.catalog.ProductAvailability;
import io.kinetic.kernel.contract.catalog.VariantAvailability;
import io.kinetic.kernel.contract.log.LoggedEvent;
import io.kinetic.kernel.outbox.EventTypes;
import io.kinetic.kernel.outbox.LogConsumer;
import io.kinetic.kernel.outbox.Outbox;
import io.kinetic.kernel.pg.PgPools;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Reads the cart's event log (its own checkpoint, once per event) for the reserved totals
 * ({@link ReservedStockChanged}) and keeps them per variant, the newest by sequence, so that what
 * shoppers see is available = on hand − reserved. The products whose availability changed get one
 * {@link AvailabilitiesChanged} in the same transaction: every node's caches take the new figures, and
 * live product pages hear of it. One per node; the checkpoint's row lock lets one pass run at a time.
 *
 * <p>When Redis lost the reservations, the cart says so ({@link ReservedStockReset}): every total
 * with a sequence below the reset's is 0 from then on, and no total at or below it is taken later;
 * the products whose figures that moved get {@link AvailabilitiesChanged} as for any other total.
 */
final class ReservedStock extends VerticleBase {

  static final String CONSUMER = "catalog.reserved-stock";
  static final String SOURCE = CartApi.CONTRACT.context();
  private static final Logger LOG = Logger.getLogger(ReservedStock.class.getName());
  /** At most this many products in one {@link AvailabilitiesChanged} (a batch of cart totals names at most 500 variants). */
  static final int PRODUCTS_PER_EVENT = 500;

  static {
    // what this consumer reads, it must be able to decode, whatever else this node registered
    EventTypes.registerFamily(CartEvent.class);
  }

  private final CatalogSettings settings;
  private final AppConfig.Outbox outbox;
  private final long busTimeoutMillis;
  private Pool pool;
  private LogConsumer consumer;

  ReservedStock(CatalogSettings settings, AppConfig.Outbox outbox, long busTimeoutMillis) {
    this.settings = settings;
    this.outbox = outbox;
    this.busTimeoutMillis = busTimeoutMillis;
  }

  @Override
  public Future<?> start() {
    pool = PgPools.forTask(vertx, settings.pgUrl(), 2, CatalogModule.SCHEMA, "reserved-stock");
    consumer = new LogConsumer(vertx, pool, new BusClient(vertx, busTimeoutMillis), CONSUMER, SOURCE, ReservedStock::apply,
      outbox.batchSize(), outbox.pollMillis(), 3, ReservedStock::skipPurged)
      .relaxCommits(); // reserved totals and their events, in this schema: redone from the cart's log if lost
    return consumer.start();
  }

  @Override
  public Future<?> stop() {
    Future<Void> stopped = consumer == null ? Future.succeededFuture() : consumer.stop();
    return stopped.eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }

  static Future<?> apply(SqlConnection tx, LoggedEvent logged) {
    if (logged.event() instanceof ReservedStockReset reset) {
      return tx.preparedQuery(CatalogSql.RESET_RESERVED).execute(Tuple.of(reset.sequence())).compose(rows -> {
        if (rows.rowCount() > 0) {
          LOG.info("the carts' reservations were lost: " + rows.rowCount() + " variants' reserved totals are 0 again");
        }
        return announce(tx, rows);
      });
    }
    if (!(logged.event() instanceof ReservedStockChanged event) || event.levels().isEmpty()) {
      return Future.succeededFuture();
    }
    // each variant once (an upsert may not touch a row twice), its newest total
    Map<UUID, ReservedLevel> newest = new LinkedHashMap<>();
    for (ReservedLevel level : event.levels()) {
      if (level != null && level.variantId() != null) {
        newest.merge(level.variantId(), level, (a, b) -> b.sequence() > a.sequence() ? b : a);
      }
    }
    List<ReservedLevel> levels = List.copyOf(newest.values());
    return tx.preparedQuery(CatalogSql.SET_RESERVED)
      .execute(Tuple.of(levels.stream().map(ReservedLevel::variantId).toArray(UUID[]::new),
        levels.stream().map(ReservedLevel::reserved).toArray(Integer[]::new),
        levels.stream().map(ReservedLevel::sequence).toArray(Long[]::new)))
      .compose(rows -> announce(tx, rows));
  }

  /**
   * The variants whose figures changed ({@code rows}: id, product_id, available, seq, reserved,
   * version), in one {@link AvailabilitiesChanged} per {@value #PRODUCTS_PER_EVENT} products.
   */
  private static Future<Void> announce(SqlConnection tx, RowSet<Row> rows) {
    Map<UUID, List<VariantAvailability>> byProduct = new LinkedHashMap<>();
    Map<UUID, Long> versions = new LinkedHashMap<>();
    for (Row row : rows) {
      UUID product = row.getUUID("product_id");
      byProduct.computeIfAbsent(product, k -> new ArrayList<>())
        .add(new VariantAvailability(row.getUUID("id"), row.getInteger("available"), row.getLong("seq"), row.getInteger("reserved")));
      versions.put(product, row.getLong("version"));
    }
    if (byProduct.isEmpty()) {
      return Future.succeededFuture();
    }
    var products = new ArrayList<ProductAvailability>(byProduct.size());
    for (var entry : byProduct.entrySet()) {
      products.add(new ProductAvailability(entry.getKey(), List.copyOf(entry.getValue()), versions.get(entry.getKey())));
    }
    // one event for many of them: one log row, one relay position, one bus message and one pass of
    // each consumer, not one per product (about 500 a second under cart load); a reset may name
    // every product in carts, in events of a bounded size
    var events = new ArrayList<AvailabilitiesChanged>();
    for (int i = 0; i < products.size(); i += PRODUCTS_PER_EVENT) {
      events.add(new AvailabilitiesChanged(UUID.randomUUID(), Instant.now(),
        List.copyOf(products.subList(i, Math.min(products.size(), i + PRODUCTS_PER_EVENT)))));
    }
    return Outbox.appendAll(tx, events, Caller.SYSTEM);
  }

  /**
   * The cart's log was purged past the checkpoint: the totals in between are lost, but each is
   * absolute, so the next change of a variant corrects it; continue with the oldest event kept.
   */
  static Future<Long> skipPurged(SqlConnection tx, long oldestKept) {
    LOG.warning("the cart's event log no longer keeps the events before position " + oldestKept
      + ": reserved totals may be stale until their variants change again");
    return Future.succeededFuture(oldestKept - 1);
  }
}
