package io.kinetic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Idempotency keys through the real engine (catalog, cart, PostgreSQL, Redis): retried writes with
 * their key change the shop once, whether the retries come one after the other or all at once.
 */
// creates products the storefront shows: not while StorefrontBrowserTest counts what it shows
@ResourceLock(value = "storefront-catalogue", mode = ResourceAccessMode.READ)
class IdempotencyEndToEndTest {

  private static final String KEY = "Idempotency-Key";
  private static final String REPLAYED = "Idempotent-Replayed";
  private static WebClient http;
  private static Shop shop;

  @BeforeAll
  static void start() throws Exception {
    http = RunningEngine.client();
    shop = new Shop(http, RunningEngine.ADMIN_EMAIL, RunningEngine.ADMIN_PASSWORD);
  }

  private static JsonObject productInput(String slug) {
    return new JsonObject()
      // drafts: the storefront's first page (which the browser tests read) stays the seeded products
      .put("slug", slug).put("status", "DRAFT").put("defaultLocale", "en")
      .put("translations", new JsonObject().put("en", new JsonObject().put("name", "Idempotent " + slug).put("description", "d")))
      .put("categoryIds", new JsonArray()).put("attributes", new JsonObject()).put("media", new JsonArray())
      .put("seo", new JsonObject().put("title", "t").put("description", "d"))
      .put("variants", new JsonArray().add(new JsonObject().put("sku", slug.toUpperCase()).put("options", new JsonObject().put("size", "M"))
        .put("prices", new JsonArray().add(new JsonObject().put("amount", 2500).put("currency", "EUR"))).put("stockOnHand", 10)));
  }

  private static Future<HttpResponse<Buffer>> create(String key, JsonObject input) throws Exception {
    var request = http.post("/api/v1/admin/products").bearerTokenAuthentication(shop.staffToken());
    if (key != null) {
      request.putHeader(KEY, key);
    }
    return request.sendJsonObject(input);
  }

  /** How many products of the newest 100 have {@code slug}. */
  private static int listed(String slug) throws Exception {
    var page = http.get("/api/v1/admin/products?limit=100&sort=newest").bearerTokenAuthentication(shop.staffToken())
      .send().await(10, TimeUnit.SECONDS);
    assertEquals(200, page.statusCode(), page.bodyAsString());
    int count = 0;
    for (Object item : page.bodyAsJsonObject().getJsonArray("items")) {
      count += slug.equals(((JsonObject) item).getString("slug")) ? 1 : 0;
    }
    return count;
  }

  @Test
  void aCreateRetriedWithItsKeyCreatesOneProduct() throws Exception {
    String slug = "idem-" + UUID.randomUUID().toString().substring(0, 8);
    String key = UUID.randomUUID().toString();
    var first = create(key, productInput(slug)).await(10, TimeUnit.SECONDS);
    assertEquals(201, first.statusCode(), first.bodyAsString());
    for (int retry = 0; retry < 3; retry++) {
      var again = create(key, productInput(slug)).await(10, TimeUnit.SECONDS);
      assertEquals(201, again.statusCode(), again.bodyAsString());
      assertEquals("true", again.getHeader(REPLAYED));
      assertEquals(first.bodyAsString(), again.bodyAsString(), "the same product, the same answer");
    }
    assertEquals(1, listed(slug), "one product in the catalogue");
    // without the key, the same retry is a second creation attempt
    var unkeyed = create(null, productInput(slug)).await(10, TimeUnit.SECONDS);
    assertEquals(409, unkeyed.statusCode());
    assertEquals("SLUG_TAKEN", unkeyed.bodyAsJsonObject().getString("code"));
    // and another request under the key is refused
    var reused = create(key, productInput(slug + "-other")).await(10, TimeUnit.SECONDS);
    assertEquals(422, reused.statusCode());
    assertEquals("IDEMPOTENCY_KEY_REUSED", reused.bodyAsJsonObject().getString("code"));
  }

