package io.kinetic.catalog;

import static io.kinetic.catalog.Inputs.product;
import static io.kinetic.catalog.Inputs.variant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.catalog.AttributeInput;
import io.kinetic.kernel.contract.catalog.AttributeType;
import io.kinetic.kernel.contract.catalog.CreateProduct;
import io.kinetic.kernel.contract.catalog.DefineAttribute;
import io.kinetic.kernel.contract.catalog.DeleteAttribute;
import io.kinetic.kernel.contract.catalog.ExportProducts;
import io.kinetic.kernel.contract.catalog.PriceChanged;
import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.ProductExport;
import io.kinetic.kernel.contract.catalog.SetPrice;
import io.kinetic.kernel.contract.catalog.SetStock;
import io.kinetic.kernel.contract.catalog.StockChanged;
import io.kinetic.kernel.contract.log.LogApi;
import io.kinetic.kernel.contract.log.LogBatch;
import io.kinetic.kernel.contract.log.LoggedEvent;
import io.kinetic.kernel.contract.log.ReadLog;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.money.Money;
import io.kinetic.kernel.testing.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The catalog's event log as a consumer meets it over the bus: events carry their product's id
 * and version, and the export plus the log after the export's position rebuild the current state.
 */
class EventLogExportTest {

  private final CatalogFixture f = CatalogFixture.get();
  private final String u = CatalogFixture.unique();

  @Test
  void priceAndStockEventsCarryTheProductsIdAndVersion() {
    Product p = f.call(CatalogApi.CREATE_PRODUCT, new CreateProduct(product("logv-" + u, List.of(variant("LV-" + u, 100, 1)))));
    long from = head();
    Product priced = f.call(CatalogApi.SET_PRICE, new SetPrice("LV-" + u, Money.of(250, "EUR")));
    Product stocked = f.call(CatalogApi.SET_STOCK, new SetStock("LV-" + u, 9));

    // the creation may enter the log after this read of the head: the log lags the commit by a relay pass
    List<LoggedEvent> mine = eventsAbout(p.id(), from, "catalog.stock-changed").stream().filter(e -> !e.type().equals("catalog.product-created"))
      .toList();
    assertEquals("catalog.price-changed", mine.get(0).type());
    assertEquals(priced.version(), mine.get(0).version());
    assertEquals(priced.version(), ((PriceChanged) mine.get(0).event()).version());
    assertEquals("catalog.stock-changed", mine.get(1).type());
    assertEquals(stocked.version(), ((StockChanged) mine.get(1).event()).version());
    assertEquals(p.id().toString(), mine.get(1).aggregateId());
    assertTrue(mine.get(0).position() < mine.get(1).position(), "log order is commit order");
  }

  @Test
  void theExportAndTheLogAfterItsPositionGiveTheCurrentState() {
    Product p = f.call(CatalogApi.CREATE_PRODUCT, new CreateProduct(product("export-" + u, List.of(variant("EX-" + u, 100, 1)))));
    ProductExport first = f.call(CatalogApi.EXPORT_PRODUCTS, new ExportProducts(null, 500));
    long position = first.logPosition();
    Product exported = null;
    int pages = 0;
    for (ProductExport page = first; ; page = f.call(CatalogApi.EXPORT_PRODUCTS, new ExportProducts(page.next(), 500))) {
      pages++;
      for (Product item : page.items()) {
        if (item.id().equals(p.id())) {
          exported = item;
        }
      }
      if (page.next() == null) {
        break;
      }
    }
    assertNotNull(exported, "the export holds every product (" + pages + " pages)");
    Product changed = f.call(CatalogApi.SET_PRICE, new SetPrice("EX-" + u, Money.of(990, "EUR")));

    long current = exported.version();
    for (LoggedEvent e : eventsAbout(p.id(), position, "catalog.price-changed")) {
      if (e.version() > current) {
        current = e.version();
      }
    }
    assertEquals(changed.version(), current, "exported state + newer events = the current version");
  }

  @Test
  void anAttributeCodeDefinedAgainAfterItsDeletionKeepsGrowingVersions() {
    String code = "ver_" + u;
    long from = head();
    var input = new AttributeInput(code, AttributeType.TEXT, null, null, Map.of("en", "Version"));
    f.call(CatalogApi.DEFINE_ATTRIBUTE, new DefineAttribute(input));
    f.call(CatalogApi.DEFINE_ATTRIBUTE, new DefineAttribute(input));
    f.call(CatalogApi.DELETE_ATTRIBUTE, new DeleteAttribute(code));
    f.call(CatalogApi.DEFINE_ATTRIBUTE, new DefineAttribute(input));
    var found = new ArrayList<LoggedEvent>();
    Eventually.until("four attribute events in the log", Duration.ofSeconds(10), () -> {
      found.clear();
      LogBatch batch = CatalogFixture.await(f.bus.request(LogApi.read("catalog"),
        new ReadLog("attribute-versions-" + u, from, 1000, 0, null), Caller.SYSTEM));
      batch.events().stream().filter(e -> ("attribute:" + code).equals(e.aggregateId())).forEach(found::add);
      return found.size() >= 4;
    });
    assertEquals(List.of(1L, 2L, 3L, 4L), found.stream().map(LoggedEvent::version).toList(),
      "a consumer that skips stale versions must not take the new definition for an old event");
  }

  @Test
  void anExportPageOutsideItsBoundsIsRefused() {
    assertEquals(ErrorCode.VALIDATION_FAILED, f.failure(CatalogApi.EXPORT_PRODUCTS, new ExportProducts(null, 501)).errorCode());
  }

  private long head() {
    return f.<ProductExport>call(CatalogApi.EXPORT_PRODUCTS, new ExportProducts(null, 1)).logPosition();
  }

  /** The logged events about {@code product} after {@code from}, once one of type {@code last} is there. */
  private List<LoggedEvent> eventsAbout(UUID product, long from, String last) {
    var found = new ArrayList<LoggedEvent>();
    Eventually.until("events about " + product + " in the log", Duration.ofSeconds(10), () -> {
      found.clear();
      LogBatch batch = CatalogFixture.await(f.bus.request(LogApi.read("catalog"),
        new ReadLog("export-test-" + u, from, 1000, 0, null), Caller.SYSTEM));
      batch.events().stream().filter(e -> product.toString().equals(e.aggregateId())).forEach(found::add);
      return found.stream().anyMatch(e -> e.type().equals(last));
    });
    return found;
  }
}
