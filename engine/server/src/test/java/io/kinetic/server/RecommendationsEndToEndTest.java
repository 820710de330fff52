package io.kinetic.server;

import static io.kinetic.server.CartEndToEndTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Recommendations as the storefront meets them on a running engine: behaviour events validated,
 * rate-limited and counted once; an order teaching "bought together" within seconds; unpublished
 * products never shown and sold-out ones last; a cold start still answering, over REST and GraphQL.
 */
// creates products: never while StorefrontBrowserTest compares the home page with the API
@ResourceLock(value = "storefront-catalogue", mode = ResourceAccessMode.READ)
// expects the default models first: never while a test changes the recommender's settings
@ResourceLock(value = "recommendation-settings", mode = ResourceAccessMode.READ)
class RecommendationsEndToEndTest {

  private static WebClient http;
  private static Shop shop;

  @BeforeAll
  static void start() throws Exception {
    http = RunningEngine.client();
    shop = new Shop(http, RunningEngine.ADMIN_EMAIL, RunningEngine.ADMIN_PASSWORD);
  }

  /** A product named with {@code words} (so content similarity groups a test's products), one variant. */
  static JsonObject product(String status, int stock, String words) throws Exception {
    return product(http, shop, status, stock, words);
  }

  static JsonObject product(WebClient http, Shop shop, String status, int stock, String words) throws Exception {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    var input = new JsonObject()
      .put("slug", "reco-" + unique).put("status", status).put("defaultLocale", "en")
      .put("translations", new JsonObject().put("en", new JsonObject().put("name", words + " " + unique).put("description", words)))
      .put("categoryIds", new JsonArray()).put("attributes", new JsonObject()).put("media", new JsonArray())
      .put("seo", new JsonObject().put("title", "t").put("description", "d"))
      .put("variants", new JsonArray().add(new JsonObject().put("sku", "RECO-" + unique).put("options", new JsonObject())
        .put("prices", new JsonArray().add(new JsonObject().put("amount", 2500).put("currency", "EUR")))
        .put("stockOnHand", stock)));
    var created = Shop.send(http.post("/api/v1/admin/products").bearerTokenAuthentication(shop.staffToken()), input);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject();
  }

  static String session() {
    return "s-" + UUID.randomUUID().toString().replace("-", "");
  }

  static JsonObject event(String type, String productId) {
    return new JsonObject().put("id", UUID.randomUUID().toString()).put("type", type).put("productId", productId);
  }

  static HttpResponse<Buffer> send(String session, JsonObject... events) throws Exception {
    return Shop.send(http.post("/api/v1/events"), new JsonObject().put("sessionId", session).put("events", new JsonArray(List.of(events))));
  }

