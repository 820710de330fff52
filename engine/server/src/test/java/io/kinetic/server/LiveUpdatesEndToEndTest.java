package io.kinetic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.gateway.subscriptions.GraphQlWsClient;
import io.kinetic.kernel.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * GraphQL subscriptions on the whole engine: a real WebSocket client speaking graphql-transport-ws
 * to {@code /graphql} follows products that staff change through the admin REST and GraphQL APIs
 * (the catalog's relay publishes the committed events on the bus, the gateway re-reads the product).
 */
// counts the engine's live consumers: no storefront page (browser tests) may hold subscriptions meanwhile
@ResourceLock(value = "storefront-catalogue", mode = ResourceAccessMode.READ_WRITE)
class LiveUpdatesEndToEndTest {

  private static final String SUBSCRIPTION = """
    subscription($id: ID!) { productChanged(id: $id) {
      id state product { id variants { sku available price(currency: "EUR") { amount } } }
    } }""";
  private static final String PRICE_CONSUMERS = "kinetic_graphql_live_consumers{address=\"catalog.events.price-changed\"}";
  private static WebClient http;
  private static Vertx vertx;
  private static int port;
  private static String staff;

  @BeforeAll
  static void start() throws Exception {
    http = RunningEngine.client();
    port = RunningEngine.httpPort();
    vertx = Vertx.vertx();
    var login = http.post("/api/v1/admin/auth/login").sendJsonObject(new JsonObject()
      .put("email", RunningEngine.ADMIN_EMAIL).put("password", RunningEngine.ADMIN_PASSWORD)).await(10, TimeUnit.SECONDS);
    assertEquals(200, login.statusCode(), login.bodyAsString());
    staff = login.bodyAsJsonObject().getString("accessToken");
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aSubscriberFollowsItsProductsPriceStockAndPublishStateAndNothingElse() throws Exception {
    JsonObject first = create(1500, 3);
    JsonObject second = create(2500, 5);
    String firstId = first.getString("id");
    String firstSku = sku(first);
    try (var client = GraphQlWsClient.connect(vertx, port).initAndAck(null)) {
      long streams = gauge("kinetic_graphql_live_streams");
      client.subscribe("first", SUBSCRIPTION, new JsonObject().put("id", firstId));
      Eventually.until("the subscription listens", () -> gauge("kinetic_graphql_live_streams") == streams + 1);

      var repriced = http.put("/api/v1/admin/variants/" + firstSku + "/prices/EUR").bearerTokenAuthentication(staff)
        .sendJsonObject(new JsonObject().put("amount", 1750)).await(10, TimeUnit.SECONDS);
      assertEquals(200, repriced.statusCode(), repriced.bodyAsString());
      assertEquals(1750, variant(awaitChange(client, "first", firstId, c -> amount(c) == 1750)).getJsonObject("price")
        .getInteger("amount"), "the price changed through the admin REST API");

      var restocked = http.post("/admin/graphql").bearerTokenAuthentication(staff).sendJsonObject(new JsonObject()
        .put("query", "mutation($sku: String!) { setStock(sku: $sku, onHand: 9) { __typename } }")
        .put("variables", new JsonObject().put("sku", firstSku))).await(10, TimeUnit.SECONDS);
      assertEquals("AdminProduct", restocked.bodyAsJsonObject().getJsonObject("data").getJsonObject("setStock")
        .getString("__typename"), restocked.bodyAsString());
      assertEquals(9, variant(awaitChange(client, "first", firstId, c -> stock(c) == 9)).getInteger("available"),
        "the stock changed through the admin GraphQL API");

      var other = http.put("/api/v1/admin/variants/" + sku(second) + "/prices/EUR").bearerTokenAuthentication(staff)
        .sendJsonObject(new JsonObject().put("amount", 2600)).await(10, TimeUnit.SECONDS);
      assertEquals(200, other.statusCode());
      JsonObject unexpected = client.poll(Duration.ofMillis(800));
      assertTrue(unexpected == null || firstId.equals(change(unexpected).getString("id")),
        "another product's change is not sent: " + unexpected);

      var unpublished = http.put("/api/v1/admin/products/" + firstId).bearerTokenAuthentication(staff)
        .sendJsonObject(update(first, "DRAFT")).await(10, TimeUnit.SECONDS);
      assertEquals(200, unpublished.statusCode(), unpublished.bodyAsString());
      awaitChange(client, "first", firstId, c -> "UNAVAILABLE".equals(c.getString("state")));

      client.complete("first");
      Eventually.until("completing the last subscription frees the event-bus consumers", () -> gauge(PRICE_CONSUMERS) == 0);
      http.put("/api/v1/admin/variants/" + firstSku + "/prices/EUR").bearerTokenAuthentication(staff)
        .sendJsonObject(new JsonObject().put("amount", 1800)).await(10, TimeUnit.SECONDS);
      assertNull(client.poll(Duration.ofMillis(500)), "nothing after complete");

      long before = gauge("kinetic_graphql_live_streams");
      String secondId = second.getString("id");
      client.subscribe("second", SUBSCRIPTION, new JsonObject().put("id", secondId));
      Eventually.until("the second subscription listens", () -> gauge("kinetic_graphql_live_streams") == before + 1);
      var deleted = http.delete("/api/v1/admin/products/" + secondId).bearerTokenAuthentication(staff).send()
        .await(10, TimeUnit.SECONDS);
      assertEquals(204, deleted.statusCode());
      awaitChange(client, "second", secondId, c -> "DELETED".equals(c.getString("state")));
      client.expect("complete", "second");
      Eventually.until("a deleted product's subscription ends", () -> gauge(PRICE_CONSUMERS) == 0);
    }
  }

  @Test
  void theProtocolsRefusalsOnTheRealEngine() throws Exception {
    try (var client = GraphQlWsClient.connect(vertx, port)) {
      client.init(new JsonObject().put("authorization", "Bearer " + staff.substring(0, staff.length() - 4) + "AAAA"));
      assertEquals(4403, client.closeCode(), "a forged token");
    }
    try (var client = GraphQlWsClient.connect(vertx, port)) {
      client.subscribe("1", SUBSCRIPTION, new JsonObject().put("id", UUID.randomUUID().toString()));
      assertEquals(4401, client.closeCode(), "subscribe before connection_init");
    }
    try (var client = GraphQlWsClient.connect(vertx, port).initAndAck(new JsonObject().put("authorization", "Bearer " + staff))) {
      client.subscribe("missing", SUBSCRIPTION, new JsonObject().put("id", UUID.randomUUID().toString()));
      assertEquals("PRODUCT_NOT_FOUND", client.expect("error", "missing").getJsonArray("payload").getJsonObject(0)
        .getJsonObject("extensions").getString("code"));
    }
    var open = new ArrayList<GraphQlWsClient>();
    try {
      Throwable refused = null;
      for (int i = 0; i <= 16 && refused == null; i++) {
        refused = GraphQlWsClient.attempt(vertx, port, options -> { }).map(c -> {
          open.add(c);
          return (Throwable) null;
        }).recover(Future::succeededFuture).await(10, TimeUnit.SECONDS);
      }
      // at most 16 per address (graphql.subscriptions.maxConnectionsPerIp); sockets of the tests
      // before this one may still be closing, so fewer than 16 may open here
      assertTrue(open.size() >= 1 && open.size() <= 16, "opened " + open.size() + " before the refusal");
      assertEquals(429, assertInstanceOf(UpgradeRejectedException.class, refused).getStatus());
    } finally {
      for (GraphQlWsClient client : open) {
        client.close();
      }
    }
  }

  // ---- helpers

  /** Waits for a {@code next} of operation {@code id} about {@code product} that {@code wanted} accepts (skipping older ones). */
  private static JsonObject awaitChange(GraphQlWsClient client, String id, String product,
                                        java.util.function.Predicate<JsonObject> wanted) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      JsonObject message = client.next();
      assertEquals("next", message.getString("type"), message.encode());
      assertEquals(id, message.getString("id"));
      JsonObject change = change(message);
      assertEquals(product, change.getString("id"), "only the subscribed product: " + message.encode());
      if (wanted.test(change)) {
        return change;
      }
    }
    throw new AssertionError("no such change of " + product);
  }

  private static JsonObject change(JsonObject next) {
    return next.getJsonObject("payload").getJsonObject("data").getJsonObject("productChanged");
  }

  private static JsonObject variant(JsonObject change) {
    return change.getJsonObject("product").getJsonArray("variants").getJsonObject(0);
  }

  private static int amount(JsonObject change) {
    return change.getJsonObject("product") == null ? -1 : variant(change).getJsonObject("price").getInteger("amount");
  }

  private static int stock(JsonObject change) {
    return change.getJsonObject("product") == null ? -1 : variant(change).getInteger("available");
  }

  private static JsonObject input(String slug, String sku, long amount, int stock) {
    return new JsonObject()
      .put("slug", slug).put("status", "PUBLISHED").put("defaultLocale", "en")
      .put("translations", new JsonObject().put("en", new JsonObject().put("name", "Live tee").put("description", "d")))
      .put("categoryIds", new JsonArray()).put("attributes", new JsonObject()).put("media", new JsonArray())
      .put("seo", new JsonObject().put("title", "t").put("description", "d"))
      .put("variants", new JsonArray().add(new JsonObject().put("sku", sku).put("options", new JsonObject().put("size", "M"))
        .put("prices", new JsonArray().add(new JsonObject().put("amount", amount).put("currency", "EUR")))
        .put("stockOnHand", stock)));
  }

  private static JsonObject create(long amount, int stock) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    var created = http.post("/api/v1/admin/products").bearerTokenAuthentication(staff)
      .sendJsonObject(input("live-" + suffix, "LIVE-" + suffix, amount, stock)).await(10, TimeUnit.SECONDS);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject();
  }

  private static String sku(JsonObject product) {
    return product.getJsonArray("variants").getJsonObject(0).getString("sku");
  }

  /** The product as created, at its current version, with {@code status}. */
  private static JsonObject update(JsonObject created, String status) throws Exception {
    var current = http.get("/api/v1/admin/products/" + created.getString("id")).bearerTokenAuthentication(staff).send()
      .await(10, TimeUnit.SECONDS).bodyAsJsonObject();
    JsonObject variant = current.getJsonArray("variants").getJsonObject(0);
    return input(current.getString("slug"), variant.getString("sku"), 1750, variant.getInteger("stockOnHand"))
      .put("status", status).put("version", current.getLong("version"));
  }

  /** A gauge of the engine's /metrics (0 when absent). */
  private static long gauge(String name) throws Exception {
    String metrics = http.get("/metrics").bearerTokenAuthentication(staff).send().await(10, TimeUnit.SECONDS).bodyAsString();
    Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\d+)").matcher(metrics);
    return line.find() ? Long.parseLong(line.group(1)) : 0;
  }
}
