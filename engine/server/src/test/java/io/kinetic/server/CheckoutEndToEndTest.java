package io.kinetic.server;

import static io.kinetic.server.CartEndToEndTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.checkout.CheckoutApi;
import io.kinetic.kernel.contract.checkout.GetOrders;
import io.kinetic.kernel.contract.checkout.OrderView;
import io.kinetic.kernel.contract.checkout.OrderViews;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Checkout as shoppers, customers, staff and hostile callers meet it over REST: quotes with tax and
 * shipping, placing orders (once per idempotency key, never more than the stock), paying with the
 * test provider (declined, then paid; the notice and the return both arrive), and who may see an order.
 */
// creates products: never while StorefrontBrowserTest compares the home page with the API
@ResourceLock(value = "storefront-catalogue", mode = ResourceAccessMode.READ)
class CheckoutEndToEndTest {

  static final String GERMANY_STANDARD = "5b0c0b9e-0000-4000-8000-000000000101";
  static final String EU_STANDARD = "5b0c0b9e-0000-4000-8000-000000000201";
  static final String WORLD_INTERNATIONAL = "5b0c0b9e-0000-4000-8000-000000000301";
  private static WebClient http;
  private static Shop shop;
  private static Vertx raceVertx;
  private static WebClient racers;

  @BeforeAll
  static void start() throws Exception {
    http = RunningEngine.client();
    shop = new Shop(http, RunningEngine.ADMIN_EMAIL, RunningEngine.ADMIN_PASSWORD);
    raceVertx = Vertx.vertx();
    racers = WebClient.create(raceVertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(RunningEngine.httpPort()),
      new PoolOptions().setHttp1MaxSize(100));
  }

  @AfterAll
  static void stop() {
    raceVertx.close();
  }

  static JsonObject address(String country) {
    return new JsonObject().put("name", "Ada Lovelace").put("line1", "Main Street 1").put("postalCode", "AT".equalsIgnoreCase(country) ? "1010" : "10115")
      .put("city", "Berlin").put("country", country);
  }

  static JsonObject order(String email, String country, String method) {
    return new JsonObject().put("email", email).put("shippingAddress", address(country)).put("shippingMethodId", method);
  }

  static HttpResponse<Buffer> place(WebClient client, String cartToken, String key, JsonObject body) throws Exception {
    HttpRequest<Buffer> request = Shop.withCart(client.post("/api/v1/checkout/orders"), cartToken);
    if (key != null) {
      request.putHeader("Idempotency-Key", key);
    }
    return request.sendJsonObject(body).await(20, TimeUnit.SECONDS);
  }

  static HttpResponse<Buffer> pay(String orderId, String accessToken, String card) throws Exception {
    return http.post("/api/v1/orders/" + orderId + "/payment/test-card").putHeader("X-Order-Token", accessToken)
      .sendJsonObject(new JsonObject().put("card", card)).await(10, TimeUnit.SECONDS);
  }

  static HttpResponse<Buffer> confirm(String orderId, String accessToken) throws Exception {
    return http.post("/api/v1/orders/" + orderId + "/payment/confirm").putHeader("X-Order-Token", accessToken)
      .send().await(10, TimeUnit.SECONDS);
  }

  static HttpResponse<Buffer> get(String orderId, String accessToken) throws Exception {
    return http.get("/api/v1/orders/" + orderId).putHeader("X-Order-Token", accessToken).send().await(10, TimeUnit.SECONDS);
  }

  private static long amount(JsonObject money) {
    return money.getLong("amount");
  }

