package io.kinetic.server;

import static io.kinetic.server.CartEndToEndTest.assertProblem;
import static io.kinetic.server.CheckoutEndToEndTest.GERMANY_STANDARD;
import static io.kinetic.server.CheckoutEndToEndTest.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.testing.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What happens when shoppers do not pay in time, and when money arrives after that, on an engine of
 * its own with short timeouts (2 s to pay, reconciliation every second, "late" test cards after 5 s);
 * and the shop's tax and shipping settings, which would disturb other tests on the shared engine.
 */
class CheckoutTimeoutTest {

  private static final String ADMIN = "timeout-admin@example.com";
  private static final String PASSWORD = "timeout-admin-password";
  private static final String LATE = "4000 0000 0000 0259";
  private static Engine engine;
  private static Vertx vertx;
  private static WebClient http;
  private static Shop shop;
  private static String pgUrl;

  @BeforeAll
  static void start() throws Exception {
    var env = EngineEnv.extra(ADMIN, PASSWORD);
    env.put("COMMERCE_CHECKOUT_PAYMENT_TIMEOUT_SECONDS", "2");
    env.put("COMMERCE_CHECKOUT_RECONCILE_SECONDS", "1");
    env.put("COMMERCE_CHECKOUT_PENDING_CHECK_SECONDS", "1");
    env.put("COMMERCE_CHECKOUT_TEST_LATE_MILLIS", "5000");
    env.put("COMMERCE_OUTBOX_POLL_MILLIS", "200");
    env.put("COMMERCE_CART_MAX_LINE_QUANTITY", "12");
    pgUrl = env.get("COMMERCE_PG_URL");
    engine = Engine.start(env);
    vertx = Vertx.vertx();
    http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
    shop = new Shop(http, ADMIN, PASSWORD);
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      vertx.close();
    }
    if (engine != null) {
      engine.stop();
    }
  }

  private JsonObject placeOrder(JsonObject product, int quantity) throws Exception {
    String guest = shop.add(null, Shop.variantId(product, 0), quantity).getHeader("X-Cart-Token");
    var placed = Shop.send(Shop.withCart(http.post("/api/v1/checkout/orders"), guest).putHeader("Idempotency-Key", UUID.randomUUID().toString()),
      order("late@example.com", "DE", GERMANY_STANDARD));
    assertEquals(201, placed.statusCode(), placed.bodyAsString());
    return placed.bodyAsJsonObject();
  }

  private JsonObject detail(String orderId) throws Exception {
    var r = http.get("/api/v1/admin/orders/" + orderId).bearerTokenAuthentication(shop.staffToken()).send().await(10, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  private int onHand(JsonObject product) throws Exception {
    var page = http.get("/api/v1/admin/products/" + product.getString("id")).bearerTokenAuthentication(shop.staffToken())
      .send().await(10, TimeUnit.SECONDS);
    return page.bodyAsJsonObject().getJsonArray("variants").getJsonObject(0).getInteger("stockOnHand");
  }

  private static List<String> timeline(JsonObject detail) {
    var types = new ArrayList<String>();
    detail.getJsonArray("timeline").forEach(e -> types.add(((JsonObject) e).getString("type")));
    return types;
  }

  private HttpResponse<Buffer> pay(JsonObject placed, String card) throws Exception {
    return http.post("/api/v1/orders/" + placed.getJsonObject("order").getString("id") + "/payment/test-card")
      .putHeader("X-Order-Token", placed.getString("accessToken")).sendJsonObject(new JsonObject().put("card", card))
      .await(10, TimeUnit.SECONDS);
  }

  /**
   * The storefront learns where the shop ships (the shipping address's country list) and how many units
   * a cart line holds (its quantity pickers), over REST and GraphQL: without a rest-of-the-world zone
   * only the zones' countries with an active method, with one every country but those of a zone
   * without an active method; the line limit is the configured one (12 here, not the default 99).
   */
  @Test
  void theShopSaysWhereItShipsAndHowManyUnitsALineHolds() throws Exception {
    String staff = shop.staffToken();
    var currencies = http.get("/api/v1/cart/currencies").send().await(10, TimeUnit.SECONDS);
    assertEquals(200, currencies.statusCode(), currencies.bodyAsString());
    assertEquals(12, currencies.bodyAsJsonObject().getInteger("maxLineQuantity"));
    assertEquals(12, graphql("{ currencies { maxLineQuantity } }").getJsonObject("currencies").getInteger("maxLineQuantity"));

    // the seeded zones: Germany, the EU and the rest of the world
    JsonObject everywhere = shippingCountries();
    assertTrue(everywhere.getBoolean("everywhere"), everywhere.encode());
    List<String> all = strings(everywhere.getJsonArray("countries"));
    assertTrue(all.containsAll(List.of("DE", "AT", "US", "JP", "CH")), everywhere.encode());
    assertEquals(List.of("DE", "AT"), all.subList(0, 2), "the zones' own countries first, in their order");

    // no rest of the world any more; a zone without an active method ships nowhere, one with ships to its country
    String restOfWorld = "5b0c0b9e-0000-4000-8000-000000000003";
    var deleted = http.delete("/api/v1/admin/checkout/shipping-zones/" + restOfWorld).bearerTokenAuthentication(staff)
      .send().await(10, TimeUnit.SECONDS);
    assertEquals(200, deleted.statusCode(), deleted.bodyAsString());
    JsonObject method = new JsonObject().put("name", "Mountain post").put("prices", new JsonObject().put("EUR", 2500))
      .put("minDays", 3).put("maxDays", 5);
    saveZone(new JsonObject().put("name", "Alps").put("countries", new JsonArray().add("CH").add("LI"))
      .put("methods", new JsonArray().add(method.copy().put("active", false))));
    saveZone(new JsonObject().put("name", "Malta").put("countries", new JsonArray().add("MT")).put("methods", new JsonArray().add(method)));
    JsonObject zoned = shippingCountries();
    assertFalse(zoned.getBoolean("everywhere"), zoned.encode());
    List<String> countries = strings(zoned.getJsonArray("countries"));
    assertEquals(List.of("DE", "AT", "BE", "DK", "ES", "FR", "IE", "IT", "LU", "NL", "PL", "SE"), countries.subList(0, 12), zoned.encode());
    assertTrue(countries.contains("MT"), zoned.encode());
    for (String notShipped : List.of("CH", "LI", "US", "JP")) {
      assertFalse(countries.contains(notShipped), notShipped + " in " + zoned.encode());
    }
    JsonObject quoted = graphql("{ shippingCountries { countries everywhere } }").getJsonObject("shippingCountries");
    assertEquals(zoned, quoted, "GraphQL says the same");

    // in a currency: only where a method is priced in it (Malta's post is priced in EUR only); none: nowhere
    JsonObject inDollars = shippingCountries("?currency=USD");
    List<String> dollarCountries = strings(inDollars.getJsonArray("countries"));
    assertEquals(countries.subList(0, 12), dollarCountries, inDollars.encode());
    assertFalse(inDollars.getBoolean("everywhere"), inDollars.encode());
    assertEquals(zoned, shippingCountries("?currency=EUR"), "every zone's method is priced in EUR");
    assertEquals(new JsonObject().put("countries", new JsonArray()).put("everywhere", false), shippingCountries("?currency=JPY"));
    assertEquals(inDollars, graphql("{ shippingCountries(currency: \"USD\") { countries everywhere } }").getJsonObject("shippingCountries"),
      "GraphQL says the same in a currency");
    // not a currency code: refused in both, and not echoed
    var bad = http.get("/api/v1/checkout/shipping-countries?currency=usd%3Cb%3E").send().await(10, TimeUnit.SECONDS);
    assertEquals(400, bad.statusCode(), bad.bodyAsString());
    assertEquals("VALIDATION_FAILED", bad.bodyAsJsonObject().getString("code"), bad.bodyAsString());
    assertFalse(bad.bodyAsString().contains("<b>"), bad.bodyAsString());
    var badQuery = Shop.send(http.post("/graphql"), new JsonObject().put("query", "{ shippingCountries(currency: \"usd<b>\") { countries } }"));
    assertEquals("VALIDATION_FAILED", badQuery.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0)
      .getJsonObject("extensions").getString("code"), badQuery.bodyAsString());
    assertFalse(badQuery.bodyAsString().contains("<b>"), badQuery.bodyAsString());

    // the rest of the world again: every country but the Alps' (a zone of its own, without an active method)
    saveZone(new JsonObject().put("name", "World").put("countries", new JsonArray().add("*")).put("methods", new JsonArray().add(method)));
    JsonObject again = shippingCountries();
    assertTrue(again.getBoolean("everywhere"), again.encode());
    List<String> world = strings(again.getJsonArray("countries"));
    assertEquals(java.util.Locale.getISOCountries().length - 2, world.size(), again.encode());
    assertTrue(world.containsAll(List.of("DE", "MT", "US", "JP")) && !world.contains("CH") && !world.contains("LI"), again.encode());
    assertEquals(world.size(), new java.util.HashSet<>(world).size(), "each country once");
  }

  private JsonObject shippingCountries() throws Exception {
    return shippingCountries("");
  }

  private JsonObject shippingCountries(String query) throws Exception {
    var r = http.get("/api/v1/checkout/shipping-countries" + query).send().await(10, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals("public, max-age=60", r.getHeader("Cache-Control"));
    return r.bodyAsJsonObject();
  }

  private void saveZone(JsonObject zone) throws Exception {
    var saved = Shop.send(http.post("/api/v1/admin/checkout/shipping-zones").bearerTokenAuthentication(shop.staffToken()), zone);
    assertEquals(200, saved.statusCode(), saved.bodyAsString());
  }

  private JsonObject graphql(String query) throws Exception {
    var r = Shop.send(http.post("/graphql"), new JsonObject().put("query", query));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals(null, r.bodyAsJsonObject().getValue("errors"), r.bodyAsString());
    return r.bodyAsJsonObject().getJsonObject("data");
  }

  private static List<String> strings(JsonArray array) {
    return array.stream().map(String::valueOf).toList();
  }

  /** A product of a tax class is taxed at its class's rate where the country has one, else at the standard rate. */
  @Test
  void aReducedRateProductIsTaxedAtItsClassRate() throws Exception {
    var rate = http.put("/api/v1/admin/checkout/tax-rates/DE/reduced").bearerTokenAuthentication(shop.staffToken())
      .sendJsonObject(new JsonObject().put("rate", 700)).await(10, TimeUnit.SECONDS);
    assertEquals(200, rate.statusCode(), rate.bodyAsString());
    var product = shop.product("PUBLISHED", "reduced", 5);
    assertEquals("reduced", product.getString("taxClass"), product.encode());
    String guest = shop.add(null, Shop.variantId(product, 0), 1).getHeader("X-Cart-Token");
    for (var c : List.of(new Object[] {"DE", 700, "reduced", 65L}, new Object[] {"FR", 2000, "standard", 167L})) {
      var quote = Shop.send(Shop.withCart(http.post("/api/v1/checkout/quote"), guest),
        new JsonObject().put("shippingAddress", new JsonObject().put("country", c[0])));
      assertEquals(200, quote.statusCode(), quote.bodyAsString());
      JsonObject line = quote.bodyAsJsonObject().getJsonArray("lines").getJsonObject(0);
      assertEquals(c[1], line.getInteger("taxRate"), c[0] + ": " + line.encode());
      assertEquals(c[2], line.getString("taxClass"));
      assertEquals((long) c[3], line.getJsonObject("tax").getLong("amount"), "1000 gross at the rate, half up");
    }
    var bad = http.post("/api/v1/admin/products").bearerTokenAuthentication(shop.staffToken())
      .sendJsonObject(new JsonObject().put("slug", "bad-tax-" + UUID.randomUUID().toString().substring(0, 8))
        .put("translations", new JsonObject().put("en", new JsonObject().put("name", "x"))).put("taxClass", "Reduced Rate!"))
      .await(10, TimeUnit.SECONDS);
    assertEquals(400, bad.statusCode(), bad.bodyAsString());
  }

  /**
   * The engine died after noting a refund as pending and before the provider's answer came: the
   * reconciliation sends it again with the same idempotency key and records the answer once.
   */
  @Test
  void aRefundTheEngineNeverHeardBackAboutIsSentAgainAndRecordedOnce() throws Exception {
    var product = shop.product("PUBLISHED", 5);
    var placed = placeOrder(product, 1);
    String orderId = placed.getJsonObject("order").getString("id");
    assertEquals(200, pay(placed, "4242 4242 4242 4242").statusCode());
    Eventually.value("paid", () -> detail(orderId), d -> "paid".equals(d.getJsonObject("order").getString("state")));
    var jdbc = io.kinetic.kernel.pg.PgPools.jdbc(pgUrl);
    try (var c = java.sql.DriverManager.getConnection(jdbc.url(), jdbc.user(), jdbc.password());
         var st = c.prepareStatement("""
           UPDATE checkout.orders SET updated_at = now() - interval '1 hour', ops = jsonb_build_object('refunds', jsonb_build_array(
             jsonb_build_object('id', gen_random_uuid(), 'key', 'before-the-crash', 'amount', 300, 'reason', 'crash test',
               'lines', '[]'::jsonb, 'status', 'pending', 'at', '2026-01-01T00:00:00Z')))
           WHERE id = ?::uuid""")) {
      st.setString(1, orderId);
      assertEquals(1, st.executeUpdate());
    }
    JsonObject done = Eventually.value("the refund sent again and recorded", Duration.ofSeconds(20), () -> detail(orderId),
      d -> "succeeded".equals(d.getJsonObject("order").getJsonArray("refunds").getJsonObject(0).getString("status")));
    assertEquals(300, done.getJsonObject("order").getJsonObject("payment").getJsonObject("refunded").getLong("amount"));
    Thread.sleep(2500); // more reconciliation rounds and the provider's notice change nothing
    JsonObject later = detail(orderId);
    assertEquals(300, later.getJsonObject("order").getJsonObject("payment").getJsonObject("refunded").getLong("amount"));
    assertEquals(1, timeline(later).stream().filter("PaymentRefunded"::equals).count(), timeline(later).toString());
  }

  @Test
  void anOrderNotPaidInTimeIsCancelledAndItsStockReleased() throws Exception {
    var product = shop.product("PUBLISHED", 5);
    var placed = placeOrder(product, 2);
    String id = placed.getJsonObject("order").getString("id");
    assertEquals(3, onHand(product));
    var cancelled = Eventually.value("the unpaid order is cancelled", Duration.ofSeconds(15), () -> detail(id),
      d -> "cancelled".equals(d.getJsonObject("order").getString("state")) && d.getJsonObject("order").getJsonArray("flags").isEmpty()
        && "canceled".equals(d.getJsonObject("order").getJsonObject("payment").getString("status")));
    JsonArray events = cancelled.getJsonArray("timeline");
    assertEquals("PAYMENT_TIMEOUT", events.getJsonObject(events.size() - 1).getString("note"), events.encode());
    Eventually.until("the stock is back", () -> onHand(product) == 5);
    assertProblem(pay(placed, "4242 4242 4242 4242"), 409, "PAYMENT_NOT_ALLOWED");
  }

  @Test
  void aPaymentThatSucceedsAfterTheTimeoutTakesTheStockAgain() throws Exception {
    var product = shop.product("PUBLISHED", 5);
    var placed = placeOrder(product, 1);
    String id = placed.getJsonObject("order").getString("id");
    assertEquals(200, pay(placed, LATE).statusCode());
    Eventually.value("cancelled while the payment is processing", Duration.ofSeconds(15), () -> detail(id),
      d -> "cancelled".equals(d.getJsonObject("order").getString("state")));
    Eventually.until("its stock released", () -> onHand(product) == 5);
    var paid = Eventually.value("paid when the money arrives", Duration.ofSeconds(20), () -> detail(id),
      d -> "paid".equals(d.getJsonObject("order").getString("state")));
    assertEquals(4, onHand(product), "the stock was taken again");
    assertTrue(timeline(paid).containsAll(List.of("OrderCancelled", "PaymentSucceededAfterCancel", "PaymentSucceeded")), timeline(paid).toString());
    assertTrue(paid.getJsonObject("order").getJsonArray("flags").isEmpty(), paid.encode());
  }

  @Test
  void aPaymentThatSucceedsAfterTheStockIsGoneIsRefunded() throws Exception {
    var product = shop.product("PUBLISHED", 1);
    var placed = placeOrder(product, 1);
    String id = placed.getJsonObject("order").getString("id");
    assertEquals(200, pay(placed, LATE).statusCode());
    Eventually.value("cancelled while the payment is processing", Duration.ofSeconds(15), () -> detail(id),
      d -> "cancelled".equals(d.getJsonObject("order").getString("state")));
    Eventually.until("its stock released", () -> onHand(product) == 1);
    shop.setStock(Shop.sku(product, 0), 0); // sold elsewhere meanwhile
    var refunded = Eventually.value("refunded when the money arrives", Duration.ofSeconds(20), () -> detail(id),
      d -> "refunded".equals(d.getJsonObject("order").getString("state")));
    JsonObject order = refunded.getJsonObject("order");
    assertTrue(order.getJsonArray("flags").contains("REFUNDED_NO_STOCK"), order.encode());
    assertEquals("refunded", order.getJsonObject("payment").getString("status"));
    assertEquals(order.getJsonObject("totals").getJsonObject("total").getLong("amount"),
      order.getJsonObject("payment").getJsonObject("refunded").getLong("amount"));
    assertEquals(1, timeline(refunded).stream().filter("PaymentRefunded"::equals).count(), timeline(refunded).toString());
    Thread.sleep(500); // the provider's refund notice arrives too, and changes nothing
    assertEquals(order.getLong("version"), detail(id).getJsonObject("order").getLong("version"));
    assertEquals(0, onHand(product));
  }

  @Test
  void staffSetTaxAndShipping() throws Exception {
    var product = shop.product("PUBLISHED", 50);
    String guest = shop.add(null, Shop.variantId(product, 0), 1).getHeader("X-Cart-Token"); // 10.00 EUR
    String staff = shop.staffToken();
    var settings = http.get("/api/v1/admin/checkout/settings").bearerTokenAuthentication(staff).send().await(10, TimeUnit.SECONDS);
    assertEquals(200, settings.statusCode(), settings.bodyAsString());
    assertTrue(settings.bodyAsJsonObject().getBoolean("pricesIncludeTax"));

    var net = Shop.send(http.patch("/api/v1/admin/checkout/settings").bearerTokenAuthentication(staff),
      new JsonObject().put("pricesIncludeTax", false));
    assertEquals(200, net.statusCode(), net.bodyAsString());
    var rate = Shop.send(http.put("/api/v1/admin/checkout/tax-rates/DE/standard").bearerTokenAuthentication(staff),
      new JsonObject().put("rate", 700));
    assertEquals(200, rate.statusCode(), rate.bodyAsString());
    JsonObject quote = quote(guest, "DE");
    assertEquals(1000, quote.getJsonObject("totals").getJsonObject("itemsNet").getLong("amount"));
    assertEquals(70, quote.getJsonObject("totals").getJsonObject("itemsTax").getLong("amount"), "7 % on top of the net price");
    assertEquals(1070, quote.getJsonObject("totals").getJsonObject("itemsGross").getLong("amount"));

    var taken = Shop.send(http.post("/api/v1/admin/checkout/shipping-zones").bearerTokenAuthentication(staff),
      new JsonObject().put("name", "Twice").put("countries", new JsonArray().add("DE")).put("methods", new JsonArray()));
    assertProblem(taken, 400, "VALIDATION_FAILED");
    assertEquals("countries", taken.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"),
      "errors name the fields of the body sent");
    var nordics = Shop.send(http.post("/api/v1/admin/checkout/shipping-zones").bearerTokenAuthentication(staff),
      new JsonObject().put("name", "Nordics").put("countries", new JsonArray().add("no").add("IS"))
        .put("methods", new JsonArray().add(new JsonObject().put("name", "Fjord post").put("prices", new JsonObject().put("EUR", 1500))
          .put("freeAbove", new JsonObject().put("EUR", 900)).put("minDays", 4).put("maxDays", 8))));
    assertEquals(200, nordics.statusCode(), nordics.bodyAsString());
    JsonObject toNorway = quote(guest, "NO");
    assertEquals("Fjord post", toNorway.getJsonObject("shipping").getString("name"));
    assertTrue(toNorway.getJsonObject("shipping").getBoolean("free"), "the items reach the free-shipping threshold");
    assertEquals(0, toNorway.getJsonObject("totals").getJsonObject("tax").getLong("amount"), "no rate for Norway: 0 %");
    assertProblem(Shop.send(http.put("/api/v1/admin/checkout/tax-rates/DE/standard").bearerTokenAuthentication(staff),
      new JsonObject().put("rate", 10001)), 400, "VALIDATION_FAILED");
    assertProblem(http.delete("/api/v1/admin/checkout/tax-rates/NO/standard").bearerTokenAuthentication(staff).send()
      .await(10, TimeUnit.SECONDS), 404, "TAX_RATE_NOT_FOUND");
    String customer = shop.customer();
    assertProblem(http.get("/api/v1/admin/checkout/settings").bearerTokenAuthentication(customer).send().await(10, TimeUnit.SECONDS),
      403, "FORBIDDEN");

    // placed orders keep their figures when the settings change
    var placed = Shop.send(Shop.withCart(http.post("/api/v1/checkout/orders"), guest),
      order("tax@example.com", "DE", GERMANY_STANDARD));
    assertEquals(201, placed.statusCode(), placed.bodyAsString());
    Shop.send(http.patch("/api/v1/admin/checkout/settings").bearerTokenAuthentication(staff), new JsonObject().put("pricesIncludeTax", true));
    var order = detail(placed.bodyAsJsonObject().getJsonObject("order").getString("id")).getJsonObject("order");
    assertEquals(70, order.getJsonObject("totals").getJsonObject("itemsTax").getLong("amount"));
    assertEquals(false, order.getBoolean("pricesIncludeTax"));
  }

  private JsonObject quote(String guest, String country) throws Exception {
    var r = Shop.send(Shop.withCart(http.post("/api/v1/checkout/quote"), guest),
      new JsonObject().put("shippingAddress", new JsonObject().put("country", country)));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }
}
