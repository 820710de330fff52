package io.kinetic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
  private static final int PORT_A = FreePorts.find();
  private static final int PORT_B = otherFreePort(PORT_A);

  @BeforeAll
  static void startTwoNodes() throws Exception {
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
      assertEquals(Set.of(PORT_A, PORT_B), hazelcast.getCluster().getMembers().stream()
        .map(member -> member.getAddress().getPort()).collect(Collectors.toSet()), "both nodes joined, on their ports");
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

  /** Creates a product with one variant through node A's admin API; returns its SKU. */
  private static String createProduct(String token, String name) throws Exception {
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
    return sku;
  }

  /**
   * The race for the last units across the cluster: 200 concurrent shoppers, half on each node,
   * each with a cart of their own, for the last 10 units of a variant; 20 rounds, the winners
   * emptying their carts through either node after each. Every round ends with exactly 10 units
   * reserved and 190 OUT_OF_STOCK, whichever node served whom.
   */
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