  @Test
  void aGuestIsQuotedTaxAndShippingPlacesAnOrderAndPaysAfterADecline() throws Exception {
    var product = shop.product("PUBLISHED", 10, 10); // 10.00 and 11.00 EUR, prices include tax
    String guest = shop.add(null, Shop.variantId(product, 0), 3).getHeader("X-Cart-Token");
    shop.add(guest, Shop.variantId(product, 1), 1);

    var quote = Shop.send(Shop.withCart(http.post("/api/v1/checkout/quote"), guest),
      new JsonObject().put("shippingAddress", new JsonObject().put("country", "DE")));
    assertEquals(200, quote.statusCode(), quote.bodyAsString());
    JsonObject q = quote.bodyAsJsonObject();
    assertEquals("DE", q.getString("country"));
    assertTrue(q.getBoolean("pricesIncludeTax"));
    assertEquals(List.of(), q.getJsonArray("problems").getList());
    // per line, half up: 3000 × 19/119 = 478.99 → 479; 1100 × 19/119 = 175.63 → 176
    JsonObject first = q.getJsonArray("lines").getJsonObject(0);
    assertEquals(3000, amount(first.getJsonObject("gross")));
    assertEquals(479, amount(first.getJsonObject("tax")));
    assertEquals(2521, amount(first.getJsonObject("net")));
    JsonObject totals = q.getJsonObject("totals");
    assertEquals(4100, amount(totals.getJsonObject("itemsGross")));
    assertEquals(479 + 176, amount(totals.getJsonObject("itemsTax")));
    assertEquals(GERMANY_STANDARD, q.getJsonObject("shipping").getString("methodId"), "the cheapest method is chosen");
    assertEquals(490, amount(q.getJsonObject("shipping").getJsonObject("price")));
    assertEquals(78, amount(totals.getJsonObject("shippingTax")), "490 × 19/119 = 78.2");
    assertEquals(4590, amount(totals.getJsonObject("total")));
    assertEquals(2, q.getJsonArray("shippingOptions").size(), "standard and express ship to Germany");

    var refused = place(http, guest, UUID.randomUUID().toString(), order("ada@example.com", "DE", GERMANY_STANDARD).put("expectedTotal", 4000));
    assertProblem(refused, 409, "CART_CHANGED");
    assertEquals("the total is now 45.90 EUR, not 40.00 EUR: look at the checkout again",
      refused.bodyAsJsonObject().getString("detail"), "money, not minor units");
    var smuggled = place(http, guest, UUID.randomUUID().toString(), order("ada@example.com", "DE", GERMANY_STANDARD).put("total", 1));
    assertProblem(smuggled, 400, "UNKNOWN_FIELD");
    var noEmail = place(http, guest, UUID.randomUUID().toString(), order(null, "DE", GERMANY_STANDARD));
    assertProblem(noEmail, 400, "VALIDATION_FAILED");
    var wrongMethod = place(http, guest, UUID.randomUUID().toString(), order("ada@example.com", "FR", GERMANY_STANDARD));
    assertProblem(wrongMethod, 422, "SHIPPING_METHOD_UNAVAILABLE");

    var placed = place(http, guest, UUID.randomUUID().toString(), order("ada@example.com", "DE", GERMANY_STANDARD).put("expectedTotal", 4590));
    assertEquals(201, placed.statusCode(), placed.bodyAsString());
    JsonObject o = placed.bodyAsJsonObject().getJsonObject("order");
    String token = placed.bodyAsJsonObject().getString("accessToken");
    String id = o.getString("id");
    assertEquals("placed", o.getString("state"));
    assertTrue(o.getString("number").matches("KC-\\d{6,}"), o.getString("number"));
    assertEquals(4590, amount(o.getJsonObject("totals").getJsonObject("total")));
    assertEquals(4590, amount(o.getJsonObject("payment").getJsonObject("amount")), "the payment is for the server's total");
    assertEquals("requires_payment_method", o.getJsonObject("payment").getString("status"));
    assertEquals(0, shop.cart(guest).bodyAsJsonObject().getJsonArray("lines").size(), "the cart was emptied");
    assertEquals(7, available(product, 0), "the order took its units off the stock");

    assertProblem(pay(id, token, "4000 0000 0000 0002"), 402, "PAYMENT_DECLINED");
    JsonObject afterDecline = confirm(id, token).bodyAsJsonObject();
    assertEquals("placed", afterDecline.getString("state"), "a declined card leaves the order awaiting payment");
    assertNotNull(afterDecline.getJsonObject("payment").getString("lastError"));
    io.kinetic.kernel.testing.Eventually.until("the provider's notice of the decline is in the timeline", () ->
      http.get("/api/v1/admin/orders/" + id).bearerTokenAuthentication(shop.staffToken()).send().await(10, TimeUnit.SECONDS)
        .bodyAsJsonObject().getJsonArray("timeline").stream().anyMatch(e -> "PaymentFailed".equals(((JsonObject) e).getString("type"))));

    var paid = pay(id, token, "4242 4242 4242 4242");
    assertEquals(200, paid.statusCode(), paid.bodyAsString());
    var confirmed = confirm(id, token);
    assertEquals("paid", confirmed.bodyAsJsonObject().getString("state"), confirmed.bodyAsString());
    assertEquals("succeeded", confirmed.bodyAsJsonObject().getJsonObject("payment").getString("status"));
    Thread.sleep(300); // the provider's webhook-like notice arrives too, and changes nothing
    assertEquals(confirmed.bodyAsJsonObject().getLong("version"), get(id, token).bodyAsJsonObject().getLong("version"));
    assertProblem(pay(id, token, "4242 4242 4242 4242"), 409, "PAYMENT_NOT_ALLOWED");

    var detail = http.get("/api/v1/admin/orders/" + id).bearerTokenAuthentication(shop.staffToken()).send().await(10, TimeUnit.SECONDS);
    assertEquals(200, detail.statusCode(), detail.bodyAsString());
    assertNull(detail.bodyAsJsonObject().getJsonObject("order").getJsonObject("payment").getString("clientSecret"));
    var types = new ArrayList<String>();
    detail.bodyAsJsonObject().getJsonArray("timeline").forEach(e -> types.add(((JsonObject) e).getString("type")));
    assertEquals(List.of("OrderPlaced", "PaymentFailed", "PaymentSucceeded"), types);
    assertEquals("guest", detail.bodyAsJsonObject().getJsonArray("timeline").getJsonObject(0).getString("actor"));

    // the event the statement that paid the order logged carries the order's fields
    var pool = io.kinetic.kernel.pg.PgPools.create(raceVertx, RunningEngine.pgUrl(), 1, "checkout");
    try {
      var row = pool.preparedQuery("SELECT payload::text AS payload, aggregate_id, aggregate_version FROM outbox "
          + "WHERE event_type = 'checkout.payment-succeeded' AND aggregate_id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(id)).await(10, TimeUnit.SECONDS).iterator().next();
      var event = io.kinetic.kernel.json.Json.decode(row.getString("payload"),
        io.kinetic.kernel.contract.checkout.PaymentSucceeded.class);
      JsonObject paidOrder = confirmed.bodyAsJsonObject();
      assertEquals(UUID.fromString(id), event.orderId());
      assertEquals(paidOrder.getString("number"), event.number());
      assertEquals(paidOrder.getLong("version"), event.version());
      assertEquals(paidOrder.getLong("version"), row.getLong("aggregate_version"));
      assertEquals(paidOrder.getJsonObject("totals").getJsonObject("total").getLong("amount"), event.amount().amount());
      assertEquals(paidOrder.getString("currency"), event.amount().currency());
      assertEquals("test", event.provider());
      assertEquals(paidOrder.getJsonObject("payment").getString("intentId"), event.intentId());
    } finally {
      pool.close();
    }
  }

  /** Hong Kong has no postal codes: an order goes there without one; Germany's must be one of its codes. */
  @Test
  void thePostalCodeFollowsTheCountry() throws Exception {
    var product = shop.product("PUBLISHED", 5);
    String ada = shop.customer();
    shop.addAsCustomer(ada, Shop.variantId(product, 0), 1);
    var refused = Shop.send(http.post("/api/v1/checkout/orders").bearerTokenAuthentication(ada),
      new JsonObject().put("shippingAddress", address("DE").put("postalCode", "1011")).put("shippingMethodId", GERMANY_STANDARD));
    assertProblem(refused, 400, "VALIDATION_FAILED");
    assertEquals("shippingAddress.postalCode", refused.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals("is not a postal code of Germany, such as 10117",
      refused.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("message"));

    JsonObject hongKong = address("HK").put("city", "Hong Kong");
    hongKong.remove("postalCode");
    var placed = Shop.send(http.post("/api/v1/checkout/orders").bearerTokenAuthentication(ada),
      new JsonObject().put("shippingAddress", hongKong).put("shippingMethodId", WORLD_INTERNATIONAL));
    assertEquals(201, placed.statusCode(), placed.bodyAsString());
    JsonObject shipTo = placed.bodyAsJsonObject().getJsonObject("order").getJsonObject("shippingAddress");
    assertEquals("HK", shipTo.getString("country"));
    assertNull(shipTo.getString("postalCode"), shipTo.encode());
  }

  @Test
  void onlyItsOwnerSeesAnOrder() throws Exception {
    var product = shop.product("PUBLISHED", 5);
    String ada = shop.customer();
    String eve = shop.customer();
    shop.addAsCustomer(ada, Shop.variantId(product, 0), 1);
    var placed = Shop.send(http.post("/api/v1/checkout/orders").bearerTokenAuthentication(ada),
      new JsonObject().put("shippingAddress", address("AT")).put("shippingMethodId", EU_STANDARD));
    assertEquals(201, placed.statusCode(), placed.bodyAsString());
    JsonObject order = placed.bodyAsJsonObject().getJsonObject("order");
    String id = order.getString("id");
    assertTrue(order.getString("email").startsWith("cart-"), "a customer's order takes the account's e-mail");

    var mine = http.get("/api/v1/orders").bearerTokenAuthentication(ada).send().await(10, TimeUnit.SECONDS);
    assertEquals(id, mine.bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("id"));
    assertEquals("no-store", mine.getHeader("Cache-Control"));
    assertEquals(200, http.get("/api/v1/orders/" + id).bearerTokenAuthentication(ada).send().await(10, TimeUnit.SECONDS).statusCode());

    assertProblem(http.get("/api/v1/orders/" + id).bearerTokenAuthentication(eve).send().await(10, TimeUnit.SECONDS), 404, "ORDER_NOT_FOUND");
    assertEquals(0, http.get("/api/v1/orders").bearerTokenAuthentication(eve).send().await(10, TimeUnit.SECONDS)
      .bodyAsJsonObject().getJsonArray("items").size());
    assertProblem(get(id, "forged-token"), 404, "ORDER_NOT_FOUND");
    assertProblem(get(id, placed.bodyAsJsonObject().getString("accessToken").substring(1)), 404, "ORDER_NOT_FOUND");
    assertProblem(get(UUID.randomUUID().toString(), placed.bodyAsJsonObject().getString("accessToken")), 404, "ORDER_NOT_FOUND");
    assertEquals(200, get(id, placed.bodyAsJsonObject().getString("accessToken")).statusCode(), "the signed link shows it");
    assertProblem(pay(id, "forged", "4242424242424242"), 404, "ORDER_NOT_FOUND");
    // another customer cannot pay it (nor decline it): the intent stays payable by its owner
    assertProblem(Shop.send(http.post("/api/v1/orders/" + id + "/payment/test-card").bearerTokenAuthentication(eve),
      new JsonObject().put("card", "4000000000000002")), 404, "ORDER_NOT_FOUND");
    assertProblem(Shop.send(http.post("/api/v1/orders/" + id + "/payment/confirm").bearerTokenAuthentication(eve),
      new JsonObject()), 404, "ORDER_NOT_FOUND");
    var untouched = http.get("/api/v1/orders/" + id).bearerTokenAuthentication(ada).send().await(10, TimeUnit.SECONDS)
      .bodyAsJsonObject().getJsonObject("payment");
    assertEquals("requires_payment_method", untouched.getString("status"), untouched.encode());
    assertNull(untouched.getString("lastError"), "another customer's declined card left no trace: " + untouched.encode());
    var paid = Shop.send(http.post("/api/v1/orders/" + id + "/payment/test-card").bearerTokenAuthentication(ada),
      new JsonObject().put("card", "4242424242424242"));
    assertEquals(200, paid.statusCode(), paid.bodyAsString());
    assertEquals("succeeded", paid.bodyAsJsonObject().getString("status"), paid.bodyAsString());
    var confirmed = Shop.send(http.post("/api/v1/orders/" + id + "/payment/confirm").bearerTokenAuthentication(ada), new JsonObject());
    assertEquals("paid", confirmed.bodyAsJsonObject().getString("state"), confirmed.bodyAsString());
    assertProblem(http.get("/api/v1/admin/orders").bearerTokenAuthentication(ada).send().await(10, TimeUnit.SECONDS), 403, "FORBIDDEN");

    var byNumber = http.get("/api/v1/admin/orders").addQueryParam("number", order.getString("number"))
      .bearerTokenAuthentication(shop.staffToken()).send().await(10, TimeUnit.SECONDS);
    assertEquals(1, byNumber.bodyAsJsonObject().getJsonArray("items").size(), byNumber.bodyAsString());
    var byEmail = http.get("/api/v1/admin/orders").addQueryParam("email", order.getString("email").toUpperCase())
      .addQueryParam("state", "paid").bearerTokenAuthentication(shop.staffToken()).send().await(10, TimeUnit.SECONDS);
    assertEquals(id, byEmail.bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("id"));
    assertProblem(http.get("/api/v1/admin/orders").addQueryParam("state", "lost")
      .bearerTokenAuthentication(shop.staffToken()).send().await(10, TimeUnit.SECONDS), 400, "VALIDATION_FAILED");
  }

  @Test
  void anotherContextReadsOrdersByIdInOneRequestWithoutTheirSecrets() throws Exception {
    var product = shop.product("PUBLISHED", 5);
    var ids = new ArrayList<UUID>();
    for (int i = 0; i < 2; i++) {
      String guest = shop.add(null, Shop.variantId(product, 0), 1).getHeader("X-Cart-Token");
      var placed = place(http, guest, UUID.randomUUID().toString(), order("reader" + i + "@example.com", "DE", GERMANY_STANDARD));
      assertEquals(201, placed.statusCode(), placed.bodyAsString());
      assertNotNull(placed.bodyAsJsonObject().getJsonObject("order").getJsonObject("payment").getString("clientSecret"));
      ids.add(UUID.fromString(placed.bodyAsJsonObject().getJsonObject("order").getString("id")));
    }
    var bus = new BusClient(RunningEngine.engineVertx(), 5000);
    var asked = new ArrayList<>(ids);
    asked.add(UUID.randomUUID()); // no such order: left out
    OrderViews found = bus.request(CheckoutApi.GET_ORDERS, new GetOrders(asked), Caller.SYSTEM).await(10, TimeUnit.SECONDS);
    assertEquals(Set.copyOf(ids), found.orders().stream().map(OrderView::id).collect(java.util.stream.Collectors.toSet()));
    for (OrderView order : found.orders()) {
      assertEquals(1, order.lines().size());
      assertNull(order.payment().clientSecret(), "no client secret leaves checkout this way");
    }
    assertEquals(0, bus.request(CheckoutApi.GET_ORDERS, new GetOrders(List.of()), Caller.SYSTEM).await(10, TimeUnit.SECONDS)
      .orders().size());
    var tooMany = java.util.stream.Stream.generate(UUID::randomUUID).limit(GetOrders.MAX + 1).toList();
    Failure refused = assertThrows(Failure.class, () -> bus.request(CheckoutApi.GET_ORDERS, new GetOrders(tooMany), Caller.SYSTEM)
      .await(10, TimeUnit.SECONDS));
    assertEquals(ErrorCode.VALIDATION_FAILED, refused.errorCode());
  }

  @Test
  void oneIdempotencyKeyPlacesOneOrderHoweverOftenItIsSent() throws Exception {
    var product = shop.product("PUBLISHED", 10);
    String guest = shop.add(null, Shop.variantId(product, 0), 2).getHeader("X-Cart-Token");
    String key = UUID.randomUUID().toString();
    var sent = new ArrayList<Future<HttpResponse<Buffer>>>();
    for (int i = 0; i < 5; i++) {
      sent.add(Shop.withCart(racers.post("/api/v1/checkout/orders"), guest).putHeader("Idempotency-Key", key)
        .sendJsonObject(order("ada@example.com", "DE", GERMANY_STANDARD)));
    }
    Set<String> orders = new HashSet<>();
    for (var f : sent) {
      HttpResponse<Buffer> r = f.await(30, TimeUnit.SECONDS);
      if (r.statusCode() == 201) {
        orders.add(r.bodyAsJsonObject().getJsonObject("order").getString("id"));
      } else {
        assertEquals("IDEMPOTENCY_IN_PROGRESS", r.bodyAsJsonObject().getString("code"), r.bodyAsString());
      }
    }
    var again = place(http, guest, key, order("ada@example.com", "DE", GERMANY_STANDARD));
    assertEquals(201, again.statusCode(), again.bodyAsString());
    orders.add(again.bodyAsJsonObject().getJsonObject("order").getString("id"));
    assertEquals(1, orders.size(), "one order: " + orders);
    assertEquals(8, available(product, 0), "its stock was allocated once");
    var mine = http.get("/api/v1/admin/orders").addQueryParam("email", "ada@example.com").addQueryParam("limit", "100")
      .bearerTokenAuthentication(shop.staffToken()).send().await(10, TimeUnit.SECONDS).bodyAsJsonObject().getJsonArray("items");
    long same = mine.stream().filter(o -> orders.contains(((JsonObject) o).getString("id"))).count();
    assertEquals(1, same);
  }

  /**
   * Staff lowered the stock below what a cart holds (its reservation stays): the quote says
   * INSUFFICIENT_STOCK, as the order would fail OUT_OF_STOCK, and the cart's line says so too.
   */
  @Test
  void aQuoteSaysInsufficientStockWhenStaffLoweredTheStockBelowTheCart() throws Exception {
    var product = shop.product("PUBLISHED", 5);
    String guest = shop.add(null, Shop.variantId(product, 0), 3).getHeader("X-Cart-Token");
    shop.setStock(Shop.sku(product, 0), 1);
    Eventually.until("the quote sees the stock", () -> {
      var quote = Shop.send(Shop.withCart(http.post("/api/v1/checkout/quote"), guest),
        new JsonObject().put("shippingAddress", new JsonObject().put("country", "DE")));
      return quote.bodyAsJsonObject().getJsonArray("problems").contains("INSUFFICIENT_STOCK");
    });
    assertTrue(Shop.line(shop.cart(guest), Shop.variantId(product, 0)).getBoolean("insufficientStock"));
    var refused = place(http, guest, UUID.randomUUID().toString(), order("low@example.com", "DE", GERMANY_STANDARD));
    assertProblem(refused, 409, "OUT_OF_STOCK");
    // the figure the cart shows, not "none left" (it said 0 when a unit was there)
    assertEquals(Shop.line(shop.cart(guest), Shop.variantId(product, 0)).getInteger("available"),
      refused.bodyAsJsonObject().getInteger("available"), refused.bodyAsString());
    assertEquals(1, refused.bodyAsJsonObject().getInteger("available"), refused.bodyAsString());
  }

  /**
   * Many requests to place one cart at once, each with its own idempotency key (a double click of a
   * page that makes a key per click): one order, for the cart's units; the others are told that an
   * order is being placed from the cart, or, after it, that the cart is empty. For a guest's cart
   * and a customer's, a few rounds each.
   */
  @Test
  void oneCartPlacesOneOrderWhateverKeysItsConcurrentRequestsCarry() throws Exception {
    var product = shop.product("PUBLISHED", 100);
    String variant = Shop.variantId(product, 0);
    int before = available(product, 0);
    String customer = shop.customer();
    String refusedKey = null;
    for (int round = 0; round < 6; round++) {
      boolean guestRound = round % 2 == 0;
      String guest = guestRound ? shop.add(null, variant, 1).getHeader("X-Cart-Token") : null;
      if (!guestRound) {
        assertEquals(200, shop.addAsCustomer(customer, variant, 1).statusCode());
      }
      var sent = new ArrayList<Future<HttpResponse<Buffer>>>();
      var keys = new ArrayList<String>();
      for (int i = 0; i < 10; i++) {
        keys.add(UUID.randomUUID().toString());
        var request = racers.post("/api/v1/checkout/orders").putHeader("Idempotency-Key", keys.get(i));
        if (guestRound) {
          Shop.withCart(request, guest);
        } else {
          request.bearerTokenAuthentication(customer);
        }
        JsonObject body = guestRound ? order("twice@example.com", "DE", GERMANY_STANDARD)
          : new JsonObject().put("shippingAddress", address("DE")).put("shippingMethodId", GERMANY_STANDARD);
        sent.add(request.sendJsonObject(body));
      }
      int placed = 0;
      for (int i = 0; i < sent.size(); i++) {
        HttpResponse<Buffer> r = sent.get(i).await(30, TimeUnit.SECONDS);
        if (r.statusCode() == 201) {
          placed++;
        } else {
          String code = r.bodyAsJsonObject().getString("code");
          if (!guestRound && code.equals("CHECKOUT_IN_PROGRESS")) {
            refusedKey = keys.get(i);
          }
          assertTrue(code.equals("CHECKOUT_IN_PROGRESS") && r.statusCode() == 409 || code.equals("CART_EMPTY") && r.statusCode() == 422,
            r.statusCode() + " " + r.bodyAsString());
        }
      }
      assertEquals(1, placed, "one order from the cart in round " + round);
      // the cart is free again: the next order from it is placed
    }
    assertEquals(before - 6, available(product, 0), "each round's cart allocated once");
    // "in progress" was an answer for that moment, not the key's: the same request again places the cart
    if (refusedKey != null) {
      assertEquals(200, shop.addAsCustomer(customer, variant, 1).statusCode());
      var again = racers.post("/api/v1/checkout/orders").putHeader("Idempotency-Key", refusedKey).bearerTokenAuthentication(customer)
        .sendJsonObject(new JsonObject().put("shippingAddress", address("DE")).put("shippingMethodId", GERMANY_STANDARD))
        .await(30, TimeUnit.SECONDS);
      assertEquals(201, again.statusCode(), again.bodyAsString());
      assertEquals(before - 7, available(product, 0));
    }
  }

  @Test
  void theLastUnitGoesToExactlyOneOfManyCheckouts() throws Exception {
    int rounds = Integer.getInteger("kinetic.lastUnitRounds", 20);
    int shoppers = Integer.getInteger("kinetic.lastUnitShoppers", 100);
    var product = shop.product("PUBLISHED", shoppers); // one product for all rounds: the home page's newest stay seeded ones
    String variant = Shop.variantId(product, 0);
    for (int round = 0; round < rounds; round++) {
      shop.setStock(Shop.sku(product, 0), shoppers);
      var carts = new ArrayList<String>();
      var adds = new ArrayList<Future<HttpResponse<Buffer>>>();
      for (int i = 0; i < shoppers; i++) {
        adds.add(racers.post("/api/v1/cart/lines").sendJsonObject(new JsonObject().put("variantId", variant).put("quantity", 1)));
      }
      for (var f : adds) {
        var r = f.await(30, TimeUnit.SECONDS);
        assertEquals(201, r.statusCode(), r.bodyAsString());
        carts.add(r.getHeader("X-Cart-Token"));
      }
      shop.setStock(Shop.sku(product, 0), 1); // every cart still holds a reservation; one unit is left
      var sent = new ArrayList<Future<HttpResponse<Buffer>>>();
      for (String cart : carts) {
        sent.add(Shop.withCart(racers.post("/api/v1/checkout/orders"), cart).putHeader("Idempotency-Key", UUID.randomUUID().toString())
          .sendJsonObject(order("race@example.com", "DE", GERMANY_STANDARD)));
      }
      int won = 0;
      for (var f : sent) {
        var r = f.await(60, TimeUnit.SECONDS);
        if (r.statusCode() == 201) {
          won++;
        } else {
          assertProblem(r, 409, "OUT_OF_STOCK");
        }
      }
      assertEquals(1, won, "round " + round + ": exactly one checkout gets the last unit");
      assertEquals(0, available(product, 0));
      var cleared = new ArrayList<Future<HttpResponse<Buffer>>>(); // the losers give their reservations back
      for (String cart : carts) {
        cleared.add(Shop.withCart(racers.delete("/api/v1/cart"), cart).send());
      }
      for (var f : cleared) {
        f.await(30, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * A placement writes its row (the reconciliation's marker) in the round trip that looks for the
   * key's order; one refused before its stock was allocated removes it again, so the reconciliation
   * has nothing to release for it.
   */
  @Test
  void aPlacementRefusedBeforeItsStockLeavesNoMarker() throws Exception {
    var product = shop.product("PUBLISHED", 3);
    String cart = shop.add(null, Shop.variantId(product, 0), 1).getHeader("X-Cart-Token");
    String key = UUID.randomUUID().toString();
    var placed = place(http, cart, key, order("marker@example.com", "DE", GERMANY_STANDARD));
    assertEquals(201, placed.statusCode(), placed.bodyAsString());
    // the marker's id is the order's: derived from the guest's cart and the key
    assertEquals(orderId(cart, key).toString(), placed.bodyAsJsonObject().getJsonObject("order").getString("id"));
    String empty = shop.add(null, Shop.variantId(product, 0), 1).getHeader("X-Cart-Token");
    Shop.withCart(http.delete("/api/v1/cart"), empty).send().await(10, TimeUnit.SECONDS);
    String refusedKey = UUID.randomUUID().toString();
    assertProblem(place(http, empty, refusedKey, order("marker@example.com", "DE", GERMANY_STANDARD)), 422, "CART_EMPTY");
    var pool = io.kinetic.kernel.pg.PgPools.create(raceVertx, RunningEngine.pgUrl(), 1, "checkout");
    try {
      long markers = pool.preparedQuery("SELECT count(*) FROM placement WHERE order_id = ANY($1)")
        .execute(io.vertx.sqlclient.Tuple.of(new UUID[] {orderId(empty, refusedKey), orderId(cart, key)}))
        .await(10, TimeUnit.SECONDS).iterator().next().getLong(0);
      assertEquals(0, markers, "a refused placement's marker is gone, and a placed order's");
      // an earlier attempt with a key left its marker (it died, its stock perhaps taken): a retry
      // refused before its stock leaves that marker to the reconciliation
      String retriedKey = UUID.randomUUID().toString();
      UUID left = orderId(empty, retriedKey);
      pool.preparedQuery("INSERT INTO placement (order_id) VALUES ($1)").execute(io.vertx.sqlclient.Tuple.of(left))
        .await(10, TimeUnit.SECONDS);
      assertProblem(place(http, empty, retriedKey, order("marker@example.com", "DE", GERMANY_STANDARD)), 422, "CART_EMPTY");
      long kept = pool.preparedQuery("SELECT count(*) FROM placement WHERE order_id = $1").execute(io.vertx.sqlclient.Tuple.of(left))
        .await(10, TimeUnit.SECONDS).iterator().next().getLong(0);
      pool.preparedQuery("DELETE FROM placement WHERE order_id = $1").execute(io.vertx.sqlclient.Tuple.of(left))
        .await(10, TimeUnit.SECONDS);
      assertEquals(1, kept, "an earlier attempt's marker stays");
    } finally {
      pool.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** The id the checkout derives for a guest's order placed with {@code key}. */
  private static UUID orderId(String cartToken, String key) throws Exception {
    String cart = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
      .digest(cartToken.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return UUID.nameUUIDFromBytes(("order|guest:" + cart + "|" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void badInputIsAClearError() throws Exception {
    assertProblem(Shop.send(http.post("/api/v1/checkout/quote"), new JsonObject()), 404, "CART_NOT_FOUND");
    assertProblem(Shop.send(Shop.withCart(http.post("/api/v1/checkout/quote"), CartEndToEndTest.CartTokens.random()), new JsonObject()),
      404, "CART_NOT_FOUND");
    var product = shop.product("PUBLISHED", 3);
    String guest = shop.add(null, Shop.variantId(product, 0), 1).getHeader("X-Cart-Token");
    assertProblem(Shop.send(Shop.withCart(http.post("/api/v1/checkout/quote"), guest),
      new JsonObject().put("shippingAddress", new JsonObject().put("country", "XX"))), 400, "VALIDATION_FAILED");
    var emptyCart = shop.add(null, Shop.variantId(product, 0), 1).getHeader("X-Cart-Token");
    Shop.withCart(http.delete("/api/v1/cart"), emptyCart).send().await(10, TimeUnit.SECONDS);
    assertProblem(place(http, emptyCart, null, order("a@example.com", "DE", GERMANY_STANDARD)), 422, "CART_EMPTY");
    var badAddress = order("a@example.com", "DE", GERMANY_STANDARD);
    badAddress.getJsonObject("shippingAddress").put("postalCode", "<script>");
    var refused = place(http, guest, null, badAddress);
    assertProblem(refused, 400, "VALIDATION_FAILED");
    assertEquals("shippingAddress.postalCode", refused.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
    // a guest's e-mail by the accounts' rules: what an address allows only quoted is refused
    for (String email : new String[] {"<script>@example.com", "a b@example.com", "a@example", "x(y)@example.com"}) {
      var refusedEmail = place(http, guest, null, order(email, "DE", GERMANY_STANDARD));
      assertProblem(refusedEmail, 400, "VALIDATION_FAILED");
      assertEquals("email", refusedEmail.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"), email);
    }
    assertProblem(Shop.send(http.post("/api/v1/orders/" + UUID.randomUUID() + "/payment/test-card"), new JsonObject().put("card", "x")),
      400, "VALIDATION_FAILED");
    assertProblem(http.get("/api/v1/orders/not-a-uuid").send().await(10, TimeUnit.SECONDS), 400, "VALIDATION_FAILED");
    for (int i = 0; i < 30; i++) { // more than the pool has connections: a refused cursor holds none
      assertProblem(http.get("/api/v1/admin/orders").addQueryParam("after", "bm90LWEtY3Vyc29y")
        .bearerTokenAuthentication(shop.staffToken()).send().await(10, TimeUnit.SECONDS), 400, "INVALID_CURSOR");
    }
    assertEquals(200, http.get("/api/v1/admin/orders").bearerTokenAuthentication(shop.staffToken()).send()
      .await(10, TimeUnit.SECONDS).statusCode());
    // a date range that holds nothing is a mistake, said so (was an empty page)
    var backwards = http.get("/api/v1/admin/orders").addQueryParam("from", "2026-02-01T00:00:00Z").addQueryParam("to", "2026-01-01T00:00:00Z")
      .bearerTokenAuthentication(shop.staffToken()).send().await(10, TimeUnit.SECONDS);
    assertProblem(backwards, 400, "VALIDATION_FAILED");
    assertEquals("from", backwards.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"), backwards.bodyAsString());
    var webhook = http.post("/webhooks/stripe").putHeader("Stripe-Signature", "t=1,v1=00").sendBuffer(Buffer.buffer("{}"))
      .await(10, TimeUnit.SECONDS);
    assertProblem(webhook, 400, "WEBHOOK_SIGNATURE_INVALID");
    // no webhook secret here: the caller (anyone) is not told the configuration, the operator's log is
    assertEquals("webhooks are not accepted", webhook.bodyAsJsonObject().getString("detail"), webhook.bodyAsString());
    assertFalse(webhook.bodyAsString().contains("COMMERCE_"), webhook.bodyAsString());
  }

  @Test
  void theTestProvidersPaymentConfigIsPublic() throws Exception {
    var config = http.get("/api/v1/checkout/payment-config").send().await(10, TimeUnit.SECONDS);
    assertEquals(200, config.statusCode());
    assertEquals("test", config.bodyAsJsonObject().getString("provider"));
    assertFalse(config.bodyAsJsonObject().containsKey("secretKey"));
    var named = http.get("/graphql").addQueryParam("query", "{ paymentConfig { provider } }")
      .putHeader("X-Cart-Token", CartEndToEndTest.CartTokens.random()).send().await(10, TimeUnit.SECONDS);
    assertEquals("no-store", named.getHeader("Cache-Control"), "a GraphQL GET naming a cart is that shopper's: " + named.bodyAsString());
  }

  /** The variant's stock on hand (the units not allocated to orders), as staff see it. */
  static int available(JsonObject product, int variant) throws Exception {
    var page = http.get("/api/v1/admin/products/" + product.getString("id")).bearerTokenAuthentication(shop.staffToken())
      .send().await(10, TimeUnit.SECONDS);
    assertEquals(200, page.statusCode(), page.bodyAsString());
    return page.bodyAsJsonObject().getJsonArray("variants").getJsonObject(variant).getInteger("stockOnHand");
  }
}
