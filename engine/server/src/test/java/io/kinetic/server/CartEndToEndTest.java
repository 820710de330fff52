package io.kinetic.server;

import static io.kinetic.server.Shop.line;
import static io.kinetic.server.Shop.send;
import static io.kinetic.server.Shop.variantId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The cart through HTTP on the whole engine (real gateway, cart, catalog and identity verticles,
 * real PostgreSQL and Redis): guest carts, typed errors, the race for the last units, merge on
 * login, price changes, wishlists, and nobody reaching anyone else's cart.
 */
@ResourceLock(value = "storefront-catalogue", mode = ResourceAccessMode.READ)
class CartEndToEndTest {

  private static WebClient http;
  private static Shop shop;
  private static Vertx raceVertx;
  private static WebClient racers;

  @BeforeAll
  static void start() throws Exception {
    http = RunningEngine.client();
    shop = new Shop(http, RunningEngine.ADMIN_EMAIL, RunningEngine.ADMIN_PASSWORD);
    raceVertx = Vertx.vertx();
    racers = WebClient.create(raceVertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(RunningEngine.httpPort()),
      new PoolOptions().setHttp1MaxSize(100));
  }

  @AfterAll
  static void stop() {
    raceVertx.close();
  }

  @Test
  void aGuestCartFromFirstAddToEmpty() throws Exception {
    var product = shop.product("PUBLISHED", 20, 5);
    String a = variantId(product, 0);
    String b = variantId(product, 1);

    var created = shop.add(null, a, 2);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    String token = created.getHeader("X-Cart-Token");
    assertNotNull(token);
    assertTrue(token.length() >= 22, "at least 128 bits");
    assertEquals(token, created.bodyAsJsonObject().getString("token"));
    assertEquals("no-store", created.getHeader("Cache-Control"));

    var twice = shop.add(token, a, 1);
    assertEquals(200, twice.statusCode(), twice.bodyAsString());
    assertNull(twice.bodyAsJsonObject().getString("token"), "the token is shown only once");
    assertEquals(3, line(twice, a).getInteger("quantity"));
    assertEquals(3, line(twice, a).getInteger("reserved"));
    assertEquals(20, line(twice, a).getInteger("available"), "on hand minus other carts' reservations");

    var both = shop.add(token, b, 5);
    assertEquals(200, both.statusCode(), both.bodyAsString());
    JsonObject cart = both.bodyAsJsonObject();
    assertEquals(8, cart.getInteger("itemCount"));
    assertEquals(3 * 1000 + 5 * 1100, cart.getJsonObject("subtotal").getLong("amount"));
    assertEquals("EUR", cart.getJsonObject("subtotal").getString("currency"));
    assertNotNull(cart.getString("reservedUntil"));

    var less = send(Shop.withCart(http.patch("/api/v1/cart/lines/" + b), token), new JsonObject().put("quantity", 2));
    assertEquals(2, line(less, b).getInteger("quantity"));
    assertEquals(2, line(less, b).getInteger("reserved"));

    var removed = Shop.withCart(http.delete("/api/v1/cart/lines/" + a), token).send().await(10, TimeUnit.SECONDS);
    assertEquals(200, removed.statusCode(), removed.bodyAsString());
    assertNull(line(removed, a));
    var again = Shop.withCart(http.delete("/api/v1/cart/lines/" + a), token).send().await(10, TimeUnit.SECONDS);
    assertEquals("CART_LINE_NOT_FOUND", again.bodyAsJsonObject().getString("code"));

    var cleared = Shop.withCart(http.delete("/api/v1/cart"), token).send().await(10, TimeUnit.SECONDS);
    assertEquals(0, cleared.bodyAsJsonObject().getJsonArray("lines").size());
    // every unit is free again for the next shopper
    var other = shop.add(null, b, 5);
    assertEquals(201, other.statusCode(), other.bodyAsString());
  }

