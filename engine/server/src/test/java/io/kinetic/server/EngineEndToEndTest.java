package io.kinetic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.testing.Eventually;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/** The whole engine through HTTP: real gateway, catalog and identity verticles, real PostgreSQL and Redis. */
// creates products the storefront shows: not while StorefrontBrowserTest counts what it shows
@ResourceLock(value = "storefront-catalogue", mode = ResourceAccessMode.READ)
class EngineEndToEndTest {

  private static WebClient http;

  @BeforeAll
  static void start() throws Exception {
    http = RunningEngine.client();
  }

  @Test
  void storefrontListsTheSeededCatalogueAndReadsOneProductBothWays() throws Exception {
    var page = get("/api/v1/products?limit=5&currency=EUR");
    assertEquals(200, page.statusCode(), page.bodyAsString());
    JsonArray items = page.bodyAsJsonObject().getJsonArray("items");
    assertEquals(5, items.size());
    assertNotNull(page.bodyAsJsonObject().getString("nextCursor"));
    // a seeded product (they have a category): other test classes create and delete their own meanwhile
    String category = get("/api/v1/categories").bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("id");
    JsonArray more = get("/api/v1/products?limit=50&currency=EUR&category=" + category).bodyAsJsonObject().getJsonArray("items");
    JsonObject first = more.stream().map(JsonObject.class::cast).findFirst()
      .orElseThrow(() -> new AssertionError("no seeded product in " + category));

    var byId = get("/api/v1/products/" + first.getString("id"));
    assertEquals(200, byId.statusCode());
    assertEquals(first.getString("slug"), byId.bodyAsJsonObject().getString("slug"));
    assertEquals("application/json", byId.getHeader("content-type").split(";")[0]);

    var graphql = post("/graphql", new JsonObject()
      .put("query", "query($s:String!){productBySlug(slug:$s){id name variants{sku prices{amount currency}}}}")
      .put("variables", new JsonObject().put("s", first.getString("slug"))), null);
    assertEquals(200, graphql.statusCode());
    assertEquals(first.getString("id"),
      graphql.bodyAsJsonObject().getJsonObject("data").getJsonObject("productBySlug").getString("id"));

    var categories = get("/api/v1/categories");
    assertTrue(categories.bodyAsJsonObject().getJsonArray("items").size() >= 6);
  }

  /** Lists answer slim cards (a page of 20 in a few KB); the product page keeps the whole product. */
  @Test
  void aListIsSlimCardsAndTheProductPageTheWholeProduct() throws Exception {
    var page = get("/api/v1/products?limit=20&currency=USD");
    assertEquals(200, page.statusCode(), page.bodyAsString());
    JsonArray items = page.bodyAsJsonObject().getJsonArray("items");
    assertEquals(20, items.size());
    var cardFields = java.util.Set.of("id", "slug", "name", "image", "priceMin", "priceMax", "available", "availability", "rating");
    for (Object o : items) {
      JsonObject card = (JsonObject) o;
      assertEquals(cardFields, card.fieldNames(), card.encode());
      assertNotNull(card.getString("id"));
      assertNotNull(card.getString("slug"));
      assertNotNull(card.getString("name"));
      assertTrue(java.util.List.of("in_stock", "low", "sold_out").contains(card.getString("availability")), card.encode());
      assertEquals(!"sold_out".equals(card.getString("availability")), card.getBoolean("available"), card.encode());
      if (card.getJsonObject("priceMin") != null) {
        assertEquals("USD", card.getJsonObject("priceMin").getString("currency"));
        assertTrue(card.getJsonObject("priceMin").getLong("amount") <= card.getJsonObject("priceMax").getLong("amount"));
      }
    }
    assertTrue(page.body().length() < 10_000, "20 cards in a few KB, not " + page.body().length() + " bytes");

    JsonObject product = get("/api/v1/products/" + items.getJsonObject(0).getString("id")).bodyAsJsonObject();
    assertTrue(product.containsKey("variants") && product.containsKey("description"), product.encode());

    var graphql = post("/graphql", new JsonObject().put("query",
      "{products(first:3, filter:{currency:\"USD\"}){edges{node{id slug name image{url} priceMin{amount currency} available availability}}}}"),
      null).bodyAsJsonObject();
    JsonArray edges = graphql.getJsonObject("data").getJsonObject("products").getJsonArray("edges");
    assertEquals(3, edges.size(), graphql.encode());
    JsonObject node = edges.getJsonObject(0).getJsonObject("node");
    assertTrue(java.util.List.of("IN_STOCK", "LOW", "SOLD_OUT").contains(node.getString("availability")), node.encode());
    var full = post("/graphql", new JsonObject().put("query", "{products(first:3){edges{node{variants{sku}}}}}"), null)
      .bodyAsJsonObject();
    assertTrue(full.getJsonArray("errors") != null && full.getValue("data") == null, "a card has no variants: " + full.encode());
  }

