package io.kinetic.catalog;

import static io.kinetic.catalog.Inputs.product;
import static io.kinetic.catalog.Inputs.variant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.bus.Headers;
import io.kinetic.kernel.contract.catalog.AttributeChanged;
import io.kinetic.kernel.contract.catalog.AttributeInput;
import io.kinetic.kernel.contract.catalog.AttributeList;
import io.kinetic.kernel.contract.catalog.AttributeType;
import io.kinetic.kernel.contract.catalog.CatalogEvent;
import io.kinetic.kernel.contract.catalog.DefineAttribute;
import io.kinetic.kernel.contract.catalog.DeleteAttribute;
import io.kinetic.kernel.contract.catalog.ListAttributes;
import io.kinetic.kernel.contract.catalog.CreateProduct;
import io.kinetic.kernel.contract.catalog.DeleteProduct;
import io.kinetic.kernel.contract.catalog.PriceChanged;
import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.ProductCreated;
import io.kinetic.kernel.contract.catalog.ProductDeleted;
import io.kinetic.kernel.contract.catalog.SetPrice;
import io.kinetic.kernel.contract.catalog.SetStock;
import io.kinetic.kernel.contract.catalog.StockChanged;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.id.Ids;
import io.kinetic.kernel.money.Money;
import io.kinetic.kernel.testing.Eventually;
import java.time.Instant;
import java.util.Map;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Events leave through the outbox after commit, once each; a rolled-back write leaves none. Each
 * test waits for the events it expects, and for the event of a last write before counting, never a fixed time.
 */
class EventsTest {

  private final CatalogFixture f = CatalogFixture.get();
  private final String u = CatalogFixture.unique();
  private final List<CatalogEvent> events = new CopyOnWriteArrayList<>();
  private final ConcurrentHashMap<String, String> eventIdHeaders = new ConcurrentHashMap<>();
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();

  @AfterEach
  void unregister() {
    consumers.forEach(c -> CatalogFixture.await(c.unregister()));
  }

