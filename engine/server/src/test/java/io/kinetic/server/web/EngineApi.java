package io.kinetic.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kinetic.server.RunningEngine;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The REST API of the shared {@link RunningEngine}, for setting up and checking what the browser shows. */
final class EngineApi {

  private final WebClient http;

  EngineApi(WebClient http) {
    this.http = http;
  }

  /** GET of a storefront resource that must answer 200. */
  JsonObject get(String uri) throws Exception {
    var response = http.get(uri).send().await(10, TimeUnit.SECONDS);
    assertEquals(200, response.statusCode(), uri + " -> " + response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  String staffToken() throws Exception {
    var login = http.post("/api/v1/admin/auth/login")
      .sendJsonObject(new JsonObject().put("email", RunningEngine.ADMIN_EMAIL).put("password", RunningEngine.ADMIN_PASSWORD))
      .await(10, TimeUnit.SECONDS);
    assertEquals(200, login.statusCode(), login.bodyAsString());
    return login.bodyAsJsonObject().getString("accessToken");
  }

  /** Registers a customer through the storefront API. */
  void registerCustomer(String email, String password, String name) throws Exception {
    var created = http.post("/api/v1/auth/register")
      .sendJsonObject(new JsonObject().put("email", email).put("password", password).put("name", name))
      .await(10, TimeUnit.SECONDS);
    assertEquals(201, created.statusCode(), created.bodyAsString());
  }

  /** Creates a published product without categories (so it never shows up in a category page); returns it. */
  JsonObject createProduct(String token, String slug, String name, JsonArray variants) throws Exception {
    var input = new JsonObject()
      .put("slug", slug).put("status", "PUBLISHED").put("defaultLocale", "en")
      .put("translations", new JsonObject().put("en", new JsonObject().put("name", name).put("description", "Made by a browser test")))
      .put("categoryIds", new JsonArray()).put("attributes", new JsonObject()).put("media", new JsonArray())
      .put("seo", new JsonObject().put("title", name).put("description", name))
      .put("variants", variants);
    var created = http.post("/api/v1/admin/products").bearerTokenAuthentication(token).sendJsonObject(input)
      .await(10, TimeUnit.SECONDS);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject();
  }

  /** A product as staff see it (must answer 200). */
  JsonObject adminProduct(String token, String productId) throws Exception {
    var r = http.get("/api/v1/admin/products/" + productId).bearerTokenAuthentication(token).send().await(10, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  static JsonObject variant(String sku, long eur, long usd, int stock) {
    return new JsonObject().put("sku", sku).put("options", new JsonObject().put("size", sku.substring(sku.length() - 1)))
      .put("prices", new JsonArray()
        .add(new JsonObject().put("amount", eur).put("currency", "EUR"))
        .add(new JsonObject().put("amount", usd).put("currency", "USD")))
      .put("stockOnHand", stock);
  }

  /** Sets a variant's price in a currency through the admin API. */
  void setPrice(String token, String sku, String currency, long amount) throws Exception {
    var set = http.put("/api/v1/admin/variants/" + sku + "/prices/" + currency).bearerTokenAuthentication(token)
      .sendJsonObject(new JsonObject().put("amount", amount)).await(10, TimeUnit.SECONDS);
    assertEquals(200, set.statusCode(), set.bodyAsString());
  }

  /** Sets a variant's stock on hand through the admin API. */
  void setStock(String token, String sku, int onHand) throws Exception {
    var set = http.put("/api/v1/admin/variants/" + sku + "/stock").bearerTokenAuthentication(token)
      .sendJsonObject(new JsonObject().put("onHand", onHand)).await(10, TimeUnit.SECONDS);
    assertEquals(200, set.statusCode(), set.bodyAsString());
  }

  /** The guest cart of a token, as the API serves it (must answer 200). */
  JsonObject guestCart(String cartToken) throws Exception {
    var cart = http.get("/api/v1/cart").putHeader("X-Cart-Token", cartToken).send().await(10, TimeUnit.SECONDS);
    assertEquals(200, cart.statusCode(), cart.bodyAsString());
    return cart.bodyAsJsonObject();
  }

  /** Switches a guest cart's currency through the API, as another device or tab would (must answer 200). */
  JsonObject setGuestCartCurrency(String cartToken, String currency) throws Exception {
    var cart = http.put("/api/v1/cart/currency").putHeader("X-Cart-Token", cartToken)
      .putHeader("Idempotency-Key", java.util.UUID.randomUUID().toString())
      .sendJsonObject(new JsonObject().put("currency", currency)).await(10, TimeUnit.SECONDS);
    assertEquals(200, cart.statusCode(), cart.bodyAsString());
    return cart.bodyAsJsonObject();
  }

  /** The status GET /api/v1/cart answers for a guest token (404 once it names no cart). */
  int guestCartStatus(String cartToken) throws Exception {
    return http.get("/api/v1/cart").putHeader("X-Cart-Token", cartToken).send().await(10, TimeUnit.SECONDS).statusCode();
  }

  /** A customer's access token (login through the storefront API). */
  String customerToken(String email, String password) throws Exception {
    var login = http.post("/api/v1/auth/login")
      .sendJsonObject(new JsonObject().put("email", email).put("password", password)).await(10, TimeUnit.SECONDS);
    assertEquals(200, login.statusCode(), login.bodyAsString());
    return login.bodyAsJsonObject().getString("accessToken");
  }

  /** The customer's cart (must answer 200). */
  JsonObject customerCart(String accessToken) throws Exception {
    var cart = http.get("/api/v1/cart").bearerTokenAuthentication(accessToken).send().await(10, TimeUnit.SECONDS);
    assertEquals(200, cart.statusCode(), cart.bodyAsString());
    return cart.bodyAsJsonObject();
  }

  /**
   * A guest's order placed through the API: a new guest cart holding {@code quantity} of the variant,
   * shipped to Berlin with the cheapest method; returns the PlacedOrder ({order, accessToken}).
   */
  JsonObject placeGuestOrder(String variantId, int quantity, String email) throws Exception {
    var cart = http.post("/api/v1/cart").sendJsonObject(new JsonObject().put("currency", "EUR")).await(10, TimeUnit.SECONDS);
    assertEquals(201, cart.statusCode(), cart.bodyAsString());
    String token = cart.bodyAsJsonObject().getString("token");
    var line = http.post("/api/v1/cart/lines").putHeader("X-Cart-Token", token)
      .sendJsonObject(new JsonObject().put("variantId", variantId).put("quantity", quantity)).await(10, TimeUnit.SECONDS);
    assertEquals(200, line.statusCode(), line.bodyAsString());
    var quote = http.post("/api/v1/checkout/quote").putHeader("X-Cart-Token", token)
      .sendJsonObject(new JsonObject().put("shippingAddress", new JsonObject().put("country", "DE"))).await(10, TimeUnit.SECONDS);
    assertEquals(200, quote.statusCode(), quote.bodyAsString());
    var address = new JsonObject().put("name", "Grace Guest").put("line1", "Karl-Marx-Allee 1").put("postalCode", "10178")
      .put("city", "Berlin").put("country", "DE");
    var placed = http.post("/api/v1/checkout/orders").putHeader("X-Cart-Token", token)
      .putHeader("Idempotency-Key", java.util.UUID.randomUUID().toString())
      .sendJsonObject(new JsonObject().put("email", email).put("shippingAddress", address)
        .put("shippingMethodId", quote.bodyAsJsonObject().getJsonObject("shipping").getString("methodId")))
      .await(10, TimeUnit.SECONDS);
    assertEquals(201, placed.statusCode(), placed.bodyAsString());
    return placed.bodyAsJsonObject();
  }

  /** Pays an order with a test card as its guest ({@code X-Order-Token}); returns the status code. */
  int payWithTestCard(String orderId, String orderToken, String card) throws Exception {
    return http.post("/api/v1/orders/" + orderId + "/payment/test-card").putHeader("X-Order-Token", orderToken)
      .putHeader("Idempotency-Key", java.util.UUID.randomUUID().toString())
      .sendJsonObject(new JsonObject().put("card", card)).await(10, TimeUnit.SECONDS).statusCode();
  }

  /** An order as its guest sees it (must answer 200). */
  JsonObject guestOrder(String orderId, String orderToken) throws Exception {
    var order = http.get("/api/v1/orders/" + orderId).putHeader("X-Order-Token", orderToken).send().await(10, TimeUnit.SECONDS);
    assertEquals(200, order.statusCode(), order.bodyAsString());
    return order.bodyAsJsonObject();
  }

  /** A customer's address saved through the API. */
  void saveAddress(String accessToken, JsonObject address) throws Exception {
    var saved = http.post("/api/v1/me/addresses").bearerTokenAuthentication(accessToken).sendJsonObject(address)
      .await(10, TimeUnit.SECONDS);
    assertEquals(201, saved.statusCode(), saved.bodyAsString());
  }

  /** The customer's orders, newest first (must answer 200). */
  JsonObject customerOrders(String accessToken) throws Exception {
    var orders = http.get("/api/v1/orders").bearerTokenAuthentication(accessToken).send().await(10, TimeUnit.SECONDS);
    assertEquals(200, orders.statusCode(), orders.bodyAsString());
    return orders.bodyAsJsonObject();
  }

  /** The checkout's tax and shipping settings (staff, admin role). */
  JsonObject checkoutSettings(String staffToken) throws Exception {
    var settings = http.get("/api/v1/admin/checkout/settings").bearerTokenAuthentication(staffToken).send().await(10, TimeUnit.SECONDS);
    assertEquals(200, settings.statusCode(), settings.bodyAsString());
    return settings.bodyAsJsonObject();
  }

  /** Adds a shipping zone (staff, admin role); returns its id. */
  String addShippingZone(String staffToken, JsonObject zone) throws Exception {
    var saved = http.post("/api/v1/admin/checkout/shipping-zones").bearerTokenAuthentication(staffToken).sendJsonObject(zone)
      .await(10, TimeUnit.SECONDS);
    assertEquals(200, saved.statusCode(), saved.bodyAsString());
    return saved.bodyAsJsonObject().getJsonArray("zones").stream().map(JsonObject.class::cast)
      .filter(z -> zone.getString("name").equals(z.getString("name"))).findFirst().orElseThrow().getString("id");
  }

  /** Removes a shipping zone (staff, admin role). */
  void removeShippingZone(String staffToken, String zoneId) throws Exception {
    var removed = http.delete("/api/v1/admin/checkout/shipping-zones/" + zoneId).bearerTokenAuthentication(staffToken).send()
      .await(10, TimeUnit.SECONDS);
    assertEquals(200, removed.statusCode(), removed.bodyAsString());
  }

  /** A quote of a new guest cart holding one unit of the variant, shipped to {@code country}. */
  JsonObject guestQuote(String variantId, String country) throws Exception {
    var cart = http.post("/api/v1/cart/lines").sendJsonObject(new JsonObject().put("variantId", variantId).put("quantity", 1))
      .await(10, TimeUnit.SECONDS);
    assertEquals(201, cart.statusCode(), cart.bodyAsString());
    var quote = http.post("/api/v1/checkout/quote").putHeader("X-Cart-Token", cart.bodyAsJsonObject().getString("token"))
      .sendJsonObject(new JsonObject().put("shippingAddress", new JsonObject().put("country", country))).await(10, TimeUnit.SECONDS);
    assertEquals(200, quote.statusCode(), quote.bodyAsString());
    return quote.bodyAsJsonObject();
  }

  /** Whether the engine accepts a graphql-transport-ws WebSocket on /graphql (GraphQL subscriptions). */
  static boolean offersSubscriptions(int httpPort) {
    try {
      WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
        .subprotocols("graphql-transport-ws")
        .buildAsync(URI.create("ws://127.0.0.1:" + httpPort + "/graphql"), new WebSocket.Listener() { })
        .get(10, TimeUnit.SECONDS);
      socket.abort();
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  void deleteProduct(String token, String id) throws Exception {
    http.delete("/api/v1/admin/products/" + id).bearerTokenAuthentication(token).send().await(10, TimeUnit.SECONDS);
  }

  /** A product list page's items by slug. */
  static Map<String, JsonObject> bySlug(JsonObject page) {
    return page.getJsonArray("items").stream().map(JsonObject.class::cast)
      .collect(Collectors.toMap(p -> p.getString("slug"), Function.identity()));
  }

  /** The variant the product page selects first: the first one available (else in stock), else the first. */
  static JsonObject shownVariant(JsonObject product) {
    List<JsonObject> variants = product.getJsonArray("variants").stream().map(JsonObject.class::cast).toList();
    return variants.stream().filter(v -> v.getInteger("available", v.getInteger("stockOnHand")) > 0).findFirst()
      .orElse(variants.get(0));
  }

  /** The amount of a variant's price in a currency, or -1. */
  static long price(JsonObject variant, String currency) {
    return variant.getJsonArray("prices").stream().map(JsonObject.class::cast)
      .filter(p -> currency.equals(p.getString("currency"))).mapToLong(p -> p.getLong("amount")).findFirst().orElse(-1);
  }

  /** What the UI shows for an amount in locale "en" (Intl.NumberFormat): €1,234.50 / $19.99. */
  static String formatted(long amount, String currency) {
    String symbol = switch (currency) {
      case "EUR" -> "€";
      case "USD" -> "$";
      default -> throw new IllegalArgumentException(currency);
    };
    return symbol + String.format(Locale.ROOT, "%,.2f", amount / 100.0);
  }

  /** A list card's price label: its lowest price, "from …" when the variants' prices differ. */
  static String cardPrice(JsonObject card, String currency) {
    JsonObject min = card.getJsonObject("priceMin");
    JsonObject max = card.getJsonObject("priceMax");
    if (!currency.equals(min.getString("currency"))) {
      throw new AssertionError("a card priced in " + min.getString("currency") + ", not " + currency);
    }
    boolean varies = max != null && max.getLong("amount") != min.getLong("amount").longValue();
    return varies ? "from " + formatted(min.getLong("amount"), currency) : formatted(min.getLong("amount"), currency);
  }
}
