package io.kinetic.gateway.catalog;

import static io.kinetic.gateway.GatewayFixture.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.gateway.GatewayFixture;
import io.kinetic.gateway.Samples;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.CategoryList;
import io.kinetic.kernel.contract.catalog.GetProduct;
import io.kinetic.kernel.contract.catalog.GetProductBySlug;
import io.kinetic.kernel.contract.catalog.ListCategories;
import io.kinetic.kernel.contract.catalog.ListProducts;
import io.kinetic.kernel.contract.catalog.ProductPage;
import io.kinetic.kernel.contract.catalog.ProductSort;
import io.kinetic.kernel.error.ErrorCode;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Storefront REST reads through HTTP against a fake catalog. */
class StorefrontRestTest {

  private static GatewayFixture gw;
  private static final UUID KNOWN = UUID.randomUUID();

  @BeforeAll
  static void start() throws Exception {
    gw = GatewayFixture.start();
    gw.bus.<GetProduct>on(CatalogApi.GET_PRODUCT, q -> q.id().equals(KNOWN)
      ? Samples.view(KNOWN, "linen-shirt-42", q.locale(), List.of())
      : ErrorCode.PRODUCT_NOT_FOUND.failure("no product " + q.id()));
    // one product per id and version, as in the catalog (the gateway reuses a product's JSON by them)
    gw.bus.<GetProductBySlug>on(CatalogApi.GET_PRODUCT_BY_SLUG, q -> Samples.view(
      q.slug().equals("linen-shirt-42") ? KNOWN : UUID.nameUUIDFromBytes(q.slug().getBytes()), q.slug(), q.locale(), List.of()));
    gw.bus.<ListProducts>on(CatalogApi.LIST_PRODUCTS, q ->
      new ProductPage(List.of(Samples.view(UUID.nameUUIDFromBytes("a".getBytes()), "a", q.locale(), List.of())), "cursor-2"));
    gw.bus.<ListCategories>on(CatalogApi.LIST_CATEGORIES, q -> new CategoryList(List.of(Samples.category(UUID.randomUUID(), "Shirts"))));
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  @Test
  void productByIdHasTheContractShapeAndCachingHeaders() throws Exception {
    var response = gw.get("/api/v1/products/" + KNOWN + "?locale=de");
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals("application/json", response.getHeader("content-type"));
    assertEquals("public, max-age=30", response.getHeader("cache-control"));
    JsonObject body = response.bodyAsJsonObject();
    assertEquals(KNOWN.toString(), body.getString("id"));
    assertEquals("de", body.getString("locale"));
    assertEquals("linen", body.getJsonObject("attributes").getString("material"));
    assertEquals("g", body.getJsonObject("attributes").getJsonObject("weight").getString("unit"));
    var variant = body.getJsonArray("variants").getJsonObject(0);
    assertEquals(3999, variant.getJsonArray("prices").getJsonObject(0).getInteger("amount"));
    assertEquals("M", variant.getJsonObject("options").getString("size"));
    assertEquals("2026-11-21T10:00:00Z", body.getString("createdAt"));
    assertEquals(3, body.getInteger("version"));
    assertEquals("de", gw.bus.<GetProduct>lastBody(CatalogApi.GET_PRODUCT).locale());
  }

  @Test
  void aMatchingIfNoneMatchGets304WithoutBody() throws Exception {
    String etag = gw.get("/api/v1/products/" + KNOWN).getHeader("etag");
    assertTrue(etag.startsWith("W/\""), etag);
    var again = gw.http.get("/api/v1/products/" + KNOWN).putHeader("If-None-Match", etag).send().await(10, TimeUnit.SECONDS);
    assertEquals(304, again.statusCode());
    assertNull(again.body());
    var otherLocale = gw.http.get("/api/v1/products/" + KNOWN + "?locale=fr").putHeader("If-None-Match", etag).send()
      .await(10, TimeUnit.SECONDS);
    assertEquals(200, otherLocale.statusCode(), "the ETag includes the locale");
  }

  @Test
  void localeComesFromAcceptLanguageThenTheDefault() throws Exception {
    gw.http.get("/api/v1/products/" + KNOWN).putHeader("Accept-Language", "de-CH,de;q=0.9,en;q=0.8").send().await(10, TimeUnit.SECONDS);
    assertEquals("de", gw.bus.<GetProduct>lastBody(CatalogApi.GET_PRODUCT).locale());
    gw.get("/api/v1/products/" + KNOWN);
    assertEquals("en", gw.bus.<GetProduct>lastBody(CatalogApi.GET_PRODUCT).locale());
  }

  @Test
  void anInvalidIdIs400ValidationFailedWithoutAskingTheCatalog() throws Exception {
    int before = gw.bus.count(CatalogApi.GET_PRODUCT);
    var response = gw.get("/api/v1/products/not-a-uuid");
    assertEquals(400, response.statusCode());
    JsonObject problem = problem(response);
    // as on every route with an id in its path (/admin/staff/{id}, /cart/lines/{lineId}, ...)
    assertEquals("VALIDATION_FAILED", problem.getString("code"));
    assertEquals("https://kinetic.dev/problems/validation-failed", problem.getString("type"));
    assertEquals("id", problem.getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals("must be a UUID", problem.getJsonArray("errors").getJsonObject(0).getString("message"));
    assertEquals(response.getHeader("X-Correlation-Id"), problem.getString("correlationId"));
    assertEquals(before, gw.bus.count(CatalogApi.GET_PRODUCT));
  }

  @Test
  void aMissingProductIs404ProductNotFound() throws Exception {
    var response = gw.get("/api/v1/products/" + UUID.randomUUID());
    assertEquals(404, response.statusCode());
    JsonObject problem = problem(response);
    assertEquals("PRODUCT_NOT_FOUND", problem.getString("code"));
    assertEquals(404, problem.getInteger("status"));
    assertEquals("Product not found", problem.getString("title"));
    assertTrue(problem.getString("detail").startsWith("no product"));
  }

  @Test
  void unknownRoutesAndMethodsAreProblemJson() throws Exception {
    var missing = gw.get("/api/v1/nothing-here");
    assertEquals(404, missing.statusCode());
    assertEquals("NOT_FOUND", problem(missing).getString("code"));
    var wrongMethod = gw.send("PATCH", "/api/v1/products/" + KNOWN, null, "{}");
    assertEquals(405, wrongMethod.statusCode());
    assertEquals("METHOD_NOT_ALLOWED", problem(wrongMethod).getString("code"));
  }

  @Test
  void theCorrelationIdIsEchoedAndPassedToTheBus() throws Exception {
    var response = gw.http.get("/api/v1/products/" + KNOWN).putHeader("X-Correlation-Id", "abc-123_x.y:z").send()
      .await(10, TimeUnit.SECONDS);
    assertEquals("abc-123_x.y:z", response.getHeader("X-Correlation-Id"));
    assertEquals("abc-123_x.y:z", gw.bus.last(CatalogApi.GET_PRODUCT).correlationId());

    var insane = gw.http.get("/api/v1/products/" + KNOWN).putHeader("X-Correlation-Id", "x".repeat(65)).send()
      .await(10, TimeUnit.SECONDS);
    String generated = insane.getHeader("X-Correlation-Id");
    assertEquals(32, generated.length());
    assertEquals(generated, gw.bus.last(CatalogApi.GET_PRODUCT).correlationId());
  }

  @Test
  void productBySlugIsCacheableToo() throws Exception {
    var response = gw.get("/api/v1/products/by-slug/linen-shirt-42");
    assertEquals(200, response.statusCode());
    assertEquals("linen-shirt-42", response.bodyAsJsonObject().getString("slug"));
    assertNotNull(response.getHeader("etag"));
    assertEquals(400, gw.get("/api/v1/products/by-slug/Not_A_Slug").statusCode());
  }

  @Test
  void theListQueryIsTranslatedForTheCatalog() throws Exception {
    var response = gw.get("/api/v1/products?limit=5&sort=price_asc&minPrice=100&attr.material=linen&category=" + KNOWN);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals("cursor-2", response.bodyAsJsonObject().getString("nextCursor"));
    assertEquals(1, response.bodyAsJsonObject().getJsonArray("items").size());
    ListProducts query = gw.bus.lastBody(CatalogApi.LIST_PRODUCTS);
    assertEquals(5, query.limit());
    assertEquals(ProductSort.PRICE_ASC, query.sort());
    assertEquals(100L, query.minPrice());
    assertEquals("EUR", query.currency());
    assertEquals("linen", query.attributes().get("material"));
    assertEquals(KNOWN, query.categoryId());

    var defaults = gw.get("/api/v1/products");
    assertEquals(200, defaults.statusCode());
    assertEquals(20, gw.bus.<ListProducts>lastBody(CatalogApi.LIST_PRODUCTS).limit());
  }

  @Test
  void badListParametersAre400NamingTheParameter() throws Exception {
    var limit = gw.get("/api/v1/products?limit=0");
    assertEquals(400, limit.statusCode());
    JsonObject problem = problem(limit);
    assertEquals("VALIDATION_FAILED", problem.getString("code"));
    assertEquals("limit", problem.getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals("sort", problem(gw.get("/api/v1/products?sort=random")).getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(400, gw.get("/api/v1/products?minPrice=-1").statusCode());
    assertEquals(400, gw.get("/api/v1/products?category=nope").statusCode());
    assertEquals("limit", problem(gw.get("/api/v1/products?limit=abc")).getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(400, gw.get("/api/v1/products?limit=101").statusCode());
    assertEquals(400, gw.get("/api/v1/products?currency=eur").statusCode());
    assertEquals(400, gw.get("/api/v1/categories?locale=" + "x".repeat(300)).statusCode());
  }

  @Test
  void categoriesAreListedInTheRequestedLocale() throws Exception {
    var response = gw.get("/api/v1/categories?locale=de");
    assertEquals(200, response.statusCode());
    assertEquals("Shirts", response.bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("name"));
    assertEquals("de", gw.bus.<ListCategories>lastBody(CatalogApi.LIST_CATEGORIES).locale());
  }

  @Test
  void noListeningServiceIs503() throws Exception {
    var response = gw.get("/api/v1/attributes");
    assertEquals(503, response.statusCode());
    assertEquals("SERVICE_UNAVAILABLE", problem(response).getString("code"));
  }

  @Test
  void theContractIsServedVerbatim() throws Exception {
    var response = gw.get("/api/v1/openapi.yaml");
    assertEquals(200, response.statusCode());
    assertTrue(response.getHeader("content-type").startsWith("application/yaml"));
    String yaml = response.bodyAsString();
    assertTrue(yaml.startsWith("openapi: 3.1.0"), yaml.substring(0, 40));
    assertTrue(yaml.contains("/api/v1/admin/variants/{sku}/prices/{currency}"));
  }

  /** HEAD answers what GET would, without the body (it was a 404 NOT_FOUND on every API route). */
  @Test
  void headAnswersLikeGetWithoutABody() throws Exception {
    var contract = gw.send("HEAD", "/api/v1/openapi.yaml", null, "");
    assertEquals(200, contract.statusCode());
    assertTrue(contract.getHeader("content-type").startsWith("application/yaml"), contract.getHeader("content-type"));
    assertTrue(contract.body() == null || contract.body().length() == 0);
    var list = gw.send("HEAD", "/api/v1/categories", null, "");
    assertEquals(200, list.statusCode());
    assertTrue(list.body() == null || list.body().length() == 0);
    var bad = gw.send("HEAD", "/api/v1/products/not-a-uuid", null, "");
    assertEquals(400, bad.statusCode());
    assertEquals(404, gw.send("HEAD", "/api/v1/nope", null, "").statusCode());
    assertEquals(405, gw.send("TRACE", "/api/v1/categories", null, "").statusCode());
  }
}
