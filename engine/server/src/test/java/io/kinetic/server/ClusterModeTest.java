package io.kinetic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.kinetic.kernel.embedded.FreePorts;
import io.kinetic.kernel.testing.Eventually;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two engines joined by the Hazelcast cluster manager on the same PostgreSQL and Redis, discovering
 * each other from an explicit member list on loopback (ports picked at run time, a cluster name of
 * their own, no multicast): a write on one node is visible on the next read through the other,
 * whichever node's catalog answers it (the published catalog events invalidate every node's cache).
 */
class ClusterModeTest {

  private static final String ADMIN = "cluster-admin-" + UUID.randomUUID() + "@kinetic.test";
  private static final String PASSWORD = "cluster-admin-password";
  private static Engine nodeA;
  private static Engine nodeB;
  private static Vertx clientVertx;
  private static WebClient client;

  private static final String CLUSTER = "kinetic-test-" + UUID.randomUUID();
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
    var repriced = client.put(nodeA.httpPort(), "127.0.0.1", "/api/v1/admin/variants/" + sku + "/prices/EUR")
      .bearerTokenAuthentication(token).sendJsonObject(new JsonObject().put("amount", 1234)).await(20, TimeUnit.SECONDS);
    assertEquals(200, repriced.statusCode(), repriced.bodyAsString());
    Eventually.value("the new price on node B", () -> priceOnNodeB(id), price -> price == 1234);
    for (int i = 0; i < 6; i++) {
      assertEquals(1234, priceOnNodeB(id), "no node serves the old price once the event has arrived");
    }
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

  private static Map<String, String> env(int clusterPort) throws Exception {
    Map<String, String> env = EngineEnv.extra(ADMIN, PASSWORD);
    env.put("COMMERCE_CLUSTER_ENABLED", "true");
    env.put("COMMERCE_CLUSTER_HOST", "127.0.0.1");
    env.put("COMMERCE_CLUSTER_NAME", CLUSTER);
    env.put("COMMERCE_CLUSTER_PORT", String.valueOf(clusterPort));
    env.put("COMMERCE_CLUSTER_MEMBERS", "127.0.0.1:" + PORT_A + ",127.0.0.1:" + PORT_B);
    return env;
  }
}
