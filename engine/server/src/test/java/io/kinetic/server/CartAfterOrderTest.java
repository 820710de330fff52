package io.kinetic.server;

import static io.kinetic.server.CheckoutEndToEndTest.GERMANY_STANDARD;
import static io.kinetic.server.CheckoutEndToEndTest.address;
import static io.kinetic.server.Shop.line;
import static io.kinetic.server.Shop.variantId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.contract.cart.CartApi;
import io.kinetic.kernel.contract.cart.ClearCart;
import io.kinetic.kernel.contract.cart.TakeOrderedLines;
import io.kinetic.kernel.contract.catalog.AllocateStock;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.log.LogApi;
import io.kinetic.kernel.contract.log.ReadLog;
import io.kinetic.kernel.embedded.EmbeddedServices;
import io.kinetic.kernel.pg.PgPools;
import io.kinetic.kernel.testing.Eventually;
import io.kinetic.kernel.testing.TestServices;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A customer's order whose placement could not empty the cart (the cart context's answer to the
 * placement's "empty the cart" fails here, as it does when Redis is unreachable at that moment):
 * the placement logs {@code CartNotEmptied}, and the cart context takes the ordered lines out of the
 * cart later and leaves what the customer added after the order. To see the cart between
 * the order and that moment, the cart context's reads of the checkout's log are held back until
 * the test lets them through. An engine of its own, on a Redis of its own (flushed by a test).
 */
class CartAfterOrderTest {

  private static final String ADMIN = "cart-after-order-" + UUID.randomUUID() + "@kinetic.test";
  private static final String PASSWORD = "cart-after-order-password";
  private static final String CONSUMER = "cart.orders";
  private static Engine engine;
  private static Vertx vertx;
  private static WebClient http;
  private static RedisAPI redis;
  private static Pool sql;
  private static Shop shop;
  private static EmbeddedServices ownRedis;
  /** Customers whose placements' "empty the cart" fails. */
  private static final Set<UUID> clearFails = ConcurrentHashMap.newKeySet();
  /** Guests (by cart token) whose placements' "empty the cart" is held back, and the held requests. */
  private static final Set<String> guestClearHeld = ConcurrentHashMap.newKeySet();
  private static final List<Runnable> heldClears = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** Guests (by cart token) whose placements' "empty the cart" fails. */
  private static final Set<String> guestClearFails = ConcurrentHashMap.newKeySet();
  /** The placements' later requests to take a guest's ordered lines out of the cart, held back (null: let through). */
  private static List<Runnable> heldTakes;
  /** How many such requests the cart context was asked (held or not), and how many the test's outage failed. */
  private static final java.util.concurrent.atomic.AtomicInteger takes = new java.util.concurrent.atomic.AtomicInteger();
  private static final java.util.concurrent.atomic.AtomicInteger failTakes = new java.util.concurrent.atomic.AtomicInteger();
  /** The cart context's reads of the checkout's log held back (null: let through). */
  private static List<Runnable> held;
  /** The allocations of placements ordering {@link #heldVariant}, held back (null: let through). */
  private static List<Runnable> heldAllocations;
  private static UUID heldVariant;