  /** Product pages show available = on hand - reserved, kept current by the cart's events. */
  @Test
  void productPagesShowWhatIsLeftAfterReservations() throws Exception {
    var product = shop.product("PUBLISHED", 20);
    String id = product.getString("id");
    String v = variantId(product, 0);
    var second = shop.product("PUBLISHED", 9);
    String secondId = second.getString("id");
    assertEquals(20, available(id));
    String token = shop.add(null, v, 3).getHeader("X-Cart-Token");
    // another product in the same cart: the catalog tells both in one event (one per batch of totals)
    Shop.withCart(http.post("/api/v1/cart/lines"), token)
      .sendJsonObject(new JsonObject().put("variantId", variantId(second, 0)).put("quantity", 4)).await(10, TimeUnit.SECONDS);
    io.kinetic.kernel.testing.Eventually.until("the product page shows 17 available", () -> available(id) == 17);
    io.kinetic.kernel.testing.Eventually.until("the other product's page shows 5 available", () -> available(secondId) == 5);
    var graphql = graphql(null, "query($id: ID!) { product(id: $id) { variants { available } } }",
      new JsonObject().put("id", id));
    var variant = graphql.getJsonObject("data").getJsonObject("product").getJsonArray("variants").getJsonObject(0);
    assertEquals(17, variant.getInteger("available"));
    Shop.withCart(http.delete("/api/v1/cart/lines/" + v), token).send().await(10, TimeUnit.SECONDS);
    io.kinetic.kernel.testing.Eventually.until("released units are available again", () -> available(id) == 20);
  }

