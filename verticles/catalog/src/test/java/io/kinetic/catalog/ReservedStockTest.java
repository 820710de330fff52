package io.kinetic.catalog;

import static io.kinetic.catalog.Inputs.product;
import static io.kinetic.catalog.Inputs.variant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kinetic.kernel.contract.cart.ReservedLevel;
import io.kinetic.kernel.contract.cart.ReservedStockChanged;
import io.kinetic.kernel.contract.cart.ReservedStockReset;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.CreateProduct;
import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.log.LoggedEvent;
import io.kinetic.kernel.json.Json;
import io.kinetic.kernel.outbox.DomainEvent;
import io.kinetic.kernel.outbox.EventTypes;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The carts' reserved totals as the catalog keeps them ({@link ReservedStock#apply}), in a
 * transaction rolled back at the end (a reset concerns every variant of the shared database).
 */
class ReservedStockTest {

  private final CatalogFixture f = CatalogFixture.get();
  private final String u = CatalogFixture.unique();

  /**
   * Redis lost the reservations: the reset takes every older total as 0 and announces it; a total
   * published after the reset stays, and one published before it but logged after it is not taken.
   */
  @Test
  void aResetTakesOlderTotalsAsZeroAndKeepsNewerOnes() {
    Product p = f.call(CatalogApi.CREATE_PRODUCT, new CreateProduct(product("reset-" + u,
      List.of(variant("RS-A-" + u, 100, 5), variant("RS-B-" + u, 100, 5), variant("RS-C-" + u, 100, 5)))));
    UUID a = p.variants().get(0).id();
    UUID b = p.variants().get(1).id();
    UUID c = p.variants().get(2).id();
    long s = System.currentTimeMillis() * 1000; // the cart's sequences are in µs
    SqlConnection tx = CatalogFixture.await(f.sql.getConnection());
    try {
      CatalogFixture.await(tx.query("BEGIN").execute());
      apply(tx, changed(new ReservedLevel(a, 2, s + 1), new ReservedLevel(b, 3, s + 1), new ReservedLevel(c, 1, s + 1)));
      apply(tx, changed(new ReservedLevel(c, 4, s + 20))); // a total published after the reset (logged before it)
      assertEquals(Map.of(a, 2, b, 3, c, 4), reserved(tx, a, b, c));
      long before = outboxPosition(tx);

      apply(tx, new ReservedStockReset(UUID.randomUUID(), Instant.now(), s + 10));
      assertEquals(Map.of(a, 0, b, 0, c, 4), reserved(tx, a, b, c), "older totals are 0, the newer one stays");
      // announced as any change of reserved totals, at the reset's sequence: caches and search take it
      Map<UUID, JsonObject> announced = announced(tx, before, p.id());
      assertEquals(0, announced.get(a).getInteger("reserved"), announced.toString());
      assertEquals(5, announced.get(a).getInteger("available"));
      assertEquals(s + 10, announced.get(a).getLong("sequence"));
      assertEquals(0, announced.get(b).getInteger("reserved"));
      assertNull(announced.get(c), "an unchanged figure is not announced");

      // a total published before the reset but logged after it is older than the reset: not taken;
      // a newer one is
      apply(tx, changed(new ReservedLevel(a, 2, s + 5), new ReservedLevel(b, 1, s + 11)));
      assertEquals(Map.of(a, 0, b, 1, c, 4), reserved(tx, a, b, c));
      // the same reset again, or an older one, changes nothing
      apply(tx, new ReservedStockReset(UUID.randomUUID(), Instant.now(), s + 10));
      apply(tx, new ReservedStockReset(UUID.randomUUID(), Instant.now(), s + 3));
      apply(tx, changed(new ReservedLevel(a, 3, s + 8)));
      assertEquals(Map.of(a, 0, b, 1, c, 4), reserved(tx, a, b, c));
    } finally {
      CatalogFixture.await(tx.query("ROLLBACK").execute());
      tx.close();
    }
  }

  private static ReservedStockChanged changed(ReservedLevel... levels) {
    return new ReservedStockChanged(UUID.randomUUID(), Instant.now(), List.of(levels));
  }

  private static void apply(SqlConnection tx, DomainEvent event) {
    CatalogFixture.await(ReservedStock.apply(tx, new LoggedEvent(1, event.eventId(), EventTypes.name(event),
      event.aggregateId(), event.version(), Instant.now(), null, "system", Json.string(event))));
  }

  private static Map<UUID, Integer> reserved(SqlConnection tx, UUID... variants) {
    var out = new HashMap<UUID, Integer>();
    for (var row : CatalogFixture.await(tx.preparedQuery(
        "SELECT v.id, coalesce(r.reserved, 0) AS reserved FROM variant v LEFT JOIN variant_reserved r ON r.variant_id = v.id "
          + "WHERE v.id = ANY($1)").execute(Tuple.of(variants)))) {
      out.put(row.getUUID("id"), row.getInteger("reserved"));
    }
    return out;
  }

  private static long outboxPosition(SqlConnection tx) {
    return CatalogFixture.await(tx.query("SELECT coalesce(max(seq), 0) FROM outbox").execute()).iterator().next().getLong(0);
  }

  /** The variants of {@code product} in the AvailabilitiesChanged written after {@code position}. */
  private static Map<UUID, JsonObject> announced(SqlConnection tx, long position, UUID product) {
    var out = new HashMap<UUID, JsonObject>();
    for (var row : CatalogFixture.await(tx.preparedQuery("SELECT payload::text AS payload FROM outbox "
        + "WHERE seq > $1 AND event_type = 'catalog.availabilities-changed' ORDER BY seq").execute(Tuple.of(position)))) {
      for (Object o : new JsonObject(row.getString("payload")).getJsonArray("products")) {
        var entry = (JsonObject) o;
        if (entry.getString("productId").equals(product.toString())) {
          for (Object v : entry.getJsonArray("variants")) {
            out.put(UUID.fromString(((JsonObject) v).getString("variantId")), (JsonObject) v);
          }
        }
      }
    }
    return out;
  }
}
