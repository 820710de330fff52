package io.kinetic.catalog;

import static io.kinetic.catalog.Inputs.product;
import static io.kinetic.catalog.Inputs.variant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.contract.catalog.AllocateStock;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.CreateProduct;
import io.kinetic.kernel.contract.catalog.GetAdminProduct;
import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.ReleaseStock;
import io.kinetic.kernel.contract.catalog.ReleaseUnits;
import io.kinetic.kernel.contract.catalog.ShipStock;
import io.kinetic.kernel.contract.catalog.StockAllocation;
import io.kinetic.kernel.contract.catalog.StockLine;
import io.kinetic.kernel.error.ErrorCode;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Orders' stock at the catalog's bus address: all or none, once per order, given back once. */
class StockAllocationTest {

  private final CatalogFixture f = CatalogFixture.get();
  private final String u = CatalogFixture.unique();

  private int onHand(Product p, int variant) {
    Product now = f.call(CatalogApi.GET_ADMIN_PRODUCT, new GetAdminProduct(p.id()));
    return now.variants().get(variant).stockOnHand();
  }

  @Test
  void anOrderTakesItsUnitsOnceAndGivesThemBackOnce() {
    Product p = f.call(CatalogApi.CREATE_PRODUCT, new CreateProduct(product("alloc-" + u,
      List.of(variant("AL-A-" + u, 100, 5), variant("AL-B-" + u, 100, 1)))));
    UUID a = p.variants().get(0).id();
    UUID b = p.variants().get(1).id();
    UUID order = UUID.randomUUID();
    var lines = List.of(new StockLine(a, 2), new StockLine(b, 1));

    StockAllocation held = f.call(CatalogApi.ALLOCATE_STOCK, new AllocateStock(order, lines));
    assertEquals(2, held.lines().size());
    f.call(CatalogApi.ALLOCATE_STOCK, new AllocateStock(order, lines)); // the same order again: nothing more
    assertEquals(3, onHand(p, 0));
    assertEquals(0, onHand(p, 1));
    // each variant's StockChanged, logged with the allocation, says its product, SKU and units left
    var logged = new java.util.HashMap<UUID, io.vertx.core.json.JsonObject>();
    for (var row : CatalogFixture.await(f.sql.preparedQuery(
        "SELECT payload::text AS payload, aggregate_id FROM outbox WHERE event_type = 'catalog.stock-changed' AND aggregate_id = $1")
      .execute(Tuple.of(p.id().toString())))) {
      var payload = new io.vertx.core.json.JsonObject(row.getString("payload"));
      assertEquals(p.id().toString(), payload.getString("productId"), payload.encode());
      logged.put(UUID.fromString(payload.getString("variantId")), payload);
    }
    assertEquals(3, logged.get(a).getInteger("onHand"), logged.toString());
    assertEquals("AL-A-" + u, logged.get(a).getString("sku"));
    assertEquals(0, logged.get(b).getInteger("onHand"), logged.toString());
    assertEquals(p.version(), logged.get(b).getLong("version"));

    // all or none: another order short of one variant takes nothing of the other
    var shortOf = f.fails(ErrorCode.OUT_OF_STOCK, CatalogApi.ALLOCATE_STOCK,
      new AllocateStock(UUID.randomUUID(), List.of(new StockLine(a, 1), new StockLine(b, 1))));
    assertEquals(0, shortOf.available());
    assertEquals(3, onHand(p, 0));

    // the same order with other lines is refused, never mixed
    f.fails(ErrorCode.VERSION_CONFLICT, CatalogApi.ALLOCATE_STOCK, new AllocateStock(order, List.of(new StockLine(a, 3))));
    f.fails(ErrorCode.VERSION_CONFLICT, CatalogApi.ALLOCATE_STOCK,
      new AllocateStock(order, List.of(new StockLine(a, 2), new StockLine(b, 1), new StockLine(UUID.randomUUID(), 1))));
    assertEquals(3, onHand(p, 0));

    StockAllocation released = f.call(CatalogApi.RELEASE_STOCK, new ReleaseStock(order));
    assertEquals(2, released.lines().size());
    StockAllocation again = f.call(CatalogApi.RELEASE_STOCK, new ReleaseStock(order));
    assertEquals(0, again.lines().size(), "released once");
    assertEquals(5, onHand(p, 0));
    assertEquals(1, onHand(p, 1));

    f.call(CatalogApi.ALLOCATE_STOCK, new AllocateStock(order, lines)); // a late payment takes them again
    assertEquals(3, onHand(p, 0));
    f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.ALLOCATE_STOCK, new AllocateStock(UUID.randomUUID(), List.of(new StockLine(a, 0))));
  }

  @Test
  void unitsComingBackStopAtTheLargestStockInsteadOfFailing() {
    // staff may set the stock to the API's maximum while an order holds units: its cancel (a release)
    // failed on an integer overflow (SQLSTATE 22003) after the order was already cancelled
    Product p = f.call(CatalogApi.CREATE_PRODUCT, new CreateProduct(product("max-" + u,
      List.of(variant("MX-A-" + u, 100, 3)))));
    UUID a = p.variants().get(0).id();
    UUID order = UUID.randomUUID();
    f.call(CatalogApi.ALLOCATE_STOCK, new AllocateStock(order, List.of(new StockLine(a, 2))));
    f.call(CatalogApi.SET_STOCK, new io.kinetic.kernel.contract.catalog.SetStock("MX-A-" + u, Integer.MAX_VALUE));

    StockAllocation released = f.call(CatalogApi.RELEASE_STOCK, new ReleaseStock(order));

    assertEquals(1, released.lines().size());
    assertEquals(Integer.MAX_VALUE, onHand(p, 0));
    var last = CatalogFixture.await(f.sql.preparedQuery("""
        SELECT payload::text AS payload FROM outbox WHERE event_type = 'catalog.stock-changed' AND aggregate_id = $1
        ORDER BY seq DESC LIMIT 1""").execute(Tuple.of(p.id().toString()))).iterator().next();
    assertEquals(Integer.MAX_VALUE, new io.vertx.core.json.JsonObject(last.getString("payload")).getInteger("onHand"),
      "the event says the stock as stored, not an overflowed figure");
    assertEquals(Integer.MAX_VALUE, StockAllocations.onHandAfter(Integer.MAX_VALUE - 1, 5));
    assertEquals(3, StockAllocations.onHandAfter(5, -2));
  }

  @Test
  void unitsThatWillNeverShipGoBackOncePerSourceAndAreNotReleasedAgain() {
    Product p = f.call(CatalogApi.CREATE_PRODUCT, new CreateProduct(product("units-" + u,
      List.of(variant("UN-A-" + u, 100, 10)))));
    UUID a = p.variants().get(0).id();
    UUID order = UUID.randomUUID();
    f.call(CatalogApi.ALLOCATE_STOCK, new AllocateStock(order, List.of(new StockLine(a, 4))));
    f.call(CatalogApi.SHIP_STOCK, new ShipStock(order, UUID.randomUUID(), List.of(new StockLine(a, 1))));
    assertEquals(6, onHand(p, 0));

    UUID refund = UUID.randomUUID();
    StockAllocation freed = f.call(CatalogApi.RELEASE_UNITS, new ReleaseUnits(order, refund, List.of(new StockLine(a, 2))));
    assertEquals(List.of(new StockLine(a, 2)), freed.lines());
    StockAllocation again = f.call(CatalogApi.RELEASE_UNITS, new ReleaseUnits(order, refund, List.of(new StockLine(a, 2))));
    assertEquals(0, again.lines().size(), "once per source");
    assertEquals(8, onHand(p, 0));
    // the allocation holds one unit unshipped now: neither two more released nor two shipped
    f.fails(ErrorCode.QUANTITY_EXCEEDS_REMAINING, CatalogApi.RELEASE_UNITS,
      new ReleaseUnits(order, UUID.randomUUID(), List.of(new StockLine(a, 2))));
    f.fails(ErrorCode.QUANTITY_EXCEEDS_REMAINING, CatalogApi.SHIP_STOCK,
      new ShipStock(order, UUID.randomUUID(), List.of(new StockLine(a, 2))));
    assertEquals(8, onHand(p, 0));
    // the order's release gives back only what it still holds
    StockAllocation rest = f.call(CatalogApi.RELEASE_STOCK, new ReleaseStock(order));
    assertEquals(List.of(new StockLine(a, 1)), rest.lines());
    assertEquals(9, onHand(p, 0));
    // all of a line that will never ship
    UUID other = UUID.randomUUID();
    f.call(CatalogApi.ALLOCATE_STOCK, new AllocateStock(other, List.of(new StockLine(a, 3))));
    f.call(CatalogApi.RELEASE_UNITS, new ReleaseUnits(other, UUID.randomUUID(), List.of(new StockLine(a, 3))));
    assertEquals(9, onHand(p, 0));
    StockAllocation none = f.call(CatalogApi.RELEASE_STOCK, new ReleaseStock(other));
    assertEquals(0, none.lines().size());
    assertEquals(9, onHand(p, 0));
  }

  @Test
  void anOrderHoldingAnAllocationTakesNoOtherVariant() {
    Product p = f.call(CatalogApi.CREATE_PRODUCT, new CreateProduct(product("alloc-mix-" + u,
      List.of(variant("AL-M1-" + u, 100, 5), variant("AL-M2-" + u, 100, 5)))));
    UUID order = UUID.randomUUID();
    f.call(CatalogApi.ALLOCATE_STOCK, new AllocateStock(order, List.of(new StockLine(p.variants().get(0).id(), 1))));
    f.fails(ErrorCode.VERSION_CONFLICT, CatalogApi.ALLOCATE_STOCK,
      new AllocateStock(order, List.of(new StockLine(p.variants().get(1).id(), 1))));
    assertEquals(4, onHand(p, 0));
    assertEquals(5, onHand(p, 1), "a second, disjoint allocation of the same order takes nothing");
  }

  /**
   * The carts' reserved totals are written by their consumer in transactions of many events; an
   * order's allocation of the same variant must not queue behind one (they used to share the
   * variant's row lock, and checkouts waited for the consumer's commits).
   */
  @Test
  void anAllocationDoesNotWaitForTheReservedTotalsWriter() {
    Product p = f.call(CatalogApi.CREATE_PRODUCT, new CreateProduct(product("alloc-busy-" + u,
      List.of(variant("AL-R-" + u, 100, 5)))));
    UUID a = p.variants().get(0).id();
    var writer = CatalogFixture.await(f.sql.getConnection());
    try {
      CatalogFixture.await(writer.query("BEGIN").execute());
      CatalogFixture.await(writer.preparedQuery(CatalogSql.SET_RESERVED)
        .execute(Tuple.of(new UUID[] {a}, new Integer[] {2}, new Long[] {1L})));
      long started = System.nanoTime();
      f.call(CatalogApi.ALLOCATE_STOCK, new AllocateStock(UUID.randomUUID(), List.of(new StockLine(a, 1))));
      long millis = (System.nanoTime() - started) / 1_000_000;
      assertTrue(millis < 5_000, "the allocation waited " + millis + " ms for the writer");
      assertEquals(4, onHand(p, 0));
    } finally {
      CatalogFixture.await(writer.query("ROLLBACK").execute());
      writer.close();
    }
  }
}
