package io.kinetic.server;

import static io.kinetic.server.CheckoutEndToEndTest.GERMANY_STANDARD;
import static io.kinetic.server.CheckoutEndToEndTest.address;
import static io.kinetic.server.CheckoutEndToEndTest.order;
import static io.kinetic.server.Shop.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.embedded.EmbeddedServices;
import io.kinetic.kernel.embedded.FreePorts;
import io.kinetic.kernel.pg.PgPools;
import io.kinetic.kernel.testing.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Redis itself crashes under checkout load: its process is killed (SIGKILL) and a new, empty one
 * is started on the same port (the embedded Redis keeps nothing on disk, as a cache without
 * persistence would after a crash). The engine keeps running; the carts and the reservations were
 * in Redis only, customers' carts also in PostgreSQL. Afterwards:
 * <ul>
 *   <li>no answer was a 5xx other than 503 (the outage), and readiness said Redis was down during
 *       it and is up again;</li>
 *   <li>every order a shopper saw paid is paid, and the engine takes new carts and orders;</li>
 *   <li>each variant's stock on hand plus its allocations is the stock it started with, and each
 *       order holds exactly its units;</li>
 *   <li>each customer's cart comes back from PostgreSQL with its lines and quantities, reserved
 *       again as far as the stock that is free now allows: the reservations in the new Redis never
 *       exceed the stock, and the catalog hears their totals again;</li>
 *   <li>guests' carts are lost with Redis (counted: a guest starts a new cart);</li>
 *   <li>the catalog follows the new Redis within seconds: a variant only a lost guest cart held
 *       shows its whole stock available again, one reserved again after the restart shows that
 *       reservation, never the lost one;</li>
 *   <li>no customer's cart holds a line that one of the customer's orders took (a line added
 *       before an order of its variant): an order placed while Redis went away, whose cart the
 *       placement could not empty (it logs that), has its lines taken out of the customer's cart by
 *       the cart context, from {@code CartNotEmptied}, in PostgreSQL at once and in Redis when it is
 *       back. One customer's placement is held on the stock's row lock until Redis is gone, so
 *       that this happens in every run; the shoppers' (counted) only now and then.</li>
 * </ul>
 * Each order is checked to hold its own units ({@code item_count}), not one unit: a customer whose
 * next order came before the cart context took the lines out would order them again.
 */
class RedisCrashTest {