  @Test
  void anAdminWriteIsVisibleToTheNextStorefrontRead() throws Exception {
    String token = staffToken();
    String slug = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    String sku = "E2E-" + UUID.randomUUID().toString().substring(0, 8);
    var input = new JsonObject()
      .put("slug", slug).put("status", "PUBLISHED").put("defaultLocale", "en")
      .put("translations", new JsonObject().put("en", new JsonObject().put("name", "End to end tee").put("description", "d")))
      .put("categoryIds", new JsonArray()).put("attributes", new JsonObject()).put("media", new JsonArray())
      .put("seo", new JsonObject().put("title", "t").put("description", "d"))
      .put("variants", new JsonArray().add(new JsonObject().put("sku", sku).put("options", new JsonObject().put("size", "M"))
        .put("prices", new JsonArray().add(new JsonObject().put("amount", 1500).put("currency", "EUR"))).put("stockOnHand", 3)));
    var created = post("/api/v1/admin/products", input, token);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    String id = created.bodyAsJsonObject().getString("id");

    assertEquals(1500, priceOf(get("/api/v1/products/" + id)));
    var repriced = put("/api/v1/admin/variants/" + sku + "/prices/EUR", new JsonObject().put("amount", 1750), token);
    assertEquals(200, repriced.statusCode(), repriced.bodyAsString());
    assertEquals(1750, priceOf(get("/api/v1/products/" + id)), "the cache was invalidated by the commit");

    var deleted = http.delete("/api/v1/admin/products/" + id).bearerTokenAuthentication(token).send()
      .await(10, TimeUnit.SECONDS);
    assertEquals(204, deleted.statusCode());
    var gone = get("/api/v1/products/" + id);
    assertEquals(404, gone.statusCode());
    assertEquals("PRODUCT_NOT_FOUND", gone.bodyAsJsonObject().getString("code"));
  }

