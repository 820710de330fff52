package io.kinetic.server;

import static io.kinetic.server.CartEndToEndTest.assertProblem;
import static io.kinetic.server.Shop.line;
import static io.kinetic.server.Shop.variantId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.testing.Eventually;
import io.kinetic.kernel.testing.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * An engine of its own, on a Redis database of its own (so flushing it touches no other test),
 * with reservations that lapse after 2 s: lapsed reservations free the stock and are published
 * as ReservationExpired; a Redis flush loses no customer cart.
 */
@ResourceLock(value = "storefront-catalogue", mode = ResourceAccessMode.READ)
class CartResilienceTest {

  private static final String ADMIN = "cart-resilience-" + UUID.randomUUID() + "@kinetic.test";
  private static final String PASSWORD = "cart-resilience-password";
  private static final int REDIS_DB = 9;
  private static Engine engine;
  private static Vertx vertx;
  private static WebClient http;
  private static RedisAPI redis;
  private static String pgUrl;
  private static Shop shop;

  @BeforeAll
  static void start() throws Exception {
    String redisUrl = TestServices.get().redisUrl(REDIS_DB);
    var env = EngineEnv.extra(ADMIN, PASSWORD, TestServices.get().newDatabase("resilience"), redisUrl);
    pgUrl = env.get("COMMERCE_PG_URL");
    env.put("COMMERCE_CART_RESERVATION_SECONDS", "2");
    env.put("COMMERCE_CART_PUBLISH_MILLIS", "200");
    engine = Engine.start(env);
    vertx = Vertx.vertx();
    http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
    redis = RedisAPI.api(Redis.createClient(vertx, redisUrl));
    shop = new Shop(http, ADMIN, PASSWORD);
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      vertx.close();
    }
    if (engine != null) {
      engine.stop();
    }
  }

  @Test
  void aLapsedReservationFreesTheStockAndIsPublished() throws Exception {
    var product = shop.product("PUBLISHED", 1);
    String v = variantId(product, 0);
    var first = shop.add(null, v, 1);
    String holder = first.getHeader("X-Cart-Token");
    assertNotNull(holder, first.bodyAsString());
    assertProblem(shop.add(null, v, 1), 409, "OUT_OF_STOCK");

    Eventually.until("the lapsed unit is free for another shopper", () -> shop.add(null, v, 1).statusCode() == 201);
    var lapsed = line(shop.cart(holder), v);
    assertEquals(1, lapsed.getInteger("quantity"), "the line stays in the cart");
    assertEquals(0, lapsed.getInteger("reserved"));
    assertTrue(lapsed.getBoolean("insufficientStock"));

    String cartId = shop.cart(holder).bodyAsJsonObject().getString("id");
    Eventually.until("ReservationExpired in the cart's event log", () -> expiredEvents(cartId, v) == 1);

    // more stock arrives: the holder's next activity reserves the lapsed line again
    shop.setStock(product.getJsonArray("variants").getJsonObject(0).getString("sku"), 3);
    var other = shop.product("PUBLISHED", 50);
    Eventually.until("the holder's next activity reserves the line again", () -> {
      var activity = shop.add(holder, variantId(other, 0), 1);
      assertEquals(200, activity.statusCode(), activity.bodyAsString());
      return line(activity, v).getInteger("reserved") == 1;
    });
    assertFalse(line(shop.cart(holder), v).getBoolean("insufficientStock"));
  }

  /**
   * Makes a cart's reservation of a variant lapse a second ago, as the line script and the cart's
   * renewal mark see it, while the sweeper's queue (cart:due) still holds it for later: what
   * follows is the cart's own next change, before any sweep.
   */
  private static void lapseBeforeTheSweeperSeesIt(String token, String cartId, String v) throws Exception {
    String past = Long.toString(System.currentTimeMillis() - 1000);
    redis.hset(List.of("cart:rsv:" + v, "x:" + cartId, past)).await(10, TimeUnit.SECONDS);
    redis.zadd(List.of("cart:rsx:" + v, past, cartId)).await(10, TimeUnit.SECONDS);
    redis.hset(List.of("cart:g:" + token, "rn", past)).await(10, TimeUnit.SECONDS);
  }

  /** A new guest cart holding {@code quantity} of {@code variant}: its token and its id. */
  private record GuestCart(String token, String id) {
    static GuestCart adding(String variant, int quantity) throws Exception {
      var first = shop.add(null, variant, quantity);
      assertEquals(201, first.statusCode(), first.bodyAsString());
      return new GuestCart(first.getHeader("X-Cart-Token"), first.bodyAsJsonObject().getString("id"));
    }
  }

  /** An add to a line whose reservation lapsed reports that lapse once, then holds the units anew. */
  @Test
  void anAddToALapsedLineReportsTheLapseOnceAndReservesAgain() throws Exception {
    var product = shop.product("PUBLISHED", 5);
    String v = variantId(product, 0);
    var cart = GuestCart.adding(v, 1);
    String token = cart.token();
    String cartId = cart.id();
    lapseBeforeTheSweeperSeesIt(token, cartId, v);

    var more = shop.add(token, v, 1);
    assertEquals(200, more.statusCode(), more.bodyAsString());
    assertEquals(2, line(more, v).getInteger("quantity"));
    assertEquals(2, line(more, v).getInteger("reserved"), more.bodyAsString());
    assertEquals("2", redis.hget("cart:rsv:" + v, "_t").await(10, TimeUnit.SECONDS).toString(), "the total holds the new units only");
    // the lapsed unit's event (1 unit), not the one of the 2 units held now when they lapse in turn
    Eventually.until("ReservationExpired of the lapsed unit in the cart's event log", () -> expiredEvents(cartId, v, 1) == 1);
    Thread.sleep(600); // three sweeps
    assertEquals(1, expiredEvents(cartId, v, 1), "reported once");
  }

  /**
   * Lowering a line whose reservation lapsed never holds its lapsed units again: after staff
   * lowered on hand below what was reserved, the line gets what is free now, and the variant's
   * reserved total stays at or below on hand.
   */
  @Test
  void loweringALapsedLineHoldsOnlyWhatIsFreeNow() throws Exception {
    var product = shop.product("PUBLISHED", 10);
    String v = variantId(product, 0);
    var a = GuestCart.adding(v, 5);
    String tokenA = a.token();
    String cartA = a.id();
    GuestCart.adding(v, 5);
    lapseBeforeTheSweeperSeesIt(tokenA, cartA, v);
    shop.setStock(Shop.sku(product, 0), 5);

    var lowered = Shop.send(Shop.withCart(http.patch("/api/v1/cart/lines/" + v), tokenA), new io.vertx.core.json.JsonObject().put("quantity", 4));
    assertEquals(200, lowered.statusCode(), lowered.bodyAsString());
    assertEquals(4, line(lowered, v).getInteger("quantity"));
    assertEquals(0, line(lowered, v).getInteger("reserved"), "the other cart holds all 5 on hand");
    assertTrue(line(lowered, v).getBoolean("insufficientStock"));
    assertEquals("5", redis.hget("cart:rsv:" + v, "_t").await(10, TimeUnit.SECONDS).toString(), "reserved never above on hand");
    Eventually.until("ReservationExpired of the 5 lapsed units", () -> expiredEvents(cartA, v, 5) == 1);
  }

  /**
   * An add to a line whose reservation was renewed moments ago leaves its lapse as it is (the line
   * script writes no sorted set then); once a tenth of the time has gone, the next add renews it.
   * Either way an add leaves the line reserved for at least nine tenths of the time from then.
   */
  @Test
  void everyAddLeavesTheLineReservedForNineTenthsOfTheTimeAtLeast() throws Exception {
    var product = shop.product("PUBLISHED", 10);
    String v = variantId(product, 0);
    long start = System.currentTimeMillis();
    var first = shop.add(null, v, 1);
    assertEquals(201, first.statusCode(), first.bodyAsString());
    String token = first.getHeader("X-Cart-Token");
    java.time.Instant firstLapse = java.time.Instant.parse(line(first, v).getString("reservedUntil"));
    assertTrue(firstLapse.toEpochMilli() >= start + 1800, "reserved until " + firstLapse);
    Thread.sleep(1000);
    long second = System.currentTimeMillis();
    var more = shop.add(token, v, 1);
    assertEquals(200, more.statusCode(), more.bodyAsString());
    var renewed = line(more, v);
    assertEquals(2, renewed.getInteger("reserved"));
    java.time.Instant lapse = java.time.Instant.parse(renewed.getString("reservedUntil"));
    assertTrue(lapse.toEpochMilli() >= second + 1800, "an add a second in renews the reservation: " + lapse);
    assertTrue(lapse.isAfter(firstLapse));
    // past the first lapse the line still holds its units
    Thread.sleep(Math.max(0, firstLapse.toEpochMilli() + 300 - System.currentTimeMillis()));
    var later = line(shop.cart(token), v);
    assertEquals(2, later.getInteger("reserved"), later.encode());
    assertFalse(later.getBoolean("insufficientStock"));
  }

  /**
   * A reservation kept by an engine before a line's lapse was also written into the variant's
   * reservation hash (only in its sorted set) is still shown reserved, until that lapse.
   */
  @Test
  void aReservationWhoseLapseIsOnlyInTheSortedSetStillCounts() throws Exception {
    var product = shop.product("PUBLISHED", 10);
    String v = variantId(product, 0);
    var first = shop.add(null, v, 2);
    assertEquals(201, first.statusCode(), first.bodyAsString());
    String token = first.getHeader("X-Cart-Token");
    String cartId = first.bodyAsJsonObject().getString("id");
    String lapse = line(first, v).getString("reservedUntil");
    var removed = redis.hdel(List.of("cart:rsv:" + v, "x:" + cartId)).await(10, TimeUnit.SECONDS);
    assertEquals(1, removed.toInteger(), "the lapse was kept beside the units");
    var read = line(shop.cart(token), v);
    // the reservations here last 2 s: an answer that came after the lapse says nothing
    org.junit.jupiter.api.Assumptions.assumeTrue(System.currentTimeMillis() < java.time.Instant.parse(lapse).toEpochMilli(),
      "the machine took longer than the reservation");
    assertEquals(2, read.getInteger("reserved"), read.encode());
    assertEquals(lapse, read.getString("reservedUntil"));
  }

  /**
   * A variant's reservation hash stays a hash table from its first reservation on (a long marker
   * value): in Redis's compact listpack encoding, which it would keep up to 128 fields, every
   * lookup an add makes would scan the fields one by one.
   */
  @Test
  void aVariantsReservationHashIsAHashTableFromItsFirstReservation() throws Exception {
    var product = shop.product("PUBLISHED", 10);
    String v = variantId(product, 0);
    var first = shop.add(null, v, 1);
    assertEquals(201, first.statusCode(), first.bodyAsString());
    assertEquals("hashtable", redis.object(List.of("ENCODING", "cart:rsv:" + v)).await(10, TimeUnit.SECONDS).toString());
    var more = shop.add(first.getHeader("X-Cart-Token"), v, 1);
    assertEquals(2, line(more, v).getInteger("reserved"), more.bodyAsString());
  }

  /**
   * On hand as an engine before this one kept it (cart:stk:&lt;variant&gt;, at a newer product version
   * than the catalog's figure an add brings) still rules: the add is refused by it, and the figure
   * moves into the variant's reservation hash, where adds read it with the reservations.
   */
  @Test
  void onHandKeptByAnOlderEngineStillRulesAndMovesBesideTheReservations() throws Exception {
    var product = shop.product("PUBLISHED", 10);
    String v = variantId(product, 0);
    redis.hset(List.of("cart:stk:" + v, "o", "1", "pv", "999999999")).await(10, TimeUnit.SECONDS);
    var refused = shop.add(null, v, 2);
    assertProblem(refused, 409, "OUT_OF_STOCK");
    assertEquals(1, refused.bodyAsJsonObject().getInteger("available"), refused.bodyAsString());
    var kept = redis.hmget(List.of("cart:rsv:" + v, "_o", "_v")).await(10, TimeUnit.SECONDS);
    assertEquals("1", kept.get(0).toString());
    assertEquals("999999999", kept.get(1).toString());
    var one = shop.add(null, v, 1);
    assertEquals(201, one.statusCode(), one.bodyAsString());
    assertEquals(1, line(one, v).getInteger("reserved"), one.bodyAsString());
  }

  /**
   * Stock figures relayed by different nodes arrive in any order, and an allocation does not change
   * the product's version: the stock sequence decides. A newer figure is kept when an older one of
   * the same product version arrives after it, and neither that older figure nor an add's own (the
   * catalog's cached product, read before) puts it back; adds are then refused by the newer figure.
   */
  @Test
  void anOlderStockFigureArrivingLateNeverReplacesANewerOne() throws Exception {
    var product = shop.product("PUBLISHED", 10);
    String v = variantId(product, 0);
    String sku = product.getJsonArray("variants").getJsonObject(0).getString("sku");
    var first = shop.add(null, v, 1);
    assertEquals(201, first.statusCode(), first.bodyAsString());
    var known = redis.hmget(List.of("cart:rsv:" + v, "_o", "_v", "_q")).await(10, TimeUnit.SECONDS);
    assertEquals("10", known.get(0).toString());
    assertNotNull(known.get(2), "the figure's stock sequence is kept with it");
    long version = Long.parseLong(known.get(1).toString());
    long seq = Long.parseLong(known.get(2).toString());
    UUID productId = UUID.fromString(product.getString("id"));
    UUID variant = UUID.fromString(v);

    // two other nodes' allocations: 10 -> 6 (seq + 1), then 6 -> 3 (seq + 2), heard in the wrong order
    engine.vertx().eventBus().publish(io.kinetic.kernel.contract.catalog.CatalogApi.Events.STOCK_CHANGED,
      new io.kinetic.kernel.contract.catalog.StockChanged(UUID.randomUUID(), java.time.Instant.now(), productId, variant, sku,
        3, version, seq + 2));
    Eventually.value("the newer figure kept", () -> redis.hget("cart:rsv:" + v, "_o").await(10, TimeUnit.SECONDS).toString(),
      "3"::equals);
    engine.vertx().eventBus().publish(io.kinetic.kernel.contract.catalog.CatalogApi.Events.STOCK_CHANGED,
      new io.kinetic.kernel.contract.catalog.StockChanged(UUID.randomUUID(), java.time.Instant.now(), productId, variant, sku,
        6, version, seq + 1));
    Thread.sleep(500);
    var kept = redis.hmget(List.of("cart:rsv:" + v, "_o", "_q")).await(10, TimeUnit.SECONDS);
    assertEquals("3", kept.get(0).toString(), "an older figure arriving late changes nothing");
    assertEquals(Long.toString(seq + 2), kept.get(1).toString());

    // an add brings the catalog's figure (the same or older): the newer one rules
    var refused = shop.add(null, v, 3);
    assertProblem(refused, 409, "OUT_OF_STOCK");
    assertEquals(2, refused.bodyAsJsonObject().getInteger("available"), refused.bodyAsString());
    assertEquals("3", redis.hget("cart:rsv:" + v, "_o").await(10, TimeUnit.SECONDS).toString());
  }

  /**
   * A merge brings this node's catalog figure of each line's variant; when Redis holds a newer one
   * (a later stock sequence of the same product version: another node's allocations, heard there
   * before this node's catalog), the newer one caps the merged line and stays.
   */
  @Test
  void aMergeBringingAnOlderStockFigureIsCappedByTheNewerOne() throws Exception {
    var product = shop.product("PUBLISHED", 10);
    String v = variantId(product, 0);
    String guest = shop.add(null, v, 3).getHeader("X-Cart-Token");
    var known = redis.hmget(List.of("cart:rsv:" + v, "_o", "_q")).await(10, TimeUnit.SECONDS);
    assertEquals("10", known.get(0).toString());
    long seq = Long.parseLong(known.get(1).toString());
    // the newer figure, 10 -> 2, is in Redis only: this node's catalog still has 10
    redis.hset(List.of("cart:rsv:" + v, "_o", "2", "_q", Long.toString(seq + 1))).await(10, TimeUnit.SECONDS);

    String customer = shop.customer();
    var merged = Shop.send(http.post("/api/v1/cart/merge").bearerTokenAuthentication(customer),
      new JsonObject().put("cartToken", guest));
    assertEquals(200, merged.statusCode(), merged.bodyAsString());
    var body = merged.bodyAsJsonObject();
    var line = body.getJsonObject("cart").getJsonArray("lines").getJsonObject(0);
    assertEquals(2, line.getInteger("quantity"), "capped by the newer figure: " + body.encode());
    var adjustment = body.getJsonArray("adjustments").getJsonObject(0);
    assertEquals(3, adjustment.getInteger("requested"));
    assertEquals(2, adjustment.getInteger("granted"));
    assertEquals("STOCK", adjustment.getString("reason"));
    var kept = redis.hmget(List.of("cart:rsv:" + v, "_o", "_q")).await(10, TimeUnit.SECONDS);
    assertEquals("2", kept.get(0).toString(), "the newer figure stays");
    assertEquals(Long.toString(seq + 1), kept.get(1).toString());
  }

  /**
   * A figure without a stock sequence (from a node of an earlier version) is ordered by the
   * product version, as before, and leaves no sequence behind: a figure that has one is then
   * ordered by the version too, until both sides have one again.
   */
  @Test
  void aFigureWithoutASequenceIsOrderedByTheProductVersion() throws Exception {
    var product = shop.product("PUBLISHED", 10);
    String v = variantId(product, 0);
    String sku = product.getJsonArray("variants").getJsonObject(0).getString("sku");
    assertEquals(201, shop.add(null, v, 1).statusCode());
    var known = redis.hmget(List.of("cart:rsv:" + v, "_v", "_q")).await(10, TimeUnit.SECONDS);
    long version = Long.parseLong(known.get(0).toString());
    long seq = Long.parseLong(known.get(1).toString());
    UUID productId = UUID.fromString(product.getString("id"));
    UUID variant = UUID.fromString(v);

    stockChanged(productId, variant, sku, 4, version + 1, null);
    Eventually.value("a newer version's figure without a sequence taken", () -> redis.hget("cart:rsv:" + v, "_o")
      .await(10, TimeUnit.SECONDS).toString(), "4"::equals);
    assertEquals(null, redis.hget("cart:rsv:" + v, "_q").await(10, TimeUnit.SECONDS), "no sequence left beside it");

    // a figure of an older version, though it has a sequence: the stored one has none, the version decides
    stockChanged(productId, variant, sku, 9, version, seq + 5);
    Thread.sleep(500);
    assertEquals("4", redis.hget("cart:rsv:" + v, "_o").await(10, TimeUnit.SECONDS).toString());
    stockChanged(productId, variant, sku, 2, version + 1, seq + 6);
    Eventually.value("the figure of the same version taken", () -> redis.hget("cart:rsv:" + v, "_o")
      .await(10, TimeUnit.SECONDS).toString(), "2"::equals);
    var kept = redis.hmget(List.of("cart:rsv:" + v, "_v", "_q")).await(10, TimeUnit.SECONDS);
    assertEquals(Long.toString(version + 1), kept.get(0).toString());
    assertEquals(Long.toString(seq + 6), kept.get(1).toString(), "the sequence kept with it");
  }

  private static void stockChanged(UUID productId, UUID variant, String sku, int onHand, long version, Long seq) {
    engine.vertx().eventBus().publish(io.kinetic.kernel.contract.catalog.CatalogApi.Events.STOCK_CHANGED,
      new io.kinetic.kernel.contract.catalog.StockChanged(UUID.randomUUID(), java.time.Instant.now(), productId, variant, sku,
        onHand, version, seq));
  }

  /**
   * Also the catalog follows the flushed Redis: a variant only a guest's (lost) cart held shows its
   * whole stock again, the customer's lines reserved again on the way back show their units.
   */
  @Test
  void aRedisFlushLosesNoCustomerCart() throws Exception {
    var product = shop.product("PUBLISHED", 10, 10);
    String customer = shop.customer();
    assertEquals(200, shop.addAsCustomer(customer, variantId(product, 0), 2).statusCode());
    var before = shop.addAsCustomer(customer, variantId(product, 1), 3);
    assertEquals(200, before.statusCode(), before.bodyAsString());
    // a guest holds the whole stock of a variant until the flush. Reservations lapse 2 s after
    // their cart's last change here: each round renews them (a line set to its quantity again) and
    // looks at the catalog
    var guestOnly = shop.product("PUBLISHED", 2);
    var guest = GuestCart.adding(variantId(guestOnly, 0), 2);
    Eventually.until("the catalog showing every reservation", () -> {
      renew(Shop.withCart(http.patch("/api/v1/cart/lines/" + variantId(guestOnly, 0)), guest.token()), 2);
      renew(http.patch("/api/v1/cart/lines/" + variantId(product, 0)).bearerTokenAuthentication(customer), 2);
      return available(guestOnly, 0) == 0 && available(product, 0) == 8 && available(product, 1) == 7;
    });
    assertEquals("2", redis.hget("cart:rsv:" + variantId(guestOnly, 0), "_t").await(10, TimeUnit.SECONDS).toString(),
      "still held at the flush");

    redis.flushdb(List.of()).await(10, TimeUnit.SECONDS);

    var after = shop.customerCart(customer);
    assertEquals(200, after.statusCode(), after.bodyAsString());
    assertEquals(before.bodyAsJsonObject().getString("id"), after.bodyAsJsonObject().getString("id"));
    assertEquals(2, line(after, variantId(product, 0)).getInteger("quantity"));
    assertEquals(3, line(after, variantId(product, 1)).getInteger("quantity"));
    assertEquals(3, line(after, variantId(product, 1)).getInteger("reserved"), "reserved again on the way back");
    assertEquals(5, after.bodyAsJsonObject().getInteger("itemCount"));
    // the catalog follows: the guest's units are free (nothing else would ever publish that
    // variant's total again), the customer's are held again
    long flushed = System.nanoTime();
    Eventually.value("the catalog showing the guest's units free and the customer's held", Duration.ofSeconds(15), () -> {
      renew(http.patch("/api/v1/cart/lines/" + variantId(product, 0)).bearerTokenAuthentication(customer), 2);
      return List.of(available(guestOnly, 0), available(product, 0), available(product, 1));
    }, List.of(2, 8, 7)::equals);
    System.out.printf("CartResilienceTest: the catalog followed the flushed Redis in %d ms%n",
      TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - flushed));
    // and the cart goes on working
    assertEquals(200, shop.addAsCustomer(customer, variantId(product, 0), 1).statusCode());
  }

  /** Sets a line to {@code quantity} (its quantity already): a change of the cart, which renews its reservations. */
  private static void renew(io.vertx.ext.web.client.HttpRequest<io.vertx.core.buffer.Buffer> patch, int quantity) throws Exception {
    var r = Shop.send(patch, new JsonObject().put("quantity", quantity));
    assertEquals(200, r.statusCode(), r.bodyAsString());
  }

  /** What the product's page shows available of a variant. */
  private static int available(JsonObject product, int variant) throws Exception {
    var r = http.get("/api/v1/products/" + product.getString("id")).send().await(10, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getJsonArray("variants").getJsonObject(variant).getInteger("available");
  }

  private static int expiredEvents(String cartId, String variantId) throws Exception {
    return expiredEvents(cartId, variantId, -1);
  }

  /** {@code quantity}: of that many units only (-1: any). */
  private static int expiredEvents(String cartId, String variantId, int quantity) throws Exception {
    var jdbc = io.kinetic.kernel.pg.PgPools.jdbc(pgUrl);
    try (var connection = DriverManager.getConnection(jdbc.url(), jdbc.user(), jdbc.password());
         var query = connection.prepareStatement("""
           SELECT count(*) FROM cart.outbox WHERE event_type = 'cart.reservation-expired'
             AND payload->>'cartId' = ? AND payload->>'variantId' = ? AND (? < 0 OR (payload->>'quantity')::int = ?)""")) {
      query.setString(1, cartId);
      query.setString(2, variantId);
      query.setInt(3, quantity);
      query.setInt(4, quantity);
      try (var rows = query.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }
}
