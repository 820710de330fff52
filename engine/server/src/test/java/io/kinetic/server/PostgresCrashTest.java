package io.kinetic.server;

import static io.kinetic.server.CheckoutEndToEndTest.GERMANY_STANDARD;
import static io.kinetic.server.CheckoutEndToEndTest.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.embedded.EmbeddedServices;
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
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL itself crashes under checkout load: every one of its processes is killed (SIGKILL, so
 * WAL not yet written by its WAL writer is gone, as in a power cut for the commits that did not wait
 * for their flush) and it is started again on its data directory (crash recovery). The engine keeps
 * running. Afterwards:
 * <ul>
 *   <li>every order a shopper saw paid is paid, and the engine takes new orders;</li>
 *   <li>each variant's stock on hand plus its allocations is the stock it started with;</li>
 *   <li>each context's log is whole (every event has its position, without gaps) and every consumer
 *       reaches its head with nothing parked;</li>
 *   <li>each paid order has its effect exactly once in every consumer: the sales figures, the
 *       recommender's order lines, the confirmation mail.</li>
 * </ul>
 * It crashes twice: under load (requests in flight lose their connection: they are answered 503,
 * never 500, and repeated; an order under its idempotency key) and in a quiet moment just after new
 * carts. The relaxed commits (relay passes, most consumers' passes, log readers' reports, the
 * placement marker, the cart's {@code CartCreated}) may be lost in a crash; the guarantees must not
 * be. The test prints which log heads and checkpoints a crash took back.
 */
class PostgresCrashTest {

  private static final String ADMIN = "pg-crash-admin@example.com";
  private static final String PASSWORD = "pg-crash-admin-password";
  private static final int SHOPPERS = 8;
  private static final int STOCK = 100_000;
  private static Vertx vertx;
  private static Path pgData;
  private static int pgPort;
  private static String pgUrl;
  private static EmbeddedServices postgres;
  private static final Map<String, String> SETTINGS = Map.of("wal_writer_delay", "10s");
  private static Pool sql;
  private static EmbeddedServices redis;
  private static String redisUrl;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    pgData = Files.createTempDirectory("kinetic-pg-crash").resolve("pg");
    postgres = new EmbeddedServices();
    // a data directory: fsync and synchronous commits on, as in production; the WAL writer runs every
    // 10 s instead of 0.2 s, so that relaxed commits stay in PostgreSQL's memory longer and a kill is
    // likelier to lose some (any durable commit, and there are many, writes them out before itself)
    pgUrl = postgres.startPostgres(pgData, 0, EmbeddedServices.ENGINE_MAX_CONNECTIONS, SETTINGS);
    pgPort = URI.create(pgUrl).getPort();
    sql = PgPools.create(vertx, pgUrl, 2, "public");
    redis = new EmbeddedServices(); // a Redis of its own: the shared one's spare databases are few
    redisUrl = redis.startRedis(0);
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
  void aCrashOfPostgresUnderLoadLosesNoOrderAndDoublesNoEffect() throws Exception {
    Map<String, String> env = EngineEnv.extra(ADMIN, PASSWORD, pgUrl, redisUrl);
    env.put("COMMERCE_EMBEDDED_DATA_DIR", Files.createTempDirectory("kinetic-pg-crash-engine").toString());
    try (EngineProcess engine = EngineProcess.start(env, Map.of()).awaitReady(Duration.ofSeconds(180))) {
      WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()),
        new PoolOptions().setHttp1MaxSize(SHOPPERS * 2));
      Shop shop = new Shop(http, ADMIN, PASSWORD);
      JsonObject product = shop.product("PUBLISHED", STOCK, STOCK, STOCK, STOCK);
      List<String> variants = List.of(Shop.variantId(product, 0), Shop.variantId(product, 1), Shop.variantId(product, 2),
        Shop.variantId(product, 3));

      // the first crash under load: requests in flight lose their connection
      var shoppers = new Shoppers(http, variants);
      shoppers.start();
      Eventually.until("orders paid before the crash", Duration.ofSeconds(180), () -> shoppers.paid.size() >= 40);
      crash();
      Thread.sleep(1_000); // the engine runs without its database for a while
      restart();
      int before = shoppers.paid.size();
      Eventually.until("orders paid after the restart", Duration.ofSeconds(180), () -> shoppers.paid.size() >= before + 40);
      shoppers.stop();

      // the second in a quiet moment after new carts: their CartCreated, its relaying and the
      // consumers' passes (the funnel, the reserved stock) all commit without waiting for their flush
      Thread.sleep(1_000);
      for (int i = 0; i < 5; i++) {
        shop.add(null, variants.get(i % variants.size()), 1);
      }
      Thread.sleep(1_000);
      Map<String, Long> beforeCrash = marks();
      crash();
      restart();
      // a log head or checkpoint seen before the crash and behind it after: a relaxed commit was lost (and is redone)
      Map<String, Long> afterRestart = marks();
      List<String> lost = beforeCrash.keySet().stream().filter(k -> afterRestart.getOrDefault(k, 0L) < beforeCrash.get(k)).toList();
      var again = new Shoppers(http, variants);
      again.start();
      Eventually.until("orders paid after the second restart", Duration.ofSeconds(180), () -> again.paid.size() >= 20);
      again.stop();

      // what the shoppers saw paid is paid
      var seenPaid = new java.util.HashSet<>(shoppers.paid);
      seenPaid.addAll(again.paid);
      shoppers.statuses.forEach((status, n) -> again.statuses.computeIfAbsent(status, k -> new AtomicInteger()).addAndGet(n.get()));
      Set<UUID> paid = Set.copyOf(seenPaid);
      Map<UUID, String> states = new ConcurrentHashMap<>();
      rows("SELECT id, state FROM checkout.orders").forEach(r -> states.put(r.getUUID("id"), r.getString("state")));
      for (UUID id : paid) {
        assertEquals("paid", states.get(id), "order " + id + " was answered paid");
      }
      long paidInDb = states.values().stream().filter("paid"::equals).count();
      assertTrue(paidInDb >= paid.size());
      assertEquals(0, shoppers.internalErrors.get() + again.internalErrors.get(), "answers with status 500: " + again.statuses);

      // the stock: on hand plus what orders hold is what was stocked, per variant
      for (Row r : rows("SELECT v.id, v.stock_on_hand, coalesce((SELECT sum(a.quantity) FROM catalog.stock_allocation a "
          + "WHERE a.variant_id = v.id AND a.released_at IS NULL), 0) AS held FROM catalog.variant v WHERE v.id = ANY($1::uuid[])",
        (Object) variants.stream().map(UUID::fromString).toArray(UUID[]::new))) {
        assertEquals(STOCK, r.getInteger("stock_on_hand") + r.getLong("held"), "variant " + r.getUUID("id"));
      }
      long orders = states.size();
      // (a placement given up after an unclear answer may have taken stock without making an order:
      // the reconciliation gives that back, so only the orders' side is exact here)
      assertEquals(0, one("SELECT count(*) FROM checkout.orders o WHERE (SELECT coalesce(sum(a.quantity), 0) "
        + "FROM catalog.stock_allocation a WHERE a.order_id = o.id AND a.released_at IS NULL) <> 1"), "every order holds its unit, once");

      // every log whole, every consumer at its head with nothing parked
      List<String> schemas = rows("SELECT table_schema FROM information_schema.tables WHERE table_name = 'outbox_head'")
        .stream().map(r -> r.getString(0)).toList();
      Eventually.until("every event in its log", Duration.ofSeconds(60), () -> schemas.stream().allMatch(s ->
        one("SELECT count(*) FROM " + s + ".outbox WHERE position IS NULL") == 0));
      for (String s : schemas) {
        // in one snapshot: the engine goes on appending and relaying
        Row log = rows("SELECT count(position), coalesce(max(position), 0), (SELECT position FROM " + s + ".outbox_head) FROM "
          + s + ".outbox").get(0);
        assertEquals(log.getLong(0), log.getLong(1), s + "'s log has no gap");
        assertEquals(log.getLong(1), log.getLong(2), s + "'s head");
      }
      List<String> consumers = rows("SELECT table_schema FROM information_schema.tables WHERE table_name = 'event_checkpoint'")
        .stream().map(r -> r.getString(0)).toList();
      Eventually.until("every consumer at its source's head", Duration.ofSeconds(90), () -> consumers.stream().allMatch(s ->
        rows("SELECT source, position FROM " + s + ".event_checkpoint").stream().allMatch(c ->
          c.getLong("position") == one("SELECT position FROM " + c.getString("source") + ".outbox_head"))));
      for (String s : consumers) {
        assertEquals(0, one("SELECT count(*) FROM " + s + ".event_parked"), s + " parked events");
      }

      // each paid order's effect once in each consumer
      Eventually.until("the sales figures", Duration.ofSeconds(30), () ->
        one("SELECT coalesce(sum(orders_paid), 0) FROM analytics.sales_day") == paidInDb);
      assertEquals(paidInDb, one("SELECT count(*) FROM analytics.order_fact WHERE paid"));
      assertEquals(paidInDb, one("SELECT count(DISTINCT order_id) FROM recommendations.order_line"));
      assertEquals(paidInDb, one("SELECT count(*) FROM recommendations.order_line"), "one line per order, learned once");
      assertEquals(paidInDb, one("SELECT count(*) FROM notifications.outgoing_mail WHERE kind = 'order-confirmation'"),
        "one confirmation per paid order");
      assertEquals(paidInDb, one("SELECT count(DISTINCT order_id) FROM notifications.outgoing_mail WHERE kind = 'order-confirmation'"));
      // the funnel counts each cart whose CartCreated is in the log (a relaxed append lost in a crash is a cart it misses)
      assertEquals(one("SELECT count(*) FROM cart.outbox WHERE event_type = 'cart.cart-created'"),
        one("SELECT count(*) FROM analytics.funnel_cart WHERE step = 'cart'"), "the funnel's carts");
      System.out.printf("PostgresCrashTest: %d orders, %d paid (%d answered paid), statuses %s, lost relaxed commits of %s%n",
        orders, paidInDb, paid.size(), again.statuses, lost);
    }
  }

  /**
   * SIGKILL to every process of the server: the postmaster first (so that it starts no new one),
   * then the children it had. A child started in between exits by itself on the postmaster's death.
   */
  private static void crash() throws Exception {
    long pid = Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim());
    ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
    List<ProcessHandle> children = postmaster.descendants().toList();
    postmaster.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    postmaster.onExit().get(10, TimeUnit.SECONDS);
    for (ProcessHandle p : children) {
      p.onExit().get(10, TimeUnit.SECONDS);
    }
    postgres.close(); // only lets go of the data directory's lock in this JVM: its server is gone already
  }

  /** Starts the server again on its data directory and port (crash recovery); a child left attached to its memory delays it. */
  private static void restart() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      postgres = new EmbeddedServices();
      try {
        postgres.startPostgres(pgData, pgPort, EmbeddedServices.ENGINE_MAX_CONNECTIONS, SETTINGS);
        return;
      } catch (Exception e) {
        postgres.close();
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(1_000);
      }
    }
  }

  /** Each log's head and each consumer's checkpoint. */
  private static Map<String, Long> marks() {
    var marks = new java.util.HashMap<String, Long>();
    for (Row schema : rows("SELECT table_schema, table_name FROM information_schema.tables "
        + "WHERE table_name IN ('outbox_head', 'event_checkpoint')")) {
      String s = schema.getString(0);
      if (schema.getString(1).equals("outbox_head")) {
        marks.put(s, one("SELECT position FROM " + s + ".outbox_head"));
      } else {
        rows("SELECT consumer, source, position FROM " + s + ".event_checkpoint")
          .forEach(c -> marks.put(s + ":" + c.getString(0) + "<" + c.getString(1), c.getLong(2)));
      }
    }
    return marks;
  }

  private static List<Row> rows(String query, Object... params) {
    var out = new ArrayList<Row>();
    try {
      sql.preparedQuery(query).execute(io.vertx.sqlclient.Tuple.from(params)).await(20, TimeUnit.SECONDS).forEach(out::add);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("no answer in 20 s to " + query, e);
    }
    return out;
  }

  private static long one(String query) {
    Row r = rows(query).get(0);
    Object v = r.getValue(0);
    return v == null ? 0 : ((Number) v).longValue();
  }

  /**
   * Shoppers buying one unit each, again and again: a guest cart, the order placed with an
   * idempotency key, paid with the test card, confirmed. A step without a clear answer (no
   * database, a lost connection) is tried again after a moment, the order with the same key; an
   * order whose confirmation answers paid counts.
   */
  private static final class Shoppers {

    private final WebClient http;
    private final List<String> variants;
    final Set<UUID> paid = ConcurrentHashMap.newKeySet();
    final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final AtomicInteger internalErrors = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    Shoppers(WebClient http, List<String> variants) {
      this.http = http;
      this.variants = variants;
    }

    void start() {
      for (int i = 0; i < SHOPPERS; i++) {
        int n = i;
        Thread t = new Thread(() -> {
          while (running.get()) {
            try {
              shop(variants.get(n % variants.size()));
            } catch (InterruptedException e) {
              return;
            } catch (Exception e) {
              // a step that never got a clear answer in time: the next purchase starts
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
        t.join(60_000);
      }
    }

    private void shop(String variant) throws Exception {
      HttpResponse<Buffer> cart = answer(() -> http.post("/api/v1/cart/lines"),
        new JsonObject().put("variantId", variant).put("quantity", 1), 201, 200);
      String guest = cart.getHeader("X-Cart-Token");
      String key = UUID.randomUUID().toString();
      HttpResponse<Buffer> placed = answer(() -> Shop.withCart(http.post("/api/v1/checkout/orders"), guest)
        .putHeader("Idempotency-Key", key), order("pg-crash@example.com", "DE", GERMANY_STANDARD), 201, 200);
      String id = placed.bodyAsJsonObject().getJsonObject("order").getString("id");
      String token = placed.bodyAsJsonObject().getString("accessToken");
      // paying again after an unclear answer: the order is paid already (409) or the card is taken now
      answer(() -> http.post("/api/v1/orders/" + id + "/payment/test-card").putHeader("X-Order-Token", token),
        new JsonObject().put("card", "4242424242424242"), 200, 409);
      HttpResponse<Buffer> confirmed = answer(() -> http.post("/api/v1/orders/" + id + "/payment/confirm")
        .putHeader("X-Order-Token", token), new JsonObject(), 200);
      if ("paid".equals(confirmed.bodyAsJsonObject().getString("state"))) {
        paid.add(UUID.fromString(id));
      }
    }

    /** Sends until one of {@code accepted} answers; other answers (503, 500, none) are counted and tried again. */
    private HttpResponse<Buffer> answer(Supplier<HttpRequest<Buffer>> request, JsonObject body, int... accepted) throws Exception {
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
          if (status == 500) {
            internalErrors.incrementAndGet();
          }
          if (status < 500) {
            throw new IllegalStateException("answered " + status + ": " + r.bodyAsString());
          }
        } catch (IllegalStateException e) {
          throw e;
        } catch (Exception e) {
          // no answer: the connection was lost or timed out
        }
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        Thread.sleep(200);
      }
      throw new IllegalStateException("no clear answer in 90 s");
    }
  }
}