  @Test
  void customerAccountLifecycleAndRoleSeparation() throws Exception {
    String email = "e2e-" + UUID.randomUUID() + "@example.com";
    var registered = post("/api/v1/auth/register",
      new JsonObject().put("email", email).put("password", "correct horse battery").put("name", "Ada"), null);
    assertEquals(201, registered.statusCode(), registered.bodyAsString());
    var tokens = post("/api/v1/auth/login", new JsonObject().put("email", email).put("password", "correct horse battery"), null)
      .bodyAsJsonObject();
    String access = tokens.getString("accessToken");
    var me = http.get("/api/v1/me").bearerTokenAuthentication(access).send().await(10, TimeUnit.SECONDS);
    assertEquals(email, me.bodyAsJsonObject().getString("email"));

    var forbidden = http.get("/api/v1/admin/products").bearerTokenAuthentication(access).send().await(10, TimeUnit.SECONDS);
    assertEquals(403, forbidden.statusCode());
    assertEquals("FORBIDDEN", forbidden.bodyAsJsonObject().getString("code"));

    var refreshed = post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", tokens.getString("refreshToken")), null);
    assertEquals(200, refreshed.statusCode());
    var successor = refreshed.bodyAsJsonObject().getString("refreshToken");
    assertEquals(200, post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", successor), null).statusCode());
    // the first token again, after its successor was rotated in turn: reuse, the family is revoked
    // (within auth.refreshReuseGraceSeconds of its rotation, while its successor is live, it is a
    // retry instead: ProbeFindingsTest)
    var reused = post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", tokens.getString("refreshToken")), null);
    assertEquals(401, reused.statusCode());
    assertEquals("TOKEN_INVALID", reused.bodyAsJsonObject().getString("code"));
  }

  @Test
  void badInputGetsProblemJsonNeverA500() throws Exception {
    var badId = get("/api/v1/products/not-a-uuid");
    assertEquals(400, badId.statusCode());
    assertEquals("application/problem+json", badId.getHeader("content-type").split(";")[0]);
    assertNotNull(badId.bodyAsJsonObject().getString("correlationId"));

    var malformed = http.post("/api/v1/auth/login").putHeader("content-type", "application/json")
      .sendBuffer(Buffer.buffer("{\"email\":")).await(10, TimeUnit.SECONDS);
    assertEquals(400, malformed.statusCode());

    var negative = put("/api/v1/admin/variants/ANY/stock", new JsonObject().put("onHand", -1), staffToken());
    assertEquals(400, negative.statusCode(), negative.bodyAsString());
    assertFalse(negative.bodyAsString().contains("Exception"));
  }

  @Test
  void bothHealthAnswersCarryTheInstanceIdWrittenToRuntimeJson() throws Exception {
    var runtime = new JsonObject(Files.readString(RunningEngine.runtimeFile()));
    String id = runtime.getString("instanceId");
    assertTrue(id != null && id.matches("[0-9a-f]{32}"), runtime.encode());
    assertEquals(RunningEngine.httpPort(), runtime.getInteger("httpPort"));
    assertEquals(id, get("/health/live").bodyAsJsonObject().getString("instanceId"));
    assertEquals(id, get("/health/ready").bodyAsJsonObject().getString("instanceId"));
  }

  @Test
  void healthAndMetrics() throws Exception {
    assertEquals(200, get("/health/live").statusCode());
    assertEquals(200, get("/health/ready").statusCode());
    assertEquals(401, get("/metrics").statusCode(), "metrics are not public");
    var metrics = http.get("/metrics").bearerTokenAuthentication(staffToken()).send().await(10, TimeUnit.SECONDS);
    assertEquals(200, metrics.statusCode());
    assertTrue(metrics.bodyAsString().contains("vertx_"), "Prometheus text with Vert.x metrics");
    assertEquals(200, get("/api/v1/openapi.yaml").statusCode());
  }

  /**
   * A client that hangs up while its request body is still arriving (Content-Length promised more)
   * is no server error: nothing is answered (no one is there), and no 500 is counted or logged.
   */
  @Test
  void aClientHangingUpMidBodyIsNoServerError() throws Exception {
    double before = serverErrors();
    for (String path : new String[] {"/api/v1/cart", "/api/v1/checkout/orders", "/graphql"}) {
      try (var socket = new java.net.Socket("127.0.0.1", RunningEngine.httpPort())) {
        var out = socket.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: 100\r\n\r\n{\"a\":").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.flush();
        Thread.sleep(200);
      }
    }
    Thread.sleep(1_000);
    assertEquals(before, serverErrors(), "a client going away is not counted as a server error");
  }

  /** The 500 answers the engine counted so far (Prometheus text of /metrics). */
  private static double serverErrors() throws Exception {
    String text = http.get("/metrics").bearerTokenAuthentication(staffToken()).send().await(10, TimeUnit.SECONDS).bodyAsString();
    double sum = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("vertx_http_server_requests_total{") && line.contains("code=\"500\"")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  /**
   * A staff member's catalog write reaches the audit log through the catalog's event log: the
   * identity context's durable consumer records it once, with who did it and the request's
   * correlation id; the admin health endpoint and /metrics show that consumer and its lag.
   */
  @Test
  void aStaffPriceChangeIsAuditedThroughTheEventLog() throws Exception {
    String token = staffToken();
    // a draft product of its own: repricing a shop product would surprise the cart tests that hold it
    String sku = "AUD-" + UUID.randomUUID().toString().substring(0, 8);
    var draft = post("/api/v1/admin/products", new JsonObject()
      .put("slug", sku.toLowerCase()).put("status", "DRAFT").put("defaultLocale", "en")
      .put("translations", new JsonObject().put("en", new JsonObject().put("name", "Audited tee")))
      .put("variants", new JsonArray().add(new JsonObject().put("sku", sku).put("options", new JsonObject().put("size", "M"))
        .put("prices", new JsonArray().add(new JsonObject().put("amount", 1500).put("currency", "EUR"))).put("stockOnHand", 1))),
      token);
    assertEquals(201, draft.statusCode(), draft.bodyAsString());
    String productId = draft.bodyAsJsonObject().getString("id");
    String cid = "audit-" + UUID.randomUUID().toString().substring(0, 8);
    var repriced = http.put("/api/v1/admin/variants/" + sku + "/prices/EUR").bearerTokenAuthentication(token)
      .putHeader("X-Correlation-Id", cid).sendJsonObject(new JsonObject().put("amount", 4321)).await(10, TimeUnit.SECONDS);
    assertEquals(200, repriced.statusCode(), repriced.bodyAsString());

    JsonObject[] entry = new JsonObject[1];
    Eventually.until("the price change in the audit log", () -> {
      var log = http.get("/api/v1/admin/audit-log?limit=100").bearerTokenAuthentication(token).send()
        .await(10, TimeUnit.SECONDS).bodyAsJsonObject().getJsonArray("items");
      for (int i = 0; i < log.size(); i++) {
        if (cid.equals(log.getJsonObject(i).getString("correlationId"))) {
          entry[0] = log.getJsonObject(i);
        }
      }
      return entry[0] != null;
    });
    assertEquals("catalog", entry[0].getString("context"));
    assertEquals("catalog.price-changed", entry[0].getString("action"));
    assertEquals(RunningEngine.ADMIN_EMAIL, entry[0].getString("actorEmail"));
    assertEquals("product", entry[0].getString("targetType"));
    assertEquals(productId, entry[0].getString("targetId"));
    assertEquals(4321, entry[0].getJsonObject("details").getInteger("amount"));

    var health = http.get("/api/v1/admin/health/events").bearerTokenAuthentication(token).send().await(10, TimeUnit.SECONDS);
    assertEquals(200, health.statusCode(), health.bodyAsString());
    var catalogLog = health.bodyAsJsonObject().getJsonArray("logs").stream().map(JsonObject.class::cast)
      .filter(l -> l.getString("source").equals("catalog")).findFirst().orElseThrow();
    assertTrue(catalogLog.getJsonArray("readers").stream().map(JsonObject.class::cast)
      .anyMatch(r -> r.getString("consumer").equals("identity.audit")), health.bodyAsString());
    var metrics = http.get("/metrics").bearerTokenAuthentication(token).send().await(10, TimeUnit.SECONDS).bodyAsString();
    assertTrue(metrics.contains("kinetic_event_consumer_lag_events{log=\"catalog\",consumer=\"identity.audit\"}"), metrics);
  }

  private static String staffToken() throws Exception {
    var login = post("/api/v1/admin/auth/login",
      new JsonObject().put("email", RunningEngine.ADMIN_EMAIL).put("password", RunningEngine.ADMIN_PASSWORD), null);
    assertEquals(200, login.statusCode(), login.bodyAsString());
    return login.bodyAsJsonObject().getString("accessToken");
  }

  private static long priceOf(HttpResponse<Buffer> product) {
    return product.bodyAsJsonObject().getJsonArray("variants").getJsonObject(0)
      .getJsonArray("prices").getJsonObject(0).getLong("amount");
  }

  private static HttpResponse<Buffer> get(String uri) throws Exception {
    return http.get(uri).send().await(10, TimeUnit.SECONDS);
  }

  private static HttpResponse<Buffer> post(String uri, JsonObject body, String token) throws Exception {
    var request = http.post(uri);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return request.sendJsonObject(body).await(10, TimeUnit.SECONDS);
  }

  private static HttpResponse<Buffer> put(String uri, JsonObject body, String token) throws Exception {
    return http.put(uri).bearerTokenAuthentication(token).sendJsonObject(body).await(10, TimeUnit.SECONDS);
  }
}