  static JsonObject recommend(String query) throws Exception {
    var r = http.get("/api/v1/recommendations?" + query).send().await(10, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  static JsonObject row(JsonObject recommendations, String kind) {
    for (Object row : recommendations.getJsonArray("rows")) {
      if (((JsonObject) row).getString("kind").equals(kind)) {
        return (JsonObject) row;
      }
    }
    throw new AssertionError("no row " + kind + " in " + recommendations);
  }

  static List<String> ids(JsonObject row) {
    var out = new ArrayList<String>();
    row.getJsonArray("items").forEach(item -> out.add(((JsonObject) item).getString("id")));
    return out;
  }

  @Test
  void eventsAreValidatedStoredOnceAndLimitedPerSession() throws Exception {
    String product = product("PUBLISHED", 5, "Quokka lamp").getString("id");
    String session = session();
    var view = event("product-view", product);
    var leave = event("product-leave", product).put("dwellMillis", 45_000);
    var shown = event("recommendation-shown", product).put("model", "content").put("position", 2);
    var first = send(session, view, leave, shown);
    assertEquals(202, first.statusCode(), first.bodyAsString());
    assertEquals(new JsonObject().put("accepted", 3).put("duplicates", 0), first.bodyAsJsonObject());
    var again = send(session, view, leave, shown);
    assertEquals(new JsonObject().put("accepted", 0).put("duplicates", 3), again.bodyAsJsonObject(), "a retried batch counts once");

    var bad = send(session, event("product-view", product), event("purchase", product),
      event("product-leave", product), event("recommendation-clicked", product).put("position", 200));
    assertProblem(bad, 400, "VALIDATION_FAILED");
    var fields = new ArrayList<String>();
    bad.bodyAsJsonObject().getJsonArray("errors").forEach(e -> fields.add(((JsonObject) e).getString("field")));
    assertEquals(List.of("events[1].type", "events[2].dwellMillis", "events[3].model", "events[3].position"), fields);
    assertProblem(send("short", event("product-view", product)), 400, "VALIDATION_FAILED");
    assertProblem(send(session, event("recommendation-shown", product).put("model", "content").put("position", 0).put("arm", "z")),
      400, "VALIDATION_FAILED");
    var armed = send(session, event("recommendation-clicked", product).put("model", "content").put("position", 0).put("arm", "a"));
    assertEquals(202, armed.statusCode(), armed.bodyAsString());
    var tooMany = new JsonObject[101];
    for (int i = 0; i < tooMany.length; i++) {
      tooMany[i] = event("product-view", product);
    }
    assertProblem(send(session, tooMany), 400, "VALIDATION_FAILED");

    String busy = session();
    HttpResponse<Buffer> last = null;
    for (int i = 0; i < 121; i++) {
      last = send(busy, event("product-view", product));
      if (last.statusCode() == 429) {
        break;
      }
      assertEquals(202, last.statusCode(), last.bodyAsString());
    }
    assertProblem(last, 429, "RATE_LIMITED");
    assertNotNull(last.getHeader("Retry-After"));
    assertEquals(202, send(session(), event("product-view", product)).statusCode(), "another session is not limited");
  }

  @Test
  void aSignedInCustomerIsNotRecommendedWhatTheyBoughtBefore() throws Exception {
    var a = product("PUBLISHED", 10, "Quokka reading lamp");
    var b = product("PUBLISHED", 10, "Quokka lamp shade");
    String aId = a.getString("id");
    String bId = b.getString("id");
    // shoppers put both in their carts: B is bought together with A
    for (int i = 0; i < 3; i++) {
      assertEquals(202, send(session(), event("add-to-cart", aId), event("add-to-cart", bId)).statusCode());
    }
    JsonObject linked = null;
    for (long deadline = System.currentTimeMillis() + 10_000; System.currentTimeMillis() < deadline; Thread.sleep(100)) {
      linked = row(recommend("situation=product&productId=" + aId), "bought-together");
      if (ids(linked).contains(bId)) {
        break;
      }
    }
    assertTrue(ids(linked).contains(bId), linked.encode());

    // a customer buys B
    String customer = shop.customer();
    int added = shop.addAsCustomer(customer, Shop.variantId(b, 0), 1).statusCode();
    assertTrue(added == 200 || added == 201, "added: " + added);
    var placed = http.post("/api/v1/checkout/orders").bearerTokenAuthentication(customer)
      .putHeader("Idempotency-Key", UUID.randomUUID().toString())
      .sendJsonObject(CheckoutEndToEndTest.order("reco-buyer@example.com", "DE", CheckoutEndToEndTest.GERMANY_STANDARD))
      .await(20, TimeUnit.SECONDS);
    assertEquals(201, placed.statusCode(), placed.bodyAsString());

    // signed in, their rows leave B out; anyone else still sees it
    List<String> theirs = List.of();
    for (long deadline = System.currentTimeMillis() + 10_000; System.currentTimeMillis() < deadline; Thread.sleep(200)) {
      var r = http.get("/api/v1/recommendations?situation=product&productId=" + aId).bearerTokenAuthentication(customer)
        .send().await(10, TimeUnit.SECONDS);
      assertEquals(200, r.statusCode(), r.bodyAsString());
      theirs = ids(row(r.bodyAsJsonObject(), "bought-together"));
      if (!theirs.contains(bId)) {
        break;
      }
    }
    assertFalse(theirs.contains(bId), "the customer bought B already: " + theirs);
    assertTrue(ids(row(recommend("situation=product&productId=" + aId), "bought-together")).contains(bId), "others still see B");
    // a forged token is refused, not ignored
    assertEquals(401, http.get("/api/v1/recommendations?situation=home").bearerTokenAuthentication("not-a-token")
      .send().await(10, TimeUnit.SECONDS).statusCode());
  }

  @Test
  void anOrderOfTwoProductsMakesThemBoughtTogetherWithinSeconds() throws Exception {
    var a = product("PUBLISHED", 10, "Wombat kettle");
    var b = product("PUBLISHED", 10, "Numbat toaster");
    String aId = a.getString("id");
    String bId = b.getString("id");
    JsonObject before = row(recommend("situation=product&productId=" + aId), "bought-together");
    assertFalse(before.getString("model").equals("co-occurrence"), "nothing was bought with it yet: " + before);

    String cart = shop.add(null, Shop.variantId(a, 0), 1).getHeader("X-Cart-Token");
    shop.add(cart, Shop.variantId(b, 0), 2);
    var placed = CheckoutEndToEndTest.place(http, cart, UUID.randomUUID().toString(),
      CheckoutEndToEndTest.order("reco-" + UUID.randomUUID() + "@example.com", "DE", CheckoutEndToEndTest.GERMANY_STANDARD));
    assertEquals(201, placed.statusCode(), placed.bodyAsString());

    JsonObject together = null;
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      together = row(recommend("situation=product&productId=" + aId), "bought-together");
      if (together.getString("model").equals("co-occurrence")) {
        break;
      }
      Thread.sleep(100);
    }
    assertEquals("co-occurrence", together.getString("model"), together.encode());
    assertEquals(bId, ids(together).get(0), "B is the first product bought with A");
    JsonObject card = together.getJsonArray("items").getJsonObject(0);
    assertEquals(b.getString("slug"), card.getString("slug"));
    assertTrue(card.getString("name").startsWith("Numbat toaster"));
    assertEquals(2500, card.getJsonObject("price").getInteger("amount"));
    // and the cart holding A gets B as its complement, but never A itself
    JsonObject complements = row(recommend("situation=cart&cart=" + aId), "complements");
    assertEquals("co-occurrence", complements.getString("model"));
    assertEquals(bId, ids(complements).get(0));
    assertFalse(ids(complements).contains(aId));
  }

  @Test
  void unpublishedProductsAreNeverRecommendedAndSoldOutOnesComeLast() throws Exception {
    String words = "Pangolin " + UUID.randomUUID().toString().substring(0, 6) + " teapot";
    String seed = product("PUBLISHED", 5, words).getString("id");
    String draft = product("DRAFT", 5, words).getString("id");
    String soldOut = product("PUBLISHED", 0, words).getString("id");
    String inStock = product("PUBLISHED", 5, words).getString("id");
    String session = session();
    // the session views all of them together: co-occurrence links them too
    assertEquals(202, send(session, event("product-view", seed), event("product-view", draft), event("product-view", soldOut),
      event("product-view", inStock)).statusCode());
    long deadline = System.currentTimeMillis() + 10_000;
    List<String> similar = List.of();
    JsonObject answer = null;
    while (System.currentTimeMillis() < deadline) {
      answer = recommend("situation=product&limit=24&productId=" + seed);
      similar = ids(row(answer, "similar"));
      if (similar.contains(inStock)) {
        break;
      }
      Thread.sleep(100);
    }
    assertEquals(inStock, similar.get(0), "the similar product that can be bought comes first: " + answer);
    for (String situation : List.of("situation=product&limit=24&productId=" + seed, "situation=home&limit=24&session=" + session,
      "situation=cart&limit=24&cart=" + seed)) {
      for (Object row : recommend(situation).getJsonArray("rows")) {
        assertFalse(ids((JsonObject) row).contains(draft), situation + " recommended a draft: " + row);
        // sold-out products only fill a row after every available candidate (or not at all)
        var items = ((JsonObject) row).getJsonArray("items");
        boolean soldOutSeen = false;
        for (int i = 0; i < items.size(); i++) {
          boolean available = items.getJsonObject(i).getBoolean("inStock");
          assertFalse(available && soldOutSeen, "an available product after a sold-out one: " + row);
          soldOutSeen |= !available;
        }
      }
    }
  }

  @Test
  void aColdStartStillAnswersOverRestAndGraphQl() throws Exception {
    String lonely = product("PUBLISHED", 5, "Xylophone " + UUID.randomUUID()).getString("id");
    JsonObject similar = row(recommend("situation=product&productId=" + lonely), "similar");
    assertTrue(Set.of("trending", "popularity", "catalogue").contains(similar.getString("model")), similar.encode());
    assertFalse(similar.getJsonArray("items").isEmpty());
    assertFalse(ids(similar).contains(lonely));
    JsonObject homeAnswer = recommend("situation=home&session=" + session());
    assertEquals("a", homeAnswer.getString("arm"), "no A/B test configured: every session is in arm a");
    JsonObject home = row(homeAnswer, "for-you");
    assertTrue(Set.of("trending", "popularity", "catalogue").contains(home.getString("model")), home.encode());
    assertFalse(home.getJsonArray("items").isEmpty());

    var gql = http.post("/graphql").sendJsonObject(new JsonObject().put("query",
        "query($p: ID) { recommendations(situation: PRODUCT, productId: $p, limit: 3) { situation rows { kind model items { id slug name price { amount currency } inStock } } } }")
      .put("variables", new JsonObject().put("p", lonely))).await(10, TimeUnit.SECONDS);
    assertEquals(200, gql.statusCode(), gql.bodyAsString());
    JsonObject data = gql.bodyAsJsonObject().getJsonObject("data").getJsonObject("recommendations");
    assertEquals("PRODUCT", data.getString("situation"));
    assertEquals(2, data.getJsonArray("rows").size());
    assertTrue(data.getJsonArray("rows").getJsonObject(0).getJsonArray("items").size() <= 3);

    var missing = http.get("/api/v1/recommendations?situation=product").send().await(10, TimeUnit.SECONDS);
    assertProblem(missing, 400, "VALIDATION_FAILED");
    var gqlMissing = http.post("/graphql").sendJsonObject(new JsonObject().put("query",
      "{ recommendations(situation: CATEGORY) { rows { kind } } }")).await(10, TimeUnit.SECONDS);
    assertEquals("VALIDATION_FAILED", gqlMissing.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0)
      .getJsonObject("extensions").getString("code"), gqlMissing.bodyAsString());
  }

