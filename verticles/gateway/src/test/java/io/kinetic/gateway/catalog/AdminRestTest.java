package io.kinetic.gateway.catalog;

import static io.kinetic.gateway.GatewayFixture.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.gateway.GatewayFixture;
import io.kinetic.gateway.Samples;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.contract.catalog.AdminProductPage;
import io.kinetic.kernel.contract.catalog.CreateProduct;
import io.kinetic.kernel.contract.catalog.ListProducts;
import io.kinetic.kernel.contract.catalog.ProductStatus;
import io.kinetic.kernel.contract.catalog.SetPrice;
import io.kinetic.kernel.contract.catalog.SetStock;
import io.kinetic.kernel.contract.catalog.UpdateProduct;
import io.kinetic.kernel.contract.identity.CustomerView;
import io.kinetic.kernel.contract.identity.GetCustomer;
import io.kinetic.kernel.contract.identity.GetStaff;
import io.kinetic.kernel.contract.identity.Role;
import io.kinetic.kernel.contract.identity.StaffView;
import io.kinetic.kernel.error.ErrorCode;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.contract.identity.RefreshTokens;
import io.kinetic.kernel.contract.identity.Tokens;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Access control on /api/v1/admin/** and /api/v1/me, and the admin writes reaching the catalog. */
class AdminRestTest {

  private static final String PRODUCT_INPUT = """
    {"slug":"linen-shirt-42","status":"PUBLISHED","defaultLocale":"en",
     "translations":{"en":{"name":"Linen shirt","description":"..."}},
     "categoryIds":[],"attributes":{"material":"linen","weight":180},"media":[{"url":"/m.svg","alt":"x"}],
     "seo":{"title":"t","description":"d"},
     "variants":[{"sku":"LS-42-M","options":{"size":"M"},"prices":[{"amount":3999,"currency":"EUR"}],"stockOnHand":12}]}""";

  private static GatewayFixture gw;
  private static final UUID STAFF = UUID.randomUUID();

  @BeforeAll
  static void start() throws Exception {
    gw = GatewayFixture.start();
    gw.bus.<ListProducts>on(CatalogApi.LIST_ADMIN_PRODUCTS, q -> new AdminProductPage(List.of(Samples.product(UUID.randomUUID(), "a", 1)), null));
    gw.bus.<CreateProduct>on(CatalogApi.CREATE_PRODUCT, c -> Samples.product(UUID.randomUUID(), c.input().slug(), 1));
    gw.bus.<UpdateProduct>on(CatalogApi.UPDATE_PRODUCT, u -> u.version() == 1
      ? Samples.product(u.id(), u.input().slug(), 2) : ErrorCode.VERSION_CONFLICT.failure("stale version " + u.version()));
    gw.bus.<SetStock>on(CatalogApi.SET_STOCK, s -> Samples.product(UUID.randomUUID(), "s", 2));
    gw.bus.<SetPrice>on(CatalogApi.SET_PRICE, s -> Samples.product(UUID.randomUUID(), "s", 2));
    gw.bus.<GetStaff>on(IdentityApi.GET_STAFF, g -> new StaffView(g.id(), "boss@example.com", "Boss", Set.of(Role.CATALOG, Role.ADMIN), true, java.time.Instant.parse("2026-01-01T00:00:00Z")));
    gw.bus.<GetCustomer>on(IdentityApi.GET_CUSTOMER, g -> new CustomerView(g.id(), "ada@example.com", "Ada", Instant.now()));
    gw.bus.<RefreshTokens>on(IdentityApi.REFRESH, r -> new Tokens("access-" + r.realm(), "refresh", "Bearer", 900));
  }