  private static int available(String productId) throws Exception {
    var r = http.get("/api/v1/products/" + productId).send().await(10, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getJsonArray("variants").getJsonObject(0).getInteger("available");
  }

  @Test
  void badInputGetsTypedErrorsNeverA500() throws Exception {
    var product = shop.product("PUBLISHED", 3);
    String v = variantId(product, 0);
    String token = shop.add(null, v, 1).getHeader("X-Cart-Token");

    assertProblem(shop.add(token, UUID.randomUUID().toString(), 1), 404, "VARIANT_NOT_FOUND");
    assertProblem(shop.add(token, v, 0), 400, "VALIDATION_FAILED");
    assertProblem(shop.add(token, v, -2), 400, "VALIDATION_FAILED");
    assertProblem(shop.add(token, v, 100), 400, "VALIDATION_FAILED");
    assertProblem(shop.add(token, "not-a-uuid", 1), 400, "VALIDATION_FAILED");
    var short3 = shop.add(token, v, 3);
    assertProblem(short3, 409, "OUT_OF_STOCK");
    assertEquals(2, short3.bodyAsJsonObject().getInteger("available"), "two more units could be added");

    var draft = shop.product("DRAFT", 5);
    assertProblem(shop.add(token, variantId(draft, 0), 1), 422, "PRODUCT_NOT_AVAILABLE");

    var currency = send(Shop.withCart(http.put("/api/v1/cart/currency"), token), new JsonObject().put("currency", "JPY"));
    assertProblem(currency, 422, "CURRENCY_NOT_SUPPORTED");
    var usd = send(Shop.withCart(http.put("/api/v1/cart/currency"), token), new JsonObject().put("currency", "USD"));
    assertEquals(200, usd.statusCode(), usd.bodyAsString());
    assertTrue(line(usd, v).getBoolean("unavailable"), "no USD price: the line stays, flagged");
    assertEquals("NO_PRICE", line(usd, v).getString("unavailableReason"));
    assertFalse(line(usd, v).getBoolean("priceChanged"), "a currency switch is no price change");

    assertProblem(shop.cart("forged-token"), 404, "CART_NOT_FOUND");
    assertProblem(shop.cart(CartTokens.random()), 404, "CART_NOT_FOUND");
    assertProblem(shop.cart(null), 404, "CART_NOT_FOUND");
    var staff = http.get("/api/v1/cart").bearerTokenAuthentication(shop.staffToken()).send().await(10, TimeUnit.SECONDS);
    assertProblem(staff, 403, "FORBIDDEN");
    var badBearer = http.get("/api/v1/cart").bearerTokenAuthentication("not.a.jwt").send().await(10, TimeUnit.SECONDS);
    assertProblem(badBearer, 401, "UNAUTHENTICATED");
  }

  /**
   * 200 concurrent shoppers, each with a cart of their own, race for the last 10 units of a
   * variant; 50 rounds, the winners emptying their carts after each. Every round ends with exactly
   * 10 units reserved and 190 clear OUT_OF_STOCK.
   */
  @Test
  void twoHundredShoppersRaceForTheLastTenUnits() throws Exception {
    var product = shop.product("PUBLISHED", 10);
    String v = variantId(product, 0);
    for (int round = 0; round < 50; round++) {
      var attempts = new ArrayList<Future<HttpResponse<Buffer>>>();
      for (int i = 0; i < 200; i++) {
        attempts.add(racers.post("/api/v1/cart/lines")
          .sendJsonObject(new JsonObject().put("variantId", v).put("quantity", 1)));
      }
      Future.join(new ArrayList<>(attempts)).await(60, TimeUnit.SECONDS);
      int won = 0;
      int lost = 0;
      List<String> winners = new ArrayList<>();
      for (var attempt : attempts) {
        var r = attempt.result();
        if (r.statusCode() == 201) {
          won++;
          winners.add(r.getHeader("X-Cart-Token"));
        } else {
          assertProblem(r, 409, "OUT_OF_STOCK");
          assertEquals(0, r.bodyAsJsonObject().getInteger("available"));
          lost++;
        }
      }
      assertEquals(10, won, "round " + round);
      assertEquals(190, lost, "round " + round);
      int reserved = 0;
      for (String token : winners) {
        reserved += line(shop.cart(token), v).getInteger("reserved");
      }
      assertEquals(10, reserved, "round " + round);
      // the winners empty their carts: the 10 units are free again for the next round
      for (String token : winners) {
        var cleared = Shop.withCart(http.delete("/api/v1/cart"), token).send().await(10, TimeUnit.SECONDS);
        assertEquals(200, cleared.statusCode(), cleared.bodyAsString());
      }
    }
  }

  @Test
  void theGuestCartMergesIntoTheCustomersOnLoginCappedByStockAndTheLineMaximum() throws Exception {
    var product = shop.product("PUBLISHED", 5, 200);
    String scarce = variantId(product, 0);
    String plenty = variantId(product, 1);
    String guest = shop.add(null, scarce, 4).getHeader("X-Cart-Token");
    assertEquals(200, shop.add(guest, plenty, 60).statusCode());
    String customer = shop.customer();
    assertEquals(200, shop.addAsCustomer(customer, plenty, 40).statusCode(), "a customer's first add creates their cart");
    // the guest holds 4 of 5: the customer can only get 1 more on their own
    assertProblem(shop.addAsCustomer(customer, scarce, 2), 409, "OUT_OF_STOCK");
    assertEquals(200, shop.addAsCustomer(customer, scarce, 1).statusCode());
    shop.setStock(Shop.sku(product, 0), 4);

    var merged = send(http.post("/api/v1/cart/merge").bearerTokenAuthentication(customer), new JsonObject().put("cartToken", guest));
    assertEquals(200, merged.statusCode(), merged.bodyAsString());
    JsonObject body = merged.bodyAsJsonObject();
    var cart = merged;
    assertEquals(2, body.getJsonObject("cart").getJsonArray("lines").size());
    JsonObject scarceLine = null;
    JsonObject plentyLine = null;
    var lines = body.getJsonObject("cart").getJsonArray("lines");
    for (int i = 0; i < lines.size(); i++) {
      if (lines.getJsonObject(i).getString("variantId").equals(scarce)) {
        scarceLine = lines.getJsonObject(i);
      } else {
        plentyLine = lines.getJsonObject(i);
      }
    }
    assertEquals(4, scarceLine.getInteger("quantity"), "1 + 4 asked, 4 on hand now");
    assertEquals(4, scarceLine.getInteger("reserved"));
    assertEquals(99, plentyLine.getInteger("quantity"), "40 + 60 capped by the per-line maximum");
    assertEquals(99, plentyLine.getInteger("reserved"));
    var adjustments = body.getJsonArray("adjustments");
    assertEquals(2, adjustments.size(), body.encode());
    for (int i = 0; i < adjustments.size(); i++) {
      var a = adjustments.getJsonObject(i);
      if (a.getString("variantId").equals(scarce)) {
        assertEquals(5, a.getInteger("requested"));
        assertEquals(4, a.getInteger("granted"));
        assertEquals("STOCK", a.getString("reason"));
      } else {
        assertEquals(100, a.getInteger("requested"));
        assertEquals(99, a.getInteger("granted"));
        assertEquals("LINE_MAXIMUM", a.getString("reason"));
      }
    }
    assertNotNull(cart);

    assertProblem(shop.cart(guest), 404, "CART_NOT_FOUND");
    var again = send(http.post("/api/v1/cart/merge").bearerTokenAuthentication(customer), new JsonObject().put("cartToken", guest));
    assertProblem(again, 404, "CART_NOT_FOUND");
    assertEquals(103, shop.customerCart(customer).bodyAsJsonObject().getInteger("itemCount"));
  }

  @Test
  void aPriceChangeShowsOnTheNextReadAndStaysFlaggedUntilAcknowledged() throws Exception {
    var product = shop.product("PUBLISHED", 10);
    String v = variantId(product, 0);
    String token = shop.add(null, v, 2).getHeader("X-Cart-Token");
    shop.setPrice(Shop.sku(product, 0), 1250);

    var read = shop.cart(token);
    var l = line(read, v);
    assertEquals(1250, l.getJsonObject("unitPrice").getLong("amount"));
    assertEquals(2500, l.getJsonObject("lineTotal").getLong("amount"));
    assertTrue(l.getBoolean("priceChanged"));
    assertEquals(1000, l.getJsonObject("previousUnitPrice").getLong("amount"));
    assertTrue(read.bodyAsJsonObject().getBoolean("hasChanges"));
    assertTrue(line(shop.cart(token), v).getBoolean("priceChanged"), "still flagged on the next read");

    var seen = Shop.withCart(http.post("/api/v1/cart/acknowledge"), token).send().await(10, TimeUnit.SECONDS);
    assertEquals(200, seen.statusCode(), seen.bodyAsString());
    assertFalse(line(seen, v).getBoolean("priceChanged"));
    assertFalse(seen.bodyAsJsonObject().getBoolean("hasChanges"));

    // an admin sets on hand below what is reserved: the reservation stays, new ones are refused
    String other = shop.add(null, v, 3).getHeader("X-Cart-Token");
    assertNotNull(other);
    shop.setStock(Shop.sku(product, 0), 2);
    var flagged = shop.cart(other);
    assertEquals(3, line(flagged, v).getInteger("reserved"), "existing reservations stay until they lapse");
    assertEquals(0, line(flagged, v).getInteger("available"));
    assertProblem(shop.add(null, v, 1), 409, "OUT_OF_STOCK");
  }

  @Test
  void nobodyReachesAnotherShoppersCartOrWishlist() throws Exception {
    var product = shop.product("PUBLISHED", 10, 10);
    String alice = shop.customer();
    String bob = shop.customer();
    assertEquals(200, shop.addAsCustomer(alice, variantId(product, 0), 2).statusCode());
    String guest = shop.add(null, variantId(product, 1), 1).getHeader("X-Cart-Token");

    // a customer token names the customer's own cart, whatever cart token comes with it
    var bobs = Shop.withCart(http.get("/api/v1/cart"), guest).bearerTokenAuthentication(bob).send().await(10, TimeUnit.SECONDS);
    assertEquals(200, bobs.statusCode());
    assertEquals(0, bobs.bodyAsJsonObject().getJsonArray("lines").size());
    var alices = shop.customerCart(alice).bodyAsJsonObject();
    assertNotEquals(alices.getString("id"), bobs.bodyAsJsonObject().getString("id"));
    assertEquals(1, alices.getJsonArray("lines").size());

    var wished = send(http.post("/api/v1/wishlist/items").bearerTokenAuthentication(alice),
      new JsonObject().put("productId", product.getString("id")).put("variantId", variantId(product, 0)));
    assertEquals(200, wished.statusCode(), wished.bodyAsString());
    String item = wished.bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("id");
    var stolen = http.delete("/api/v1/wishlist/items/" + item).bearerTokenAuthentication(bob).send().await(10, TimeUnit.SECONDS);
    assertProblem(stolen, 404, "WISHLIST_ITEM_NOT_FOUND");
    var moved = http.post("/api/v1/wishlist/items/" + item + "/move-to-cart").bearerTokenAuthentication(bob)
      .send().await(10, TimeUnit.SECONDS);
    assertProblem(moved, 404, "WISHLIST_ITEM_NOT_FOUND");
    assertProblem(http.get("/api/v1/wishlist").send().await(10, TimeUnit.SECONDS), 401, "UNAUTHENTICATED");
  }

  /** Adds racing for a wishlist's last places never pass its limit together (a probe got 505 of 500). */
  @Test
  void addsRacingForTheLastPlacesStopAtTheWishlistsLimit() throws Exception {
    String customer = shop.customer();
    String id = http.get("/api/v1/me").bearerTokenAuthentication(customer).send().await(10, TimeUnit.SECONDS)
      .bodyAsJsonObject().getString("id");
    int[] stocks = new int[30];
    java.util.Arrays.fill(stocks, 5);
    var product = shop.product("PUBLISHED", stocks);
    UUID customerId = UUID.fromString(id);
    Vertx vertx = Vertx.vertx();
    try {
      var cart = io.kinetic.kernel.pg.PgPools.create(vertx, RunningEngine.pgUrl(), 2, "cart");
      // 489 of the 500 places taken (by products long gone: only the count matters here)
      cart.preparedQuery("INSERT INTO wishlist_item (id, customer_id, product_id) SELECT gen_random_uuid(), $1, gen_random_uuid()"
        + " FROM generate_series(1, 489)").execute(io.vertx.sqlclient.Tuple.of(customerId)).await(10, TimeUnit.SECONDS);
      var adds = new ArrayList<Future<HttpResponse<Buffer>>>();
      for (int i = 0; i < 30; i++) {
        adds.add(racers.post("/api/v1/wishlist/items").bearerTokenAuthentication(customer).putHeader("content-type", "application/json")
          .sendBuffer(new JsonObject().put("productId", product.getString("id")).put("variantId", variantId(product, i)).toBuffer()));
      }
      Future.join(adds).await(60, TimeUnit.SECONDS);
      var statuses = adds.stream().map(f -> f.result().statusCode()).collect(Collectors.groupingBy(s -> s, Collectors.counting()));
      assertEquals(Map.of(200, 11L, 422, 19L), statuses, statuses.toString());

      // the last place, taken by an add still in flight (its item written, not committed): the next add waits for
      // it, and is refused, rather than counting 499 beside it
      // one of the raced items goes (which ones won is up to the race), and the next add is of a variant that lost
      var wished = new java.util.HashSet<String>();
      cart.preparedQuery("SELECT variant_id FROM wishlist_item WHERE customer_id = $1 AND variant_id IS NOT NULL")
        .execute(io.vertx.sqlclient.Tuple.of(customerId)).await(10, TimeUnit.SECONDS).forEach(r -> wished.add(r.getUUID(0).toString()));
      assertEquals(11, wished.size());
      String lost = java.util.stream.IntStream.range(0, 30).mapToObj(i -> variantId(product, i)).filter(v -> !wished.contains(v))
        .findFirst().orElseThrow();
      cart.preparedQuery("DELETE FROM wishlist_item WHERE customer_id = $1 AND variant_id = $2")
        .execute(io.vertx.sqlclient.Tuple.of(customerId, UUID.fromString(wished.iterator().next()))).await(10, TimeUnit.SECONDS);
      var inFlight = cart.getConnection().await(10, TimeUnit.SECONDS);
      try {
        var tx = inFlight.begin().await(10, TimeUnit.SECONDS);
        inFlight.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended('kinetic.wishlist:' || $1::uuid, 0))")
          .execute(io.vertx.sqlclient.Tuple.of(customerId)).await(10, TimeUnit.SECONDS);
        inFlight.preparedQuery("INSERT INTO wishlist_item (id, customer_id, product_id) VALUES (gen_random_uuid(), $1, gen_random_uuid())")
          .execute(io.vertx.sqlclient.Tuple.of(customerId)).await(10, TimeUnit.SECONDS);
        var next = racers.post("/api/v1/wishlist/items").bearerTokenAuthentication(customer).putHeader("content-type", "application/json")
          .sendBuffer(new JsonObject().put("productId", product.getString("id")).put("variantId", lost).toBuffer());
        Thread.sleep(500);
        assertFalse(next.isComplete(), "the add waits for the one in flight");
        tx.commit().await(10, TimeUnit.SECONDS);
        assertProblem(next.await(30, TimeUnit.SECONDS), 422, "WISHLIST_FULL");
      } finally {
        inFlight.close();
      }
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
    assertEquals(500, http.get("/api/v1/wishlist").bearerTokenAuthentication(customer).send().await(30, TimeUnit.SECONDS)
      .bodyAsJsonObject().getJsonArray("items").size());
  }

  /**
   * A wishlist says what shoppers can still buy, as the product page does (on hand less what carts
   * hold), never the warehouse's count: for a product item and for a variant item.
   */
  @Test
  void aWishlistSaysWhatIsAvailableNotTheStockOnHand() throws Exception {
    var product = shop.product("PUBLISHED", 7);
    String variantId = Shop.variantId(product, 0);
    String customer = shop.customer();
    send(http.post("/api/v1/wishlist/items").bearerTokenAuthentication(customer), new JsonObject().put("productId", product.getString("id")));
    send(http.post("/api/v1/wishlist/items").bearerTokenAuthentication(customer),
      new JsonObject().put("productId", product.getString("id")).put("variantId", variantId));
    assertEquals(201, shop.add(null, variantId, 3).statusCode(), "a guest's cart holds 3 of the 7");
    long until = System.currentTimeMillis() + 15_000;
    JsonArray items;
    do {
      Thread.sleep(200);
      items = http.get("/api/v1/wishlist").bearerTokenAuthentication(customer).send().await(10, TimeUnit.SECONDS)
        .bodyAsJsonObject().getJsonArray("items");
    } while (System.currentTimeMillis() < until
      && !items.stream().map(JsonObject.class::cast).allMatch(i -> i.getInteger("available") == 4));
    assertEquals(2, items.size(), items.encode());
    for (Object item : items) {
      assertEquals(4, ((JsonObject) item).getInteger("available"), "7 on hand, 3 held by a cart: " + items.encode());
    }
  }

  @Test
  void aWishlistItemMovesToTheCart() throws Exception {
    var single = shop.product("PUBLISHED", 4);
    var several = shop.product("PUBLISHED", 4, 4);
    String customer = shop.customer();
    var first = send(http.post("/api/v1/wishlist/items").bearerTokenAuthentication(customer),
      new JsonObject().put("productId", single.getString("id")));
    assertEquals(200, first.statusCode(), first.bodyAsString());
    var again = send(http.post("/api/v1/wishlist/items").bearerTokenAuthentication(customer),
      new JsonObject().put("productId", single.getString("id")));
    assertEquals(1, again.bodyAsJsonObject().getJsonArray("items").size(), "adding twice changes nothing");
    var list = send(http.post("/api/v1/wishlist/items").bearerTokenAuthentication(customer),
      new JsonObject().put("productId", several.getString("id"))).bodyAsJsonObject().getJsonArray("items");
    assertEquals(2, list.size());
    var newest = list.getJsonObject(0);
    assertEquals(several.getString("id"), newest.getString("productId"));
    assertTrue(newest.getBoolean("priceFrom"));
    assertEquals(1000, newest.getJsonObject("price").getLong("amount"));
    assertTrue(newest.getBoolean("purchasable"));

    var ambiguous = http.post("/api/v1/wishlist/items/" + newest.getString("id") + "/move-to-cart")
      .bearerTokenAuthentication(customer).send().await(10, TimeUnit.SECONDS);
    assertProblem(ambiguous, 400, "VALIDATION_FAILED");
    // a variant of another product is not this item's
    var foreign = send(http.post("/api/v1/wishlist/items/" + newest.getString("id") + "/move-to-cart").bearerTokenAuthentication(customer),
      new JsonObject().put("variantId", variantId(single, 0)));
    assertProblem(foreign, 400, "VALIDATION_FAILED");
    assertEquals(2, http.get("/api/v1/wishlist").bearerTokenAuthentication(customer).send().await(10, TimeUnit.SECONDS)
      .bodyAsJsonObject().getJsonArray("items").size(), "the item stays");
    var moved = send(http.post("/api/v1/wishlist/items/" + newest.getString("id") + "/move-to-cart").bearerTokenAuthentication(customer),
      new JsonObject().put("variantId", variantId(several, 1)).put("quantity", 2));
    assertEquals(200, moved.statusCode(), moved.bodyAsString());
    assertEquals(2, line(moved, variantId(several, 1)).getInteger("quantity"));
    var after = http.get("/api/v1/wishlist").bearerTokenAuthentication(customer).send().await(10, TimeUnit.SECONDS);
    assertEquals(1, after.bodyAsJsonObject().getJsonArray("items").size());
    // shown in a currency the shop does not sell in: refused, as for the cart
    var yen = http.get("/api/v1/wishlist").addQueryParam("currency", "JPY").bearerTokenAuthentication(customer)
      .send().await(10, TimeUnit.SECONDS);
    assertProblem(yen, 422, "CURRENCY_NOT_SUPPORTED");
    // and a write answered in it is refused before it changes anything
    var yenAdd = send(http.post("/api/v1/wishlist/items").addQueryParam("currency", "JPY").bearerTokenAuthentication(customer),
      new JsonObject().put("productId", single.getString("id")));
    assertProblem(yenAdd, 422, "CURRENCY_NOT_SUPPORTED");
    var yenRemove = http.delete("/api/v1/wishlist/items/" + after.bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("id"))
      .addQueryParam("currency", "JPY").bearerTokenAuthentication(customer).send().await(10, TimeUnit.SECONDS);
    assertProblem(yenRemove, 422, "CURRENCY_NOT_SUPPORTED");
    assertEquals(1, http.get("/api/v1/wishlist").bearerTokenAuthentication(customer).send().await(10, TimeUnit.SECONDS)
      .bodyAsJsonObject().getJsonArray("items").size(), "nothing added or removed");
  }

  @Test
  void theShopGraphQlApiServesTheSameCart() throws Exception {
    var product = shop.product("PUBLISHED", 3);
    String v = variantId(product, 0);
    var added = graphql(null, "mutation($v: ID!) { addToCart(variantId: $v, quantity: 2) { __typename ... on Cart { token itemCount } } }",
      new JsonObject().put("v", v));
    var cart = added.getJsonObject("data").getJsonObject("addToCart");
    assertEquals("Cart", cart.getString("__typename"), added.encode());
    String token = cart.getString("token");
    assertNotNull(token);
    var more = graphql(token, "mutation($v: ID!) { addToCart(variantId: $v, quantity: 5) { __typename ... on Problem { code available } } }",
      new JsonObject().put("v", v)).getJsonObject("data").getJsonObject("addToCart");
    assertEquals("OUT_OF_STOCK", more.getString("code"));
    assertEquals(1, more.getInteger("available"));
    var read = graphql(token, "{ cart { itemCount subtotal { amount } lines { quantity reserved options { key value } } } }", new JsonObject());
    assertEquals(2, read.getJsonObject("data").getJsonObject("cart").getInteger("itemCount"));
    assertNull(graphql("forged", "{ cart { id } }", new JsonObject()).getJsonObject("data").getValue("cart"));
  }

  private static JsonObject graphql(String token, String query, JsonObject variables) throws Exception {
    var r = send(Shop.withCart(http.post("/graphql"), token), new JsonObject().put("query", query).put("variables", variables));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  static void assertProblem(HttpResponse<Buffer> response, int status, String code) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    assertEquals("application/problem+json", response.getHeader("content-type").split(";")[0]);
    assertEquals(code, response.bodyAsJsonObject().getString("code"), response.bodyAsString());
  }

  /** Cart tokens for tests: as long and random as real ones. */
  static final class CartTokens {
    static String random() {
      byte[] bytes = new byte[32];
      new java.security.SecureRandom().nextBytes(bytes);
      return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
  }
}