  @BeforeAll
  static void start() throws Exception {
    ownRedis = new EmbeddedServices(); // a Redis of its own: the shared one's spare databases are few
    String redisUrl = ownRedis.startRedis(0);
    String pgUrl = TestServices.get().newDatabase("afterorder");
    engine = Engine.start(EngineEnv.standalone(ADMIN, PASSWORD, pgUrl, redisUrl));
    vertx = Vertx.vertx();
    http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
    redis = RedisAPI.api(Redis.createClient(vertx, redisUrl));
    sql = PgPools.create(vertx, pgUrl, 2, "public");
    shop = new Shop(http, ADMIN, PASSWORD);
    String clear = CartApi.CLEAR.address();
    String read = LogApi.read("checkout").address();
    String take = CartApi.TAKE_ORDERED_LINES.address();
    String allocate = CatalogApi.ALLOCATE_STOCK.address();
    engine.vertx().eventBus().addInboundInterceptor(ctx -> {
      String address = ctx.message().address();
      if (address.equals(allocate) && ctx.body() instanceof AllocateStock a) {
        Context context = Vertx.currentContext();
        synchronized (CartAfterOrderTest.class) {
          if (heldAllocations != null && a.lines().stream().anyMatch(l -> l.variantId().equals(heldVariant))) {
            heldAllocations.add(() -> context.runOnContext(v -> ctx.next()));
            return;
          }
        }
      }
      if (address.equals(clear) && ctx.body() instanceof ClearCart c && c.ref() != null
        && (c.ref().isCustomer() ? clearFails.contains(c.ref().customerId()) : guestClearFails.contains(c.ref().token()))) {
        ctx.message().fail(503, "the cart could not be emptied (the test's Redis outage)");
        return;
      }
      if (address.equals(clear) && ctx.body() instanceof ClearCart c && c.ref() != null && !c.ref().isCustomer()
        && guestClearHeld.contains(c.ref().token())) {
        Context context = Vertx.currentContext();
        heldClears.add(() -> context.runOnContext(v -> ctx.next()));
        return;
      }
      if (address.equals(take) && ctx.body() instanceof TakeOrderedLines) {
        takes.incrementAndGet();
        if (failTakes.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          ctx.message().fail(503, "the cart's lines could not be taken (the test's Redis outage)");
          return;
        }
        Context context = Vertx.currentContext();
        synchronized (CartAfterOrderTest.class) {
          if (heldTakes != null) {
            heldTakes.add(() -> context.runOnContext(v -> ctx.next()));
            return;
          }
        }
      }
      if (address.equals(read) && ctx.body() instanceof ReadLog r && CONSUMER.equals(r.consumer())) {
        Context context = Vertx.currentContext();
        synchronized (CartAfterOrderTest.class) {
          if (held != null) {
            held.add(() -> context.runOnContext(v -> ctx.next()));
            return;
          }
        }
      }
      ctx.next();
    });
  }

