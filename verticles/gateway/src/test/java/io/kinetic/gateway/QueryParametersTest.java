package io.kinetic.gateway;

import static io.kinetic.gateway.GatewayFixture.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kinetic.kernel.contract.catalog.AdminProductPage;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.CreateProduct;
import io.kinetic.kernel.contract.catalog.ListProducts;
import io.kinetic.kernel.contract.catalog.ProductPage;
import io.kinetic.kernel.contract.catalog.ProductSort;
import io.kinetic.kernel.contract.checkout.CheckoutApi;
import io.kinetic.kernel.contract.checkout.ListOrders;
import io.kinetic.kernel.contract.checkout.OrderPage;
import io.kinetic.kernel.contract.notifications.ListMails;
import io.kinetic.kernel.contract.notifications.MailPage;
import io.kinetic.kernel.contract.notifications.NotificationsApi;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A query parameter of a route checked against the contract is the query string's value,
 * percent-decoded once: a string is taken as it is ({@code 50%}, {@code 12" vinyl}, {@code a\b},
 * {@code {}}, never read as JSON nor decoded a second time), and a value a typed parameter
 * (integer, enum, pattern) does not take is VALIDATION_FAILED naming the parameter, never
 * MALFORMED_JSON. (Probe finding: staff could not search their products for {@code 50%}, and
 * {@code currency="USD"} passed as USD.)
 */
class QueryParametersTest {

  private static GatewayFixture gw;
  private static final UUID STAFF = UUID.randomUUID();

  @BeforeAll
  static void start() throws Exception {
    gw = GatewayFixture.start();
    gw.bus.<ListProducts>on(CatalogApi.LIST_ADMIN_PRODUCTS, q -> new AdminProductPage(List.of(), null));
    gw.bus.<ListProducts>on(CatalogApi.LIST_PRODUCTS, q -> new ProductPage(List.of(), null));
    gw.bus.<CreateProduct>on(CatalogApi.CREATE_PRODUCT, c -> Samples.product(UUID.randomUUID(), c.input().slug(), 1));
    gw.bus.<ListOrders>on(CheckoutApi.LIST_ORDERS, q -> new OrderPage(List.of(), null));
    gw.bus.<ListMails>on(NotificationsApi.LIST_MAILS, q -> new MailPage(List.of(), null));
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  @Test
  void staffSearchTheirProductsForTheLiteralText() throws Exception {
    String token = gw.staffToken(STAFF, "catalog");
    for (String text : List.of("50%", "%", "12\" vinyl", "a\\b", "{}", "[1]", "\"quoted\"", "a\"b", "a+b", "%41", "null",
      "true", "12", "größe 50 %")) {
      var response = gw.get("/api/v1/admin/products?q=" + encoded(text), token);
      assertEquals(200, response.statusCode(), text + ": " + response.bodyAsString());
      assertEquals(text, gw.bus.<ListProducts>lastBody(CatalogApi.LIST_ADMIN_PRODUCTS).query(), "searched for");
    }
    // as a browser or curl writes them: '+' for a space, '"' and '\' sent raw by some clients
    var plus = gw.get("/api/v1/admin/products?q=12%22+vinyl", token);
    assertEquals(200, plus.statusCode(), plus.bodyAsString());
    assertEquals("12\" vinyl", gw.bus.<ListProducts>lastBody(CatalogApi.LIST_ADMIN_PRODUCTS).query());
  }

  @Test
  void otherStringFiltersAreTakenAsSentToo() throws Exception {
    var orders = gw.get("/api/v1/admin/orders?email=" + encoded("%") + "&number=" + encoded("{\"a\":1}"),
      gw.staffToken(STAFF, "admin"));
    assertEquals(200, orders.statusCode(), orders.bodyAsString());
    assertEquals("%", gw.bus.<ListOrders>lastBody(CheckoutApi.LIST_ORDERS).email());
    assertEquals("{\"a\":1}", gw.bus.<ListOrders>lastBody(CheckoutApi.LIST_ORDERS).number());
    var mails = gw.get("/api/v1/admin/mails?recipient=" + encoded("50%@x"), gw.staffToken(STAFF, "admin"));
    assertEquals(200, mails.statusCode(), mails.bodyAsString());
    assertEquals("50%@x", gw.bus.<ListMails>lastBody(NotificationsApi.LIST_MAILS).recipient());
    // a string parameter's own rules still apply to the literal value
    assertInvalid(gw.get("/api/v1/admin/products?q=" + encoded("%".repeat(101)), gw.staffToken(STAFF, "catalog")), "q");
  }

  @Test
  void aValueATypedParameterDoesNotTakeNamesTheParameter() throws Exception {
    int lists = gw.bus.count(CatalogApi.LIST_PRODUCTS);
    for (String sort : List.of("%", "\"name\"", "{}", "name\\", "\"")) {
      assertInvalid(gw.get("/api/v1/products?sort=" + encoded(sort)), "sort");
    }
    for (String currency : List.of("\"USD\"", "%", "{\"c\":\"USD\"}", "[\"USD\"]")) {
      assertInvalid(gw.get("/api/v1/products?currency=" + encoded(currency)), "currency");
    }
    for (String limit : List.of("%", "\"5\"", "{}", "[5]", "5%", "\"", "\\", "abc")) {
      assertInvalid(gw.get("/api/v1/products?limit=" + encoded(limit)), "limit");
    }
    assertInvalid(gw.get("/api/v1/admin/staff?active=" + encoded("\"true\""), gw.staffToken(STAFF, "admin")), "active");
    assertInvalid(gw.get("/api/v1/admin/orders?state=" + encoded("%"), gw.staffToken(STAFF, "admin")), "state");
    assertEquals(lists, gw.bus.count(CatalogApi.LIST_PRODUCTS), "nothing reached the catalog");

    var valid = gw.get("/api/v1/products?sort=name&currency=USD&limit=5");
    assertEquals(200, valid.statusCode(), valid.bodyAsString());
    ListProducts sent = gw.bus.lastBody(CatalogApi.LIST_PRODUCTS);
    assertEquals(ProductSort.NAME, sent.sort());
    assertEquals("USD", sent.currency());
    assertEquals(5, sent.limit());
  }

  /**
   * An integer parameter is its digits: "1e2", "1.0", " 1", "+1" or other scripts' digits are
   * VALIDATION_FAILED naming it on every route, never a 500 from a handler that reads the digits
   * (probe finding: the orders', mails', search analytics' and recommender report's limits).
   */
  @Test
  void anIntegerParameterIsItsDigitsOnly() throws Exception {
    gw.bus.<io.kinetic.kernel.contract.checkout.ListMyOrders>on(CheckoutApi.LIST_MY_ORDERS, q -> new OrderPage(List.of(), null));
    String admin = gw.staffToken(STAFF, "admin");
    String customer = gw.customerToken(UUID.randomUUID());
    for (String limit : List.of("1e2", "1E1", "1.0", " 1", "1 ", "+1", "\uFF11".translateEscapes(), "0x1", "-", "")) {
      if (limit.isEmpty()) {
        continue;
      }
      String q = encoded(limit);
      said(gw.get("/api/v1/products?limit=" + q), "limit", "must be an integer from 1 to 100");
      assertInvalid(gw.get("/api/v1/orders?limit=" + q, customer), "limit");
      assertInvalid(gw.get("/api/v1/admin/orders?limit=" + q, admin), "limit");
      assertInvalid(gw.get("/api/v1/admin/mails?limit=" + q, admin), "limit");
      assertInvalid(gw.get("/api/v1/admin/search/analytics?days=" + q, admin), "days");
      assertInvalid(gw.get("/api/v1/admin/recommendations/report?holdoutPercent=" + q, admin), "holdoutPercent");
      assertInvalid(gw.get("/api/v1/search/suggest?q=shirt&limit=" + q), "limit");
    }
    var plain = gw.get("/api/v1/admin/orders?limit=7", admin);
    assertEquals(200, plain.statusCode(), plain.bodyAsString());
    assertEquals(7, gw.bus.<ListOrders>lastBody(CheckoutApi.LIST_ORDERS).limit());
  }

  /** A parameter's refusal in the engine's words; one of a single value given twice is refused, not read once. */
  @Test
  void aRefusedParameterIsSaidInTheEnginesWords() throws Exception {
    said(gw.get("/api/v1/products?limit=abc"), "limit", "must be an integer from 1 to 100");
    said(gw.get("/api/v1/products?sort=bad"), "sort", "must be one of: newest, price_asc, price_desc, name");
    said(gw.get("/api/v1/products?currency=usd"), "currency",
      "must be three capital letters (an ISO 4217 currency code such as EUR)");
    said(gw.get("/api/v1/admin/staff/not-uuid", gw.staffToken(STAFF, "admin")), "id", "must be a UUID");
    said(gw.get("/api/v1/admin/orders/bad", gw.staffToken(STAFF, "admin")), "orderId", "must be a UUID");
    int lists = gw.bus.count(CatalogApi.LIST_PRODUCTS);
    said(gw.get("/api/v1/products?limit=1&limit=2"), "limit", "is given twice: send it once");
    said(gw.get("/api/v1/products?sort=name&currency=USD&sort=name"), "sort", "is given twice: send it once");
    assertEquals(lists, gw.bus.count(CatalogApi.LIST_PRODUCTS), "nothing reached the catalog");
  }

  /** A nullable value's refusal is one error, with no "Expected null" of the null branch beside it. */
  @Test
  void aNullableValueIsRefusedOnce() throws Exception {
    String event = "{\"sessionId\":\"session-1\",\"events\":[{\"id\":\"" + UUID.randomUUID()
      + "\",\"type\":\"product-view\",\"productId\":\"" + UUID.randomUUID() + "\",\"at\":%s}]}";
    said(gw.send("POST", "/api/v1/events", null, event.formatted("\"garbage\"")), "events[0].at",
      "is not a date-time (ISO 8601, e.g. 2026-01-31T09:30:00Z)");
    said(gw.send("POST", "/api/v1/events", null, event.formatted("5")), "events[0].at", "must be a string or null");
    said(gw.send("POST", "/api/v1/events", null, "{\"sessionId\":\"session-1\",\"events\":[]}"), "events",
      "must hold at least 1 item");
  }

  private static void said(HttpResponse<Buffer> response, String field, String message) {
    assertEquals(400, response.statusCode(), response.bodyAsString());
    JsonObject problem = problem(response);
    assertEquals("VALIDATION_FAILED", problem.getString("code"), problem.encode());
    assertEquals(new io.vertx.core.json.JsonArray().add(new JsonObject().put("field", field).put("message", message)),
      problem.getJsonArray("errors"), problem.encode());
  }

  @Test
  void anIdempotencyKeyIsTakenAsSent() throws Exception {
    var input = new JsonObject().put("slug", "percent-shirt").put("status", "DRAFT").put("defaultLocale", "en")
      .put("translations", new JsonObject().put("en", new JsonObject().put("name", "Shirt")))
      .put("variants", new io.vertx.core.json.JsonArray().add(new JsonObject().put("sku", "PCT-1")));
    var created = gw.http.post("/api/v1/admin/products").bearerTokenAuthentication(gw.staffToken(STAFF, "catalog"))
      .putHeader("content-type", "application/json").putHeader("Idempotency-Key", "key-50%-" + UUID.randomUUID())
      .sendBuffer(input.toBuffer()).await(10, TimeUnit.SECONDS);
    assertEquals(201, created.statusCode(), created.bodyAsString());
  }

  private static String encoded(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void assertInvalid(HttpResponse<Buffer> response, String field) {
    assertEquals(400, response.statusCode(), response.bodyAsString());
    JsonObject problem = problem(response);
    assertEquals("VALIDATION_FAILED", problem.getString("code"), problem.encode());
    assertEquals(field, problem.getJsonArray("errors").getJsonObject(0).getString("field"), problem.encode());
  }
}
