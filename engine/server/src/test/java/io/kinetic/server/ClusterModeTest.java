package io.kinetic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two engines joined by the Hazelcast cluster manager on the same PostgreSQL and Redis: a write on
 * one node is visible on the next read through the other, whichever node's catalog answers it
 * (the published catalog events invalidate every node's cache), and a staff member deactivated
 * through one node is refused by the other.
 */
class ClusterModeTest {

  private static final String ADMIN = "cluster-admin-" + UUID.randomUUID() + "@kinetic.test";
  private static final String PASSWORD = "cluster-admin-password";
  private static Engine nodeA;
  private static Engine nodeB;
  private static Vertx clientVertx;
  private static WebClient client;

  @BeforeAll
  static void startTwoNodes() throws Exception {
    nodeA = Engine.start(env());
    nodeB = Engine.start(env());
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
    long deadline = System.currentTimeMillis() + 5_000;
    while (priceOnNodeB(id) != 1234 && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    for (int i = 0; i < 6; i++) {
      assertEquals(1234, priceOnNodeB(id), "no node serves the old price once the event has arrived");
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

    long deadline = System.currentTimeMillis() + 10_000;
    while (meOnNodeB(member) != 401) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("node B still accepts the deactivated member's token after 10 s");
      }
    }
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

  private static Map<String, String> env() throws Exception {
    Map<String, String> env = EngineEnv.extra(ADMIN, PASSWORD);
    env.put("COMMERCE_CLUSTER_ENABLED", "true");
    env.put("COMMERCE_CLUSTER_HOST", "127.0.0.1");
    return env;
  }
}