  @Test
  void setPriceAndSetStockPublishExactlyOnce() throws Exception {
    listen(CatalogApi.Events.PRICE_CHANGED, CatalogApi.Events.STOCK_CHANGED);
    Product p = f.call(CatalogApi.CREATE_PRODUCT, new CreateProduct(product("events-" + u, List.of(variant("EV-" + u, 100, 1)))));
    Product priced = f.call(CatalogApi.SET_PRICE, new SetPrice("EV-" + u, Money.of(1999, "USD")));
    assertEquals(Money.of(1999, "USD"), priced.variants().get(0).price("USD"));
    assertEquals(Money.of(100, "EUR"), priced.variants().get(0).price("EUR"));
    Product stocked = f.call(CatalogApi.SET_STOCK, new SetStock("EV-" + u, 42));
    assertEquals(42, stocked.variants().get(0).stockOnHand());
    assertEquals(p.version() + 2, stocked.version());
    f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.SET_STOCK, new SetStock("EV-" + u, -1));
    f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.SET_PRICE, new SetPrice("EV-" + u, Money.of(-5, "EUR")));
    f.fails(ErrorCode.VARIANT_NOT_FOUND, CatalogApi.SET_PRICE, new SetPrice("NOPE-" + u, Money.of(5, "EUR")));
    f.fails(ErrorCode.VARIANT_NOT_FOUND, CatalogApi.SET_STOCK, new SetStock("NOPE-" + u, 5));
    // a last write whose event marks the end: the writes above were committed (or refused) before it
    f.call(CatalogApi.SET_STOCK, new SetStock("EV-" + u, 43));
    Eventually.until("the last write's event", () -> events.stream()
      .anyMatch(e -> e instanceof StockChanged s && s.productId().equals(p.id()) && s.onHand() == 43));
    Eventually.until("the events of the first two writes", () -> events.stream()
      .filter(e -> p.id().equals(e.productId())).count() >= 3);

    List<CatalogEvent> mine = events.stream()
      .filter(e -> p.id().equals(e.productId()) && !(e instanceof StockChanged s && s.onHand() == 43)).toList();
    assertEquals(2, mine.size(), () -> "one event per successful write, none for a refused one: " + mine);
    assertEquals(2, mine.stream().map(CatalogEvent::eventId).distinct().count());
    PriceChanged price = (PriceChanged) mine.stream().filter(e -> e instanceof PriceChanged).findFirst().orElseThrow();
    assertEquals(Money.of(1999, "USD"), price.price());
    assertEquals("EV-" + u, price.sku());
    StockChanged stock = (StockChanged) mine.stream().filter(e -> e instanceof StockChanged).findFirst().orElseThrow();
    assertEquals(42, stock.onHand());
    assertEquals(p.variants().get(0).id(), stock.variantId());
    mine.forEach(e -> assertEquals(e.eventId().toString(), eventIdHeaders.get(e.eventId().toString())));
  }

  @Test
  void aRolledBackWritePublishesNothing() throws Exception {
    listen(CatalogApi.Events.PRODUCT_CREATED, CatalogApi.Events.PRODUCT_DELETED);
    Product first = f.call(CatalogApi.CREATE_PRODUCT, new CreateProduct(product("rollback-" + u, List.of(variant("RB-" + u, 100, 1)))));
    f.fails(ErrorCode.SKU_TAKEN, CatalogApi.CREATE_PRODUCT,
      new CreateProduct(product("rollback-other-" + u, List.of(variant("RB-" + u, 100, 1)))));
    f.fails(ErrorCode.SLUG_TAKEN, CatalogApi.CREATE_PRODUCT,
      new CreateProduct(product("rollback-" + u, List.of(variant("RB2-" + u, 100, 1)))));
    // the delete's event marks the end: the refused creates happened before it
    f.call(CatalogApi.DELETE_PRODUCT, new DeleteProduct(first.id()));
    Eventually.until("the delete's event", () -> events.stream()
      .anyMatch(e -> e instanceof ProductDeleted d && d.productId().equals(first.id())));
    Eventually.until("the committed create's event", () -> events.stream()
      .anyMatch(e -> e instanceof ProductCreated c && c.productId().equals(first.id())));

    List<CatalogEvent> created = events.stream()
      .filter(e -> e instanceof ProductCreated c && c.slug().startsWith("rollback-") && c.slug().endsWith(u)).toList();
    assertEquals(1, created.size(), () -> "only the committed create is published: " + created);
    assertEquals(first.id(), created.get(0).productId());
    assertTrue(events.stream().anyMatch(e -> e instanceof ProductDeleted d && d.productId().equals(first.id())));
    UUID otherId = events.stream().filter(e -> e instanceof ProductCreated c && c.slug().equals("rollback-other-" + u))
      .map(CatalogEvent::productId).findFirst().orElse(null);
    assertEquals(null, otherId);
  }

  @Test
  void attributeWritesPublishTheirEventAndAnotherNodesEventReloadsTheDefinitions() throws Exception {
    listen(CatalogApi.Events.ATTRIBUTE_CHANGED);
    String code = "ev_" + u;
    f.call(CatalogApi.DEFINE_ATTRIBUTE, new DefineAttribute(new AttributeInput(code, AttributeType.TEXT, null, null,
      Map.of("en", "Event test"))));
    f.call(CatalogApi.DELETE_ATTRIBUTE, new DeleteAttribute(code));
    List<AttributeChanged> mine = Eventually.value("both attribute events",
      () -> events.stream().filter(e -> e instanceof AttributeChanged a && a.code().equals(code))
        .map(AttributeChanged.class::cast).toList(), list -> list.size() >= 2);
    assertEquals(List.of(false, true), mine.stream().map(AttributeChanged::deleted).toList());

    // a definition written by another node becomes visible here when that node's event arrives
    String remote = "remote_" + u;
    CatalogFixture.await(f.sql.preparedQuery("INSERT INTO attribute (code, type, names) VALUES ($1, 'BOOLEAN', $2::text::jsonb)")
      .execute(io.vertx.sqlclient.Tuple.of(remote, "{\"en\":\"Remote\"}")));
    f.vertx.eventBus().publish(CatalogApi.Events.ATTRIBUTE_CHANGED, new AttributeChanged(Ids.newId(), Instant.now(), remote, false, 1));
    Eventually.until("the definitions reloaded on the event", () -> f.<AttributeList>call(CatalogApi.LIST_ATTRIBUTES,
      new ListAttributes("en")).items().stream().anyMatch(a -> a.code().equals(remote)));
    f.call(CatalogApi.DELETE_ATTRIBUTE, new DeleteAttribute(remote));
  }

  private void listen(String... addresses) {
    for (String address : addresses) {
      MessageConsumer<CatalogEvent> consumer = f.vertx.eventBus().consumer(address, m -> {
        events.add(m.body());
        eventIdHeaders.put(m.headers().get(Headers.EVENT_ID), m.body().eventId().toString());
      });
      CatalogFixture.await(consumer.completion());
      consumers.add(consumer);
    }
  }
}