  @Test
  void eachRefreshRouteRefreshesOnlyItsOwnRealm() throws Exception {
    var staff = gw.send("POST", "/api/v1/admin/auth/refresh", null, "{\"refreshToken\":\"r1\"}");
    assertEquals(200, staff.statusCode(), staff.bodyAsString());
    assertEquals(Realm.STAFF, gw.bus.<RefreshTokens>lastBody(IdentityApi.REFRESH).realm());
    var customer = gw.send("POST", "/api/v1/auth/refresh", null, "{\"refreshToken\":\"r2\"}");
    assertEquals(200, customer.statusCode(), customer.bodyAsString());
    assertEquals(Realm.CUSTOMER, gw.bus.<RefreshTokens>lastBody(IdentityApi.REFRESH).realm());
    var smuggled = gw.send("POST", "/api/v1/auth/refresh", null, "{\"refreshToken\":\"r3\",\"realm\":\"STAFF\"}");
    assertEquals(400, smuggled.statusCode(), "the realm comes from the route, never from the client");
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  @Test
  void withoutATokenAdminRoutesAre401WithAChallenge() throws Exception {
    var response = gw.get("/api/v1/admin/products");
    assertEquals(401, response.statusCode());
    assertEquals("UNAUTHENTICATED", problem(response).getString("code"));
    assertTrue(response.getHeader("WWW-Authenticate").startsWith("Bearer"));
    assertEquals(401, gw.send("PUT", "/api/v1/admin/variants/X/stock", null, "{\"onHand\":-1}").statusCode(),
      "authentication comes before validation");
  }

  @Test
  void pathSpellingsCannotSkipTheCheck() throws Exception {
    for (String path : List.of("/api/v1/admin/products/", "/api/v1/%61dmin/products", "/api/v1//admin/products",
      "/api/v1/x/../admin/products", "/api/v1/me/")) {
      var response = gw.get(path);
      assertTrue(response.statusCode() == 401 || response.statusCode() == 404, path + " -> " + response.statusCode());
    }
  }

  @Test
  void expiredOrForeignTokensAre401() throws Exception {
    assertEquals(401, gw.get("/api/v1/admin/products", gw.expiredStaffToken(STAFF)).statusCode());
    var foreign = JWTAuth.create(gw.vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256")
      .setBuffer("another-secret-another-secret-another-secret")));
    String forged = foreign.generateToken(new JsonObject().put("realm", "STAFF").put("roles", List.of("admin")),
      io.kinetic.kernel.auth.Jwt.signing(gw.config.auth(), STAFF.toString()));
    assertEquals(401, gw.get("/api/v1/admin/products", forged).statusCode());
    assertEquals(401, gw.get("/api/v1/admin/products", "not.a.jwt").statusCode());
  }

  @Test
  void aCustomerTokenIs403OnAdminRoutes() throws Exception {
    var response = gw.get("/api/v1/admin/products", gw.customerToken(UUID.randomUUID()));
    assertEquals(403, response.statusCode());
    assertEquals("FORBIDDEN", problem(response).getString("code"));
  }

  @Test
  void catalogRoutesNeedRoleCatalogOrAdmin() throws Exception {
    var catalog = gw.get("/api/v1/admin/products?status=DRAFT&limit=3", gw.staffToken(STAFF, "catalog"));
    assertEquals(200, catalog.statusCode(), catalog.bodyAsString());
    assertEquals("en", catalog.bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("defaultLocale"));
    ListProducts query = gw.bus.lastBody(CatalogApi.LIST_ADMIN_PRODUCTS);
    assertEquals(ProductStatus.DRAFT, query.status());
    assertEquals(200, gw.get("/api/v1/admin/products", gw.staffToken(STAFF, "admin")).statusCode());
    var fulfilment = gw.get("/api/v1/admin/products", gw.staffToken(STAFF, "fulfilment"));
    assertEquals(403, fulfilment.statusCode());
    assertEquals("FORBIDDEN", problem(fulfilment).getString("code"));
  }

  @Test
  void anyStaffMayReadAdminMeWithLowerCaseRoles() throws Exception {
    var response = gw.get("/api/v1/admin/me", gw.staffToken(STAFF, "fulfilment"));
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals(List.of("admin", "catalog"), response.bodyAsJsonObject().getJsonArray("roles").getList());
    assertEquals(STAFF, gw.bus.<GetStaff>lastBody(IdentityApi.GET_STAFF).id());
  }

  @Test
  void meNeedsACustomerToken() throws Exception {
    UUID customer = UUID.randomUUID();
    var response = gw.get("/api/v1/me", gw.customerToken(customer));
    assertEquals(200, response.statusCode());
    assertEquals(customer, gw.bus.<GetCustomer>lastBody(IdentityApi.GET_CUSTOMER).id());
    assertEquals(403, gw.get("/api/v1/me", gw.staffToken(STAFF, "admin")).statusCode());
    assertEquals(401, gw.get("/api/v1/me").statusCode());
  }

