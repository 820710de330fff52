package io.kinetic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.embedded.FreePorts;
import io.kinetic.kernel.testing.Eventually;
import io.kinetic.kernel.testing.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.contract.catalog.PriceChanged;
import io.kinetic.kernel.contract.catalog.SetStock;
import io.kinetic.kernel.contract.catalog.StockChanged;
import io.kinetic.kernel.outbox.LogConsumer;
import io.kinetic.kernel.pg.Migrations;
import io.kinetic.kernel.pg.PgPools;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Two engines joined by the Hazelcast cluster manager on the same PostgreSQL and Redis, discovering
 * each other from an explicit member list on loopback (ports picked at run time, a cluster name of
 * their own, no multicast): a write on one node is visible on the next read through the other,
 * whichever node's catalog answers it (the published catalog events invalidate every node's cache),
 * and a staff member deactivated through one node is refused by the other.
 */
// cluster tests pick free ports for their members: never two clusters forming at once in this JVM
@ResourceLock("hazelcast-cluster")
@ResourceLock(value = "storefront-catalogue", mode = ResourceAccessMode.READ)
class ClusterModeTest {

  private static final String ADMIN = "cluster-admin-" + UUID.randomUUID() + "@kinetic.test";
  private static final String PASSWORD = "cluster-admin-password";
  private static Engine nodeA;
  private static Engine nodeB;
  private static Vertx clientVertx;
  private static WebClient client;

  private static final String CLUSTER = "kinetic-test-" + UUID.randomUUID();
  /** Both nodes on one database and one Redis, of their own (not the shared engine's). */
  private static final Stores STORES = new Stores(TestServices.get().newDatabase("cluster"), TestServices.get().redisUrl(10));
  // picked right before the nodes start: a port found free at class loading may be some other
  // test's ephemeral port by then (Hazelcast then moves up by one, and the test must not care)
  private static int PORT_A;
  private static int PORT_B;

  @BeforeAll
  static void startTwoNodes() throws Exception {
    PORT_A = FreePorts.find();
    PORT_B = otherFreePort(PORT_A);
    nodeA = Engine.start(env(PORT_A));
    nodeB = Engine.start(env(PORT_B));
    clientVertx = Vertx.vertx();
    client = WebClient.create(clientVertx);
  }

  @AfterAll
  static void stop() {
    if (clientVertx != null) {
      clientVertx.close();
    }
    if (nodeB != null) {
      nodeB.stop();
    }
    if (nodeA != null) {
      nodeA.stop();
    }
  }

  @Test
  void aPriceChangedOnOneNodeIsServedByTheOtherRightAway() throws Exception {
    for (Engine node : new Engine[] {nodeA, nodeB}) {
      var hazelcast = ((HazelcastClusterManager) ((VertxInternal) node.vertx()).clusterManager()).getHazelcastInstance();
      var join = hazelcast.getConfig().getNetworkConfig().getJoin();
      assertFalse(join.getMulticastConfig().isEnabled(), "the member list replaces multicast");
      assertEquals(List.of("127.0.0.1:" + PORT_A, "127.0.0.1:" + PORT_B), join.getTcpIpConfig().getMembers());
      assertEquals(Set.of(memberPort(nodeA), memberPort(nodeB)), hazelcast.getCluster().getMembers().stream()
        .map(member -> member.getAddress().getPort()).collect(Collectors.toSet()), "both nodes joined");
    }

    String token = client.post(nodeA.httpPort(), "127.0.0.1", "/api/v1/admin/auth/login")
      .sendJsonObject(new JsonObject().put("email", ADMIN).put("password", PASSWORD)).await(20, TimeUnit.SECONDS)
      .bodyAsJsonObject().getString("accessToken");
    String sku = "CLU-" + UUID.randomUUID().toString().substring(0, 8);
    var input = new JsonObject()
      .put("slug", "cluster-" + UUID.randomUUID().toString().substring(0, 8)).put("status", "PUBLISHED").put("defaultLocale", "en")
      .put("translations", new JsonObject().put("en", new JsonObject().put("name", "Cluster mug").put("description", "d")))
      .put("categoryIds", new JsonArray()).put("attributes", new JsonObject()).put("media", new JsonArray())
      .put("seo", new JsonObject().put("title", "t").put("description", "d"))
      .put("variants", new JsonArray().add(new JsonObject().put("sku", sku).put("options", new JsonObject())
        .put("prices", new JsonArray().add(new JsonObject().put("amount", 1000).put("currency", "EUR"))).put("stockOnHand", 1)));
    var created = client.post(nodeA.httpPort(), "127.0.0.1", "/api/v1/admin/products").bearerTokenAuthentication(token)
      .sendJsonObject(input).await(20, TimeUnit.SECONDS);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    String id = created.bodyAsJsonObject().getString("id");

    for (int i = 0; i < 6; i++) {
      assertEquals(1000, priceOnNodeB(id), "warms the cache of whichever catalog answers");
    }
    var arrived = new java.util.concurrent.CompletableFuture<Void>();
    nodeB.vertx().eventBus().<PriceChanged>consumer(CatalogApi.Events.PRICE_CHANGED, message -> {
      if (message.body().sku().equals(sku)) {
        arrived.complete(null);
      }
    }).completion().await(10, TimeUnit.SECONDS);
    var repriced = client.put(nodeA.httpPort(), "127.0.0.1", "/api/v1/admin/variants/" + sku + "/prices/EUR")
      .bearerTokenAuthentication(token).sendJsonObject(new JsonObject().put("amount", 1234)).await(20, TimeUnit.SECONDS);
    assertEquals(200, repriced.statusCode(), repriced.bodyAsString());
    arrived.get(5, TimeUnit.SECONDS);
    Eventually.value("the new price on node B", () -> priceOnNodeB(id), price -> price == 1234);
    for (int i = 0; i < 6; i++) {
      assertEquals(1234, priceOnNodeB(id), "no node serves the old price once the event has arrived");
    }
  }

