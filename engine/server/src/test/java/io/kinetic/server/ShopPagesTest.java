package io.kinetic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The storefront's clean addresses as a search engine or a link preview reads them, without running
 * the app: a product's page holds its title, description, canonical and hreflang links, Open Graph
 * tags and schema.org Product JSON-LD with price and availability, escaped whatever staff typed; a
 * category's page its name; unknown and unpublished ones are 404s; the sitemap lists the published
 * products; robots.txt points to it; the app's other pages are served but not indexed; the API's
 * unknown paths stay problem+json.
 */
// creates products: never while StorefrontBrowserTest compares the home page with the API
@ResourceLock(value = "storefront-catalogue", mode = ResourceAccessMode.READ)
class ShopPagesTest {

  private static final Pattern JSON_LD = Pattern.compile("<script type=\"application/ld\\+json\">(.*?)</script>", Pattern.DOTALL);
  private static WebClient http;
  private static Shop shop;

  @BeforeAll
  static void start() throws Exception {
    http = RunningEngine.client();
    shop = new Shop(http, RunningEngine.ADMIN_EMAIL, RunningEngine.ADMIN_PASSWORD);
  }

  @Test
  void aProductPageCarriesItsMetadataEscaped() throws Exception {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    String name = "Quote \"&\" </script><script>alert(1)</script> " + unique;
    JsonObject product = product("ssr-" + unique, "PUBLISHED", name, 2499, 7);
    String slug = product.getString("slug");

    var page = get("/p/" + slug);
    assertEquals(200, page.statusCode());
    assertEquals("text/html; charset=utf-8", page.getHeader("content-type"));
    assertNotNull(page.getHeader("content-security-policy"));
    String html = page.bodyAsString();
    assertFalse(html.contains("<script>alert(1)"), "the name is escaped everywhere");
    assertTrue(html.contains("<title>Quote &quot;&amp;&quot; &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; " + unique),
      html);
    assertTrue(html.contains("<link rel=\"canonical\" href=\"") && html.contains("/p/" + slug + "\">"), html);
    assertTrue(html.contains("hreflang=\"de\" href=\"") && html.contains("/p/" + slug + "?locale=de\">"), html);
    assertTrue(html.contains("hreflang=\"x-default\""), html);
    assertTrue(html.contains("<meta property=\"og:type\" content=\"product\">"), html);
    assertTrue(html.contains("<meta property=\"product:price:amount\" content=\"24.99\">"), html);
    assertTrue(html.contains("<meta name=\"description\" content=\"A test product for the page&#39;s head.\">"), html);
    assertTrue(html.contains("<h1>Quote &quot;&amp;&quot; &lt;/script&gt;"), "a preview until the app starts: " + html);
    assertTrue(html.contains("<script type=\"module\" src=\"/js/store/main.js\"></script>"), "the app still starts");
    assertTrue(html.contains("<meta name=\"kinetic:low-stock\" content=\"5\">"), "the shop's low-stock threshold for the app");

    Matcher ld = JSON_LD.matcher(html);
    assertTrue(ld.find(), html);
    assertFalse(ld.group(1).contains("</"), "nothing in the JSON-LD can end its script element");
    JsonObject data = new JsonObject(ld.group(1));
    assertEquals("Product", data.getString("@type"));
    assertEquals(name, data.getString("name"));
    JsonObject offer = data.getJsonObject("offers");
    assertEquals("24.99", offer.getString("price"));
    assertEquals("EUR", offer.getString("priceCurrency"));
    assertEquals("https://schema.org/InStock", offer.getString("availability"));

    // sold out: the page says so
    var variant = product.getJsonArray("variants").getJsonObject(0);
    var stock = Shop.send(http.put("/api/v1/admin/variants/" + variant.getString("sku") + "/stock")
      .bearerTokenAuthentication(shop.staffToken()), new JsonObject().put("onHand", 0));
    assertEquals(200, stock.statusCode(), stock.bodyAsString());
    io.kinetic.kernel.testing.Eventually.until("the page says sold out", java.time.Duration.ofSeconds(10), () -> {
      Matcher again = JSON_LD.matcher(get("/p/" + slug).bodyAsString());
      return again.find() && new JsonObject(again.group(1)).getJsonObject("offers").getString("availability")
        .equals("https://schema.org/OutOfStock");
    });

    // German: the page's language and its canonical address say so
    String german = get("/p/" + slug + "?locale=de").bodyAsString();
    assertTrue(german.contains("<html lang=\"de\">"), german);
    assertTrue(german.contains("/p/" + slug + "?locale=de\">") && german.contains("rel=\"canonical\""), german);

    // the sitemap lists it (it is built at most every few minutes: a product made before it is there for sure)
    var sitemap = get("/sitemap.xml");
    assertEquals(200, sitemap.statusCode());
    assertEquals("application/xml; charset=utf-8", sitemap.getHeader("content-type"));
    assertTrue(sitemap.bodyAsString().startsWith("<?xml"), sitemap.bodyAsString());
    assertTrue(sitemap.bodyAsString().contains("/p/"), "products are listed");
  }