  private static final String ADMIN = "redis-crash-admin@example.com";
  private static final String PASSWORD = "redis-crash-admin-password";
  private static final int GUESTS = 4;
  private static final int CUSTOMERS = 4;
  private static final int PARKED = 3;
  private static final int STOCK = 100_000;
  /** The scarce variant: the first two parked customers hold all of it before the crash. */
  private static final int SCARCE = 4;
  /** A variant a guest holds whole before the crash, and one a guest holds part of (another reserves again after it). */
  private static final int LOST = 2;
  private static final int AGAIN = 5;
  private static Vertx vertx;
  private static EmbeddedServices postgres;
  private static Pool sql;
  private static EmbeddedServices redis;
  private static int redisPort;
  private static String redisUrl;
  private static RedisAPI redisClient;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    postgres = new EmbeddedServices();
    // temporary data (fsync off): this test crashes Redis, not PostgreSQL
    String pgUrl = postgres.startPostgres(null, 0, EmbeddedServices.ENGINE_MAX_CONNECTIONS);
    sql = PgPools.create(vertx, pgUrl, 2, "public");
    // a fixed port (the new Redis takes the old one's): another process may take the one found before it starts
    for (int attempt = 1; ; attempt++) {
      redisPort = FreePorts.find();
      redis = new EmbeddedServices();
      try {
        redisUrl = redis.startRedis(redisPort);
        return;
      } catch (java.io.IOException e) {
        redis.close();
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (sql != null) {
      sql.close().await(10, TimeUnit.SECONDS);
    }
    vertx.close().await(10, TimeUnit.SECONDS);
    postgres.close();
    redis.close();
  }

  @Test
  void aCrashOfRedisUnderLoadLosesNoOrderNoCustomerCartAndNoStock() throws Exception {
    long began = System.nanoTime();
    Map<String, String> env = EngineEnv.standalone(ADMIN, PASSWORD, postgres.pgUrl(), redisUrl);
    env.put("COMMERCE_EMBEDDED_DATA_DIR", Files.createTempDirectory("kinetic-redis-crash-engine").toString());
    try (EngineProcess engine = EngineProcess.start(env, Map.of()).awaitReady(Duration.ofSeconds(180))) {
      WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()),
        new PoolOptions().setHttp1MaxSize((GUESTS + CUSTOMERS) * 2));
      Shop shop = new Shop(http, ADMIN, PASSWORD);
      JsonObject product = shop.product("PUBLISHED", STOCK, STOCK, STOCK, STOCK);
      List<String> variants = List.of(Shop.variantId(product, 0), Shop.variantId(product, 1), Shop.variantId(product, 2),
        Shop.variantId(product, 3));
      String scarce = Shop.variantId(shop.product("PUBLISHED", SCARCE), 0);
      var initial = new HashMap<String, Integer>();
      variants.forEach(v -> initial.put(v, STOCK));
      initial.put(scarce, SCARCE);

      // customers who shop, and customers who fill their carts and leave them (the scarce variant's
      // whole stock in the first two carts: a guest gets none of it)
      var shoppingCustomers = new ArrayList<String>();
      for (int i = 0; i < CUSTOMERS; i++) {
        shoppingCustomers.add(shop.customer());
      }
      var parked = new ArrayList<String>();
      var parkedCarts = new ArrayList<JsonObject>();
      for (int i = 0; i < PARKED; i++) {
        String customer = shop.customer();
        parked.add(customer);
        assertEquals(200, shop.addAsCustomer(customer, variants.get(0), 2).statusCode());
        HttpResponse<Buffer> cart = shop.addAsCustomer(customer, variants.get(1), 3);
        if (i < 2) {
          cart = shop.addAsCustomer(customer, scarce, 2);
        }
        assertEquals(200, cart.statusCode(), cart.bodyAsString());
        parkedCarts.add(cart.bodyAsJsonObject());
      }
      CartEndToEndTest.assertProblem(shop.add(null, scarce, 1), 409, "OUT_OF_STOCK");
      // a customer whose placement is held until Redis is gone: its cart cannot be emptied
      JsonObject held = shop.product("PUBLISHED", 10, 10);
      String heldOrdered = Shop.variantId(held, 0);
      String heldLater = Shop.variantId(held, 1);
      initial.put(heldOrdered, 10);
      initial.put(heldLater, 10);
      String stalled = shop.customer();
      HttpResponse<Buffer> stalledCart = shop.addAsCustomer(stalled, heldOrdered, 2);
      assertEquals(200, stalledCart.statusCode(), stalledCart.bodyAsString());
      UUID stalledId = UUID.fromString(stalledCart.bodyAsJsonObject().getString("customerId"));

      // guests hold the whole stock of one variant and part of another's: the catalog shows it
      JsonObject lostProduct = shop.product("PUBLISHED", LOST);
      String lost = Shop.variantId(lostProduct, 0);
      JsonObject againProduct = shop.product("PUBLISHED", AGAIN);
      String again = Shop.variantId(againProduct, 0);
      initial.put(lost, LOST);
      initial.put(again, AGAIN);
      assertEquals(201, shop.add(null, lost, LOST).statusCode());
      assertEquals(201, shop.add(null, again, 2).statusCode());
      Eventually.until("the catalog showing the guests' reservations", Duration.ofSeconds(30),
        () -> available(http, lostProduct) == 0 && available(http, againProduct) == AGAIN - 2);

      // the crash under load: commands in flight lose their connection, new ones find no server
      var shoppers = new Shoppers(http, variants, shoppingCustomers);
      shoppers.start();
      Eventually.until("orders paid before the crash", Duration.ofSeconds(180), () -> shoppers.paid.size() >= 40);
      // the held placement: its allocation waits for the variant's row, which the test locks
      SqlConnection lock = sql.getConnection().await(20, TimeUnit.SECONDS);
      Transaction locking = lock.begin().await(20, TimeUnit.SECONDS);
      lock.preparedQuery("SELECT 1 FROM catalog.variant WHERE id = $1 FOR UPDATE").execute(Tuple.of(UUID.fromString(heldOrdered)))
        .await(20, TimeUnit.SECONDS);
      int lockPid = lock.query("SELECT pg_backend_pid()").execute().await(20, TimeUnit.SECONDS).iterator().next().getInteger(0);
      var stalledPlacement = http.post("/api/v1/checkout/orders").bearerTokenAuthentication(stalled)
        .putHeader("Idempotency-Key", UUID.randomUUID().toString())
        .sendJsonObject(new JsonObject().put("shippingAddress", address("DE")).put("shippingMethodId", GERMANY_STANDARD));
      Eventually.until("the held placement waits for the stock's row", Duration.ofSeconds(60),
        () -> one("SELECT count(*) FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))", lockPid) > 0);
      long killed = crash();
      // readiness says so while Redis is gone
      JsonObject down = Eventually.value("readiness naming Redis down", Duration.ofSeconds(10), () -> {
        var r = http.get("/health/ready").send().await(10, TimeUnit.SECONDS);
        return r.statusCode() == 503 ? r.bodyAsJsonObject() : null;
      }, r -> r != null);
      assertEquals("DOWN", down.getJsonObject("checks").getString("redis"), down.encode());
      assertEquals("UP", down.getJsonObject("checks").getString("postgresql"), down.encode());
      // Redis is gone: the held placement goes on and makes the order, but cannot empty the cart
      locking.rollback().await(20, TimeUnit.SECONDS);
      lock.close();
      HttpResponse<Buffer> stalledOrder = stalledPlacement.await(90, TimeUnit.SECONDS);
      assertEquals(201, stalledOrder.statusCode(), stalledOrder.bodyAsString());
      String stalledNumber = stalledOrder.bodyAsJsonObject().getJsonObject("order").getString("number");
      Eventually.until("the held placement's cart not emptied", Duration.ofSeconds(30),
        () -> engine.log().contains("cart of order " + stalledNumber + " not emptied"));
      Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(killed + TimeUnit.SECONDS.toNanos(1) - System.nanoTime())));
      restart();
      long restarted = System.nanoTime();
      int paidBefore = shoppers.paid.size();

      // the reservations are gone with Redis: a new guest gets scarce units the parked carts held
      var guestScarce = shoppers.answer("a guest's scarce units", () -> http.post("/api/v1/cart/lines"),
        new JsonObject().put("variantId", scarce).put("quantity", 3), 201);
      assertEquals(3, line(guestScarce, scarce).getInteger("reserved"), guestScarce.bodyAsString());

      // the catalog follows the new Redis: the lost guest cart's units are available again (nothing
      // will ever publish that variant's total again), the unit a new guest reserves is held
      var guestAgain = shoppers.answer("a new guest's unit", () -> http.post("/api/v1/cart/lines"),
        new JsonObject().put("variantId", again).put("quantity", 1), 201);
      assertEquals(1, line(guestAgain, again).getInteger("reserved"), guestAgain.bodyAsString());
      Eventually.value("the catalog showing the lost reservation's units free and the new one held", Duration.ofSeconds(30),
        () -> List.of(available(http, lostProduct), available(http, againProduct)), List.of(LOST, AGAIN - 1)::equals);
      long followedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted);

      Eventually.until("orders paid after the restart", Duration.ofSeconds(180), () -> shoppers.paid.size() >= paidBefore + 40);
      shoppers.stop();
      Eventually.until("ready again", Duration.ofSeconds(30),
        () -> http.get("/health/ready").send().await(10, TimeUnit.SECONDS).statusCode() == 200);

      // each parked customer's cart is back: its id, lines and quantities; reserved again where the stock allows
      int scarceReserved = 3;
      for (int i = 0; i < PARKED; i++) {
        JsonObject before = parkedCarts.get(i);
        HttpResponse<Buffer> after = shop.customerCart(parked.get(i));
        assertEquals(200, after.statusCode(), after.bodyAsString());
        JsonObject cart = after.bodyAsJsonObject();
        assertEquals(before.getString("id"), cart.getString("id"), "the same cart");
        assertEquals(before.getJsonArray("lines").size(), cart.getJsonArray("lines").size(), cart.encode());
        assertEquals(before.getInteger("itemCount"), cart.getInteger("itemCount"), cart.encode());
        for (Object o : before.getJsonArray("lines")) {
          String v = ((JsonObject) o).getString("variantId");
          JsonObject now = line(after, v);
          assertNotNull(now, "line " + v + " of parked cart " + i + ": " + cart.encode());
          int quantity = ((JsonObject) o).getInteger("quantity");
          assertEquals(quantity, now.getInteger("quantity"), cart.encode());
          int reserved = now.getInteger("reserved");
          assertTrue(reserved <= quantity, cart.encode());
          if (v.equals(scarce)) {
            scarceReserved += reserved;
            assertEquals(reserved < quantity, now.getBoolean("insufficientStock"), cart.encode());
          } else {
            assertEquals(quantity, reserved, "reserved again: " + cart.encode());
          }
        }
      }
      assertTrue(scarceReserved <= SCARCE, "the carts hold " + scarceReserved + " of " + SCARCE + " scarce units");

      // the held placement's customer gets the cart back without the ordered lines (the cart context
      // took them out), and what is added now stays
      Eventually.until("the ordered lines out of the held placement's cart", Duration.ofSeconds(60), () -> {
        HttpResponse<Buffer> cart = shop.customerCart(stalled);
        return cart.statusCode() == 200 && line(cart, heldOrdered) == null;
      });
      HttpResponse<Buffer> stalledAfter = shop.addAsCustomer(stalled, heldLater, 1);
      assertEquals(200, stalledAfter.statusCode(), stalledAfter.bodyAsString());
      assertEquals(1, stalledAfter.bodyAsJsonObject().getJsonArray("lines").size(), stalledAfter.bodyAsString());
      assertEquals(1, line(stalledAfter, heldLater).getInteger("reserved"), stalledAfter.bodyAsString());
      assertEquals(2, one("SELECT item_count FROM checkout.orders WHERE number = $1", stalledNumber), "the held order's 2 units");

      // new carts and orders work: a new guest's and a parked customer's cart brought back
      var after = new Shoppers(http, variants, List.of());
      UUID guestOrder = after.purchase(variants.get(2), null);
      assertNotNull(guestOrder, "a new guest's order after the restart: " + after.unexpected);
      UUID parkedOrder = after.checkout(parked.get(2));
      assertNotNull(parkedOrder, "the parked cart's order: " + after.unexpected);
      assertEquals(5, one("SELECT item_count FROM checkout.orders WHERE id = $1", parkedOrder), "the parked cart's 5 units");
      assertEquals(0, shop.customerCart(parked.get(2)).bodyAsJsonObject().getInteger("itemCount"), "emptied by its order");
      shoppers.merge(after);
      // and a new customer (registration and login count attempts in Redis) gets a cart
      String newcomer = shop.customer();
      var newcomerCart = shop.addAsCustomer(newcomer, variants.get(3), 1);
      assertEquals(200, newcomerCart.statusCode(), newcomerCart.bodyAsString());
      assertEquals(1, line(newcomerCart, variants.get(3)).getInteger("reserved"), newcomerCart.bodyAsString());

      // no customer's cart holds a line that one of the customer's orders took: a line of a variant
      // added before an order of it (an order takes the whole cart; a line added after an order, or
      // what is left of one after its ordered units were taken out, is newer than the order)
      var everyone = new ArrayList<String>(shoppingCustomers);
      everyone.addAll(parked);
      everyone.add(stalled);
      everyone.add(newcomer);
      var ordered = new ArrayList<String>();
      for (String customer : everyone) {
        JsonObject cart = shop.customerCart(customer).bodyAsJsonObject();
        UUID customerId = UUID.fromString(cart.getString("customerId"));
        for (Object o : cart.getJsonArray("lines")) {
          JsonObject l = (JsonObject) o;
          long orders = one("SELECT count(*) FROM checkout.orders o, jsonb_array_elements(o.doc->'lines') ol "
              + "WHERE o.customer_id = $1 AND ol->>'variantId' = $2 AND o.placed_at > $3::timestamptz",
            customerId, l.getString("variantId"), java.time.OffsetDateTime.parse(l.getString("addedAt")));
          if (orders > 0) {
            ordered.add("customer " + customerId + ": " + l.encode());
          }
        }
      }
      assertEquals(List.of(), ordered, "cart lines that an order of their customer took");
      // nor does the copy in PostgreSQL that the next loss of Redis would bring back
      assertEquals(null, rows("SELECT state->>$2 AS line FROM cart.customer_cart WHERE customer_id = $1", stalledId,
        "l:" + heldOrdered).get(0).getString("line"), "the held order's line in the stored cart");

      // the reservations in the new Redis: each variant's total is its carts' units, never above on hand,
      // and the catalog hears it
      redisClient = RedisAPI.api(Redis.createClient(vertx, redisUrl));
      for (String v : initial.keySet()) {
        Map<String, String> rsv = hash("cart:rsv:" + v);
        long total = Long.parseLong(rsv.getOrDefault("_t", "0"));
        long carts = rsv.entrySet().stream().filter(e -> !e.getKey().startsWith("_") && !e.getKey().startsWith("x:"))
          .mapToLong(e -> Long.parseLong(e.getValue())).sum();
        assertEquals(carts, total, "variant " + v + "'s total is its carts' units: " + rsv);
        long onHand = one("SELECT stock_on_hand FROM catalog.variant WHERE id = $1", UUID.fromString(v));
        assertTrue(total <= onHand, "variant " + v + ": " + total + " reserved, " + onHand + " on hand");
        Eventually.until("the catalog's reserved total of " + v, Duration.ofSeconds(30),
          () -> one("SELECT coalesce((SELECT reserved FROM catalog.variant_reserved WHERE variant_id = $1), 0)", UUID.fromString(v))
            == Long.parseLong(hash("cart:rsv:" + v).getOrDefault("_t", "0")));
      }
      assertEquals(SCARCE, Long.parseLong(hash("cart:rsv:" + scarce).get("_t")), "all scarce units held, none twice");

      // what the shoppers saw paid is paid
      Map<UUID, String> states = new HashMap<>();
      rows("SELECT id, state FROM checkout.orders").forEach(r -> states.put(r.getUUID("id"), r.getString("state")));
      for (UUID id : shoppers.paid) {
        assertEquals("paid", states.get(id), "order " + id + " was answered paid");
      }
      long paidInDb = states.values().stream().filter("paid"::equals).count();
      assertTrue(paidInDb >= shoppers.paid.size());
      assertEquals(List.of(), shoppers.unexpected, "answers no step expects");
      List<Integer> serverErrors = shoppers.statuses.keySet().stream().filter(s -> s >= 500 && s != 503).toList();
      assertEquals(List.of(), serverErrors, "5xx other than 503: " + shoppers.statuses);

      // the stock: on hand plus what orders hold is what was stocked, per variant; each order holds its units
      for (Row r : rows("SELECT v.id, v.stock_on_hand, coalesce((SELECT sum(a.quantity) FROM catalog.stock_allocation a "
          + "WHERE a.variant_id = v.id AND a.released_at IS NULL), 0) AS held FROM catalog.variant v WHERE v.id = ANY($1::uuid[])",
        (Object) initial.keySet().stream().map(UUID::fromString).toArray(UUID[]::new))) {
        assertEquals((long) initial.get(r.getUUID("id").toString()), r.getInteger("stock_on_hand") + r.getLong("held"),
          "variant " + r.getUUID("id"));
      }
      assertEquals(0, one("SELECT count(*) FROM checkout.orders o WHERE (SELECT coalesce(sum(a.quantity), 0) "
        + "FROM catalog.stock_allocation a WHERE a.order_id = o.id AND a.released_at IS NULL) <> o.item_count"),
        "every order holds its units, once");
      long several = one("SELECT count(*) FROM checkout.orders WHERE item_count > 1");
      // orders whose cart the placement could not empty (Redis gone): a customer's comes back with their lines
      long notEmptied = engine.log().lines().filter(l -> l.contains("not emptied")).count();

      // and still does at the end, after the load
      assertEquals(LOST, available(http, lostProduct), "the lost reservation's units");
      assertEquals(AGAIN - 1, available(http, againProduct), "the new reservation's unit");

      System.out.printf("RedisCrashTest: %d orders, %d paid (%d answered paid; %d before the crash), %d answered 503, "
          + "%d guest carts lost, %d carts of orders not emptied, %d customer carts holding an earlier unit (%d orders of several "
          + "units), statuses %s, catalog following the new Redis %d ms after its start, %d s%n",
        states.size(), paidInDb, shoppers.paid.size(), paidBefore, shoppers.statuses.getOrDefault(503, new AtomicInteger()).get(),
        shoppers.guestCartsLost.get(), notEmptied, shoppers.leftovers.get(), several, shoppers.statuses, followedMillis,
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began));
    }
  }

  /** What the product's page shows available of its first variant (-1: no answer, as while Redis was away). */
  private static int available(WebClient http, JsonObject product) {
    try {
      var r = http.get("/api/v1/products/" + product.getString("id")).send().await(10, TimeUnit.SECONDS);
      return r.statusCode() == 200 ? r.bodyAsJsonObject().getJsonArray("variants").getJsonObject(0).getInteger("available") : -1;
    } catch (Exception e) {
      return -1;
    }
  }

  /** SIGKILL to the Redis server (the pid it reports itself); answers when it was killed (System.nanoTime). */
  private static long crash() throws Exception {
    RedisAPI client = RedisAPI.api(Redis.createClient(vertx, redisUrl));
    String info;
    try {
      info = client.info(List.of("server")).await(10, TimeUnit.SECONDS).toString();
    } finally {
      client.close();
    }
    long pid = info.lines().filter(l -> l.startsWith("process_id:")).map(l -> Long.parseLong(l.substring(11).trim()))
      .findFirst().orElseThrow(() -> new IllegalStateException("no process_id in " + info));
    ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
    server.destroyForcibly();
    long killed = System.nanoTime();
    server.onExit().get(10, TimeUnit.SECONDS);
    redis.close(); // its process is gone already
    return killed;
  }

  /** A new, empty Redis on the same port (the old one's socket may hold it for a moment). */
  private static void restart() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      redis = new EmbeddedServices();
      try {
        redis.startRedis(redisPort);
        return;
      } catch (Exception e) {
        redis.close();
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(500);
      }
    }
  }

  /** A Redis hash, read with a script (a flat array in any protocol version). */
  private static Map<String, String> hash(String key) throws Exception {
    Response r = redisClient.eval(List.of("return redis.call('HGETALL', KEYS[1])", "1", key)).await(10, TimeUnit.SECONDS);
    var out = new HashMap<String, String>();
    for (int i = 0; r != null && i + 1 < r.size(); i += 2) {
      out.put(r.get(i).toString(), r.get(i + 1).toString());
    }
    return out;
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

  private static long one(String query, Object... params) {
    Row r = rows(query, params).get(0);
    Object v = r.getValue(0);
    return v == null ? 0 : ((Number) v).longValue();
  }

  /**
   * Shoppers buying one unit each, again and again: guests (a new cart each time) and customers
   * (their one cart), each adding a unit, placing the order with an idempotency key, paying with
   * the test card and confirming. A step without a clear answer (503, no answer) is tried again
   * after a moment, the order with the same key; an order whose confirmation answers paid counts.
   * A guest whose cart is gone at its order starts again (counted); any other answer no step
   * expects is noted.
   */
  private static final class Shoppers {

    private final WebClient http;
    private final List<String> variants;
    private final List<String> customers;
    final Set<UUID> paid = ConcurrentHashMap.newKeySet();
    final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final List<String> unexpected = new CopyOnWriteArrayList<>();
    final AtomicInteger guestCartsLost = new AtomicInteger();
    /** Customer carts that held more than the unit just added (an earlier purchase's, not emptied when Redis went). */
    final AtomicInteger leftovers = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    Shoppers(WebClient http, List<String> variants, List<String> customers) {
      this.http = http;
      this.variants = variants;
      this.customers = customers;
    }

    void start() {
      for (int i = 0; i < GUESTS + customers.size(); i++) {
        String variant = variants.get(i % variants.size());
        String customer = i < GUESTS ? null : customers.get(i - GUESTS);
        Thread t = new Thread(() -> {
          while (running.get()) {
            try {
              purchase(variant, customer);
            } catch (InterruptedException e) {
              return;
            } catch (Exception e) {
              // no clear answer in time: noted, the next purchase starts
            }
          }
        }, "shopper-" + i);
        t.setDaemon(true);
        t.start();
        threads.add(t);
      }
    }

    void stop() throws InterruptedException {
      running.set(false);
      for (Thread t : threads) {
        t.join(120_000);
      }
    }

    /** Adds another's counts to these. */
    void merge(Shoppers other) {
      paid.addAll(other.paid);
      unexpected.addAll(other.unexpected);
      other.statuses.forEach((status, n) -> statuses.computeIfAbsent(status, k -> new AtomicInteger()).addAndGet(n.get()));
      guestCartsLost.addAndGet(other.guestCartsLost.get());
      leftovers.addAndGet(other.leftovers.get());
    }

    /** One purchase of a unit of {@code variant} by a guest ({@code customer} null) or customer: the order when paid, else null. */
    UUID purchase(String variant, String customer) throws Exception {
      HttpResponse<Buffer> cart = answer("add", () -> as(http.post("/api/v1/cart/lines"), customer),
        new JsonObject().put("variantId", variant).put("quantity", 1), 201, 200);
      if (customer != null && cart.bodyAsJsonObject().getInteger("itemCount") > 1) {
        leftovers.incrementAndGet();
      }
      String guest = customer == null ? cart.getHeader("X-Cart-Token") : null;
      return checkout(guest, customer);
    }

    /** Orders what the customer's cart holds, pays and confirms it: the order when paid, else null. */
    UUID checkout(String customer) throws Exception {
      return checkout(null, customer);
    }

    private UUID checkout(String guest, String customer) throws Exception {
      String key = UUID.randomUUID().toString();
      JsonObject details = customer == null ? order("redis-crash@example.com", "DE", GERMANY_STANDARD)
        : new JsonObject().put("shippingAddress", address("DE")).put("shippingMethodId", GERMANY_STANDARD);
      HttpResponse<Buffer> placed = answer("place", () -> as(Shop.withCart(http.post("/api/v1/checkout/orders"), guest), customer)
        .putHeader("Idempotency-Key", key), details, 201, 200, 404);
      if (placed.statusCode() == 404) {
        String code = placed.bodyAsJsonObject().getString("code");
        if (customer == null && "CART_NOT_FOUND".equals(code)) {
          guestCartsLost.incrementAndGet(); // gone with Redis: the guest starts again
        } else {
          unexpected.add("place: 404 " + placed.bodyAsString());
        }
        return null;
      }
      String id = placed.bodyAsJsonObject().getJsonObject("order").getString("id");
      String token = placed.bodyAsJsonObject().getString("accessToken");
      // paying again after an unclear answer: the order is paid already (409) or the card is taken now
      answer("pay", () -> http.post("/api/v1/orders/" + id + "/payment/test-card").putHeader("X-Order-Token", token),
        new JsonObject().put("card", "4242424242424242"), 200, 409);
      HttpResponse<Buffer> confirmed = answer("confirm", () -> http.post("/api/v1/orders/" + id + "/payment/confirm")
        .putHeader("X-Order-Token", token), new JsonObject(), 200);
      if (!"paid".equals(confirmed.bodyAsJsonObject().getString("state"))) {
        unexpected.add("confirm: " + confirmed.bodyAsString());
        return null;
      }
      paid.add(UUID.fromString(id));
      return UUID.fromString(id);
    }

    private static HttpRequest<Buffer> as(HttpRequest<Buffer> request, String customer) {
      return customer == null ? request : request.bearerTokenAuthentication(customer);
    }

    /**
     * Sends until one of {@code accepted} answers; other answers (503, 409 IDEMPOTENCY_IN_PROGRESS:
     * the key's first request is still running, none) are counted and tried again; any other is
     * noted and fails the step.
     */
    HttpResponse<Buffer> answer(String step, Supplier<HttpRequest<Buffer>> request, JsonObject body, int... accepted)
      throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (System.nanoTime() < deadline) {
        int status = 0;
        try {
          HttpResponse<Buffer> r = request.get().sendJsonObject(body).await(30, TimeUnit.SECONDS);
          status = r.statusCode();
          for (int a : accepted) {
            if (status == a) {
              return r;
            }
          }
          boolean inProgress = status == 409 && r.bodyAsString().contains("IDEMPOTENCY_IN_PROGRESS");
          if (status != 503 && !inProgress) {
            statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            unexpected.add(step + ": " + status + " " + r.bodyAsString());
            throw new IllegalStateException(step + " answered " + status + ": " + r.bodyAsString());
          }
        } catch (IllegalStateException e) {
          throw e;
        } catch (Exception e) {
          // no answer: the connection was lost or timed out
        }
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        Thread.sleep(200);
      }
      unexpected.add(step + ": no clear answer in 90 s");
      throw new IllegalStateException(step + ": no clear answer in 90 s");
    }
  }
}