  @AfterAll
  static void stop() throws Exception {
    release();
    if (sql != null) {
      sql.close().await(10, TimeUnit.SECONDS);
    }
    if (vertx != null) {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
    if (engine != null) {
      engine.stop();
    }
    if (ownRedis != null) {
      ownRedis.close();
    }
  }

  /**
   * The placement's "empty the cart" fails: the customer still sees the ordered lines, and adds a
   * new line and one more unit of an ordered line. Once the cart context has read the order, the
   * ordered lines are gone (their units no longer reserved, in Redis and in the copy in
   * PostgreSQL), and what was added after the order stays. Reading the order again changes nothing.
   */
  @Test
  void theOrderedLinesLeaveACartThePlacementCouldNotEmptyAndWhatWasAddedAfterStays() throws Exception {
    var product = shop.product("PUBLISHED", 10, 10, 10);
    String a = variantId(product, 0);
    String b = variantId(product, 1);
    String c = variantId(product, 2);
    String customer = shop.customer();
    assertEquals(200, shop.addAsCustomer(customer, a, 2).statusCode());
    UUID customerId = customerId(shop.addAsCustomer(customer, b, 1));

    hold();
    clearFails.add(customerId);
    String order = place(customer);
    HttpResponse<Buffer> notEmptied = shop.customerCart(customer);
    assertEquals(2, line(notEmptied, a).getInteger("quantity"), "not emptied by the placement: " + notEmptied.bodyAsString());
    assertEquals(1, line(notEmptied, b).getInteger("quantity"), notEmptied.bodyAsString());
    // after the order: a new line, and one more unit of an ordered one
    assertEquals(200, shop.addAsCustomer(customer, c, 1).statusCode());
    assertEquals(3, line(shop.addAsCustomer(customer, a, 1), a).getInteger("quantity"));
    release();
    awaitConsumer();

    HttpResponse<Buffer> after = shop.customerCart(customer);
    JsonObject cart = after.bodyAsJsonObject();
    assertEquals(2, cart.getJsonArray("lines").size(), "the ordered lines left: " + cart.encode());
    assertNull(line(after, b), cart.encode());
    assertEquals(1, line(after, a).getInteger("quantity"), "the unit added after the order stays: " + cart.encode());
    assertEquals(1, line(after, a).getInteger("reserved"), cart.encode());
    assertEquals(1, line(after, c).getInteger("quantity"), "the line added after the order stays: " + cart.encode());
    assertEquals(1, line(after, c).getInteger("reserved"), cart.encode());
    // the ordered units are reserved no more: the order holds them (allocated), the cart only what it has
    assertEquals(1, reservedTotal(a), "the cart's 1 unit of " + a);
    assertEquals(0, reservedTotal(b), "nothing of " + b);
    // and the copy in PostgreSQL, which a Redis restart would bring back, says the same
    JsonObject copy = storedCart(customerId);
    assertNull(copy.getString("l:" + b), copy.encode());
    assertTrue(copy.getString("l:" + a).startsWith("1|"), copy.encode());
    assertTrue(copy.getString("l:" + c).startsWith("1|"), copy.encode());
    assertEquals(1, placed(customerId), "one order: " + order);

    // the order read again (the consumer moved back to the start of the log): nothing changes
    long version = cart.getLong("version");
    sql.preparedQuery("UPDATE cart.event_checkpoint SET position = 0 WHERE consumer = $1").execute(Tuple.of(CONSUMER))
      .await(10, TimeUnit.SECONDS);
    awaitConsumer();
    JsonObject again = shop.customerCart(customer).bodyAsJsonObject();
    assertEquals(version, again.getLong("version"), "read again, the order changes nothing: " + again.encode());
    assertEquals(cart.getJsonArray("lines").size(), again.getJsonArray("lines").size(), again.encode());
    clearFails.remove(customerId);
    // the ordered lines gone, the order's claim on the cart is over: the next order is placed at once
    place(customer);
    assertEquals(2, placed(customerId));
  }

  /**
   * The placement emptied the cart itself, and the customer added the same variant again at once:
   * that line was added after the order, and stays when the cart context reads the order.
   */
  @Test
  void aLineAddedAgainAfterTheCartWasEmptiedStays() throws Exception {
    var product = shop.product("PUBLISHED", 10);
    String a = variantId(product, 0);
    String customer = shop.customer();
    assertEquals(200, shop.addAsCustomer(customer, a, 2).statusCode());

    hold();
    place(customer);
    assertEquals(0, shop.customerCart(customer).bodyAsJsonObject().getInteger("itemCount"), "emptied by the placement");
    var added = shop.addAsCustomer(customer, a, 2);
    assertEquals(200, added.statusCode(), added.bodyAsString());
    release();
    awaitConsumer();

    var after = shop.customerCart(customer);
    assertEquals(2, line(after, a).getInteger("quantity"), after.bodyAsString());
    assertEquals(2, line(after, a).getInteger("reserved"), after.bodyAsString());
    assertEquals(added.bodyAsJsonObject().getLong("version"), after.bodyAsJsonObject().getLong("version"), "untouched");
  }

  /**
   * Redis lost the cart the placement could not empty (flushed, as a restart of Redis without
   * persistence leaves it): the cart context takes the ordered lines out of the copy in PostgreSQL,
   * so the cart the customer gets back no longer holds them, and the catalog hears that the
   * variants' units are reserved no more (no cart would ever tell it otherwise).
   */
  @Test
  void aCartRedisLostComesBackWithoutTheOrderedLines() throws Exception {
    var product = shop.product("PUBLISHED", 10, 10);
    String a = variantId(product, 0);
    String b = variantId(product, 1);
    String customer = shop.customer();
    assertEquals(200, shop.addAsCustomer(customer, a, 2).statusCode());
    UUID customerId = customerId(shop.addAsCustomer(customer, b, 3));
    Eventually.until("the catalog hears the cart's reservations", Duration.ofSeconds(30),
      () -> catalogReserved(a) == 2 && catalogReserved(b) == 3);

    hold();
    clearFails.add(customerId);
    place(customer);
    redis.flushdb(List.of()).await(10, TimeUnit.SECONDS);
    release();
    awaitConsumer();
    JsonObject copy = storedCart(customerId);
    assertNull(copy.getString("l:" + a), copy.encode());
    assertNull(copy.getString("l:" + b), copy.encode());
    // asked of Redis again until it answers: it has no such cart, and the order is done with
    Eventually.until("no order left for Redis", Duration.ofSeconds(30),
      () -> count("SELECT count(*) FROM cart.ordered_lines_pending WHERE customer_id = $1", customerId) == 0);
    Eventually.until("the catalog hears the units reserved no more", Duration.ofSeconds(30),
      () -> catalogReserved(a) == 0 && catalogReserved(b) == 0);

    var back = shop.customerCart(customer);
    assertEquals(200, back.statusCode(), back.bodyAsString());
    assertEquals(0, back.bodyAsJsonObject().getInteger("itemCount"), back.bodyAsString());
    assertEquals(copy.getString("id"), back.bodyAsJsonObject().getString("id"), "the same cart");
    var more = shop.addAsCustomer(customer, a, 1);
    assertEquals(200, more.statusCode(), more.bodyAsString());
    assertEquals(1, line(more, a).getInteger("quantity"), more.bodyAsString());
    clearFails.remove(customerId);
  }

  /**
   * A guest's order whose placement could not empty the cart: no event can name a guest's cart (its
   * token is the guest's credential), so the placement asks the cart context itself, again after a
   * failure (here the first request fails, as while Redis is still away). The ordered lines leave
   * the cart, and what the guest added after the order stays.
   */
  @Test
  void aGuestsOrderedLinesLeaveTheCartThePlacementCouldNotEmpty() throws Exception {
    var product = shop.product("PUBLISHED", 10, 10, 10);
    String a = variantId(product, 0);
    String b = variantId(product, 1);
    String c = variantId(product, 2);
    String guest = shop.add(null, a, 2).getHeader("X-Cart-Token");
    assertEquals(200, shop.add(guest, b, 1).statusCode());

    synchronized (CartAfterOrderTest.class) {
      heldTakes = new ArrayList<>();
    }
    int asked = takes.get();
    failTakes.set(1);
    guestClearFails.add(guest);
    var placed = CheckoutEndToEndTest.place(http, guest, UUID.randomUUID().toString(),
      CheckoutEndToEndTest.order("guest-after-order@example.com", "DE", GERMANY_STANDARD));
    assertEquals(201, placed.statusCode(), placed.bodyAsString());
    HttpResponse<Buffer> notEmptied = shop.cart(guest);
    assertEquals(2, line(notEmptied, a).getInteger("quantity"), "not emptied by the placement: " + notEmptied.bodyAsString());
    // after the order: a new line, and one more unit of an ordered one
    assertEquals(200, shop.add(guest, c, 1).statusCode());
    assertEquals(3, line(shop.add(guest, a, 1), a).getInteger("quantity"));
    // the first request failed, the second waits for the test
    Eventually.until("the placement asks again after a failure", Duration.ofSeconds(30), () -> takes.get() >= asked + 2);
    List<Runnable> waiting;
    synchronized (CartAfterOrderTest.class) {
      waiting = heldTakes;
      heldTakes = null;
    }
    waiting.forEach(Runnable::run);

    Eventually.until("the ordered lines leave the guest's cart", Duration.ofSeconds(30), () -> line(shop.cart(guest), b) == null);
    HttpResponse<Buffer> after = shop.cart(guest);
    JsonObject cart = after.bodyAsJsonObject();
    assertEquals(2, cart.getJsonArray("lines").size(), cart.encode());
    assertEquals(1, line(after, a).getInteger("quantity"), "the unit added after the order stays: " + cart.encode());
    assertEquals(1, line(after, a).getInteger("reserved"), cart.encode());
    assertEquals(1, line(after, c).getInteger("quantity"), "the line added after the order stays: " + cart.encode());
    assertEquals(1, reservedTotal(a), "the cart's 1 unit of " + a);
    assertEquals(0, reservedTotal(b), "nothing of " + b);
    guestClearFails.remove(guest);
    // the ordered lines gone, the order's claim on the cart is over: the next order is placed at once
    var next = CheckoutEndToEndTest.place(http, guest, UUID.randomUUID().toString(),
      CheckoutEndToEndTest.order("guest-after-order@example.com", "DE", GERMANY_STANDARD));
    assertEquals(201, next.statusCode(), next.bodyAsString());
  }

  /**
   * While an order is placed from a guest's cart (its allocation held back here), a placement with
   * another key is refused 409 {@code CHECKOUT_IN_PROGRESS}, and that answer is not kept for its key:
   * sent again after the order, the same request places the cart filled again. A login's merge of
   * the cart is refused the same way (its lines are being ordered: merged, they would stay in the
   * customer's cart after the order), and merges after.
   */
  @Test
  void aCartBeingOrderedRefusesAnotherKeyAndAMergeForThatMomentOnly() throws Exception {
    var product = shop.product("PUBLISHED", 10);
    String a = variantId(product, 0);
    String guest = shop.add(null, a, 1).getHeader("X-Cart-Token");
    synchronized (CartAfterOrderTest.class) {
      heldAllocations = new ArrayList<>();
      heldVariant = UUID.fromString(a);
    }
    JsonObject body = CheckoutEndToEndTest.order("claimed@example.com", "DE", GERMANY_STANDARD);
    String second = UUID.randomUUID().toString();
    String customer = shop.customer();
    io.vertx.core.Future<HttpResponse<Buffer>> first;
    try {
      first = Shop.withCart(http.post("/api/v1/checkout/orders"), guest)
        .putHeader("Idempotency-Key", UUID.randomUUID().toString()).sendJsonObject(body);
      Eventually.until("the first placement allocates", Duration.ofSeconds(30), () -> {
        synchronized (CartAfterOrderTest.class) {
          return !heldAllocations.isEmpty();
        }
      });
      var refused = CheckoutEndToEndTest.place(http, guest, second, body);
      assertEquals(409, refused.statusCode(), refused.bodyAsString());
      assertEquals("CHECKOUT_IN_PROGRESS", refused.bodyAsJsonObject().getString("code"));
      var merge = http.post("/api/v1/cart/merge").bearerTokenAuthentication(customer)
        .sendJsonObject(new JsonObject().put("cartToken", guest)).await(10, TimeUnit.SECONDS);
      assertEquals(409, merge.statusCode(), merge.bodyAsString());
      assertEquals("CHECKOUT_IN_PROGRESS", merge.bodyAsJsonObject().getString("code"));
    } finally {
      List<Runnable> waiting;
      synchronized (CartAfterOrderTest.class) {
        waiting = heldAllocations;
        heldAllocations = null;
        heldVariant = null;
      }
      waiting.forEach(Runnable::run);
    }
    var placed = first.await(30, TimeUnit.SECONDS);
    assertEquals(201, placed.statusCode(), placed.bodyAsString());
    assertEquals(200, shop.add(guest, a, 1).statusCode());
    var again = CheckoutEndToEndTest.place(http, guest, second, body);
    assertEquals(201, again.statusCode(), "not the 409 replayed: " + again.bodyAsString());
    assertNull(again.getHeader("Idempotent-Replayed"), again.headers().toString());
    var merged = http.post("/api/v1/cart/merge").bearerTokenAuthentication(customer)
      .sendJsonObject(new JsonObject().put("cartToken", guest)).await(10, TimeUnit.SECONDS);
    assertEquals(200, merged.statusCode(), merged.bodyAsString());
    assertTrue(merged.bodyAsJsonObject().getJsonObject("cart").getJsonArray("lines").stream()
      .noneMatch(l -> a.equals(((JsonObject) l).getString("variantId"))), "the ordered units are not in the customer's cart: "
      + merged.bodyAsString());
  }

  /**
   * The same key again while its first placement made the order but has not emptied the cart (as
   * when that request's node died there), after the order's claim on the cart lapsed: the answer is
   * the order, and its lines leave the cart (the order kept the cart as read); what was added
   * meanwhile stays. Asked again, nothing more changes.
   */
  @Test
  void aRepeatedPlacementTakesTheLinesItsFirstRunLeftInTheCart() throws Exception {
    repeatedPlacement(true);
  }

  /**
   * The same, for an order an older node placed (it kept no cart as read), while the order's claim
   * is still on the cart: each line of an ordered variant loses the units ordered, once.
   */
  @Test
  void aRepeatedPlacementOfAnOrderWithoutItsCartTakesTheLinesWhileClaimed() throws Exception {
    repeatedPlacement(false);
  }

  private void repeatedPlacement(boolean keptCart) throws Exception {
    var product = shop.product("PUBLISHED", 10, 10);
    String a = variantId(product, 0);
    String c = variantId(product, 1);
    String guest = shop.add(null, a, 2).getHeader("X-Cart-Token");
    String key = UUID.randomUUID().toString();
    String email = "again+" + key.substring(0, 8) + "@example.com";
    JsonObject body = CheckoutEndToEndTest.order(email, "DE", GERMANY_STANDARD);
    guestClearHeld.add(guest);
    io.vertx.core.Future<HttpResponse<Buffer>> first;
    try {
      first = Shop.withCart(http.post("/api/v1/checkout/orders"), guest).putHeader("Idempotency-Key", key).sendJsonObject(body);
      Eventually.until("the first placement made its order", Duration.ofSeconds(30), () -> !heldClears.isEmpty());
      // after the order: a new line, and one more unit of the ordered one
      assertEquals(200, shop.add(guest, c, 1).statusCode());
      assertEquals(3, line(shop.add(guest, a, 1), a).getInteger("quantity"));
      if (keptCart) {
        // the order's claim on the cart lapsed
        assertEquals(1L, redis.del(List.of("cart:g:" + guest + ":claim")).await(10, TimeUnit.SECONDS).toLong());
      } else {
        assertEquals(1L, count("WITH o AS (UPDATE checkout.orders SET ordered_cart = NULL WHERE email = $1 AND ordered_cart IS NOT NULL"
          + " RETURNING 1) SELECT count(*) FROM o", email), "the order kept its cart as read");
      }
      var bus = new io.kinetic.kernel.bus.BusClient(engine.vertx(), 10_000);
      var details = new io.kinetic.kernel.contract.checkout.CheckoutDetails(email,
        new io.kinetic.kernel.contract.checkout.OrderAddress("Ada Lovelace", null, "Main Street 1", null, "10115", "Berlin", null, "DE", null),
        null, UUID.fromString(GERMANY_STANDARD), null);
      var command = new io.kinetic.kernel.contract.checkout.PlaceOrder(io.kinetic.kernel.contract.cart.CartRef.guest(guest), details, key, "en");
      var again = bus.request(io.kinetic.kernel.contract.checkout.CheckoutApi.PLACE_ORDER, command, io.kinetic.kernel.bus.Caller.SYSTEM)
        .await(20, TimeUnit.SECONDS);
      HttpResponse<Buffer> cart = shop.cart(guest);
      assertEquals(1, line(cart, a).getInteger("quantity"), "the ordered units left the cart: " + cart.bodyAsString());
      assertEquals(1, line(cart, c).getInteger("quantity"), "the line added meanwhile stays: " + cart.bodyAsString());
      assertEquals(1, reservedTotal(a), "the cart's 1 unit of " + a);
      var twice = bus.request(io.kinetic.kernel.contract.checkout.CheckoutApi.PLACE_ORDER, command, io.kinetic.kernel.bus.Caller.SYSTEM)
        .await(20, TimeUnit.SECONDS);
      assertEquals(again.order().id(), twice.order().id());
      HttpResponse<Buffer> after = shop.cart(guest);
      assertEquals(1, line(after, a).getInteger("quantity"), "asked again, nothing more changes: " + after.bodyAsString());
      assertEquals(1, line(after, c).getInteger("quantity"), after.bodyAsString());
      guestClearHeld.remove(guest);
      heldClears.forEach(Runnable::run);
      heldClears.clear();
      var placed = first.await(30, TimeUnit.SECONDS);
      assertEquals(201, placed.statusCode(), placed.bodyAsString());
      assertEquals(placed.bodyAsJsonObject().getJsonObject("order").getString("id"), again.order().id().toString(), "one order");
    } finally {
      guestClearHeld.remove(guest);
      heldClears.forEach(Runnable::run);
      heldClears.clear();
    }
  }

  /** Places the customer's cart (201): the order's number. */
  private static String place(String customer) throws Exception {
    var placed = http.post("/api/v1/checkout/orders").bearerTokenAuthentication(customer)
      .putHeader("Idempotency-Key", UUID.randomUUID().toString())
      .sendJsonObject(new JsonObject().put("shippingAddress", address("DE")).put("shippingMethodId", GERMANY_STANDARD))
      .await(30, TimeUnit.SECONDS);
    assertEquals(201, placed.statusCode(), placed.bodyAsString());
    String number = placed.bodyAsJsonObject().getJsonObject("order").getString("number");
    assertNotNull(number);
    return number;
  }

  private static UUID customerId(HttpResponse<Buffer> cart) {
    assertEquals(200, cart.statusCode(), cart.bodyAsString());
    return UUID.fromString(cart.bodyAsJsonObject().getString("customerId"));
  }

  private static synchronized void hold() {
    held = new ArrayList<>();
  }

  /** Lets the held reads through, and the next ones. */
  private static void release() {
    List<Runnable> reads;
    synchronized (CartAfterOrderTest.class) {
      reads = held;
      held = null;
    }
    if (reads != null) {
      reads.forEach(Runnable::run);
    }
  }

  /** Until the cart context has applied the checkout's log up to its newest event. */
  private static void awaitConsumer() {
    Eventually.until("the checkout's events in its log", Duration.ofSeconds(30),
      () -> count("SELECT count(*) FROM checkout.outbox WHERE position IS NULL AND event_type LIKE 'checkout.%'") == 0);
    long head = count("SELECT coalesce(max(position), 0) FROM checkout.outbox WHERE event_type LIKE 'checkout.%'");
    Eventually.until("the cart context read the checkout's log", Duration.ofSeconds(60),
      () -> count("SELECT coalesce(max(position), 0) FROM cart.event_checkpoint WHERE consumer = $1", CONSUMER) >= head);
  }

  private static long reservedTotal(String variant) throws Exception {
    var total = redis.hget("cart:rsv:" + variant, "_t").await(10, TimeUnit.SECONDS);
    return total == null ? 0 : Long.parseLong(total.toString());
  }

  /** The reserved total the catalog knows of {@code variant}. */
  private static long catalogReserved(String variant) {
    return count("SELECT coalesce((SELECT reserved FROM catalog.variant_reserved WHERE variant_id = $1), 0)", UUID.fromString(variant));
  }

  private static JsonObject storedCart(UUID customerId) {
    List<Row> rows = rows("SELECT state FROM cart.customer_cart WHERE customer_id = $1", customerId);
    assertEquals(1, rows.size());
    return rows.get(0).getJsonObject("state");
  }

  private static long placed(UUID customerId) {
    return count("SELECT count(*) FROM checkout.orders WHERE customer_id = $1", customerId);
  }

  private static List<Row> rows(String query, Object... params) {
    var out = new ArrayList<Row>();
    try {
      sql.preparedQuery(query).execute(Tuple.from(params)).await(20, TimeUnit.SECONDS).forEach(out::add);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("no answer in 20 s to " + query, e);
    }
    return out;
  }

  private static long count(String query, Object... params) {
    Object v = rows(query, params).get(0).getValue(0);
    return v == null ? 0 : ((Number) v).longValue();
  }
}
