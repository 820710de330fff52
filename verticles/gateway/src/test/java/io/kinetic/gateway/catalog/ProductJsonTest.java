package io.kinetic.gateway.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.kinetic.gateway.Samples;
import io.kinetic.kernel.contract.catalog.ProductCard;
import io.kinetic.kernel.contract.catalog.ProductPage;
import io.kinetic.kernel.json.Json;
import java.util.List;
import java.util.UUID;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reused product JSON is byte for byte what Jackson writes for the same records. */
class ProductJsonTest {

  private static Vertx vertx;
  private ProductJson json;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  @BeforeEach
  void cache() {
    json = ProductJson.of(vertx, Duration.ofMinutes(1));
    json.clear();
  }

  /** What a storefront list answers: the products' cards. */
  record CardPage(List<ProductCard> items, String nextCursor) {
  }

  @Test
  void aPageIsTheSameBytesAsJacksonWritesForTheCards() {
    var items = List.of(Samples.view(UUID.randomUUID(), "a-é\"quote", "de", List.of(UUID.randomUUID())),
      Samples.view(UUID.randomUUID(), "b", "en", List.of()));
    var cards = items.stream().map(v -> ProductCard.of(v, "EUR")).toList();
    for (String next : new String[] {null, "cursor/\"with\"+escapes"}) {
      var page = new ProductPage(items, next);
      assertArrayEquals(Json.bytes(new CardPage(cards, next)), json.page(page, "EUR").getBytes(), "next = " + next);
    }
    var empty = new ProductPage(List.of(), null);
    assertArrayEquals(Json.bytes(new CardPage(List.of(), null)), json.page(empty, "EUR").getBytes());
  }

  @Test
  void aCardIsPerCurrency() {
    var view = Samples.view(UUID.randomUUID(), "priced", "en", List.of());
    byte[] eur = json.card(view, "EUR");
    assertSame(eur, json.card(view, "EUR"));
    assertArrayEquals(Json.bytes(ProductCard.of(view, "USD")), json.card(view, "USD"));
  }

  @Test
  void aCardSaysLowAtTheConfiguredThreshold() {
    assertEquals(ProductCard.LOW, ProductCard.level(7, 10));
    assertEquals(ProductCard.IN_STOCK, ProductCard.level(7, 5));
    assertEquals(ProductCard.IN_STOCK, ProductCard.level(7));
    assertEquals(ProductCard.SOLD_OUT, ProductCard.level(0, 10));
    assertEquals(ProductCard.LOW, ProductCard.level(1, 1));
    assertEquals(ProductCard.IN_STOCK, ProductCard.level(1, 0), "0: never low");
  }

  @Test
  void aProductIsSerializedOncePerVersionAndLocale() {
    var view = Samples.view(UUID.randomUUID(), "once", "en", List.of());
    byte[] first = json.of(view);
    assertSame(first, json.of(view));
    // the shop's product: the view as it is, but for the warehouse's count (shoppers see what is available)
    var expected = new io.vertx.core.json.JsonObject(new String(Json.bytes(view)));
    expected.getJsonArray("variants").forEach(v -> ((io.vertx.core.json.JsonObject) v).remove("stockOnHand"));
    assertEquals(expected, new io.vertx.core.json.JsonObject(new String(first)));
    assertFalse(new String(first).contains("stockOnHand"));
    json.clear();
    assertEquals(new String(first), new String(json.of(view)));
  }
}
