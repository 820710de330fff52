package io.kinetic.server;

import static io.kinetic.server.CartEndToEndTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.pg.PgPools;
import io.kinetic.kernel.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * What staff do with a paid order, over REST, as the order state machine allows it: ship it in
 * parts with tracking, mark it delivered, refund by lines, amount or return (once, however the
 * provider reports it; never more than was captured, also when twenty refunds race), cancel it
 * (stock back, money back), and the customer's returns. Illegal moves get a typed 409.
 */
// creates products: never while StorefrontBrowserTest compares the home page with the API
@ResourceLock(value = "storefront-catalogue", mode = ResourceAccessMode.READ)
class OrderOperationsTest {

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
      new PoolOptions().setHttp1MaxSize(40));
  }

  @AfterAll
  static void stop() {
    raceVertx.close();
  }

  /** A placed order of {@code quantities[i]} units of the product's variant i: its id and access token. */
  record Placed(String id, String token, long total, JsonObject order) {
  }

  static Placed place(JsonObject product, int... quantities) throws Exception {
    String cart = null;
    for (int i = 0; i < quantities.length; i++) {
      var added = shop.add(cart, Shop.variantId(product, i), quantities[i]);
      assertTrue(added.statusCode() == 200 || added.statusCode() == 201, added.bodyAsString());
      cart = cart == null ? added.getHeader("X-Cart-Token") : cart;
    }
    var placed = CheckoutEndToEndTest.place(http, cart, UUID.randomUUID().toString(),
      CheckoutEndToEndTest.order("ops@example.com", "DE", CheckoutEndToEndTest.GERMANY_STANDARD));
    assertEquals(201, placed.statusCode(), placed.bodyAsString());
    JsonObject body = placed.bodyAsJsonObject();
    JsonObject order = body.getJsonObject("order");
    return new Placed(order.getString("id"), body.getString("accessToken"),
      order.getJsonObject("totals").getJsonObject("total").getLong("amount"), order);
  }

  static Placed paid(JsonObject product, int... quantities) throws Exception {
    Placed placed = place(product, quantities);
    assertEquals(200, pay(placed.id(), placed.token(), "4242424242424242").statusCode());
    var confirmed = confirm(placed.id(), placed.token());
    assertEquals("paid", confirmed.bodyAsJsonObject().getString("state"), confirmed.bodyAsString());
    return placed;
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

  static int available(JsonObject product, int variant) throws Exception {
    var page = http.get("/api/v1/admin/products/" + product.getString("id")).bearerTokenAuthentication(shop.staffToken())
      .send().await(10, TimeUnit.SECONDS);
    assertEquals(200, page.statusCode(), page.bodyAsString());
    return page.bodyAsJsonObject().getJsonArray("variants").getJsonObject(variant).getInteger("stockOnHand");
  }

  static HttpResponse<Buffer> staff(String path, JsonObject body, String key) throws Exception {
    var request = http.post(path).bearerTokenAuthentication(shop.staffToken());
    if (key != null) {
      request.putHeader("Idempotency-Key", key);
    }
    return (body == null ? request.send() : request.sendJsonObject(body)).await(20, TimeUnit.SECONDS);
  }

  static HttpResponse<Buffer> fulfil(String orderId, JsonObject body) throws Exception {
    return staff("/api/v1/admin/orders/" + orderId + "/fulfilments", body, UUID.randomUUID().toString());
  }

  static HttpResponse<Buffer> refund(String orderId, JsonObject body, String key) throws Exception {
    return staff("/api/v1/admin/orders/" + orderId + "/refunds", body, key);
  }

  static JsonObject detail(String orderId) throws Exception {
    var r = http.get("/api/v1/admin/orders/" + orderId).bearerTokenAuthentication(shop.staffToken()).send().await(10, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  static JsonArray lines(String variantId, int quantity) {
    return new JsonArray().add(new JsonObject().put("variantId", variantId).put("quantity", quantity));
  }

  static long timelineCount(JsonObject detail, String type) {
    return detail.getJsonArray("timeline").stream().filter(e -> type.equals(((JsonObject) e).getString("type"))).count();
  }

  @Test
  void aPartialShipmentThenAPartialRefundThenTheRestShippedAndDelivered() throws Exception {
    JsonObject product = shop.product("PUBLISHED", 10, 10);
    String v0 = Shop.variantId(product, 0);
    String v1 = Shop.variantId(product, 1);
    Placed order = paid(product, 3, 1); // 3 × 10.00 + 1 × 11.00 EUR
    assertEquals(7, available(product, 0));

    var first = fulfil(order.id(), new JsonObject().put("lines", lines(v0, 2)).put("carrier", "DHL")
      .put("trackingNumber", "JD0123456789").put("trackingUrl", "https://track.example/JD0123456789"));
    assertEquals(200, first.statusCode(), first.bodyAsString());
    JsonObject o = first.bodyAsJsonObject().getJsonObject("order");
    assertEquals("partially_fulfilled", o.getString("state"));
    JsonObject shipment = o.getJsonArray("fulfilments").getJsonObject(0);
    assertEquals("JD0123456789", shipment.getString("trackingNumber"));
    assertEquals(2, shipment.getJsonArray("lines").getJsonObject(0).getInteger("quantity"));
    assertEquals(7, available(product, 0), "shipping moves allocated units to shipped, not back on sale");
    JsonObject entry = first.bodyAsJsonObject().getJsonArray("timeline").stream().map(e -> (JsonObject) e)
      .filter(e -> "OrderFulfilled".equals(e.getString("type"))).findFirst().orElseThrow();
    assertTrue(entry.getString("actor").matches("[0-9a-f-]{36}"), "the timeline names the staff member: " + entry);
    assertTrue(entry.getString("actorName") != null && !entry.getString("actorName").isBlank(), entry.encode());

    assertProblem(fulfil(order.id(), new JsonObject().put("lines", lines(v0, 2))), 422, "QUANTITY_EXCEEDS_REMAINING");
    assertProblem(staff("/api/v1/admin/orders/" + order.id() + "/delivered", null, null), 409, "ORDER_STATE_CONFLICT");

    var refunded = refund(order.id(), new JsonObject().put("lines", lines(v1, 1)).put("reason", "damaged"), UUID.randomUUID().toString());
    assertEquals(200, refunded.statusCode(), refunded.bodyAsString());
    JsonObject afterRefund = Eventually.value("the refund is recorded", () -> detail(order.id()),
      d -> d.getJsonObject("order").getJsonObject("payment").getJsonObject("refunded").getLong("amount") == 1100);
    assertEquals("partially_fulfilled", afterRefund.getJsonObject("order").getString("state"), "a partial refund keeps the state");
    assertEquals("partially_refunded", afterRefund.getJsonObject("order").getJsonObject("payment").getString("status"));
    assertEquals("succeeded", afterRefund.getJsonObject("order").getJsonArray("refunds").getJsonObject(0).getString("status"));

    var rest = fulfil(order.id(), new JsonObject().put("carrier", "DHL").put("trackingNumber", "JD0000000002"));
    assertEquals(200, rest.statusCode(), rest.bodyAsString());
    assertEquals("fulfilled", rest.bodyAsJsonObject().getJsonObject("order").getString("state"));
    assertEquals(2, rest.bodyAsJsonObject().getJsonObject("order").getJsonArray("fulfilments").size());
    // the rest is the last unit of v0: the refunded unit of v1 was not shipped and never ships
    JsonArray restLines = rest.bodyAsJsonObject().getJsonObject("order").getJsonArray("fulfilments").getJsonObject(1).getJsonArray("lines");
    assertEquals(1, restLines.size(), restLines.encode());
    assertEquals(v0, restLines.getJsonObject(0).getString("variantId"));
    assertEquals(1, restLines.getJsonObject(0).getInteger("quantity"));
    assertProblem(fulfil(order.id(), new JsonObject()), 409, "ORDER_STATE_CONFLICT");
    var delivered = staff("/api/v1/admin/orders/" + order.id() + "/delivered", null, null);
    assertEquals("delivered", delivered.bodyAsJsonObject().getJsonObject("order").getString("state"), delivered.bodyAsString());
    assertEquals(7, available(product, 0));
    Eventually.value("the refunded unit, never shipped, is back on sale", () -> available(product, 1), n -> n == 10);

    // the customer sees the shipments with their tracking
    JsonObject seen = get(order.id(), order.token()).bodyAsJsonObject();
    assertEquals("delivered", seen.getString("state"));
    assertEquals("JD0123456789", seen.getJsonArray("fulfilments").getJsonObject(0).getString("trackingNumber"));
  }

  @Test
  void illegalMovesAreTypedConflictsAndStaffOnly() throws Exception {
    JsonObject product = shop.product("PUBLISHED", 10);
    Placed unpaid = place(product, 1);
    assertProblem(fulfil(unpaid.id(), new JsonObject()), 409, "ORDER_STATE_CONFLICT");
    var unpaidRefund = refund(unpaid.id(), new JsonObject().put("amount", 100), null);
    assertProblem(unpaidRefund, 409, "ORDER_STATE_CONFLICT");
    assertEquals("the order is not paid yet: there is nothing to refund (cancel it instead)",
      unpaidRefund.bodyAsJsonObject().getString("detail"), "said for staff, not as a payment status");
    assertProblem(refund(unpaid.id(), new JsonObject().put("amount", 100).put("lines", lines(Shop.variantId(product, 0), 1)), null),
      400, "VALIDATION_FAILED");
    assertProblem(fulfil(UUID.randomUUID().toString(), new JsonObject()), 404, "ORDER_NOT_FOUND");
    // customers and strangers never reach staff's actions
    var anonymous = http.post("/api/v1/admin/orders/" + unpaid.id() + "/cancel").send().await(10, TimeUnit.SECONDS);
    assertEquals(401, anonymous.statusCode(), anonymous.bodyAsString());
    var customer = http.post("/api/v1/admin/orders/" + unpaid.id() + "/cancel").bearerTokenAuthentication(shop.customer())
      .send().await(10, TimeUnit.SECONDS);
    assertTrue(customer.statusCode() == 401 || customer.statusCode() == 403, customer.bodyAsString());

    // an unpaid order is cancelled: its stock comes back and its payment is voided
    var cancelled = staff("/api/v1/admin/orders/" + unpaid.id() + "/cancel", new JsonObject().put("reason", "customer called"), null);
    assertEquals(200, cancelled.statusCode(), cancelled.bodyAsString());
    assertEquals("cancelled", cancelled.bodyAsJsonObject().getJsonObject("order").getString("state"));
    assertEquals(10, available(product, 0));
    assertProblem(fulfil(unpaid.id(), new JsonObject()), 409, "ORDER_STATE_CONFLICT");
    assertProblem(pay(unpaid.id(), unpaid.token(), "4242424242424242"), 409, "PAYMENT_NOT_ALLOWED");

    // a paid order is cancelled: stock back, money back in full, and then nothing ships
    Placed paid = paid(product, 2);
    assertEquals(8, available(product, 0));
    var cancelPaid = staff("/api/v1/admin/orders/" + paid.id() + "/cancel", new JsonObject().put("reason", "test"), null);
    assertEquals(200, cancelPaid.statusCode(), cancelPaid.bodyAsString());
    assertEquals(10, available(product, 0));
    JsonObject closed = Eventually.value("the payment is refunded in full", () -> detail(paid.id()),
      d -> "refunded".equals(d.getJsonObject("order").getJsonObject("payment").getString("status")));
    // a cancelled paid order reads as cancelled, with its refund recorded (the payment is refunded)
    assertEquals("cancelled", closed.getJsonObject("order").getString("state"), closed.encode());
    assertEquals(paid.total(), closed.getJsonObject("order").getJsonObject("payment").getJsonObject("refunded").getLong("amount"));
    assertEquals("cancelled: test", closed.getJsonObject("order").getJsonArray("refunds").getJsonObject(0).getString("reason"),
      "staff see their reason");
    JsonObject own = get(paid.id(), paid.token()).bodyAsJsonObject();
    assertEquals("cancelled", own.getString("state"));
    assertEquals("refunded", own.getJsonObject("payment").getString("status"));
    assertEquals(1, own.getJsonArray("refunds").size(), own.encode());
    assertNull(own.getJsonArray("refunds").getJsonObject(0).getString("reason"), "staff's free text is not the customer's: " + own.encode());
    assertFalse(own.encode().contains("cancelled: test"), own.encode());
    assertProblem(fulfil(paid.id(), new JsonObject()), 409, "ORDER_STATE_CONFLICT");
    var again = staff("/api/v1/admin/orders/" + paid.id() + "/cancel", null, null);
    assertEquals(200, again.statusCode(), "cancelled already: nothing more to do: " + again.bodyAsString());
    assertEquals("cancelled", again.bodyAsJsonObject().getJsonObject("order").getString("state"));
    assertEquals(1, timelineCount(again.bodyAsJsonObject(), "OrderCancelled"), again.bodyAsString());
    // an order refunded in full by staff (not cancelled) says so when it is cancelled
    Placed refundedWhole = paid(product, 1);
    assertEquals(200, refund(refundedWhole.id(), new JsonObject().put("amount", refundedWhole.total()), null).statusCode());
    Eventually.until("refunded in full", () -> "refunded".equals(detail(refundedWhole.id()).getJsonObject("order").getString("state")));
    var late = staff("/api/v1/admin/orders/" + refundedWhole.id() + "/cancel", null, null);
    assertProblem(late, 409, "ORDER_STATE_CONFLICT");
    assertEquals("this order is already refunded in full: nothing is left to cancel", late.bodyAsJsonObject().getString("detail"));
    var nothingLeft = refund(paid.id(), new JsonObject().put("amount", 1), null);
    assertProblem(nothingLeft, 422, "REFUND_EXCEEDS_CAPTURED");
    assertEquals("at most 0.00 EUR is left to refund (captured, not yet refunded); 0.01 EUR was asked",
      nothingLeft.bodyAsJsonObject().getString("detail"), "money, not minor units");
  }

  /**
   * Only an absent {@code lines} ships everything left: an empty list is refused naming it, over
   * REST and GraphQL (it shipped the whole order), and so is an empty list of a refund.
   */
  @Test
  void anEmptyListOfLinesIsRefusedNotReadAsEverything() throws Exception {
    JsonObject product = shop.product("PUBLISHED", 10);
    Placed order = paid(product, 2);
    var empty = fulfil(order.id(), new JsonObject().put("lines", new JsonArray()).put("carrier", "DHL"));
    assertProblem(empty, 400, "VALIDATION_FAILED");
    JsonObject error = empty.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
    assertEquals("lines", error.getString("field"), empty.bodyAsString());
    assertEquals("name at least one line, or leave lines out to ship everything left", error.getString("message"));
    var gql = http.post("/admin/graphql").bearerTokenAuthentication(shop.staffToken()).putHeader("Idempotency-Key", UUID.randomUUID().toString())
      .sendJsonObject(new JsonObject().put("query", "mutation($id: ID!) { fulfilOrder(orderId: $id, input: {lines: [], carrier: \"DHL\"}) {"
        + " __typename ... on Problem { code errors { field } } } }").put("variables", new JsonObject().put("id", order.id())))
      .await(20, TimeUnit.SECONDS);
    JsonObject problem = gql.bodyAsJsonObject().getJsonObject("data").getJsonObject("fulfilOrder");
    assertEquals("VALIDATION_FAILED", problem.getString("code"), gql.bodyAsString());
    assertEquals("input.lines", problem.getJsonArray("errors").getJsonObject(0).getString("field"), gql.bodyAsString());
    var refundEmpty = refund(order.id(), new JsonObject().put("amount", 100).put("lines", new JsonArray()), null);
    assertProblem(refundEmpty, 400, "VALIDATION_FAILED");
    assertEquals("lines", refundEmpty.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
    JsonObject untouched = detail(order.id()).getJsonObject("order");
    assertEquals("paid", untouched.getString("state"), "nothing shipped, nothing refunded");
    assertTrue(untouched.getJsonArray("fulfilments").isEmpty() && untouched.getJsonArray("refunds").isEmpty(), untouched.encode());
    var all = fulfil(order.id(), new JsonObject().put("carrier", "DHL"));
    assertEquals("fulfilled", all.bodyAsJsonObject().getJsonObject("order").getString("state"), "lines left out: everything");
  }

  /**
   * A settled payment's client secret is not answered any more; a card the provider cannot process
   * is said in words.
   */
  @Test
  void aPaidOrderHidesItsClientSecretAndARefusedCardIsSaidInWords() throws Exception {
    JsonObject product = shop.product("PUBLISHED", 10);
    Placed order = place(product, 1);
    assertNotNull(get(order.id(), order.token()).bodyAsJsonObject().getJsonObject("payment").getString("clientSecret"),
      "still to be paid: the secret is the storefront's");
    var failing = pay(order.id(), order.token(), "4000 0000 0000 0119");
    assertProblem(failing, 402, "PAYMENT_DECLINED");
    assertEquals("the card could not be processed: try again or use another card", failing.bodyAsJsonObject().getString("detail"));
    assertNotNull(get(order.id(), order.token()).bodyAsJsonObject().getJsonObject("payment").getString("clientSecret"),
      "a failed attempt: the shopper tries again");
    assertEquals(200, pay(order.id(), order.token(), "4242424242424242").statusCode());
    Eventually.until("paid", () -> "paid".equals(get(order.id(), order.token()).bodyAsJsonObject().getString("state")));
    JsonObject seen = get(order.id(), order.token()).bodyAsJsonObject();
    assertNull(seen.getJsonObject("payment").getString("clientSecret"), "a settled payment keeps its secret: " + seen.encode());
  }

  /**
   * A total over the shop's maximum ({@code checkout.maxOrderTotal}; the test engine's is 100 million)
   * is a problem of the quote and refused at placement, naming the maximum in money; nothing is
   * allocated, and within the maximum the same cart orders.
   */
  @Test
  void anOrderTotalOverTheMaximumIsAProblemOfTheQuoteAndRefusedAtPlacement() throws Exception {
    JsonObject product = shop.product("PUBLISHED", 5);
    shop.setPrice(Shop.sku(product, 0), 6_000_000_000L); // 60 million EUR
    var added = shop.add(null, Shop.variantId(product, 0), 2);
    assertEquals(201, added.statusCode(), added.bodyAsString());
    String cart = added.getHeader("X-Cart-Token");
    var quote = Shop.send(Shop.withCart(http.post("/api/v1/checkout/quote"), cart),
      new JsonObject().put("shippingAddress", new JsonObject().put("country", "DE")));
    assertEquals(200, quote.statusCode(), quote.bodyAsString());
    assertTrue(quote.bodyAsJsonObject().getJsonArray("problems").contains("TOTAL_TOO_LARGE"), quote.bodyAsString());
    var placed = CheckoutEndToEndTest.place(http, cart, UUID.randomUUID().toString(),
      CheckoutEndToEndTest.order("big@example.com", "DE", CheckoutEndToEndTest.GERMANY_STANDARD));
    assertProblem(placed, 422, "ORDER_TOTAL_TOO_LARGE");
    assertEquals("an order's total may be at most 100000000.00 EUR; this one is 120000000.00 EUR: order less at a time",
      placed.bodyAsJsonObject().getString("detail"), placed.bodyAsString());
    assertEquals(5, available(product, 0), "nothing was allocated");
    assertEquals(200, Shop.send(Shop.withCart(http.patch("/api/v1/cart/lines/" + Shop.variantId(product, 0)), cart),
      new JsonObject().put("quantity", 1)).statusCode());
    var one = CheckoutEndToEndTest.place(http, cart, UUID.randomUUID().toString(),
      CheckoutEndToEndTest.order("big@example.com", "DE", CheckoutEndToEndTest.GERMANY_STANDARD));
    assertEquals(201, one.statusCode(), one.bodyAsString());
  }

  /** A cart whose every line is unavailable is quoted 0: nothing to order, no shipping charged. */
  @Test
  void aCartWithNothingOrderableIsQuotedWithoutShipping() throws Exception {
    JsonObject product = shop.product("PUBLISHED", 10); // priced in EUR only
    var added = shop.add(null, Shop.variantId(product, 0), 1);
    String cart = added.getHeader("X-Cart-Token");
    assertEquals(200, Shop.send(Shop.withCart(http.put("/api/v1/cart/currency"), cart), new JsonObject().put("currency", "USD")).statusCode());
    var quote = Shop.send(Shop.withCart(http.post("/api/v1/checkout/quote"), cart),
      new JsonObject().put("shippingAddress", new JsonObject().put("country", "DE")));
    assertEquals(200, quote.statusCode(), quote.bodyAsString());
    JsonObject q = quote.bodyAsJsonObject();
    assertTrue(q.getJsonArray("problems").contains("UNAVAILABLE") && q.getJsonArray("problems").contains("CART_EMPTY"), q.encode());
    assertFalse(q.getJsonArray("problems").contains("NO_SHIPPING"), q.encode());
    assertNull(q.getValue("shipping"), q.encode());
    for (String total : List.of("shippingGross", "total", "net", "tax")) {
      assertEquals(0, q.getJsonObject("totals").getJsonObject(total).getLong("amount"), total + ": " + q.encode());
    }
  }

  @Test
  void aRefundReportedByTheAnswerAndTheWebhookIsRecordedOnceAndAKeyRefundsOnce() throws Exception {
    JsonObject product = shop.product("PUBLISHED", 10);
    Placed order = paid(product, 2);
    String key = UUID.randomUUID().toString();
    var once = refund(order.id(), new JsonObject().put("amount", 500), key);
    assertEquals(200, once.statusCode(), once.bodyAsString());
    var again = refund(order.id(), new JsonObject().put("amount", 500), key);
    assertEquals(200, again.statusCode(), again.bodyAsString());
    Thread.sleep(500); // the test provider's charge.refunded notice arrives after the answer
    JsonObject d = detail(order.id());
    assertEquals(500, d.getJsonObject("order").getJsonObject("payment").getJsonObject("refunded").getLong("amount"));
    assertEquals(1, d.getJsonObject("order").getJsonArray("refunds").size());
    assertEquals(1, timelineCount(d, "PaymentRefunded"), "one refund, one entry: " + d.getJsonArray("timeline").encodePrettily());
    assertEquals("paid", d.getJsonObject("order").getString("state"));
  }

  @Test
  void twentyConcurrentRefundsOfATenthEachNeverRefundMoreThanWasCaptured() throws Exception {
    JsonObject product = shop.product("PUBLISHED", 10);
    Placed order = paid(product, 3);
    long tenth = order.total() / 10;
    var answers = new ArrayList<Future<HttpResponse<Buffer>>>();
    String token = shop.staffToken();
    for (int i = 0; i < 20; i++) {
      answers.add(racers.post("/api/v1/admin/orders/" + order.id() + "/refunds").bearerTokenAuthentication(token)
        .putHeader("Idempotency-Key", UUID.randomUUID().toString()).sendJsonObject(new JsonObject().put("amount", tenth)));
    }
    int ok = 0;
    int refused = 0;
    for (var answer : answers) {
      HttpResponse<Buffer> r = answer.await(30, TimeUnit.SECONDS);
      if (r.statusCode() == 200) {
        ok++;
      } else {
        assertProblem(r, 422, "REFUND_EXCEEDS_CAPTURED");
        refused++;
      }
    }
    assertEquals(10, ok, "ten tenths fit");
    assertEquals(10, refused);
    JsonObject d = Eventually.value("all refunds are recorded", Duration.ofSeconds(20), () -> detail(order.id()),
      x -> x.getJsonObject("order").getJsonObject("payment").getJsonObject("refunded").getLong("amount") == 10 * tenth);
    Thread.sleep(500);
    d = detail(order.id());
    assertEquals(10 * tenth, d.getJsonObject("order").getJsonObject("payment").getJsonObject("refunded").getLong("amount"));
    assertTrue(10 * tenth <= order.total());
    assertEquals(10, d.getJsonObject("order").getJsonArray("refunds").stream()
      .filter(r -> "succeeded".equals(((JsonObject) r).getString("status"))).count());
  }

  @Test
  void aCustomerReturnsADeliveredUnitStaffApproveReceiveRestockAndRefundIt() throws Exception {
    JsonObject product = shop.product("PUBLISHED", 10);
    String v0 = Shop.variantId(product, 0);
    Placed order = paid(product, 2);
    var path = "/api/v1/orders/" + order.id() + "/returns";
    JsonObject ask = new JsonObject().put("lines", lines(v0, 1)).put("reason", "too small");
    var early = http.post(path).putHeader("X-Order-Token", order.token()).putHeader("Idempotency-Key", UUID.randomUUID().toString())
      .sendJsonObject(ask).await(10, TimeUnit.SECONDS);
    assertProblem(early, 409, "ORDER_STATE_CONFLICT");
    assertEquals(200, fulfil(order.id(), new JsonObject().put("carrier", "UPS")).statusCode());
    assertEquals(200, staff("/api/v1/admin/orders/" + order.id() + "/delivered", null, null).statusCode());
    assertEquals(8, available(product, 0));

    var stranger = http.post(path).putHeader("X-Order-Token", "forged").sendJsonObject(ask).await(10, TimeUnit.SECONDS);
    assertProblem(stranger, 404, "ORDER_NOT_FOUND");
    var tooMany = http.post(path).putHeader("X-Order-Token", order.token())
      .sendJsonObject(new JsonObject().put("lines", lines(v0, 3)).put("reason", "all")).await(10, TimeUnit.SECONDS);
    assertProblem(tooMany, 422, "QUANTITY_EXCEEDS_REMAINING");
    var requested = http.post(path).putHeader("X-Order-Token", order.token()).putHeader("Idempotency-Key", UUID.randomUUID().toString())
      .sendJsonObject(ask).await(10, TimeUnit.SECONDS);
    assertEquals(201, requested.statusCode(), requested.bodyAsString());
    JsonObject ret = requested.bodyAsJsonObject().getJsonArray("returns").getJsonObject(0);
    assertEquals("requested", ret.getString("status"));
    String returnId = ret.getString("id");
    String base = "/api/v1/admin/orders/" + order.id() + "/returns/" + returnId;

    assertProblem(staff(base + "/received", new JsonObject().put("restock", true), null), 409, "ORDER_STATE_CONFLICT");
    assertProblem(refund(order.id(), new JsonObject().put("returnId", returnId), null), 409, "ORDER_STATE_CONFLICT");
    var approved = staff(base + "/decision", new JsonObject().put("approve", true).put("note", "send it back"), null);
    assertEquals("approved", approved.bodyAsJsonObject().getJsonObject("order").getJsonArray("returns").getJsonObject(0).getString("status"));
    var received = staff(base + "/received", new JsonObject().put("restock", true), null);
    assertEquals(200, received.statusCode(), received.bodyAsString());
    assertEquals(9, available(product, 0), "the returned unit is back on sale");
    assertEquals(200, staff(base + "/received", new JsonObject().put("restock", true), null).statusCode());
    assertEquals(9, available(product, 0), "received twice, restocked once");

    var refunded = refund(order.id(), new JsonObject().put("returnId", returnId), UUID.randomUUID().toString());
    assertEquals(200, refunded.statusCode(), refunded.bodyAsString());
    JsonObject d = Eventually.value("the return is refunded", () -> detail(order.id()),
      x -> "refunded".equals(x.getJsonObject("order").getJsonArray("returns").getJsonObject(0).getString("status")));
    assertEquals(1000, d.getJsonObject("order").getJsonObject("payment").getJsonObject("refunded").getLong("amount"));
    assertEquals("delivered", d.getJsonObject("order").getString("state"));
    assertProblem(refund(order.id(), new JsonObject().put("returnId", returnId), null), 409, "ORDER_STATE_CONFLICT");
    for (String type : List.of("ReturnRequested", "ReturnApproved", "ReturnReceived", "PaymentRefunded")) {
      assertEquals(1, timelineCount(d, type), type);
    }
  }

  @Test
  void refundsByLinesCountTheUnitsRefundedBeforeAndRefundedUnitsNeverShip() throws Exception {
    JsonObject product = shop.product("PUBLISHED", 10, 10);
    String v0 = Shop.variantId(product, 0);
    String v1 = Shop.variantId(product, 1);
    Placed order = paid(product, 3, 3); // 3 × 10.00 + 3 × 11.00 EUR
    assertEquals(7, available(product, 0));
    assertEquals(7, available(product, 1));

    assertEquals(200, refund(order.id(), new JsonObject().put("lines", lines(v0, 3)), UUID.randomUUID().toString()).statusCode());
    var fourth = refund(order.id(), new JsonObject().put("lines", lines(v0, 1)), UUID.randomUUID().toString());
    assertProblem(fourth, 422, "QUANTITY_EXCEEDS_REMAINING");
    assertTrue(fourth.bodyAsJsonObject().getString("detail").contains(v0), "the problem names the line: " + fourth.bodyAsString());
    assertEquals("lines[0].quantity", fourth.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(200, refund(order.id(), new JsonObject().put("lines", lines(v1, 1)), UUID.randomUUID().toString()).statusCode());
    JsonObject refunded = Eventually.value("both refunds are recorded", () -> detail(order.id()),
      d -> d.getJsonObject("order").getJsonObject("payment").getJsonObject("refunded").getLong("amount") == 3000 + 1100);
    assertEquals("paid", refunded.getJsonObject("order").getString("state"));
    // the refunded units were never shipped: they go back on sale
    Eventually.value("the refunded units are back on sale", () -> available(product, 0), n -> n == 10);
    Eventually.value("the refunded unit is back on sale", () -> available(product, 1), n -> n == 8);

    // nothing of them ships: not asked for, and not by default
    assertProblem(fulfil(order.id(), new JsonObject().put("lines", lines(v0, 1))), 422, "QUANTITY_EXCEEDS_REMAINING");
    assertProblem(fulfil(order.id(), new JsonObject().put("lines", lines(v1, 3))), 422, "QUANTITY_EXCEEDS_REMAINING");
    var rest = fulfil(order.id(), new JsonObject().put("carrier", "DHL"));
    assertEquals(200, rest.statusCode(), rest.bodyAsString());
    JsonObject shipped = rest.bodyAsJsonObject().getJsonObject("order");
    assertEquals("fulfilled", shipped.getString("state"));
    JsonArray shipment = shipped.getJsonArray("fulfilments").getJsonObject(0).getJsonArray("lines");
    assertEquals(1, shipment.size(), shipment.encode());
    assertEquals(v1, shipment.getJsonObject(0).getString("variantId"));
    assertEquals(2, shipment.getJsonObject(0).getInteger("quantity"));
    assertEquals(10, available(product, 0));
    assertEquals(8, available(product, 1));
    assertEquals(200, staff("/api/v1/admin/orders/" + order.id() + "/delivered", null, null).statusCode());

    // the units left to ship refunded after a partial shipment: the order is fulfilled
    Placed partly = paid(product, 2);
    assertEquals(8, available(product, 0));
    assertEquals(200, fulfil(partly.id(), new JsonObject().put("lines", lines(v0, 1))).statusCode());
    assertEquals(200, refund(partly.id(), new JsonObject().put("lines", lines(v0, 1)), UUID.randomUUID().toString()).statusCode());
    JsonObject done = Eventually.value("the order is fulfilled", () -> detail(partly.id()),
      d -> "fulfilled".equals(d.getJsonObject("order").getString("state")));
    assertEquals(1000, done.getJsonObject("order").getJsonObject("payment").getJsonObject("refunded").getLong("amount"));
    Eventually.value("the unit not shipped is back on sale", () -> available(product, 0), n -> n == 9);
    assertProblem(fulfil(partly.id(), new JsonObject()), 409, "ORDER_STATE_CONFLICT");
    assertEquals(200, staff("/api/v1/admin/orders/" + partly.id() + "/delivered", null, null).statusCode());
    assertEquals(9, available(product, 0));

    // a refund by amount only is money (goodwill): every unit still ships
    Placed goodwill = paid(product, 2);
    assertEquals(200, refund(goodwill.id(), new JsonObject().put("amount", 500), UUID.randomUUID().toString()).statusCode());
    Eventually.value("the refund is recorded", () -> detail(goodwill.id()),
      d -> d.getJsonObject("order").getJsonObject("payment").getJsonObject("refunded").getLong("amount") == 500);
    var all = fulfil(goodwill.id(), new JsonObject());
    assertEquals(200, all.statusCode(), all.bodyAsString());
    assertEquals(2, all.bodyAsJsonObject().getJsonObject("order").getJsonArray("fulfilments").getJsonObject(0).getJsonArray("lines")
      .getJsonObject(0).getInteger("quantity"));
    int before = available(product, 0);

    // every unit of a paid order refunded by lines (its shipping not): nothing is left to ship, the
    // order leaves the work queue as fulfilled, and its units are back on sale
    Placed nothingShips = paid(product, 2);
    assertEquals(before - 2, available(product, 0));
    assertEquals(200, refund(nothingShips.id(), new JsonObject().put("lines", lines(v0, 2)), UUID.randomUUID().toString()).statusCode());
    Eventually.value("the order is fulfilled", () -> detail(nothingShips.id()),
      d -> "fulfilled".equals(d.getJsonObject("order").getString("state")));
    Eventually.until("its units are back on sale", java.time.Duration.ofSeconds(20), () -> available(product, 0) == before);
  }

  @Test
  void refundsByLinesAndByReturnNeverRefundMoreUnitsThanWereBought() throws Exception {
    JsonObject product = shop.product("PUBLISHED", 10);
    String v0 = Shop.variantId(product, 0);
    Placed order = paid(product, 3);
    assertEquals(200, fulfil(order.id(), new JsonObject()).statusCode());
    assertEquals(200, staff("/api/v1/admin/orders/" + order.id() + "/delivered", null, null).statusCode());
    assertEquals(200, refund(order.id(), new JsonObject().put("lines", lines(v0, 1)), UUID.randomUUID().toString()).statusCode());
    String first = requestApprovedReturn(order, v0, 2);
    assertEquals(200, refund(order.id(), new JsonObject().put("returnId", first), UUID.randomUUID().toString()).statusCode());
    assertProblem(refund(order.id(), new JsonObject().put("lines", lines(v0, 2)), UUID.randomUUID().toString()),
      422, "QUANTITY_EXCEEDS_REMAINING");
    assertProblem(refund(order.id(), new JsonObject().put("lines", lines(v0, 1)), UUID.randomUUID().toString()),
      422, "QUANTITY_EXCEEDS_REMAINING");
    // the last unit comes back too: it was refunded by lines already, so its return refunds nothing more
    String second = requestApprovedReturn(order, v0, 1);
    assertProblem(refund(order.id(), new JsonObject().put("returnId", second), UUID.randomUUID().toString()),
      422, "QUANTITY_EXCEEDS_REMAINING");
    JsonObject d = Eventually.value("the refunds are recorded", () -> detail(order.id()),
      x -> x.getJsonObject("order").getJsonObject("payment").getJsonObject("refunded").getLong("amount") == 3000);
    assertEquals(2, d.getJsonObject("order").getJsonArray("refunds").size());
    Thread.sleep(300);
    assertEquals(3000, detail(order.id()).getJsonObject("order").getJsonObject("payment").getJsonObject("refunded").getLong("amount"));
  }

  @Test
  void aReturnRefundedAtApprovalIsReceivedAndRestockedAfter() throws Exception {
    JsonObject product = shop.product("PUBLISHED", 10);
    String v0 = Shop.variantId(product, 0);
    Placed order = paid(product, 2);
    assertEquals(200, fulfil(order.id(), new JsonObject()).statusCode());
    assertEquals(200, staff("/api/v1/admin/orders/" + order.id() + "/delivered", null, null).statusCode());
    String returnId = requestApprovedReturn(order, v0, 1);
    assertEquals(200, refund(order.id(), new JsonObject().put("returnId", returnId), UUID.randomUUID().toString()).statusCode());
    Eventually.value("the return is refunded", () -> detail(order.id()),
      x -> "refunded".equals(x.getJsonObject("order").getJsonArray("returns").getJsonObject(0).getString("status")));
    assertEquals(8, available(product, 0));

    String received = "/api/v1/admin/orders/" + order.id() + "/returns/" + returnId + "/received";
    var arrived = staff(received, new JsonObject().put("restock", true), null);
    assertEquals(200, arrived.statusCode(), arrived.bodyAsString());
    JsonObject ret = arrived.bodyAsJsonObject().getJsonObject("order").getJsonArray("returns").getJsonObject(0);
    assertEquals("refunded", ret.getString("status"), "the money went back: refunded stays its state");
    assertTrue(ret.getBoolean("restocked"), ret.encode());
    assertEquals(9, available(product, 0), "the returned unit is back on sale");
    assertEquals(200, staff(received, new JsonObject().put("restock", true), null).statusCode());
    assertEquals(9, available(product, 0), "received twice, restocked once");
    assertEquals(1, timelineCount(detail(order.id()), "ReturnReceived"));
  }

  @Test
  void aReturnReceivedAndRefundedUnderTheLastReleaseIsNotReceivedAgain() throws Exception {
    JsonObject product = shop.product("PUBLISHED", 10);
    String v0 = Shop.variantId(product, 0);
    Placed order = paid(product, 2);
    assertEquals(200, fulfil(order.id(), new JsonObject()).statusCode());
    assertEquals(200, staff("/api/v1/admin/orders/" + order.id() + "/delivered", null, null).statusCode());
    String returnId = requestApprovedReturn(order, v0, 1);
    String received = "/api/v1/admin/orders/" + order.id() + "/returns/" + returnId + "/received";
    assertEquals(200, staff(received, new JsonObject().put("restock", false), null).statusCode(), "damaged: not restocked");
    assertEquals(200, refund(order.id(), new JsonObject().put("returnId", returnId), UUID.randomUUID().toString()).statusCode());
    Eventually.value("the return is refunded", () -> detail(order.id()),
      x -> "refunded".equals(x.getJsonObject("order").getJsonArray("returns").getJsonObject(0).getString("status")));

    // as the last release kept it: refunded, not restocked, and no time of receipt
    var sql = PgPools.forTask(raceVertx, RunningEngine.pgUrl(), 1, "checkout", "legacy-returns-test");
    try {
      sql.preparedQuery("UPDATE orders SET ops = jsonb_set(ops, '{returns,0}', (ops -> 'returns' -> 0) - 'receivedAt') WHERE id = $1")
        .execute(Tuple.of(UUID.fromString(order.id()))).await(10, TimeUnit.SECONDS);
      assertEquals(null, detail(order.id()).getJsonObject("order").getJsonArray("returns").getJsonObject(0).getValue("receivedAt"));
      String migration;
      try (var in = getClass().getResourceAsStream("/db/checkout/V10__legacy_return_receipts.sql")) {
        migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      sql.query(migration).execute().await(10, TimeUnit.SECONDS);
    } finally {
      sql.close();
    }
    JsonObject ret = detail(order.id()).getJsonObject("order").getJsonArray("returns").getJsonObject(0);
    assertTrue(ret.getValue("receivedAt") != null, "the receipt's time is found in the event log: " + ret.encode());
    assertEquals(200, staff(received, new JsonObject().put("restock", true), null).statusCode());
    assertEquals(8, available(product, 0), "the damaged unit is not put on sale by a second receipt");
    assertEquals(1, timelineCount(detail(order.id()), "ReturnReceived"));
  }

  @Test
  void anOrderOperationsKeyBelongsToItsCallerAndItsRequest() throws Exception {
    JsonObject product = shop.product("PUBLISHED", 10);
    String v0 = Shop.variantId(product, 0);
    Placed order = paid(product, 2);
    String fulfilment = shop.staffMember("fulfilment");
    String refundPath = "/api/v1/admin/orders/" + order.id() + "/refunds";
    String key = UUID.randomUUID().toString();

    assertEquals(200, refund(order.id(), new JsonObject().put("amount", 100), key).statusCode());
    var replayed = refund(order.id(), new JsonObject().put("amount", 100), key);
    assertEquals(200, replayed.statusCode(), replayed.bodyAsString());
    assertEquals("true", replayed.getHeader("Idempotent-Replayed"));
    // another staff member with the same key: neither another refund nor the first one's answer
    for (long amount : new long[] {200, 100}) {
      var other = http.post(refundPath).bearerTokenAuthentication(fulfilment).putHeader("Idempotency-Key", key)
        .sendJsonObject(new JsonObject().put("amount", amount)).await(20, TimeUnit.SECONDS);
      assertProblem(other, 422, "IDEMPOTENCY_KEY_REUSED");
    }
    JsonObject d = Eventually.value("the refund is recorded", () -> detail(order.id()),
      x -> x.getJsonObject("order").getJsonObject("payment").getJsonObject("refunded").getLong("amount") == 100);
    assertEquals(1, d.getJsonObject("order").getJsonArray("refunds").size());

    // shipments alike
    String shipKey = UUID.randomUUID().toString();
    String shipPath = "/api/v1/admin/orders/" + order.id() + "/fulfilments";
    assertEquals(200, staff(shipPath, new JsonObject().put("lines", lines(v0, 1)), shipKey).statusCode());
    var otherShipment = http.post(shipPath).bearerTokenAuthentication(fulfilment).putHeader("Idempotency-Key", shipKey)
      .sendJsonObject(new JsonObject()).await(20, TimeUnit.SECONDS);
    assertProblem(otherShipment, 422, "IDEMPOTENCY_KEY_REUSED");
    JsonObject after = detail(order.id()).getJsonObject("order");
    assertEquals(1, after.getJsonArray("fulfilments").size());
    assertEquals("partially_fulfilled", after.getString("state"));
  }

  /** A return of {@code quantity} units of the delivered order's variant, requested by its customer and approved: its id. */
  private static String requestApprovedReturn(Placed order, String variantId, int quantity) throws Exception {
    var requested = http.post("/api/v1/orders/" + order.id() + "/returns").putHeader("X-Order-Token", order.token())
      .putHeader("Idempotency-Key", UUID.randomUUID().toString())
      .sendJsonObject(new JsonObject().put("lines", lines(variantId, quantity)).put("reason", "not needed"))
      .await(10, TimeUnit.SECONDS);
    assertEquals(201, requested.statusCode(), requested.bodyAsString());
    JsonArray returns = requested.bodyAsJsonObject().getJsonArray("returns");
    String returnId = returns.getJsonObject(returns.size() - 1).getString("id");
    var approved = staff("/api/v1/admin/orders/" + order.id() + "/returns/" + returnId + "/decision",
      new JsonObject().put("approve", true), null);
    assertEquals(200, approved.statusCode(), approved.bodyAsString());
    return returnId;
  }

  @Test
  void staffExportOrdersAsCsv() throws Exception {
    JsonObject product = shop.product("PUBLISHED", 10);
    Placed order = paid(product, 1);
    String number = order.order().getString("number");
    var csv = http.get("/api/v1/admin/orders.csv").addQueryParam("state", "paid").bearerTokenAuthentication(shop.staffToken())
      .send().await(30, TimeUnit.SECONDS);
    assertEquals(200, csv.statusCode(), csv.bodyAsString());
    assertTrue(csv.getHeader("content-type").startsWith("text/csv"));
    String[] rows = csv.bodyAsString().split("\r\n");
    assertTrue(rows[0].startsWith("number,placed_at,state"));
    assertTrue(java.util.Arrays.stream(rows).anyMatch(r -> r.startsWith(number + ",") && r.contains(",paid,succeeded,ops@example.com,")),
      "the paid order is a row");
    var anonymous = http.get("/api/v1/admin/orders.csv").send().await(10, TimeUnit.SECONDS);
    assertEquals(401, anonymous.statusCode());
  }
}