  static JsonObject graphql(String token, String query, JsonObject variables) throws Exception {
    var request = http.post("/graphql");
    if (token != null) {
      request.putHeader("X-Cart-Token", token);
    }
    var r = request.sendJsonObject(new JsonObject().put("query", query).put("variables", variables)).await(10, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  @Test
  void theGraphQlFieldsAnswerTheSituationsRows() throws Exception {
    String words = "Okapi " + UUID.randomUUID().toString().substring(0, 6) + " saddle";
    var a = product("PUBLISHED", 10, words);
    var b = product("PUBLISHED", 10, "Tapir " + UUID.randomUUID().toString().substring(0, 6) + " stirrup");
    var c = product("PUBLISHED", 10, words);
    String aId = a.getString("id");
    String bId = b.getString("id");
    String cId = c.getString("id");
    // a session puts A and B in its cart: co-occurrence links them; C is only like A (content)
    String session = session();
    assertEquals(202, send(session, event("product-view", aId), event("add-to-cart", aId), event("product-view", bId),
      event("add-to-cart", bId)).statusCode());
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline
      && !(ids(row(recommend("situation=product&productId=" + aId), "bought-together")).contains(bId)
        && ids(row(recommend("situation=product&limit=24&productId=" + aId), "similar")).contains(cId))) {
      Thread.sleep(100);
    }
    String rowFields = "{ kind model arm items { id slug name price { amount currency } inStock } }";
    var product = graphql(null, "query($id: ID!) { product(id: $id) { id similar(limit: 24) " + rowFields
      + " boughtTogether(limit: 3) " + rowFields + " } }", new JsonObject().put("id", aId))
      .getJsonObject("data").getJsonObject("product");
    JsonObject together = product.getJsonObject("boughtTogether");
    assertEquals("bought-together", together.getString("kind"));
    assertEquals("co-occurrence", together.getString("model"), together.encode());
    assertEquals(bId, ids(together).get(0));
    assertEquals(2500, together.getJsonArray("items").getJsonObject(0).getJsonObject("price").getInteger("amount"));
    JsonObject similar = product.getJsonObject("similar");
    assertEquals("similar", similar.getString("kind"));
    assertEquals("content", similar.getString("model"), similar.encode());
    assertTrue(ids(similar).contains(cId), similar.encode());
    assertFalse(ids(similar).contains(aId), "never the product itself");
    // each row names the A/B arm that served it, as the REST answer does
    String productArm = recommend("situation=product&productId=" + aId).getString("arm");
    assertTrue(List.of("a", "b").contains(productArm));
    assertEquals(productArm, together.getString("arm"));
    assertEquals(productArm, similar.getString("arm"));
    // the same product query again is answered anew (rows are never served from the result cache)
    assertEquals(together, graphql(null, "query($id: ID!) { product(id: $id) { id similar(limit: 24) " + rowFields
      + " boughtTogether(limit: 3) " + rowFields + " } }", new JsonObject().put("id", aId))
      .getJsonObject("data").getJsonObject("product").getJsonObject("boughtTogether"));

    // for you: around what the session did, never what it already put in a cart
    String viewer = session();
    assertEquals(202, send(viewer, event("product-view", aId)).statusCode());
    JsonObject forYou = null;
    deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      forYou = graphql(null, "query($s: String) { recommendedForYou(sessionId: $s, limit: 5) " + rowFields + " }",
        new JsonObject().put("s", viewer)).getJsonObject("data").getJsonObject("recommendedForYou");
      if (forYou.getString("model").equals("co-occurrence")) {
        break;
      }
      Thread.sleep(100);
    }
    assertEquals("for-you", forYou.getString("kind"));
    assertEquals("co-occurrence", forYou.getString("model"), forYou.encode());
    assertEquals(bId, ids(forYou).get(0), forYou.encode());
    assertFalse(ids(forYou).contains(aId), "not what the session just looked at");
    assertEquals(recommend("situation=home&session=" + viewer).getString("arm"), forYou.getString("arm"));
    var situationRows = graphql(null, "query($s: String) { recommendations(situation: HOME, sessionId: $s) { arm rows { arm } } }",
      new JsonObject().put("s", viewer)).getJsonObject("data").getJsonObject("recommendations");
    assertEquals(forYou.getString("arm"), situationRows.getString("arm"));
    assertEquals(forYou.getString("arm"), situationRows.getJsonArray("rows").getJsonObject(0).getString("arm"));

    // the cart's complements: B for a cart holding A, never A; an empty cart has none
    String token = shop.add(null, Shop.variantId(a, 0), 1).getHeader("X-Cart-Token");
    var cartAnswer = graphql(token, "{ cart { lines { productId } complements(limit: 4) " + rowFields + " } }", new JsonObject());
    var cart = cartAnswer.getJsonObject("data").getJsonObject("cart");
    assertNotNull(cart, cartAnswer.encode());
    assertEquals(aId, cart.getJsonArray("lines").getJsonObject(0).getString("productId"));
    JsonObject complements = cart.getJsonObject("complements");
    assertEquals("complements", complements.getString("kind"));
    assertEquals("co-occurrence", complements.getString("model"), complements.encode());
    assertEquals(bId, ids(complements).get(0));
    assertFalse(ids(complements).contains(aId));
    assertTrue(List.of("a", "b").contains(complements.getString("arm")), complements.encode());

    var bad = graphql(null, "{ recommendedForYou(sessionId: \"short\") { kind } }", new JsonObject());
    assertEquals("VALIDATION_FAILED", bad.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code"),
      bad.encode());
    var tooMany = graphql(null, "query($id: ID!) { product(id: $id) { similar(limit: 25) { kind } } }", new JsonObject().put("id", aId));
    assertEquals("VALIDATION_FAILED", tooMany.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code"),
      tooMany.encode());
  }
}
