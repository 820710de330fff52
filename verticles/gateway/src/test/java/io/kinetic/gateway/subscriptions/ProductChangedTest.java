package io.kinetic.gateway.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.gateway.GatewayFixture;
import io.kinetic.gateway.Samples;
import io.kinetic.kernel.contract.catalog.AvailabilitiesChanged;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.ProductAvailability;
import io.kinetic.kernel.contract.catalog.VariantAvailability;
import io.kinetic.kernel.contract.catalog.CategoryList;
import io.kinetic.kernel.contract.catalog.GetProduct;
import io.kinetic.kernel.contract.catalog.ListCategories;
import io.kinetic.kernel.contract.catalog.PriceChanged;
import io.kinetic.kernel.contract.catalog.ProductDeleted;
import io.kinetic.kernel.contract.catalog.ProductUpdated;
import io.kinetic.kernel.contract.catalog.ProductView;
import io.kinetic.kernel.contract.catalog.StockChanged;
import io.kinetic.kernel.contract.catalog.Variant;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.id.Ids;
import io.kinetic.kernel.money.Money;
import io.kinetic.kernel.testing.Eventually;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code Subscription.productChanged} against a fake catalog: the catalog's events for the product
 * (published on the bus as its relay does) send the product as the shop reads it then; other
 * products' events send nothing; bursts are coalesced; unpublishing, publishing again and deleting
 * are said; completing (either side) frees the event-bus consumers.
 */
class ProductChangedTest {

  static final String SUBSCRIPTION = """
    subscription($id: ID!) { productChanged(id: $id) {
      id state product { id version variants { sku available price(currency: "EUR") { amount } } categories { name } }
    } }""";
  private static final Duration QUIET = Duration.ofMillis(400);
  private static GatewayFixture gw;
  /** The fake catalog's published products. */
  private static final Map<UUID, ProductView> PUBLISHED = new ConcurrentHashMap<>();
  /** Products whose next reads answer an older view, as a node whose catalog cache lags behind the event. */
  private static final Map<UUID, Lag> LAGGING = new ConcurrentHashMap<>();

  record Lag(ProductView older, AtomicInteger reads) {
  }
  private static final UUID CATEGORY = UUID.randomUUID();
  private static volatile String categoryName = "Shirts";