  /**
   * Cached search answers across the cluster: a price change of a product retires, on both nodes,
   * the answers whose query text matches that product, while an answer that does not match it stays
   * cached. What stays cached is seen through a price written behind the change log's back (a
   * session in replication mode fires no trigger): a kept answer still shows the price it was
   * computed with, a recomputed one the written price. A change of everything (another test's
   * leftovers) may retire the kept answer meanwhile: the round is then tried again; retiring every
   * answer on each change fails every round.
   */
  @Test
  void aPriceChangeRetiresTheSearchAnswersMatchingTheProductOnBothNodesAndNoOther() throws Exception {
    String token = adminToken();
    String kept = product(token, "Quillwort lantern", 1000);
    String changed = product(token, "Bryony basket", 2000);
    Engine[] nodes = {nodeA, nodeB};
    for (Engine node : nodes) {
      Eventually.value("both products searchable on " + node.httpPort(), () -> searchPrice(node, "quillwort") + "/" + searchPrice(node, "bryony"),
        prices -> prices.equals("1000/2000"));
    }
    Pool search = PgPools.create(clientVertx, STORES.pg(), 1, "search");
    try {
      boolean keptCached = false;
      for (int round = 1; round <= 5 && !keptCached; round++) {
        long before = searchPrice(nodeA, "quillwort");
        assertEquals(before, searchPrice(nodeB, "quillwort"));
        long behindTheLog = 4000 + round;
        try {
          search.withTransaction(tx -> tx.query("SET LOCAL session_replication_role = replica").execute()
              .compose(v -> tx.preparedQuery("UPDATE price SET min_amount = $2, max_amount = $2 WHERE product_id = $1 AND currency = 'EUR'")
                .execute(Tuple.of(UUID.fromString(kept), behindTheLog))))
            .await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
          org.junit.jupiter.api.Assumptions.abort("cannot write behind the triggers (needs a superuser): " + e.getMessage());
        }
        // another product's price changes through the catalog: both nodes show it within seconds
        long other = 3000 + round;
        String sku = client.get(nodeA.httpPort(), "127.0.0.1", "/api/v1/products/" + changed).send().await(20, TimeUnit.SECONDS)
          .bodyAsJsonObject().getJsonArray("variants").getJsonObject(0).getString("sku");
        var repriced = client.put(nodeA.httpPort(), "127.0.0.1", "/api/v1/admin/variants/" + sku + "/prices/EUR")
          .bearerTokenAuthentication(token).sendJsonObject(new JsonObject().put("amount", other)).await(20, TimeUnit.SECONDS);
        assertEquals(200, repriced.statusCode(), repriced.bodyAsString());
        for (Engine node : nodes) {
          Eventually.value("the other product's new price on " + node.httpPort(), () -> searchPrice(node, "bryony"), price -> price == other);
        }
        // the answer that does not match it was kept on both nodes (else it would show the price written behind the log)
        keptCached = searchPrice(nodeA, "quillwort") == before && searchPrice(nodeB, "quillwort") == before;
        // the same price written with the triggers: every node's answers matching it go within a second
        long logged = 6000 + round;
        search.preparedQuery("UPDATE price SET min_amount = $2, max_amount = $2 WHERE product_id = $1 AND currency = 'EUR'")
          .execute(Tuple.of(UUID.fromString(kept), logged)).await(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_000);
        for (Engine node : nodes) {
          while (searchPrice(node, "quillwort") != logged) {
            assertTrue(System.nanoTime() < deadline, "the changed product's answer retired within a second on " + node.httpPort());
            Thread.sleep(20);
          }
        }
      }
      assertTrue(keptCached, "an answer not matching the changed product stays cached (5 rounds)");
    } finally {
      search.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static String product(String token, String name, long amount) throws Exception {
    String sku = "CLS-" + UUID.randomUUID().toString().substring(0, 8);
    var input = new JsonObject()
      .put("slug", "cluster-search-" + UUID.randomUUID().toString().substring(0, 8)).put("status", "PUBLISHED").put("defaultLocale", "en")
      .put("translations", new JsonObject().put("en", new JsonObject().put("name", name).put("description", "d")))
      .put("categoryIds", new JsonArray()).put("attributes", new JsonObject()).put("media", new JsonArray())
      .put("seo", new JsonObject().put("title", "t").put("description", "d"))
      .put("variants", new JsonArray().add(new JsonObject().put("sku", sku).put("options", new JsonObject())
        .put("prices", new JsonArray().add(new JsonObject().put("amount", amount).put("currency", "EUR"))).put("stockOnHand", 5)));
    var created = client.post(nodeA.httpPort(), "127.0.0.1", "/api/v1/admin/products").bearerTokenAuthentication(token)
      .sendJsonObject(input).await(20, TimeUnit.SECONDS);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject().getString("id");
  }

  /** The first result's lowest price (EUR) of a search on the node; -1 when nothing is found. */
  private static long searchPrice(Engine node, String q) throws Exception {
    var response = client.get(node.httpPort(), "127.0.0.1", "/api/v1/search?q=" + q).send().await(20, TimeUnit.SECONDS);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    JsonArray items = response.bodyAsJsonObject().getJsonArray("items");
    return items.isEmpty() ? -1 : items.getJsonObject(0).getJsonObject("priceMin").getLong("amount");
  }

  /**
   * The event log across the cluster: a durable consumer runs on both nodes and is stopped; 10,000
   * stock changes are written through both nodes by concurrent requests (both nodes' relays log
   * them); the consumer is restarted on both nodes at once. Every event is applied exactly once,
   * in version order per product.
   */
  @Test
  void aConsumerOnBothNodesAppliesEveryEventOnceInVersionOrder() throws Exception {
    String url = nodeA.config().pg().url();
    Migrations.migrateBlocking(url, PROBE);
    List<String> skus = new ArrayList<>();
    String token = adminToken();
    for (int i = 0; i < 40; i++) {
      skus.add(createProduct(token, "probe-" + i));
    }
    var onA = probe(nodeA);
    var onB = probe(nodeB);
    onA.pool.query("CREATE TABLE IF NOT EXISTS applied (seq bigserial PRIMARY KEY, event_id uuid NOT NULL, "
      + "product uuid NOT NULL, version bigint NOT NULL)").execute().await(10, TimeUnit.SECONDS);
    long start = catalogHead(onA);
    onA.pool.withTransaction(tx -> LogConsumer.setCheckpoint(tx, PROBE, "catalog", start)).await(10, TimeUnit.SECONDS);
    onA.start();
    onB.start();
    onA.stop();
    onB.stop();

    var buses = List.of(new BusClient(nodeA.vertx(), 30_000), new BusClient(nodeB.vertx(), 30_000));
    var chains = new ArrayList<Future<Integer>>();
    int writers = 32;
    int total = 10_000;
    for (int w = 0; w < writers; w++) {
      Future<Integer> chain = Future.succeededFuture(0);
      for (int i = w; i < total; i += writers) {
        int n = i;
        chain = chain.compose(done -> buses.get(n % 2).request(CatalogApi.SET_STOCK,
          new SetStock(skus.get(n % skus.size()), n), "probe-" + n).map(done + 1));
      }
      chains.add(chain);
    }
    for (Future<Integer> chain : chains) {
      chain.await(300, TimeUnit.SECONDS);
    }

    onA.start();
    onB.start();
    long deadline = System.currentTimeMillis() + 180_000;
    long head;
    do {
      head = catalogHead(onA);
      if (checkpoint(onA) >= head && unlogged(onA) == 0 && checkpoint(onA) >= catalogHead(onA)) {
        break;
      }
      Thread.sleep(100);
    } while (System.currentTimeMillis() < deadline);
    onA.stop();
    onB.stop();

    Map<UUID, Integer> times = new HashMap<>();
    Map<UUID, List<Long>> versions = new HashMap<>();
    for (Row row : onA.pool.query("SELECT event_id, product, version FROM applied ORDER BY seq").execute()
      .await(30, TimeUnit.SECONDS)) {
      times.merge(row.getUUID("event_id"), 1, Integer::sum);
      versions.computeIfAbsent(row.getUUID("product"), p -> new ArrayList<>()).add(row.getLong("version"));
    }
    assertEquals(total, times.size(), "every stock change applied");
    times.forEach((id, n) -> assertEquals(1, n, "event " + id + " applied once"));
    assertEquals(skus.size(), versions.size());
    versions.forEach((product, applied) -> {
      for (int i = 1; i < applied.size(); i++) {
        assertEquals(applied.get(i - 1) + 1, applied.get(i), "product " + product + " versions in order");
      }
    });
  }

  private static final String PROBE = "cluster_probe";

  /** A durable consumer of the catalog's log on one node, recording stock changes into schema {@value #PROBE}. */
  private static final class Probe {
    final Pool pool;
    final LogConsumer consumer;
    final Vertx vertx;

    Probe(Engine node) {
      vertx = node.vertx();
      pool = PgPools.create(vertx, node.config().pg().url(), 4, PROBE);
      consumer = new LogConsumer(vertx, pool, new BusClient(vertx, 10_000), PROBE, "catalog", (tx, logged) -> {
        if (!logged.type().equals("catalog.stock-changed")) {
          return Future.succeededFuture();
        }
        StockChanged e = (StockChanged) logged.event();
        if (!e.sku().startsWith("PRB-")) {
          // other tests' engines share the database
          return Future.succeededFuture();
        }
        return tx.preparedQuery("INSERT INTO applied (event_id, product, version) VALUES ($1, $2, $3)")
          .execute(Tuple.of(e.eventId(), e.productId(), e.version()));
      }, 200, 100, 3);
    }

    void start() throws Exception {
      Promise<Void> started = Promise.promise();
      vertx.runOnContext(v -> consumer.start().onComplete(started));
      started.future().await(10, TimeUnit.SECONDS);
    }

    void stop() throws Exception {
      consumer.stop().await(10, TimeUnit.SECONDS);
    }
  }

  private static Probe probe(Engine node) {
    return new Probe(node);
  }

  private static long catalogHead(Probe probe) throws Exception {
    return probe.pool.query("SELECT position FROM catalog.outbox_head").execute().await(10, TimeUnit.SECONDS)
      .iterator().next().getLong(0);
  }

  private static long unlogged(Probe probe) throws Exception {
    return probe.pool.query("SELECT count(*) FROM catalog.outbox WHERE position IS NULL").execute().await(10, TimeUnit.SECONDS)
      .iterator().next().getLong(0);
  }

  private static long checkpoint(Probe probe) throws Exception {
    var rows = probe.pool.query("SELECT position FROM event_checkpoint WHERE consumer = '" + PROBE + "'").execute()
      .await(10, TimeUnit.SECONDS);
    return rows.size() == 0 ? -1 : rows.iterator().next().getLong(0);
  }

  private static String adminToken() throws Exception {
    return client.post(nodeA.httpPort(), "127.0.0.1", "/api/v1/admin/auth/login")
      .sendJsonObject(new JsonObject().put("email", ADMIN).put("password", PASSWORD)).await(20, TimeUnit.SECONDS)
      .bodyAsJsonObject().getString("accessToken");
  }

  /**
   * The recommender's models on both nodes: events posted to node A (only) link two products on
   * node B within seconds, in its bought-together row and in the "for you" row of a session whose
   * views also went to node A; and an event posted twice counts once there too.
   */
  @Test
  void eventsPostedToOneNodeChangeTheOtherNodesRowsWithinSeconds() throws Exception {
    String token = adminToken();
    String x = createdProduct(token, "narwhal-kettle").getString("id");
    String y = createdProduct(token, "narwhal-cosy").getString("id");
    String shopper = "s-" + UUID.randomUUID().toString().replace("-", "");
    var addX = event("add-to-cart", x);
    var sent = postEvents(nodeA, shopper, event("product-view", x), addX, event("product-view", y), event("add-to-cart", y));
    assertEquals(202, sent.statusCode(), sent.bodyAsString());
    Eventually.until("node B's bought-together row of X holds Y",
      () -> rowIds(nodeB, "situation=product&productId=" + x, "bought-together").contains(y));
    assertFalse(rowIds(nodeB, "situation=product&productId=" + y, "bought-together").isEmpty());

    String visitor = "s-" + UUID.randomUUID().toString().replace("-", "");
    assertEquals(202, postEvents(nodeA, visitor, event("product-view", x)).statusCode());
    Eventually.until("node B's for-you row of a session that viewed X (on node A) holds Y",
      () -> rowIds(nodeB, "situation=home&limit=24&sessionId=" + visitor, "for-you").contains(y));

    // the same add to cart again, through node B: stored and learned once on both nodes
    var again = postEvents(nodeB, shopper, addX);
    assertEquals(202, again.statusCode(), again.bodyAsString());
    assertEquals(0, again.bodyAsJsonObject().getInteger("accepted"), again.bodyAsString());
  }

  private static JsonObject event(String type, String productId) {
    return new JsonObject().put("id", UUID.randomUUID().toString()).put("type", type).put("productId", productId);
  }

  private static io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> postEvents(Engine node, String session,
    JsonObject... events) throws Exception {
    return client.post(node.httpPort(), "127.0.0.1", "/api/v1/events")
      .sendJsonObject(new JsonObject().put("sessionId", session).put("events", new JsonArray(List.of(events))))
      .await(20, TimeUnit.SECONDS);
  }

  private static List<String> rowIds(Engine node, String query, String kind) throws Exception {
    var response = client.get(node.httpPort(), "127.0.0.1", "/api/v1/recommendations?" + query).send().await(20, TimeUnit.SECONDS);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    var out = new ArrayList<String>();
    for (Object row : response.bodyAsJsonObject().getJsonArray("rows")) {
      if (((JsonObject) row).getString("kind").equals(kind)) {
        ((JsonObject) row).getJsonArray("items").forEach(item -> out.add(((JsonObject) item).getString("id")));
      }
    }
    return out;
  }

  /** Creates a product with one variant through node A's admin API; returns its SKU. */
  private static String createProduct(String token, String name) throws Exception {
    return createdProduct(token, name).getJsonArray("variants").getJsonObject(0).getString("sku");
  }

  /** Creates a product with one variant through node A's admin API; answers it as created. */
  private static JsonObject createdProduct(String token, String name) throws Exception {
    String sku = "PRB-" + UUID.randomUUID().toString().substring(0, 8);
    var input = new JsonObject()
      .put("slug", name + "-" + UUID.randomUUID().toString().substring(0, 8)).put("status", "PUBLISHED").put("defaultLocale", "en")
      .put("translations", new JsonObject().put("en", new JsonObject().put("name", name).put("description", "d")))
      .put("categoryIds", new JsonArray()).put("attributes", new JsonObject()).put("media", new JsonArray())
      .put("seo", new JsonObject().put("title", "t").put("description", "d"))
      .put("variants", new JsonArray().add(new JsonObject().put("sku", sku).put("options", new JsonObject())
        .put("prices", new JsonArray().add(new JsonObject().put("amount", 1000).put("currency", "EUR"))).put("stockOnHand", 1)));
    var created = client.post(nodeA.httpPort(), "127.0.0.1", "/api/v1/admin/products").bearerTokenAuthentication(token)
      .sendJsonObject(input).await(20, TimeUnit.SECONDS);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject();
  }

  /**
   * The race for the last units across the cluster: 200 concurrent shoppers, half on each node,
   * each with a cart of their own, for the last 10 units of a variant; 20 rounds, the winners
   * emptying their carts through either node after each. Every round ends with exactly 10 units
   * reserved and 190 OUT_OF_STOCK, whichever node served whom.
   */
  /**
   * The cart keeps the catalog's answers on its node while that node's catalog changed nothing
   * (KnownVariants): a price changed through node A shows in a cart on node B as soon as node B's
   * catalog answers it, although node B's cart read the old price a moment before.
   */
  @Test
  void aCartOnOneNodeShowsAPriceChangedOnTheOtherAsSoonAsThatNodesCatalogDoes() throws Exception {
    String token = adminToken();
    var product = createdProduct(token, "cart-price");
    String productId = product.getString("id");
    String sku = product.getJsonArray("variants").getJsonObject(0).getString("sku");
    String variant = product.getJsonArray("variants").getJsonObject(0).getString("id");
    var stocked = client.put(nodeA.httpPort(), "127.0.0.1", "/api/v1/admin/variants/" + sku + "/stock")
      .bearerTokenAuthentication(token).sendJsonObject(new JsonObject().put("onHand", 10)).await(20, TimeUnit.SECONDS);
    assertEquals(200, stocked.statusCode(), stocked.bodyAsString());
    var added = client.post(nodeB.httpPort(), "127.0.0.1", "/api/v1/cart/lines")
      .sendJsonObject(new JsonObject().put("variantId", variant).put("quantity", 1)).await(20, TimeUnit.SECONDS);
    assertEquals(201, added.statusCode(), added.bodyAsString());
    String cart = added.getHeader("X-Cart-Token");
    long before = added.bodyAsJsonObject().getJsonArray("lines").getJsonObject(0).getJsonObject("unitPrice").getLong("amount");
    assertEquals(before, cartPriceOnNodeB(cart), "node B's cart has the price");

    var repriced = client.put(nodeA.httpPort(), "127.0.0.1", "/api/v1/admin/variants/" + sku + "/prices/EUR")
      .bearerTokenAuthentication(token).sendJsonObject(new JsonObject().put("amount", before + 111)).await(20, TimeUnit.SECONDS);
    assertEquals(200, repriced.statusCode(), repriced.bodyAsString());
    Eventually.value("the new price in node B's catalog", () -> priceOnNodeB(productId), price -> price == before + 111);
    assertEquals(before + 111, cartPriceOnNodeB(cart), "node B's cart shows what node B's catalog shows");
    var stillB = client.post(nodeB.httpPort(), "127.0.0.1", "/api/v1/cart/lines").putHeader("X-Cart-Token", cart)
      .sendJsonObject(new JsonObject().put("variantId", variant).put("quantity", 1)).await(20, TimeUnit.SECONDS);
    assertEquals(200, stillB.statusCode(), stillB.bodyAsString());
    var line = stillB.bodyAsJsonObject().getJsonArray("lines").getJsonObject(0);
    assertEquals(before + 111, line.getJsonObject("unitPrice").getLong("amount"), "an add prices with it too");
    assertEquals(2 * (before + 111), line.getJsonObject("lineTotal").getLong("amount"));
  }

  private static long cartPriceOnNodeB(String cart) throws Exception {
    var response = client.get(nodeB.httpPort(), "127.0.0.1", "/api/v1/cart").putHeader("X-Cart-Token", cart).send()
      .await(20, TimeUnit.SECONDS);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getJsonArray("lines").getJsonObject(0).getJsonObject("unitPrice").getLong("amount");
  }

  /**
   * Redis loses its data under both nodes (flushed: this class's Redis database only): on each
   * node's product page, within seconds, the unit only a lost cart held is available again, and a
   * unit reserved through node B since is held. One reset for the cluster (whichever node's
   * housekeeping finds Redis without its epoch first), heard by both nodes' caches.
   */
  @Test
  void bothNodesProductPagesFollowARedisThatLostItsData() throws Exception {
    String token = adminToken();
    var lost = createdProduct(token, "lost-reservation"); // 1 on hand
    var again = createdProduct(token, "reserved-again");
    String lostVariant = lost.getJsonArray("variants").getJsonObject(0).getString("id");
    String againVariant = again.getJsonArray("variants").getJsonObject(0).getString("id");
    var stocked = client.put(nodeA.httpPort(), "127.0.0.1",
        "/api/v1/admin/variants/" + again.getJsonArray("variants").getJsonObject(0).getString("sku") + "/stock")
      .bearerTokenAuthentication(token).sendJsonObject(new JsonObject().put("onHand", 5)).await(20, TimeUnit.SECONDS);
    assertEquals(200, stocked.statusCode(), stocked.bodyAsString());
    // (once in CI, on a loaded machine, the first add of a product just created answered 409: printed,
    // and tried again, as this test is about what follows)
    Eventually.until("a guest's cart on node A holding the lost unit", () -> guestAdds(nodeA, lostVariant, 1) == 201);
    Eventually.until("a guest's cart on node B holding 2 units", () -> guestAdds(nodeB, againVariant, 2) == 201);
    for (Engine node : List.of(nodeA, nodeB)) {
      Eventually.value("node " + node.httpPort() + " showing the reservations", () -> List.of(
        available(node, lost.getString("id")), available(node, again.getString("id"))), List.of(0, 3)::equals);
    }

    var redis = io.vertx.redis.client.RedisAPI.api(io.vertx.redis.client.Redis.createClient(clientVertx, STORES.redis()));
    try {
      redis.flushdb(List.of()).await(20, TimeUnit.SECONDS);
    } finally {
      redis.close();
    }
    long flushed = System.nanoTime();
    assertEquals(201, guestAdds(nodeB, againVariant, 1));
    for (Engine node : List.of(nodeA, nodeB)) {
      Eventually.value("node " + node.httpPort() + " showing the lost unit free and the new one held",
        java.time.Duration.ofSeconds(15), () -> List.of(available(node, lost.getString("id")),
          available(node, again.getString("id"))), List.of(1, 4)::equals);
    }
    System.out.printf("ClusterModeTest: both nodes' catalogs followed the flushed Redis in %d ms%n",
      TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - flushed));
  }

  /** A new guest cart on {@code node} adding {@code quantity} of a variant: the answer's status (other than 201: printed). */
  private static int guestAdds(Engine node, String variant, int quantity) throws Exception {
    var added = client.post(node.httpPort(), "127.0.0.1", "/api/v1/cart/lines")
      .sendJsonObject(new JsonObject().put("variantId", variant).put("quantity", quantity)).await(20, TimeUnit.SECONDS);
    if (added.statusCode() != 201) {
      System.out.println("ClusterModeTest: adding " + quantity + " of " + variant + " on node " + node.httpPort() + " answered "
        + added.statusCode() + " " + added.bodyAsString());
    }
    return added.statusCode();
  }

  /** What {@code node}'s product page shows available of the product's first variant. */
  private static int available(Engine node, String productId) throws Exception {
    var response = client.get(node.httpPort(), "127.0.0.1", "/api/v1/products/" + productId).send().await(20, TimeUnit.SECONDS);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getJsonArray("variants").getJsonObject(0).getInteger("available");
  }

  @Test
  void shoppersOnBothNodesNeverReserveMoreThanIsOnHand() throws Exception {
    String token = adminToken();
    var racers = WebClient.create(clientVertx, new io.vertx.ext.web.client.WebClientOptions(),
      new io.vertx.core.http.PoolOptions().setHttp1MaxSize(100));
    String sku = createProduct(token, "race");
    for (int round = 0; round < 20; round++) {
      var stocked = client.put(nodeA.httpPort(), "127.0.0.1", "/api/v1/admin/variants/" + sku + "/stock")
        .bearerTokenAuthentication(token).sendJsonObject(new JsonObject().put("onHand", 10)).await(20, TimeUnit.SECONDS);
      assertEquals(200, stocked.statusCode(), stocked.bodyAsString());
      String variant = stocked.bodyAsJsonObject().getJsonArray("variants").getJsonObject(0).getString("id");
      var attempts = new ArrayList<io.vertx.core.Future<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>>>();
      for (int i = 0; i < 200; i++) {
        int port = i % 2 == 0 ? nodeA.httpPort() : nodeB.httpPort();
        attempts.add(racers.post(port, "127.0.0.1", "/api/v1/cart/lines")
          .sendJsonObject(new JsonObject().put("variantId", variant).put("quantity", 1)));
      }
      io.vertx.core.Future.join(new ArrayList<>(attempts)).await(60, TimeUnit.SECONDS);
      int won = 0;
      int refused = 0;
      var winners = new ArrayList<String>();
      for (var attempt : attempts) {
        var response = attempt.result();
        if (response.statusCode() == 201) {
          won++;
          winners.add(response.getHeader("X-Cart-Token"));
        } else {
          assertEquals(409, response.statusCode(), response.bodyAsString());
          assertEquals("OUT_OF_STOCK", response.bodyAsJsonObject().getString("code"));
          refused++;
        }
      }
      assertEquals(10, won, "round " + round);
      assertEquals(190, refused, "round " + round);
      for (int i = 0; i < winners.size(); i++) {
        var cleared = client.delete(i % 2 == 0 ? nodeB.httpPort() : nodeA.httpPort(), "127.0.0.1", "/api/v1/cart")
          .putHeader("X-Cart-Token", winners.get(i)).send().await(20, TimeUnit.SECONDS);
        assertEquals(200, cleared.statusCode(), cleared.bodyAsString());
      }
    }
  }

  @Test
  void aMemberDeactivatedOnOneNodeIsRefusedOnTheOtherWithinSeconds() throws Exception {
    String admin = login(nodeA, ADMIN, PASSWORD);
    String email = "cluster-member-" + UUID.randomUUID() + "@kinetic.test";
    var invited = client.post(nodeA.httpPort(), "127.0.0.1", "/api/v1/admin/staff").bearerTokenAuthentication(admin)
      .sendJsonObject(new JsonObject().put("email", email).put("name", "Member").put("roles", new JsonArray().add("catalog"))
        .put("password", PASSWORD)).await(20, TimeUnit.SECONDS);
    assertEquals(201, invited.statusCode(), invited.bodyAsString());
    String member = login(nodeB, email, PASSWORD);
    assertEquals(200, meOnNodeB(member));

    var deactivated = client.post(nodeA.httpPort(), "127.0.0.1",
        "/api/v1/admin/staff/" + invited.bodyAsJsonObject().getJsonObject("staff").getString("id") + "/deactivate")
      .bearerTokenAuthentication(admin).send().await(20, TimeUnit.SECONDS);
    assertEquals(200, deactivated.statusCode(), deactivated.bodyAsString());

    Eventually.until("node B refuses the deactivated member's token", () -> meOnNodeB(member) == 401);
    for (int i = 0; i < 4; i++) {
      assertEquals(401, meOnNodeB(member));
    }
  }

  private static String login(Engine node, String email, String password) throws Exception {
    var login = client.post(node.httpPort(), "127.0.0.1", "/api/v1/admin/auth/login")
      .sendJsonObject(new JsonObject().put("email", email).put("password", password)).await(20, TimeUnit.SECONDS);
    assertEquals(200, login.statusCode(), login.bodyAsString());
    return login.bodyAsJsonObject().getString("accessToken");
  }

  private static int meOnNodeB(String token) throws Exception {
    return client.get(nodeB.httpPort(), "127.0.0.1", "/api/v1/admin/me").bearerTokenAuthentication(token).send()
      .await(20, TimeUnit.SECONDS).statusCode();
  }

  private static long priceOnNodeB(String id) throws Exception {
    var response = client.get(nodeB.httpPort(), "127.0.0.1", "/api/v1/products/" + id).send().await(20, TimeUnit.SECONDS);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getJsonArray("variants").getJsonObject(0)
      .getJsonArray("prices").getJsonObject(0).getLong("amount");
  }

  private static int memberPort(Engine node) {
    return ((HazelcastClusterManager) ((VertxInternal) node.vertx()).clusterManager()).getHazelcastInstance()
      .getCluster().getLocalMember().getAddress().getPort();
  }

  private static int otherFreePort(int taken) {
    int port = FreePorts.find();
    while (port == taken) {
      port = FreePorts.find();
    }
    return port;
  }

  private record Stores(String pg, String redis) {
  }

  private static Map<String, String> env(int clusterPort) throws Exception {
    Map<String, String> env = EngineEnv.extra(ADMIN, PASSWORD, STORES.pg(), STORES.redis());
    env.put("COMMERCE_CLUSTER_ENABLED", "true");
    env.put("COMMERCE_CLUSTER_HOST", "127.0.0.1");
    env.put("COMMERCE_CLUSTER_NAME", CLUSTER);
    env.put("COMMERCE_CLUSTER_PORT", String.valueOf(clusterPort));
    env.put("COMMERCE_CLUSTER_MEMBERS", "127.0.0.1:" + PORT_A + ",127.0.0.1:" + PORT_B);
    return env;
  }
}
