package io.kinetic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** HTTP steps of a shop's users for the end-to-end tests: staff creating products, shoppers with carts. */
final class Shop {

  private final WebClient http;
  private final String adminEmail;
  private final String adminPassword;
  private String staffToken;

  Shop(WebClient http, String adminEmail, String adminPassword) {
    this.http = http;
    this.adminEmail = adminEmail;
    this.adminPassword = adminPassword;
  }

  /** A published product with one variant per stock figure, priced 1000, 1100, … EUR; answers the admin product. */
  JsonObject product(String status, int... stocks) throws Exception {
    return product(status, null, stocks);
  }

  /** As {@link #product(String, int...)}, of a tax class (null: standard). */
  JsonObject product(String status, String taxClass, int... stocks) throws Exception {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    var variants = new JsonArray();
    for (int i = 0; i < stocks.length; i++) {
      variants.add(new JsonObject().put("sku", "CART-" + unique + "-" + i).put("options", new JsonObject().put("size", "S" + i))
        .put("prices", new JsonArray().add(new JsonObject().put("amount", 1000 + 100 * i).put("currency", "EUR")))
        .put("stockOnHand", stocks[i]));
    }
    var input = new JsonObject()
      .put("slug", "cart-" + unique).put("status", status).put("defaultLocale", "en")
      .put("translations", new JsonObject().put("en", new JsonObject().put("name", "Cart test " + unique).put("description", "d")))
      .put("categoryIds", new JsonArray()).put("attributes", new JsonObject()).put("media", new JsonArray())
      .put("seo", new JsonObject().put("title", "t").put("description", "d"))
      .put("variants", variants);
    if (taxClass != null) {
      input.put("taxClass", taxClass);
    }
    var created = send(http.post("/api/v1/admin/products").bearerTokenAuthentication(staffToken()), input);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject();
  }

  static String variantId(JsonObject product, int index) {
    return product.getJsonArray("variants").getJsonObject(index).getString("id");
  }

  static String sku(JsonObject product, int index) {
    return product.getJsonArray("variants").getJsonObject(index).getString("sku");
  }

  void setPrice(String sku, long amount) throws Exception {
    var r = send(http.put("/api/v1/admin/variants/" + sku + "/prices/EUR").bearerTokenAuthentication(staffToken()),
      new JsonObject().put("amount", amount));
    assertEquals(200, r.statusCode(), r.bodyAsString());
  }

  void setStock(String sku, int onHand) throws Exception {
    var r = send(http.put("/api/v1/admin/variants/" + sku + "/stock").bearerTokenAuthentication(staffToken()),
      new JsonObject().put("onHand", onHand));
    assertEquals(200, r.statusCode(), r.bodyAsString());
  }

  /** Adds to the cart of {@code token} (null: a new guest cart; the answer then carries its token). */
  HttpResponse<Buffer> add(String token, String variantId, int quantity) throws Exception {
    return send(withCart(http.post("/api/v1/cart/lines"), token),
      new JsonObject().put("variantId", variantId).put("quantity", quantity));
  }

  HttpResponse<Buffer> addAsCustomer(String access, String variantId, int quantity) throws Exception {
    return send(http.post("/api/v1/cart/lines").bearerTokenAuthentication(access),
      new JsonObject().put("variantId", variantId).put("quantity", quantity));
  }

  HttpResponse<Buffer> cart(String token) throws Exception {
    return withCart(http.get("/api/v1/cart"), token).send().await(10, TimeUnit.SECONDS);
  }

  HttpResponse<Buffer> customerCart(String access) throws Exception {
    return http.get("/api/v1/cart").bearerTokenAuthentication(access).send().await(10, TimeUnit.SECONDS);
  }

  /** A new customer's access token. */
  String customer() throws Exception {
    String email = "cart-" + UUID.randomUUID() + "@example.com";
    var registered = send(http.post("/api/v1/auth/register"),
      new JsonObject().put("email", email).put("password", "correct horse battery").put("name", "Cara"));
    assertEquals(201, registered.statusCode(), registered.bodyAsString());
    var login = send(http.post("/api/v1/auth/login"), new JsonObject().put("email", email).put("password", "correct horse battery"));
    assertEquals(200, login.statusCode(), login.bodyAsString());
    return login.bodyAsJsonObject().getString("accessToken");
  }

  synchronized String staffToken() throws Exception {
    if (staffToken == null) {
      var login = send(http.post("/api/v1/admin/auth/login"), new JsonObject().put("email", adminEmail).put("password", adminPassword));
      assertEquals(200, login.statusCode(), login.bodyAsString());
      staffToken = login.bodyAsJsonObject().getString("accessToken");
    }
    return staffToken;
  }

  /** A new staff member with one role, invited by the admin; answers their access token. */
  String staffMember(String role) throws Exception {
    String email = "staff-" + role + "-" + java.util.UUID.randomUUID() + "@kinetic.test";
    var invited = send(http.post("/api/v1/admin/staff").bearerTokenAuthentication(staffToken()),
      new JsonObject().put("email", email).put("name", "Member").put("roles", new io.vertx.core.json.JsonArray().add(role)));
    assertEquals(201, invited.statusCode(), invited.bodyAsString());
    var login = send(http.post("/api/v1/admin/auth/login"), new JsonObject().put("email", email)
      .put("password", invited.bodyAsJsonObject().getString("generatedPassword")));
    assertEquals(200, login.statusCode(), login.bodyAsString());
    return login.bodyAsJsonObject().getString("accessToken");
  }

  static HttpRequest<Buffer> withCart(HttpRequest<Buffer> request, String token) {
    return token == null ? request : request.putHeader("X-Cart-Token", token);
  }

  static HttpResponse<Buffer> send(HttpRequest<Buffer> request, JsonObject body) throws Exception {
    return request.sendJsonObject(body).await(10, TimeUnit.SECONDS);
  }

  static JsonObject line(HttpResponse<Buffer> cart, String variantId) {
    var lines = cart.bodyAsJsonObject().getJsonArray("lines");
    for (int i = 0; i < lines.size(); i++) {
      if (lines.getJsonObject(i).getString("variantId").equals(variantId)) {
        return lines.getJsonObject(i);
      }
    }
    return null;
  }
}
