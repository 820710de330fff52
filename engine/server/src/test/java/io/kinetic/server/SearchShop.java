package io.kinetic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Steps of the search tests: staff creating products with names in English and German, a brand
 * unique to the test (so the shared engine's other products never disturb a count), a category of
 * the demo catalogue; shoppers searching; waiting (by polling, never by sleeping a fixed time)
 * until the index shows a change.
 */
public final class SearchShop {

  /** Demo catalogue categories: ids derived from their slugs. */
  public static String category(String slug) {
    return UUID.nameUUIDFromBytes(("kinetic-demo-category:" + slug).getBytes(StandardCharsets.UTF_8)).toString();
  }

  final WebClient http;
  final Shop shop;

  public SearchShop(WebClient http) {
    this.http = http;
    this.shop = new Shop(http, RunningEngine.ADMIN_EMAIL, RunningEngine.ADMIN_PASSWORD);
  }

  /** A brand no other test uses. */
  public static String brand() {
    return "Brand" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  /** Creates a product; answers the admin product. {@code de} may be null. */
  public JsonObject product(String en, String de, String description, String brand, String categorySlug, String status,
                     long eur, int stock, Map<String, Object> attributes) throws Exception {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    var translations = new JsonObject().put("en", new JsonObject().put("name", en).put("description", description));
    if (de != null) {
      translations.put("de", new JsonObject().put("name", de).put("description", description));
    }
    var attrs = new JsonObject().put("brand", brand);
    attributes.forEach(attrs::put);
    var input = new JsonObject()
      .put("slug", "search-" + unique).put("status", status).put("defaultLocale", "en")
      .put("translations", translations)
      .put("categoryIds", new JsonArray().add(category(categorySlug))).put("attributes", attrs)
      .put("media", new JsonArray().add(new JsonObject().put("url", "/media/placeholder/search-" + unique + ".svg").put("alt", en)))
      .put("seo", new JsonObject().put("title", en).put("description", description))
      .put("variants", new JsonArray().add(new JsonObject().put("sku", "SRCH-" + unique).put("options", new JsonObject().put("size", "M"))
        .put("prices", new JsonArray().add(new JsonObject().put("amount", eur).put("currency", "EUR"))
          .add(new JsonObject().put("amount", eur + 100).put("currency", "USD")))
        .put("stockOnHand", stock)));
    var created = Shop.send(http.post("/api/v1/admin/products").bearerTokenAuthentication(shop.staffToken()), input);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject();
  }

  JsonObject product(String en, String brand) throws Exception {
    return product(en, null, "A fine thing.", brand, "jackets", "PUBLISHED", 4900, 5, Map.of());
  }

  HttpResponse<Buffer> get(String pathAndQuery) throws Exception {
    return http.get(pathAndQuery).send().await(20, TimeUnit.SECONDS);
  }

  /** {@code GET /api/v1/search} with these parameters (name=value pairs, encoded here); asserts 200. */
  public JsonObject search(String... params) throws Exception {
    var r = get("/api/v1/search?" + query(params));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  JsonObject suggest(String... params) throws Exception {
    var r = get("/api/v1/search/suggest?" + query(params));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  /** Searches until {@code until} holds (at most {@code millis}); answers the last result, and how long it took. */
  public Timed await(Predicate<JsonObject> until, long millis, String... params) throws Exception {
    long start = System.nanoTime();
    JsonObject last = null;
    while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(millis)) {
      last = search(params);
      if (until.test(last)) {
        return new Timed(last, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    throw new AssertionError("not within " + millis + " ms: " + last);
  }

  public record Timed(JsonObject result, long millis) {
  }

  public static boolean has(JsonObject result, JsonObject product) {
    return ids(result).contains(product.getString("id"));
  }

  static java.util.List<String> ids(JsonObject result) {
    return result.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  static JsonObject facet(JsonObject result, String code) {
    for (Object f : result.getJsonArray("facets")) {
      if (((JsonObject) f).getString("code").equals(code)) {
        return (JsonObject) f;
      }
    }
    return null;
  }

  static long count(JsonObject result, String code, String value) {
    JsonObject facet = facet(result, code);
    if (facet == null) {
      return 0;
    }
    for (Object v : facet.getJsonArray("values")) {
      if (((JsonObject) v).getString("value").equals(value)) {
        return ((JsonObject) v).getLong("count");
      }
    }
    return 0;
  }

  static String query(String... params) {
    var sb = new StringBuilder();
    for (int i = 0; i < params.length; i += 2) {
      sb.append(i == 0 ? "" : "&").append(URLEncoder.encode(params[i], StandardCharsets.UTF_8)).append('=')
        .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

}