  @BeforeAll
  static void start() throws Exception {
    gw = GatewayFixture.start();
    gw.bus.<GetProduct>on(CatalogApi.GET_PRODUCT, q -> {
      Lag lag = LAGGING.get(q.id());
      if (lag != null && lag.reads().getAndDecrement() > 0) {
        return lag.older();
      }
      ProductView view = PUBLISHED.get(q.id());
      return view != null ? view : ErrorCode.PRODUCT_NOT_FOUND.failure("no such product");
    });
    gw.bus.<ListCategories>on(CatalogApi.LIST_CATEGORIES, q -> new CategoryList(List.of(Samples.category(CATEGORY, categoryName))));
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  @Test
  void aPriceOrStockChangeSendsTheProductAsTheShopSeesItAndOtherProductsSendNothing() throws Exception {
    UUID id = publish(UUID.randomUUID(), 3, 3999, 12);
    UUID other = publish(UUID.randomUUID(), 3, 1000, 1);
    try (var client = GraphQlWsClient.connect(gw.vertx, gw.port).initAndAck(null)) {
      subscribe(client, "p", id);

      publish(id, 4, 4500, 12);
      gw.vertx.eventBus().publish(CatalogApi.Events.PRICE_CHANGED, priceChanged(id, 4500, 4));
      JsonObject change = payload(client.expect("next", "p"));
      assertEquals("AVAILABLE", change.getString("state"));
      assertEquals(id.toString(), change.getString("id"));
      JsonObject product = change.getJsonObject("product");
      assertEquals(4, product.getInteger("version"));
      JsonObject variant = product.getJsonArray("variants").getJsonObject(0);
      assertEquals(4500, variant.getJsonObject("price").getInteger("amount"));
      assertEquals("Shirts", product.getJsonArray("categories").getJsonObject(0).getString("name"),
        "the DataLoader of Product.categories works in subscriptions");

      publish(other, 4, 1100, 1);
      gw.vertx.eventBus().publish(CatalogApi.Events.PRICE_CHANGED, priceChanged(other, 1100, 4));
      gw.vertx.eventBus().publish(CatalogApi.Events.STOCK_CHANGED, stockChanged(other, 0, 5));
      assertNull(client.poll(QUIET), "another product's changes are not sent");

      categoryName = "Tops";
      publish(id, 5, 4500, 7);
      gw.vertx.eventBus().publish(CatalogApi.Events.STOCK_CHANGED, stockChanged(id, 7, 5));
      JsonObject stock = payload(client.expect("next", "p"));
      assertEquals(7, stock.getJsonObject("product").getJsonArray("variants").getJsonObject(0).getInteger("available"));
      assertEquals("Tops", stock.getJsonObject("product").getJsonArray("categories").getJsonObject(0).getString("name"),
        "each event loads afresh: the DataLoader keeps nothing from the one before");
    }
  }

  @Test
  void oneAvailabilityEventForManyProductsSendsEachSubscribedProductAndNoOther() throws Exception {
    UUID id = publish(UUID.randomUUID(), 3, 2000, 10);
    UUID other = publish(UUID.randomUUID(), 3, 1000, 10);
    try (var client = GraphQlWsClient.connect(gw.vertx, gw.port).initAndAck(null)) {
      client.send(new JsonObject().put("id", "a").put("type", "subscribe").put("payload", new JsonObject()
        .put("query", "subscription($id: ID!) { productChanged(id: $id) { id product { version variants { available } } } }")
        .put("variables", new JsonObject().put("id", id.toString()))));
      assertNull(client.poll(QUIET), "nothing before a change");

      // carts reserved 4 units of the other product only: nothing to say here
      available(other, 3, 10, 6);
      gw.vertx.eventBus().publish(CatalogApi.Events.AVAILABILITIES_CHANGED, availabilities(other));
      assertNull(client.poll(QUIET), "another product's availability is not sent");

      // one event naming both: this product's new figure is sent, at its unchanged version
      available(id, 3, 10, 7);
      available(other, 3, 10, 5);
      gw.vertx.eventBus().publish(CatalogApi.Events.AVAILABILITIES_CHANGED, availabilities(other, id));
      JsonObject change = payload(client.expect("next", "a"));
      assertEquals(id.toString(), change.getString("id"));
      assertEquals(3, change.getJsonObject("product").getInteger("version"));
      assertEquals(7, change.getJsonObject("product").getJsonArray("variants").getJsonObject(0).getInteger("available"));
      assertNull(client.poll(QUIET), "said once");
    }
  }

  /** The product as the catalog answers it when carts hold {@code stock - available} units. */
  static void available(UUID id, long version, int stock, int available) {
    ProductView view = PUBLISHED.get(id);
    Variant v = view.variants().get(0);
    PUBLISHED.put(id, new ProductView(id, view.slug(), view.status(), view.locale(), view.name(), view.description(),
      view.categoryIds(), view.attributes(), view.media(), view.seo(),
      List.of(new Variant(v.id(), v.sku(), v.options(), v.prices(), stock, available)), view.createdAt(), Instant.now(), version));
  }

  /** What the catalog publishes when a batch of reserved totals moved these products' figures. */
  static AvailabilitiesChanged availabilities(UUID... ids) {
    var products = new ArrayList<ProductAvailability>();
    for (UUID id : ids) {
      ProductView view = PUBLISHED.get(id);
      Variant v = view.variants().get(0);
      products.add(new ProductAvailability(id, List.of(new VariantAvailability(v.id(), v.available(), System.nanoTime(), null)),
        view.version()));
    }
    return new AvailabilitiesChanged(Ids.newId(), Instant.now(), products);
  }

  @Test
  void aBurstOfEventsIsSentAsTheLatestStateAtMostOncePerWindow() throws Exception {
    UUID id = publish(UUID.randomUUID(), 1, 2000, 100);
    try (var client = GraphQlWsClient.connect(gw.vertx, gw.port).initAndAck(null)) {
      subscribe(client, "burst", id);
      // twenty changes in one go, as a bulk import makes them
      gw.vertx.runOnContext(v -> {
        for (int stock = 99, version = 2; stock >= 80; stock--, version++) {
          publish(id, version, 2000, stock);
          gw.vertx.eventBus().publish(CatalogApi.Events.STOCK_CHANGED, stockChanged(id, stock, version));
        }
      });
      var sent = new ArrayList<JsonObject>();
      JsonObject message;
      while ((message = client.poll(QUIET)) != null) {
        sent.add(payload(message));
      }
      assertTrue(!sent.isEmpty() && sent.size() <= 3, "twenty events, at most a few messages: " + sent);
      JsonObject last = sent.get(sent.size() - 1).getJsonObject("product");
      assertEquals(21, last.getInteger("version"));
      assertEquals(80, last.getJsonArray("variants").getJsonObject(0).getInteger("available"));
    }
  }

  @Test
  void unpublishingAndPublishingAgainAreSaidAndDeletingIsTheLastMessage() throws Exception {
    UUID id = publish(UUID.randomUUID(), 1, 2000, 3);
    try (var client = GraphQlWsClient.connect(gw.vertx, gw.port).initAndAck(null)) {
      subscribe(client, "life", id);

      PUBLISHED.remove(id);
      gw.vertx.eventBus().publish(CatalogApi.Events.PRODUCT_UPDATED, updated(id, 2));
      JsonObject unpublished = payload(client.expect("next", "life"));
      assertEquals("UNAVAILABLE", unpublished.getString("state"));
      assertNull(unpublished.getValue("product"));

      gw.vertx.eventBus().publish(CatalogApi.Events.STOCK_CHANGED, stockChanged(id, 2, 3));
      assertNull(client.poll(QUIET), "still unavailable: nothing new to say");

      publish(id, 4, 2000, 2);
      gw.vertx.eventBus().publish(CatalogApi.Events.PRODUCT_UPDATED, updated(id, 4));
      JsonObject again = payload(client.expect("next", "life"));
      assertEquals("AVAILABLE", again.getString("state"));
      assertEquals(4, again.getJsonObject("product").getInteger("version"));

      PUBLISHED.remove(id);
      gw.vertx.eventBus().publish(CatalogApi.Events.PRODUCT_DELETED, new ProductDeleted(Ids.newId(), Instant.now(), id, "s", 5));
      assertEquals("DELETED", payload(client.expect("next", "life")).getString("state"));
      client.expect("complete", "life");
      awaitNoConsumers();
    }
  }

  @Test
  void completingASubscriptionStopsItsMessagesAndFreesTheEventBusConsumers() throws Exception {
    UUID id = publish(UUID.randomUUID(), 1, 2000, 3);
    LiveStats stats = LiveStats.of(gw.vertx);
    try (var client = GraphQlWsClient.connect(gw.vertx, gw.port).initAndAck(null)) {
      subscribe(client, "a", id);
      subscribe(client, "b", id);
      assertEquals(1, stats.consumers(CatalogApi.Events.PRICE_CHANGED), "one consumer per address and gateway instance");

      client.complete("a");
      publish(id, 2, 2100, 3);
      gw.vertx.eventBus().publish(CatalogApi.Events.PRICE_CHANGED, priceChanged(id, 2100, 2));
      client.expect("next", "b");
      assertNull(client.poll(QUIET), "nothing more: 'a' was completed");
      assertEquals(1, stats.consumers(CatalogApi.Events.PRICE_CHANGED), "'b' still listens");

      client.complete("b");
      awaitNoConsumers();
      publish(id, 3, 2200, 3);
      gw.vertx.eventBus().publish(CatalogApi.Events.PRICE_CHANGED, priceChanged(id, 2200, 3));
      assertNull(client.poll(QUIET));

      subscribe(client, "a", id);
      client.send(new JsonObject().put("type", "ping"));
      assertEquals("pong", client.next().getString("type"));
    }
    Eventually.until("closing the socket ends its subscriptions", () -> stats.operations() == 0);
    awaitNoConsumers();
  }

  @Test
  void subscribingToAProductTheShopCannotSeeIsAnError() throws Exception {
    try (var client = GraphQlWsClient.connect(gw.vertx, gw.port).initAndAck(null)) {
      client.subscribe("missing", SUBSCRIPTION, new JsonObject().put("id", UUID.randomUUID().toString()));
      JsonObject error = client.expect("error", "missing");
      assertEquals("PRODUCT_NOT_FOUND", error.getJsonArray("payload").getJsonObject(0).getJsonObject("extensions").getString("code"));

      client.subscribe("bad", SUBSCRIPTION, new JsonObject().put("id", "not-a-uuid"));
      JsonObject bad = client.expect("error", "bad");
      assertEquals("VALIDATION_FAILED", bad.getJsonArray("payload").getJsonObject(0).getJsonObject("extensions").getString("code"));
      assertEquals(0, LiveStats.of(gw.vertx).consumers(CatalogApi.Events.PRICE_CHANGED));
    }
  }

  /** A change that reached this node before its catalog caught up (the write was elsewhere) is read again. */
  @Test
  void aReadOlderThanTheEventIsRepeatedUntilTheCatalogCaughtUp() throws Exception {
    UUID id = publish(UUID.randomUUID(), 1, 2000, 3);
    try (var client = GraphQlWsClient.connect(gw.vertx, gw.port).initAndAck(null)) {
      subscribe(client, "lag", id);
      int reads = gw.bus.count(CatalogApi.GET_PRODUCT);
      ProductView older = PUBLISHED.get(publish(id, 2, 2000, 3));
      LAGGING.put(id, new Lag(older, new AtomicInteger(3)));
      publish(id, 3, 2500, 3);
      gw.vertx.eventBus().publish(CatalogApi.Events.PRICE_CHANGED, priceChanged(id, 2500, 3));
      JsonObject change = payload(client.expect("next", "lag"));
      assertEquals(3, change.getJsonObject("product").getInteger("version"), "not the older version 2");
      assertEquals(4, gw.bus.count(CatalogApi.GET_PRODUCT) - reads, "three stale reads, then the current one");
      assertNull(client.poll(QUIET), "the older version is never sent");
    }
  }

  @Test
  void twoSubscribersOfOneProductEachGetTheirOwnAndOnlyTheirs() throws Exception {
    UUID first = publish(UUID.randomUUID(), 1, 1000, 3);
    UUID second = publish(UUID.randomUUID(), 1, 2000, 3);
    try (var one = GraphQlWsClient.connect(gw.vertx, gw.port).initAndAck(null);
         var two = GraphQlWsClient.connect(gw.vertx, gw.port).initAndAck(null)) {
      subscribe(one, "x", first);
      subscribe(two, "x", second);
      subscribe(two, "y", first);
      publish(first, 2, 1100, 3);
      gw.vertx.eventBus().publish(CatalogApi.Events.PRICE_CHANGED, priceChanged(first, 1100, 2));
      assertEquals(first.toString(), payload(one.expect("next", "x")).getString("id"));
      assertEquals(first.toString(), payload(two.expect("next", "y")).getString("id"));
      assertNull(one.poll(QUIET));
      assertNull(two.poll(Duration.ofMillis(50)));
    }
  }

  // ---- helpers

  /** Subscribes to {@code product} and waits until the subscription listens to the catalog's events. */
  static void subscribe(GraphQlWsClient client, String id, UUID product) {
    int before = LiveStats.of(gw.vertx).streams();
    client.subscribe(id, SUBSCRIPTION, new JsonObject().put("id", product.toString()));
    Eventually.until("the subscription listens", () -> LiveStats.of(gw.vertx).streams() == before + 1);
  }

  private static void awaitNoConsumers() {
    LiveStats stats = LiveStats.of(gw.vertx);
    Eventually.until("no live consumer is left", () -> ProductChangesEvents.ALL.stream().allMatch(a -> stats.consumers(a) == 0));
  }

  private static JsonObject payload(JsonObject next) {
    return next.getJsonObject("payload").getJsonObject("data").getJsonObject("productChanged");
  }

  static UUID publish(UUID id, long version, long euroCents, int stock) {
    ProductView base = Samples.view(id, "p-" + id, "en", List.of(CATEGORY));
    var variant = new Variant(UUID.nameUUIDFromBytes(id.toString().getBytes()), "SKU-" + id.toString().substring(0, 8),
      Map.of("size", "M"), List.of(Money.of(euroCents, "EUR")), stock, stock);
    PUBLISHED.put(id, new ProductView(id, base.slug(), base.status(), base.locale(), base.name(), base.description(),
      base.categoryIds(), base.attributes(), base.media(), base.seo(), List.of(variant), base.createdAt(), Instant.now(), version));
    return id;
  }

  static PriceChanged priceChanged(UUID id, long amount, long version) {
    return new PriceChanged(Ids.newId(), Instant.now(), id, UUID.randomUUID(), "SKU", Money.of(amount, "EUR"), version);
  }

  static StockChanged stockChanged(UUID id, int onHand, long version) {
    return new StockChanged(Ids.newId(), Instant.now(), id, UUID.randomUUID(), "SKU", onHand, version, null);
  }

  static ProductUpdated updated(UUID id, long version) {
    return new ProductUpdated(Ids.newId(), Instant.now(), id, "p-" + id, "p-" + id, version);
  }

  /** The addresses productChanged listens on. */
  static final class ProductChangesEvents {
    static final List<String> ALL = List.of(CatalogApi.Events.PRODUCT_UPDATED, CatalogApi.Events.PRICE_CHANGED,
      CatalogApi.Events.STOCK_CHANGED, CatalogApi.Events.PRODUCT_DELETED);
  }
}
