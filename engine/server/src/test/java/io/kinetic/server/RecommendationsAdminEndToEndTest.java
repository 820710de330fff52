package io.kinetic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The recommender's admin side over REST: the online figures per model and A/B arm from hand-made
 * recommendation events and an order (known numbers, under a model name of the test's own); the
 * settings, which only the admin role may change, validated, and followed by the served rows.
 */
@ResourceLock(value = "storefront-catalogue", mode = ResourceAccessMode.READ)
class RecommendationsAdminEndToEndTest {

  private static WebClient http;
  private static Shop shop;

  @BeforeAll
  static void start() throws Exception {
    http = RunningEngine.client();
    shop = new Shop(http, RunningEngine.ADMIN_EMAIL, RunningEngine.ADMIN_PASSWORD);
  }

  /** {@code count} recommendation-shown events of one row (positions from 0), all at {@code at}. */
  private static List<JsonObject> row(String model, String arm, Instant at, List<String> products) {
    var out = new ArrayList<JsonObject>();
    for (int i = 0; i < products.size(); i++) {
      out.add(recommendation("recommendation-shown", model, arm, at, products.get(i), i));
    }
    return out;
  }

  private static JsonObject recommendation(String type, String model, String arm, Instant at, String product, int position) {
    return new JsonObject().put("id", UUID.randomUUID().toString()).put("type", type).put("productId", product)
      .put("model", model).put("position", position).put("arm", arm).put("at", at.toString());
  }

  private static void send(String session, String customerToken, List<JsonObject> events) throws Exception {
    var request = http.post("/api/v1/events");
    if (customerToken != null) {
      request.bearerTokenAuthentication(customerToken);
    }
    HttpResponse<Buffer> sent = Shop.send(request, new JsonObject().put("sessionId", session).put("events", new JsonArray(events)));
    assertEquals(202, sent.statusCode(), sent.bodyAsString());
  }

  static JsonObject report(String token) throws Exception {
    var r = http.get("/api/v1/admin/recommendations/report?days=1").bearerTokenAuthentication(token).send().await(60, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  private static JsonObject online(JsonObject report, String model, String arm) {
    return report.getJsonArray("online").stream().map(JsonObject.class::cast)
      .filter(o -> o.getString("model").equals(model) && arm.equals(o.getString("arm"))).findFirst().orElse(null);
  }

  private static List<String> products(int n) {
    var out = new ArrayList<String>();
    for (int i = 0; i < n; i++) {
      out.add(UUID.randomUUID().toString());
    }
    return out;
  }

  @Test
  void theOnlineFiguresCountRowsClickedOrBoughtPerModelAndArm() throws Exception {
    String model = "t" + UUID.randomUUID().toString().substring(0, 8);
    Instant shownAt = Instant.now().minusSeconds(600);
    List<String> p = products(12);
    // arm a, five rows:
    // 1. twelve items; the click is on position 11, outside the top 10: no hit (but a click for click-through)
    String s1 = RecommendationsEndToEndTest.session();
    var first = new ArrayList<>(row(model, "a", shownAt, p));
    first.add(recommendation("recommendation-clicked", model, "a", shownAt.plusSeconds(5), p.get(11), 11));
    send(s1, null, first);
    // 2. three items, one clicked afterwards: a hit; 3. the same session's later row, nothing after it: no hit
    String s2 = RecommendationsEndToEndTest.session();
    var second = new ArrayList<>(row(model, "a", shownAt, p.subList(0, 3)));
    second.add(recommendation("recommendation-clicked", model, "a", shownAt.plusSeconds(5), p.get(1), 1));
    second.addAll(row(model, "a", shownAt.plusSeconds(60), p.subList(3, 5)));
    send(s2, null, second);
    // 4. three items, clicked in another model's row only: no hit for this model
    String s3 = RecommendationsEndToEndTest.session();
    var third = new ArrayList<>(row(model, "a", shownAt, p.subList(0, 3)));
    third.add(recommendation("recommendation-clicked", "x" + model, "a", shownAt.plusSeconds(5), p.get(0), 0));
    send(s3, null, third);
    // 5. a signed-in shopper is shown a real product and buys it (never clicking): a hit by purchase
    var bought = shop.product("PUBLISHED", 5);
    String customer = shop.customer();
    String s4 = RecommendationsEndToEndTest.session();
    send(s4, customer, row(model, "a", shownAt, List.of(bought.getString("id"), p.get(5), p.get(6))));
    assertTrue(shop.addAsCustomer(customer, Shop.variantId(bought, 0), 1).statusCode() < 300);
    var placed = Shop.send(http.post("/api/v1/checkout/orders").bearerTokenAuthentication(customer),
      new JsonObject().put("shippingAddress", CheckoutEndToEndTest.address("AT")).put("shippingMethodId", CheckoutEndToEndTest.EU_STANDARD));
    assertEquals(201, placed.statusCode(), placed.bodyAsString());
    // arm b: one row of two items, one clicked
    String s5 = RecommendationsEndToEndTest.session();
    var fifth = new ArrayList<>(row(model, "b", shownAt, p.subList(0, 2)));
    fifth.add(recommendation("recommendation-clicked", model, "b", shownAt.plusSeconds(5), p.get(0), 0));
    send(s5, null, fifth);

    String staff = shop.staffToken();
    JsonObject report = null;
    JsonObject a = null;
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      report = report(staff);
      a = online(report, model, "a");
      // the order reaches the recommender through the checkout's event log
      if (a != null && a.getLong("rowsBought") == 1) {
        break;
      }
      Thread.sleep(250);
    }
    assertNotNull(a, String.valueOf(report));
    assertEquals(5, a.getLong("rows"), a.encode());
    assertEquals(1, a.getLong("rowsClicked"), a.encode());
    assertEquals(1, a.getLong("rowsBought"), a.encode());
    assertEquals(0.4, a.getDouble("hitRateAt10"), 1e-9, a.encode());
    assertEquals(12 + 3 + 2 + 3 + 3, a.getLong("shown"));
    assertEquals(2, a.getLong("clicked"));
    assertEquals(2.0 / 23, a.getDouble("clickThrough"), 1e-9);
    assertEquals(13, a.getLong("productsShown"));
    assertEquals(13.0 / report.getInteger("products"), a.getDouble("coverage"), 1e-9, "of the published products");

    JsonObject b = online(report, model, "b");
    assertNotNull(b, report.encode());
    assertEquals(1, b.getLong("rows"));
    assertEquals(1, b.getLong("rowsClicked"));
    assertEquals(0, b.getLong("rowsBought"));
    assertEquals(1.0, b.getDouble("hitRateAt10"), 1e-9);
    assertEquals(0.5, b.getDouble("clickThrough"), 1e-9);
    assertEquals(2, b.getLong("productsShown"));

    // latency: this node's, per model and arm the storefront was served by (none for the test's own model)
    assertEquals(0, a.getJsonObject("latency").getLong("count"));
    var home = http.get("/api/v1/recommendations?situation=home&session=" + RecommendationsEndToEndTest.session()).send()
      .await(10, TimeUnit.SECONDS);
    assertEquals(200, home.statusCode(), home.bodyAsString());
    JsonObject served = report(staff);
    assertTrue(served.getJsonObject("latency").getLong("count") > 0);
    assertTrue(served.getJsonArray("online").stream().map(JsonObject.class::cast)
      .anyMatch(o -> o.getJsonObject("latency").getLong("count") > 0 && "a".equals(o.getString("arm"))), served.encode());
  }

  static final String SETTINGS = "/api/v1/admin/recommendations/settings";

  private static HttpResponse<Buffer> putSettings(String token, JsonObject body) throws Exception {
    var request = http.put(SETTINGS);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return request.sendJsonObject(body).await(10, TimeUnit.SECONDS);
  }

  private static JsonObject arm(String home, String product, String category, String cart) {
    return new JsonObject().put("home", home).put("product", product).put("category", category).put("cart", cart);
  }

  /** A staff member of role catalog only. */
  private static String catalogStaff() throws Exception {
    var invited = http.post("/api/v1/admin/staff").bearerTokenAuthentication(shop.staffToken())
      .sendJsonObject(new JsonObject().put("email", "reco-" + UUID.randomUUID() + "@kinetic.test").put("name", "Cat")
        .put("roles", new JsonArray().add("catalog"))).await(10, TimeUnit.SECONDS);
    assertEquals(201, invited.statusCode(), invited.bodyAsString());
    var login = http.post("/api/v1/admin/auth/login").sendJsonObject(new JsonObject()
      .put("email", invited.bodyAsJsonObject().getJsonObject("staff").getString("email"))
      .put("password", invited.bodyAsJsonObject().getString("generatedPassword"))).await(10, TimeUnit.SECONDS);
    assertEquals(200, login.statusCode(), login.bodyAsString());
    return login.bodyAsJsonObject().getString("accessToken");
  }

  @Test
  @ResourceLock(value = "recommendation-settings", mode = ResourceAccessMode.READ_WRITE)
  void onlyTheAdminRoleChangesTheSettingsAndBadValuesAreRefused() throws Exception {
    String admin = shop.staffToken();
    var current = http.get(SETTINGS).bearerTokenAuthentication(admin).send().await(10, TimeUnit.SECONDS);
    assertEquals(200, current.statusCode(), current.bodyAsString());
    JsonObject before = current.bodyAsJsonObject();
    JsonObject same = new JsonObject().put("abSplitPercent", before.getInteger("abSplitPercent")).put("arms", before.getJsonObject("arms"));

    String catalog = catalogStaff();
    CartEndToEndTest.assertProblem(putSettings(catalog, same), 403, "FORBIDDEN");
    CartEndToEndTest.assertProblem(http.get(SETTINGS).bearerTokenAuthentication(catalog).send().await(10, TimeUnit.SECONDS), 403, "FORBIDDEN");
    CartEndToEndTest.assertProblem(putSettings(null, same), 401, "UNAUTHENTICATED");

    var bad = putSettings(admin, new JsonObject().put("abSplitPercent", 101).put("arms", new JsonObject()
      .put("a", arm("nonsense", "content", "co-occurrence", "co-occurrence")).put("b", arm("content", "trending", "content", "content"))));
    CartEndToEndTest.assertProblem(bad, 400, "VALIDATION_FAILED");
    var fields = new ArrayList<String>();
    bad.bodyAsJsonObject().getJsonArray("errors").forEach(e -> fields.add(((JsonObject) e).getString("field")));
    assertEquals(List.of("abSplitPercent", "arms.a.home", "arms.b.product"), fields);
    CartEndToEndTest.assertProblem(putSettings(admin, new JsonObject().put("abSplitPercent", 10)), 400, "VALIDATION_FAILED");
    assertEquals(before, http.get(SETTINGS).bearerTokenAuthentication(admin).send().await(10, TimeUnit.SECONDS).bodyAsJsonObject(),
      "nothing refused was stored");

    var saved = putSettings(admin, same);
    assertEquals(200, saved.statusCode(), saved.bodyAsString());
    assertEquals(before.getLong("version") + 1, saved.bodyAsJsonObject().getLong("version"));
    assertTrue(saved.bodyAsJsonObject().getString("updatedBy").startsWith("staff:"));
  }

  @Test
  @ResourceLock(value = "recommendation-settings", mode = ResourceAccessMode.READ_WRITE)
  void aChangedSettingChangesTheModelThatServesTheRow() throws Exception {
    String admin = shop.staffToken();
    JsonObject before = http.get(SETTINGS).bearerTokenAuthentication(admin).send().await(10, TimeUnit.SECONDS).bodyAsJsonObject();
    JsonObject restore = new JsonObject().put("abSplitPercent", before.getInteger("abSplitPercent")).put("arms", before.getJsonObject("arms"));
    // A and B viewed together (co-occurrence); A and C alike in words (content)
    String words = "Fossa " + UUID.randomUUID().toString().substring(0, 6) + " lantern";
    String a = RecommendationsEndToEndTest.product(http, shop, "PUBLISHED", 5, words).getString("id");
    String b = RecommendationsEndToEndTest.product(http, shop, "PUBLISHED", 5, "Genet " + UUID.randomUUID().toString().substring(0, 6)).getString("id");
    String c = RecommendationsEndToEndTest.product(http, shop, "PUBLISHED", 5, words).getString("id");
    send(RecommendationsEndToEndTest.session(), null, List.of(RecommendationsEndToEndTest.event("product-view", a),
      RecommendationsEndToEndTest.event("product-view", b)));
    String viewer = RecommendationsEndToEndTest.session();
    send(viewer, null, List.of(RecommendationsEndToEndTest.event("product-view", a)));
    try {
      var coOccurrenceFirst = putSettings(admin, new JsonObject().put("abSplitPercent", 0).put("arms", new JsonObject()
        .put("a", arm("co-occurrence", "content", "co-occurrence", "co-occurrence")).put("b", arm("content", "content", "content", "content"))));
      assertEquals(200, coOccurrenceFirst.statusCode(), coOccurrenceFirst.bodyAsString());
      JsonObject row = forYou(viewer, "co-occurrence", c);
      assertEquals("co-occurrence", row.getString("model"), row.encode());
      assertEquals(b, RecommendationsEndToEndTest.ids(row).get(0), row.encode());

      var contentFirst = putSettings(admin, new JsonObject().put("abSplitPercent", 0).put("arms", new JsonObject()
        .put("a", arm("content", "content", "co-occurrence", "co-occurrence")).put("b", arm("content", "content", "content", "content"))));
      assertEquals(200, contentFirst.statusCode(), contentFirst.bodyAsString());
      row = forYou(viewer, "content", c);
      assertEquals("content", row.getString("model"), "the same session's row, now served content first: " + row.encode());
      assertEquals(c, RecommendationsEndToEndTest.ids(row).get(0), row.encode());
    } finally {
      assertEquals(200, putSettings(admin, restore).statusCode());
    }
  }

  /** The session's home row once it is served by {@code model} with {@code product} among its items (10 s at most). */
  private static JsonObject forYou(String session, String model, String product) throws Exception {
    JsonObject row = null;
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      var r = http.get("/api/v1/recommendations?situation=home&limit=24&session=" + session).send().await(10, TimeUnit.SECONDS);
      assertEquals(200, r.statusCode(), r.bodyAsString());
      row = RecommendationsEndToEndTest.row(r.bodyAsJsonObject(), "for-you");
      if (row.getString("model").equals(model) && RecommendationsEndToEndTest.ids(row).contains(product)) {
        break;
      }
      Thread.sleep(100);
    }
    return row;
  }
}
