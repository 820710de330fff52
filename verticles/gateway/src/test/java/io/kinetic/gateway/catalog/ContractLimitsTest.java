package io.kinetic.gateway.catalog;

import static io.kinetic.gateway.GatewayFixture.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kinetic.gateway.GatewayFixture;
import io.kinetic.gateway.Samples;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.Attribute;
import io.kinetic.kernel.contract.catalog.AttributeType;
import io.kinetic.kernel.contract.catalog.CreateProduct;
import io.kinetic.kernel.contract.catalog.DefineAttribute;
import io.kinetic.kernel.contract.catalog.SetPrice;
import io.kinetic.kernel.contract.catalog.SetStock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract (openapi/catalog.yaml) states the catalog's own input limits (ProductValidator, TaxonomyValidator): an
 * input at a limit passes the contract and reaches the catalog, one beyond it is refused at the
 * edge. Before, the contract allowed e.g. 500 variants where the catalog refuses more than 100.
 */
class ContractLimitsTest {

  private static GatewayFixture gw;
  private static String token;

  @BeforeAll
  static void start() throws Exception {
    gw = GatewayFixture.start();
    token = gw.staffToken(UUID.randomUUID(), "catalog");
    gw.bus.<CreateProduct>on(CatalogApi.CREATE_PRODUCT, c -> Samples.product(UUID.randomUUID(), c.input().slug(), 1));
    gw.bus.<SetPrice>on(CatalogApi.SET_PRICE, s -> Samples.product(UUID.randomUUID(), "p", 2));
    gw.bus.<SetStock>on(CatalogApi.SET_STOCK, s -> Samples.product(UUID.randomUUID(), "s", 2));
    gw.bus.<DefineAttribute>on(CatalogApi.DEFINE_ATTRIBUTE,
      d -> new Attribute(d.input().code(), AttributeType.ENUM, null, d.input().values(), d.input().names()));
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  @Test
  void productInputLimitsAreTheCatalogs() throws Exception {
    edge(p -> p.put("variants", variants(100)), p -> p.put("variants", variants(101)));
    edge(p -> p.put("slug", "s".repeat(120)), p -> p.put("slug", "s".repeat(121)));
    edge(p -> p.put("categoryIds", ids(20)), p -> p.put("categoryIds", ids(21)));
    edge(p -> p.put("media", media(20)), p -> p.put("media", media(21)));
    edge(p -> p.getJsonObject("translations").getJsonObject("en").put("name", "n".repeat(200)),
      p -> p.getJsonObject("translations").getJsonObject("en").put("name", "n".repeat(201)));
    edge(p -> p.getJsonObject("translations").getJsonObject("en").put("description", "d".repeat(10_000)),
      p -> p.getJsonObject("translations").getJsonObject("en").put("description", "d".repeat(10_001)));
    edge(p -> p.put("seo", new JsonObject().put("title", "t".repeat(200)).put("description", "d".repeat(1_000))),
      p -> p.put("seo", new JsonObject().put("title", "t".repeat(201))));
    edge(p -> p.put("translations", translations(20)), p -> p.put("translations", translations(21)));
    edge(p -> p.getJsonArray("variants").getJsonObject(0).put("options", options(10, 50, 100)),
      p -> p.getJsonArray("variants").getJsonObject(0).put("options", options(11, 5, 5)));
    edge(p -> p.getJsonArray("variants").getJsonObject(0).put("options", options(1, 50, 100)),
      p -> p.getJsonArray("variants").getJsonObject(0).put("options", options(1, 50, 101)));
    edge(p -> p.getJsonArray("variants").getJsonObject(0).put("prices", new JsonArray()
        .add(new JsonObject().put("amount", 999_999_999_999L).put("currency", "EUR"))),
      p -> p.getJsonArray("variants").getJsonObject(0).put("prices", new JsonArray()
        .add(new JsonObject().put("amount", 1_000_000_000_000L).put("currency", "EUR"))));
  }

  @Test
  void priceStockAndAttributeLimitsAreTheCatalogs() throws Exception {
    assertEquals(200, gw.send("PUT", "/api/v1/admin/variants/SKU-1/prices/EUR", token, "{\"amount\":999999999999}").statusCode());
    assertRefused(gw.send("PUT", "/api/v1/admin/variants/SKU-1/prices/EUR", token, "{\"amount\":1000000000000}"));
    assertEquals(200, gw.send("PUT", "/api/v1/admin/variants/SKU-1/stock", token, "{\"onHand\":2147483647}").statusCode());
    assertRefused(gw.send("PUT", "/api/v1/admin/variants/SKU-1/stock", token, "{\"onHand\":2147483648}"));
    var attribute = new JsonObject().put("code", "colour").put("type", "ENUM").put("names", new JsonObject().put("en", "Colour"));
    assertRefused(gw.send("POST", "/api/v1/admin/attributes", token, attribute.copy().put("values", values(201)).encode()));
    var fine = gw.send("POST", "/api/v1/admin/attributes", token, attribute.copy().put("values", values(200)).encode());
    assertEquals(2, fine.statusCode() / 100, fine.bodyAsString());
  }

  /**
   * Every kind of schema error is said in the engine's words, once per field, never in the
   * validator's ("Instance type string is invalid. Expected integer", "Array has too many items (
   * + 5000 > 100)", "Instance does not have at least 10 properties" for at most 10).
   */
  @Test
  void eachKindOfRefusalIsSaidInTheEnginesWords() throws Exception {
    said(p -> p.put("status", "NOPE"), "status", "must be one of: DRAFT, PUBLISHED");
    said(p -> p.put("status", 5), "status", "must be a string");
    said(p -> p.put("slug", "Not A Slug"), "slug", "must be lower-case letters and digits, in words joined by single dashes");
    said(p -> p.put("slug", ""), "slug", "must not be empty");
    said(p -> p.put("slug", "s".repeat(121)), "slug", "must be at most 120 characters long");
    said(p -> p.put("variants", variants(5000)), "variants", "must hold at most 100 items");
    said(p -> p.getJsonArray("variants").getJsonObject(0).put("options", options(500, 5, 5)),
      "variants[0].options", "must have at most 10 entries");
    said(p -> p.getJsonArray("variants").getJsonObject(0).put("options", new JsonObject().put("", "v")),
      "variants[0].options", "the key \"\" must not be empty");
    said(p -> p.put("translations", new JsonObject()), "translations", "must have at least 1 entry");
    said(p -> p.put("translations", new JsonObject().put("EN!", new JsonObject().put("name", "x"))),
      "translations", "the key \"EN!\" must be a locale such as en or de-CH");
    said(p -> p.getJsonArray("variants").getJsonObject(0).put("stockOnHand", "x"),
      "variants[0].stockOnHand", "must be an integer from 0 to 2147483647 or null");
    said(p -> p.getJsonArray("variants").getJsonObject(0).put("stockOnHand", -1),
      "variants[0].stockOnHand", "must be an integer from 0 to 2147483647");
    said(p -> p.put("categoryIds", new JsonArray().add("nope")), "categoryIds[0]", "must be a UUID");
    said(p -> p.put("seo", new JsonObject().put("title", 5)), "seo.title", "must be a string or null");
    said(p -> p.getJsonArray("variants").getJsonObject(0).getJsonArray("prices").getJsonObject(0).put("currency", "eur"),
      "variants[0].prices[0].currency", "must be three capital letters (an ISO 4217 currency code such as EUR)");
    var notAnObject = gw.send("POST", "/api/v1/admin/products", token, "[]");
    assertEquals("must be an object", problem(notAnObject).getJsonArray("errors").getJsonObject(0).getString("message"));
  }

  /** {@code change} applied to a valid product is refused with exactly one error, {@code message} on {@code field}. */
  private static void said(Consumer<JsonObject> change, String field, String message) throws Exception {
    JsonObject bad = product();
    change.accept(bad);
    var response = gw.send("POST", "/api/v1/admin/products", token, bad.encode());
    assertRefused(response);
    JsonObject problem = problem(response);
    assertEquals(new JsonArray().add(new JsonObject().put("field", field).put("message", message)),
      problem.getJsonArray("errors"), problem.encode());
    assertEquals(field + ": " + message, problem.getString("detail"));
  }

  /** {@code atLimit} applied to a valid product reaches the catalog; {@code beyond} is refused before it. */
  private static void edge(Consumer<JsonObject> atLimit, Consumer<JsonObject> beyond) throws Exception {
    JsonObject ok = product();
    atLimit.accept(ok);
    int before = gw.bus.count(CatalogApi.CREATE_PRODUCT);
    var accepted = gw.send("POST", "/api/v1/admin/products", token, ok.encode());
    assertEquals(201, accepted.statusCode(), accepted.bodyAsString());
    assertEquals(before + 1, gw.bus.count(CatalogApi.CREATE_PRODUCT));
    JsonObject bad = product();
    beyond.accept(bad);
    assertRefused(gw.send("POST", "/api/v1/admin/products", token, bad.encode()));
    assertEquals(before + 1, gw.bus.count(CatalogApi.CREATE_PRODUCT), "refused at the edge");
  }

  private static void assertRefused(io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> response) {
    assertEquals(400, response.statusCode(), response.bodyAsString());
    assertEquals("VALIDATION_FAILED", problem(response).getString("code"));
  }

  private static JsonObject product() {
    return new JsonObject().put("slug", "limits").put("status", "DRAFT").put("defaultLocale", "en")
      .put("translations", new JsonObject().put("en", new JsonObject().put("name", "Limits")))
      .put("variants", variants(1));
  }

  private static JsonArray variants(int count) {
    return new JsonArray(IntStream.range(0, count).mapToObj(i -> (Object) new JsonObject().put("sku", "LIM-" + i)
      .put("prices", new JsonArray().add(new JsonObject().put("amount", 100).put("currency", "EUR")))).toList());
  }

  private static JsonArray values(int count) {
    return new JsonArray(IntStream.range(0, count).mapToObj(i -> (Object) ("v" + i)).toList());
  }

  private static JsonArray ids(int count) {
    return new JsonArray(IntStream.range(0, count).mapToObj(i -> (Object) UUID.randomUUID().toString()).toList());
  }

  private static JsonArray media(int count) {
    return new JsonArray(IntStream.range(0, count).mapToObj(i -> (Object) new JsonObject().put("url", "/m/" + i + ".svg")
      .put("alt", "a".repeat(300))).toList());
  }

  private static JsonObject translations(int count) {
    var out = new JsonObject().put("en", new JsonObject().put("name", "Limits"));
    List<String> locales = List.of("de", "fr", "it", "es", "pt", "nl", "da", "sv", "fi", "pl", "cs", "sk", "hu", "ro",
      "bg", "el", "et", "lv", "lt", "sl", "hr", "ga");
    for (int i = 0; out.size() < count; i++) {
      out.put(locales.get(i), new JsonObject().put("name", "Limits"));
    }
    return out;
  }

  private static JsonObject options(int count, int nameLength, int valueLength) {
    var out = new JsonObject();
    for (int i = 0; i < count; i++) {
      String name = (i + "n".repeat(nameLength)).substring(0, nameLength);
      out.put(name, "v".repeat(valueLength));
    }
    return out;
  }
}