  @Test
  void unknownAndUnpublishedProductsAndCategoriesAreNotFound() throws Exception {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    JsonObject draft = product("ssr-draft-" + unique, "DRAFT", "Draft " + unique, 1000, 3);
    for (String path : new String[] {"/p/" + draft.getString("slug"), "/p/no-such-product-" + unique, "/p/NOT_A_SLUG", "/c/no-such-category",
      "/p/%3Cscript%3E", "/no/such/page"}) {
      var r = get(path);
      assertEquals(404, r.statusCode(), path);
      assertEquals("text/html; charset=utf-8", r.getHeader("content-type"), path);
      assertTrue(r.bodyAsString().contains("<meta name=\"robots\" content=\"noindex\">"), path);
      assertFalse(r.bodyAsString().contains("Draft " + unique), "a draft's name never shows: " + path);
      assertFalse(r.bodyAsString().contains("<script>"), path);
    }
    var api = get("/api/v1/no-such-thing");
    assertEquals(404, api.statusCode());
    assertEquals("application/problem+json", api.getHeader("content-type").split(";")[0]);
  }

  @Test
  void categoryPagesHomeAppPagesAndRobots() throws Exception {
    JsonArray categories = get("/api/v1/categories").bodyAsJsonObject().getJsonArray("items");
    JsonObject category = categories.getJsonObject(0);
    var page = get("/c/" + category.getString("slug"));
    assertEquals(200, page.statusCode());
    assertTrue(page.bodyAsString().contains("<title>" + category.getString("name") + " | "), page.bodyAsString());
    assertTrue(page.bodyAsString().contains("/c/" + category.getString("slug") + "\">"), "canonical");

    var home = get("/");
    assertEquals(200, home.statusCode());
    assertTrue(home.bodyAsString().contains("\"@type\":\"WebSite\""), home.bodyAsString());
    assertFalse(home.bodyAsString().contains("noindex"));

    for (String path : new String[] {"/cart", "/checkout", "/account", "/account/orders/" + UUID.randomUUID(), "/search",
      "/login", "/order/" + UUID.randomUUID(), "/reset-password/abc"}) {
      var r = get(path);
      assertEquals(200, r.statusCode(), path);
      assertTrue(r.bodyAsString().contains("<meta name=\"robots\" content=\"noindex\">"), path);
    }

    var robots = get("/robots.txt");
    assertEquals(200, robots.statusCode());
    assertTrue(robots.bodyAsString().contains("Disallow: /admin/"), robots.bodyAsString());
    assertTrue(robots.bodyAsString().contains("Sitemap: http"), robots.bodyAsString());
  }

  private static HttpResponse<Buffer> get(String path) throws Exception {
    return http.get(path).send().await(10, TimeUnit.SECONDS);
  }

  private static JsonObject product(String slug, String status, String name, long price, int stock) throws Exception {
    var input = new JsonObject()
      .put("slug", slug).put("status", status).put("defaultLocale", "en")
      .put("translations", new JsonObject().put("en", new JsonObject().put("name", name)
        .put("description", "A test product for the page's head.")))
      .put("categoryIds", new JsonArray()).put("attributes", new JsonObject()).put("media", new JsonArray())
      .put("seo", new JsonObject())
      .put("variants", new JsonArray().add(new JsonObject().put("sku", "SSR-" + slug).put("options", new JsonObject())
        .put("prices", new JsonArray().add(new JsonObject().put("amount", price).put("currency", "EUR"))).put("stockOnHand", stock)));
    var created = Shop.send(http.post("/api/v1/admin/products").bearerTokenAuthentication(shop.staffToken()), input);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject();
  }
}