  @Test
  void createAnswers201AndUpdateCarriesTheVersion() throws Exception {
    String token = gw.staffToken(STAFF, "catalog");
    var created = gw.send("POST", "/api/v1/admin/products", token, PRODUCT_INPUT);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    CreateProduct create = gw.bus.lastBody(CatalogApi.CREATE_PRODUCT);
    assertEquals(3999, create.input().variants().get(0).prices().get(0).amount());
    assertEquals(180, create.input().attributes().get("weight"));

    String id = created.bodyAsJsonObject().getString("id");
    String update = PRODUCT_INPUT.substring(0, PRODUCT_INPUT.length() - 1) + ",\"version\":1}";
    var updated = gw.send("PUT", "/api/v1/admin/products/" + id, token, update);
    assertEquals(200, updated.statusCode(), updated.bodyAsString());
    assertEquals(2, updated.bodyAsJsonObject().getInteger("version"));
    assertEquals(1, gw.bus.<UpdateProduct>lastBody(CatalogApi.UPDATE_PRODUCT).version());

    String stale = PRODUCT_INPUT.substring(0, PRODUCT_INPUT.length() - 1) + ",\"version\":7}";
    var conflict = gw.send("PUT", "/api/v1/admin/products/" + id, token, stale);
    assertEquals(409, conflict.statusCode());
    assertEquals("VERSION_CONFLICT", problem(conflict).getString("code"));
  }

  @Test
  void negativeStockOrPriceIs400BeforeTheCatalogIsAsked() throws Exception {
    String token = gw.staffToken(STAFF, "catalog");
    int before = gw.bus.count(CatalogApi.SET_STOCK);
    var stock = gw.send("PUT", "/api/v1/admin/variants/LS-42-M/stock", token, "{\"onHand\":-1}");
    assertEquals(400, stock.statusCode());
    JsonObject problem = problem(stock);
    assertEquals("VALIDATION_FAILED", problem.getString("code"));
    assertEquals("onHand", problem.getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(before, gw.bus.count(CatalogApi.SET_STOCK));

    var price = gw.send("PUT", "/api/v1/admin/variants/LS-42-M/prices/EUR", token, "{\"amount\":-5}");
    assertEquals(400, price.statusCode());
    assertEquals("amount", problem(price).getJsonArray("errors").getJsonObject(0).getString("field"));

    String negativeVariant = PRODUCT_INPUT.replace("\"amount\":3999", "\"amount\":-1");
    var product = gw.send("POST", "/api/v1/admin/products", token, negativeVariant);
    assertEquals(400, product.statusCode());
    assertEquals("variants[0].prices[0].amount", problem(product).getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  @Test
  void validWritesReachTheCatalog() throws Exception {
    String token = gw.staffToken(STAFF, "admin");
    assertEquals(200, gw.send("PUT", "/api/v1/admin/variants/LS-42-M/stock", token, "{\"onHand\":10}").statusCode());
    assertEquals(10, gw.bus.<SetStock>lastBody(CatalogApi.SET_STOCK).onHand());
    assertEquals(200, gw.send("PUT", "/api/v1/admin/variants/LS-42-M/prices/USD", token, "{\"amount\":1999}").statusCode());
    SetPrice price = gw.bus.lastBody(CatalogApi.SET_PRICE);
    assertEquals("LS-42-M", price.sku());
    assertEquals("USD", price.price().currency());
    assertEquals(1999, price.price().amount());
    var unknownCurrency = gw.send("PUT", "/api/v1/admin/variants/LS-42-M/prices/XYZ", token, "{\"amount\":1}");
    assertEquals(400, unknownCurrency.statusCode());
  }

  @Test
  void anUnknownFieldInAProductIsRejected() throws Exception {
    String token = gw.staffToken(STAFF, "catalog");
    var response = gw.send("POST", "/api/v1/admin/products", token, PRODUCT_INPUT.replace("\"seo\":", "\"colour\":\"red\",\"seo\":"));
    assertEquals(400, response.statusCode());
    JsonObject problem = problem(response);
    assertEquals("UNKNOWN_FIELD", problem.getString("code"));
    assertEquals("colour", problem.getJsonArray("errors").getJsonObject(0).getString("field"));
  }
}