  @Test
  void twentyRequestsAtOnceWithOneKeyCreateOneProduct() throws Exception {
    String slug = "idem-race-" + UUID.randomUUID().toString().substring(0, 8);
    String key = UUID.randomUUID().toString();
    shop.staffToken();
    var all = new ArrayList<Future<HttpResponse<Buffer>>>();
    for (int i = 0; i < 20; i++) {
      all.add(create(key, productInput(slug)));
    }
    Future.join(all).await(30, TimeUnit.SECONDS);
    Set<String> ids = new HashSet<>();
    int replayed = 0;
    for (var response : all) {
      var answer = response.result();
      if (answer.statusCode() == 409) {
        assertEquals("IDEMPOTENCY_IN_PROGRESS", answer.bodyAsJsonObject().getString("code"), "never SLUG_TAKEN");
        continue;
      }
      assertEquals(201, answer.statusCode(), answer.bodyAsString());
      ids.add(answer.bodyAsJsonObject().getString("id"));
      replayed += "true".equals(answer.getHeader(REPLAYED)) ? 1 : 0;
    }
    assertEquals(1, ids.size(), "one product id in every answer");
    assertTrue(replayed >= 1, "the others replayed the first answer");
    assertEquals(1, listed(slug));
  }

  @Test
  void aRetriedCartLineReservesOnce() throws Exception {
    JsonObject product = shop.product("PUBLISHED", 10);
    String variant = Shop.variantId(product, 0);
    String key = UUID.randomUUID().toString();
    var body = new JsonObject().put("variantId", variant).put("quantity", 2);
    var first = http.post("/api/v1/cart/lines").putHeader(KEY, key).sendJsonObject(body).await(10, TimeUnit.SECONDS);
    assertEquals(201, first.statusCode(), first.bodyAsString());
    String token = first.getHeader("X-Cart-Token");
    var again = http.post("/api/v1/cart/lines").putHeader(KEY, key).sendJsonObject(body).await(10, TimeUnit.SECONDS);
    assertEquals(201, again.statusCode(), again.bodyAsString());
    assertEquals("true", again.getHeader(REPLAYED));
    assertEquals(token, again.getHeader("X-Cart-Token"), "the same guest cart");
    var cart = shop.cart(token);
    assertEquals(2, Shop.line(cart, variant).getInteger("quantity"), "two units, not four");
    assertEquals(2, Shop.line(cart, variant).getInteger("reserved"));
    // off the storefront again (the browser tests read its first page)
    var deleted = http.delete("/api/v1/admin/products/" + product.getString("id")).bearerTokenAuthentication(shop.staffToken())
      .send().await(10, TimeUnit.SECONDS);
    assertEquals(204, deleted.statusCode(), deleted.bodyAsString());
  }

  @Test
  void aGraphQlMutationRetriedWithItsKeyRunsOnce() throws Exception {
    String slug = "idem-gql-" + UUID.randomUUID().toString().substring(0, 8);
    String key = UUID.randomUUID().toString();
    String mutation = """
      mutation($input: ProductInput!) { createProduct(input: $input) {
        __typename ... on AdminProduct { id slug } ... on Problem { code errors { field message } } } }""";
    var input = new JsonObject().put("slug", slug).put("status", "DRAFT").put("defaultLocale", "en")
      .put("translations", new JsonArray().add(new JsonObject().put("locale", "en").put("name", "GraphQL tee")))
      // without seo the admin list answers "seo": null, which its contract does not allow (a finding of its own)
      .put("seo", new JsonObject().put("title", "t").put("description", "d"))
      .put("variants", new JsonArray().add(new JsonObject().put("sku", slug.toUpperCase())
        .put("prices", new JsonArray().add(new JsonObject().put("amount", 1500).put("currency", "EUR")))));
    var request = new JsonObject().put("query", mutation).put("variables", new JsonObject().put("input", input));
    var first = http.post("/admin/graphql").bearerTokenAuthentication(shop.staffToken()).putHeader(KEY, key)
      .sendJsonObject(request).await(10, TimeUnit.SECONDS);
    assertEquals(200, first.statusCode());
    assertEquals("AdminProduct", first.bodyAsJsonObject().getJsonObject("data").getJsonObject("createProduct").getString("__typename"),
      first.bodyAsString());
    assertNull(first.getHeader(REPLAYED));
    var again = http.post("/admin/graphql").bearerTokenAuthentication(shop.staffToken()).putHeader(KEY, key)
      .sendJsonObject(request).await(10, TimeUnit.SECONDS);
    assertEquals(first.bodyAsString(), again.bodyAsString());
    assertEquals("true", again.getHeader(REPLAYED));
    assertEquals(1, listed(slug));
  }
}
