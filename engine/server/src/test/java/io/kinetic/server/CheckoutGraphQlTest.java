package io.kinetic.server;

import static io.kinetic.server.CartEndToEndTest.assertProblem;
import static io.kinetic.server.Shop.variantId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The checkout over both GraphQL APIs, as shoppers and staff meet it on a running engine: a guest
 * quotes, places, pays with a test card and confirms; customers see only their own orders; staff
 * find orders and keep the tax and shipping settings, each with the access their roles give.
 */
// creates products: never while StorefrontBrowserTest compares the home page with the API
@ResourceLock(value = "storefront-catalogue", mode = ResourceAccessMode.READ)
class CheckoutGraphQlTest {

  private static final String SHOP = "/graphql";
  private static final String ADMIN = "/admin/graphql";
  private static final String ORDER_FIELDS = """
    fragment O on Order { id number state email customerId itemCount currency pricesIncludeTax
      lines { variantId sku quantity options { key value } unitPrice { amount currency } net { amount } tax { amount } gross { amount } taxRate taxClass }
      shippingAddress { name line1 postalCode city country } billingAddress { name country }
      shipping { methodId name gross { amount } }
      totals { itemsGross { amount } shippingGross { amount } net { amount } tax { amount } total { amount currency } }
      payment { provider status amount { amount } lastError } flags placedAt paymentDueAt version }
    """;
  private static WebClient http;
  private static Shop shop;

  @BeforeAll
  static void start() throws Exception {
    http = RunningEngine.client();
    shop = new Shop(http, RunningEngine.ADMIN_EMAIL, RunningEngine.ADMIN_PASSWORD);
  }

  @Test
  void aGuestQuotesPlacesPaysAndConfirmsAnOrder() throws Exception {
    var product = shop.product("PUBLISHED", 5);
    String cartToken = guestCart(variantId(product, 0), 2);

    var quoted = query(SHOP, null, cartToken, """
      query($in: CheckoutDetailsInput) { checkoutQuote(input: $in) {
        currency country pricesIncludeTax problems lines { quantity gross { amount currency } options { key value } }
        shippingOptions { methodId name price { amount } free } shipping { methodId price { amount } }
        totals { itemsGross { amount } shippingGross { amount } total { amount currency } } } }""",
      new JsonObject().put("in", new JsonObject().put("shippingAddress", new JsonObject().put("country", "de"))));
    JsonObject quote = data(quoted, "checkoutQuote");
    assertEquals("DE", quote.getString("country"));
    assertEquals("EUR", quote.getString("currency"));
    assertEquals(List.of(), quote.getJsonArray("problems").getList(), quoted.encode());
    assertEquals(2000, quote.getJsonArray("lines").getJsonObject(0).getJsonObject("gross").getInteger("amount"));
    assertEquals("size", quote.getJsonArray("lines").getJsonObject(0).getJsonArray("options").getJsonObject(0).getString("key"));
    assertTrue(quote.getJsonArray("shippingOptions").size() >= 1, quoted.encode());
    JsonObject totals = quote.getJsonObject("totals");
    long total = totals.getJsonObject("total").getLong("amount");
    assertEquals(totals.getJsonObject("itemsGross").getLong("amount") + totals.getJsonObject("shippingGross").getLong("amount"), total);
    String method = quote.getJsonObject("shipping").getString("methodId");
    assertEquals("test", data(query(SHOP, null, null, "{ paymentConfig { provider publishableKey } }", new JsonObject()),
      "paymentConfig").getString("provider"), "the test engine has no Stripe keys");

    String key = UUID.randomUUID().toString();
    var place = new JsonObject().put("in", new JsonObject().put("email", "guest-" + UUID.randomUUID() + "@example.com")
      .put("shippingAddress", address("Grace Guest", "DE")).put("shippingMethodId", method).put("expectedTotal", total));
    String placeOrder = "mutation($in: PlaceOrderInput!) { placeOrder(input: $in) { __typename "
      + "... on PlacedOrder { accessToken order { ...O } } ... on Problem { code message errors { field message } } } }" + ORDER_FIELDS;
    var placedResponse = post(SHOP, null, cartToken, key, placeOrder, place);
    assertEquals(200, placedResponse.statusCode(), placedResponse.bodyAsString());
    JsonObject placed = data(placedResponse.bodyAsJsonObject(), "placeOrder");
    assertEquals("PlacedOrder", placed.getString("__typename"), placedResponse.bodyAsString());
    JsonObject order = placed.getJsonObject("order");
    String orderId = order.getString("id");
    String accessToken = placed.getString("accessToken");
    assertNotNull(accessToken);
    assertEquals("placed", order.getString("state"));
    assertNull(order.getValue("customerId"), "a guest's order");
    assertEquals(total, order.getJsonObject("totals").getJsonObject("total").getLong("amount"), "the total the shopper saw");
    assertEquals("DE", order.getJsonObject("billingAddress").getString("country"), "billing: the shipping address");
    assertEquals("requires_payment_method", order.getJsonObject("payment").getString("status"));
    assertTrue(order.getString("number").startsWith("KC-"));

    var again = post(SHOP, null, cartToken, key, placeOrder, place);
    assertEquals("true", again.getHeader("Idempotent-Replayed"), "the same key places one order");
    assertEquals(orderId, data(again.bodyAsJsonObject(), "placeOrder").getJsonObject("order").getString("id"));
    awaitEmpty(cartToken);
    var empty = data(query(SHOP, null, cartToken, placeOrder, place), "placeOrder");
    assertEquals("CART_EMPTY", empty.getString("code"), "without a key a second order is tried, and the cart is empty");

    String byToken = "query($id: ID!, $t: String) { order(id: $id, accessToken: $t) { ...O } }" + ORDER_FIELDS;
    assertEquals(orderId, data(query(SHOP, null, null, byToken, ids(orderId, accessToken)), "order").getString("id"));
    var overGet = http.get(SHOP).addQueryParam("query", byToken).addQueryParam("variables", ids(orderId, accessToken).encode())
      .send().await(10, TimeUnit.SECONDS);
    assertEquals(orderId, data(overGet.bodyAsJsonObject(), "order").getString("id"), overGet.bodyAsString());
    assertEquals("no-store", overGet.getHeader("Cache-Control"), "a guest's order is personal, also over GET without a bearer token");
    var quoteOverGet = http.get(SHOP).putHeader("X-Cart-Token", cartToken).addQueryParam("query", "{ checkoutQuote { currency } }")
      .send().await(10, TimeUnit.SECONDS);
    assertEquals("no-store", quoteOverGet.getHeader("Cache-Control"), quoteOverGet.bodyAsString());
    assertError(query(SHOP, null, null, byToken, new JsonObject().put("id", orderId)), "ORDER_NOT_FOUND");
    assertError(query(SHOP, null, null, byToken, ids(orderId, accessToken.substring(1) + "A")), "ORDER_NOT_FOUND");

    String pay = "mutation($id: ID!, $t: String, $card: String!) { payWithTestCard(orderId: $id, accessToken: $t, card: $card) {"
      + " __typename ... on Payment { status provider amount { amount } lastError } ... on Problem { code message } } }";
    // the card as REST checks it: no attempt (no timeline entry, no mail) for what is not a card number
    for (String notACard : new String[] {"abc", "", "4".repeat(5000)}) {
      var refused = data(query(SHOP, null, null, pay, ids(orderId, accessToken).put("card", notACard)), "payWithTestCard");
      assertEquals("VALIDATION_FAILED", refused.getString("code"), refused.encode());
    }
    var declined = data(query(SHOP, null, null, pay, ids(orderId, accessToken).put("card", "4000 0000 0000 0002")), "payWithTestCard");
    assertEquals("PAYMENT_DECLINED", declined.getString("code"), declined.encode());
    var paid = data(query(SHOP, null, null, pay, ids(orderId, accessToken).put("card", "4242 4242 4242 4242")), "payWithTestCard");
    assertEquals("Payment", paid.getString("__typename"), paid.encode());
    assertEquals("succeeded", paid.getString("status"));
    assertEquals(total, paid.getJsonObject("amount").getLong("amount"));

    String confirm = "mutation($id: ID!, $t: String) { confirmPayment(orderId: $id, accessToken: $t) {"
      + " __typename ... on Order { ...O } ... on Problem { code } } }" + ORDER_FIELDS;
    JsonObject confirmed = data(query(SHOP, null, null, confirm, ids(orderId, accessToken)), "confirmPayment");
    assertEquals("paid", confirmed.getString("state"), confirmed.encode());
    assertEquals("succeeded", confirmed.getJsonObject("payment").getString("status"));
    var paidAgain = data(query(SHOP, null, null, pay, ids(orderId, accessToken).put("card", "4242 4242 4242 4242")), "payWithTestCard");
    assertEquals("PAYMENT_NOT_ALLOWED", paidAgain.getString("code"), "a paid order is not paid twice");

    // staff find it by its number, with its timeline
    String number = order.getString("number");
    var found = query(ADMIN, shop.staffToken(), null, """
      query($f: OrderFilter) { orders(filter: $f, first: 5) { edges { cursor node { id number state paymentStatus email total { amount } shipToCountry } }
        pageInfo { hasNextPage endCursor } } }""",
      new JsonObject().put("f", new JsonObject().put("number", number.substring("KC-".length()))));
    JsonArray edges = data(found, "orders").getJsonArray("edges");
    assertEquals(1, edges.size(), found.encode());
    JsonObject summary = edges.getJsonObject(0).getJsonObject("node");
    assertEquals(orderId, summary.getString("id"));
    assertEquals("paid", summary.getString("state"));
    assertEquals("succeeded", summary.getString("paymentStatus"));
    assertEquals("DE", summary.getString("shipToCountry"));
    assertFalse(data(found, "orders").getJsonObject("pageInfo").getBoolean("hasNextPage"));

    // the filter's limits are REST's: an empty e-mail is no filter to ignore, an over-long one or a
    // year past 9999 is refused
    String list = "query($f: OrderFilter) { orders(filter: $f, first: 5) { edges { node { id } } } }";
    for (JsonObject bad : List.of(new JsonObject().put("email", ""), new JsonObject().put("email", "e".repeat(255)),
        new JsonObject().put("number", "1".repeat(33)), new JsonObject().put("from", "+999999999-12-31T23:59:59Z"))) {
      assertError(query(ADMIN, shop.staffToken(), null, list, new JsonObject().put("f", bad)), "VALIDATION_FAILED");
    }

    var detail = data(query(ADMIN, shop.staffToken(), null, "query($id: ID!) { order(id: $id) { order { ...O } "
      + "timeline { type fromState toState actor note at version } } }" + ORDER_FIELDS, new JsonObject().put("id", orderId)), "order");
    assertEquals("paid", detail.getJsonObject("order").getString("state"));
    List<JsonObject> timeline = detail.getJsonArray("timeline").stream().map(JsonObject.class::cast).toList();
    assertEquals("OrderPlaced", timeline.get(0).getString("type"));
    assertEquals("guest", timeline.get(0).getString("actor"));
    assertTrue(timeline.stream().anyMatch(e -> "PaymentSucceeded".equals(e.getString("type")) && "paid".equals(e.getString("toState"))),
      detail.encode());
  }

  @Test
  void aCustomerSeesTheirOwnOrdersOnly() throws Exception {
    String owner = shop.customer();
    String other = shop.customer();
    var product = shop.product("PUBLISHED", 3);
    var added = query(SHOP, owner, null, "mutation($v: ID!) { addToCart(variantId: $v, quantity: 1) { __typename } }",
      new JsonObject().put("v", variantId(product, 0)));
    assertEquals("Cart", data(added, "addToCart").getString("__typename"), added.encode());

    var missing = data(query(SHOP, owner, null, """
      mutation($in: PlaceOrderInput!) { placeOrder(input: $in) { __typename ... on Problem { code errors { field message } } } }""",
      new JsonObject().put("in", new JsonObject().put("shippingAddress", address("  ", "ZZ"))
        .put("shippingMethodId", UUID.randomUUID().toString()))), "placeOrder");
    assertEquals("VALIDATION_FAILED", missing.getString("code"), missing.encode());
    assertEquals(List.of("input.shippingAddress.name", "input.shippingAddress.country"), fields(missing), missing.encode());

    String method = data(query(SHOP, owner, null, "{ checkoutQuote { shipping { methodId } } }", new JsonObject()), "checkoutQuote")
      .getJsonObject("shipping").getString("methodId");
    var placed = data(query(SHOP, owner, null, """
      mutation($in: PlaceOrderInput!) { placeOrder(input: $in) { __typename
        ... on PlacedOrder { order { id email customerId } } ... on Problem { code message } } }""",
      new JsonObject().put("in", new JsonObject().put("shippingAddress", address("Olive Owner", "DE")).put("shippingMethodId", method))),
      "placeOrder");
    assertEquals("PlacedOrder", placed.getString("__typename"), placed.encode());
    String orderId = placed.getJsonObject("order").getString("id");
    assertTrue(placed.getJsonObject("order").getString("email").startsWith("cart-"), "the account's e-mail");
    assertNotNull(placed.getJsonObject("order").getString("customerId"));

    String read = "query($id: ID!) { order(id: $id) { id state } }";
    assertEquals(orderId, data(query(SHOP, owner, null, read, new JsonObject().put("id", orderId)), "order").getString("id"));
    var mine = data(query(SHOP, owner, null, "{ myOrders(first: 10) { edges { node { id state itemCount } } pageInfo { hasNextPage } } }",
      new JsonObject()), "myOrders");
    assertEquals(orderId, mine.getJsonArray("edges").getJsonObject(0).getJsonObject("node").getString("id"));

    var stolen = query(SHOP, other, null, read, new JsonObject().put("id", orderId));
    assertError(stolen, "ORDER_NOT_FOUND");
    assertNull(stolen.getJsonObject("data").getValue("order"));
    var confirmed = data(query(SHOP, other, null, "mutation($id: ID!) { confirmPayment(orderId: $id) { __typename ... on Problem { code } } }",
      new JsonObject().put("id", orderId)), "confirmPayment");
    assertEquals("ORDER_NOT_FOUND", confirmed.getString("code"), "another customer's order does not exist for them");
    assertEquals(0, data(query(SHOP, other, null, "{ myOrders { edges { node { id } } } }", new JsonObject()), "myOrders")
      .getJsonArray("edges").size());
    assertError(query(SHOP, other, null, read, new JsonObject().put("id", UUID.randomUUID().toString())), "ORDER_NOT_FOUND");
    assertError(query(SHOP, other, null, "{ myOrders(first: 0) { edges { cursor } } }", new JsonObject()), "VALIDATION_FAILED");
  }

  @Test
  void staffOnlyFieldsAreRefusedToOthers() throws Exception {
    String customer = shop.customer();
    var asCustomer = post(ADMIN, customer, null, null, "{ orders { edges { cursor } } }", new JsonObject());
    assertProblem(asCustomer, 403, "FORBIDDEN");
    assertProblem(post(ADMIN, null, null, null, "{ checkoutSettings { version } }", new JsonObject()), 401, "UNAUTHENTICATED");
    assertError(query(SHOP, null, null, "{ myOrders { edges { cursor } } }", new JsonObject()), "UNAUTHENTICATED");
    // a staff token on a customer's field: known, and not allowed (as REST's 403), not "no token"
    assertError(query(SHOP, shop.staffToken(), null, "{ myOrders { edges { cursor } } }", new JsonObject()), "FORBIDDEN");
    assertError(query(SHOP, shop.staffToken(), null, "{ checkoutQuote { currency } }", new JsonObject()), "FORBIDDEN");
    assertError(query(SHOP, null, null, "{ checkoutQuote { currency } }", new JsonObject()), "CART_NOT_FOUND");

    String fulfilment = shop.staffMember("fulfilment");
    assertNotNull(data(query(ADMIN, fulfilment, null, "{ orders(first: 1) { pageInfo { hasNextPage } } }", new JsonObject()), "orders"));
    var settings = query(ADMIN, fulfilment, null, "{ checkoutSettings { version } }", new JsonObject());
    assertError(settings, "FORBIDDEN");
    assertNull(settings.getJsonObject("data"), "a non-null root field failed: no data");
    assertError(query(ADMIN, fulfilment, null, "mutation { updateCheckoutSettings(input: {pricesIncludeTax: false}) { __typename } }",
      new JsonObject()), "FORBIDDEN");
    String catalog = shop.staffMember("catalog");
    assertError(query(ADMIN, catalog, null, "{ orders { edges { cursor } } }", new JsonObject()), "FORBIDDEN");
  }

  @Test
  void adminsKeepTheSettingsAndInvalidChangesAreTypedProblems() throws Exception {
    String admin = shop.staffToken();
    String settingsFields = "pricesIncludeTax defaultCountry version taxRates { country taxClass rate } "
      + "zones { id name countries methods { id name prices { amount currency } freeAbove { amount currency } minDays maxDays active } }";
    JsonObject before = data(query(ADMIN, admin, null, "{ checkoutSettings { " + settingsFields + " } }", new JsonObject()),
      "checkoutSettings");
    assertTrue(before.getJsonArray("zones").size() >= 1);

    var invalid = data(query(ADMIN, admin, null, """
      mutation { updateCheckoutSettings(input: {defaultCountry: "ZZ"}) { __typename ... on Problem { code message errors { field message } } } }""",
      new JsonObject()), "updateCheckoutSettings");
    assertEquals("Problem", invalid.getString("__typename"));
    assertEquals("VALIDATION_FAILED", invalid.getString("code"), invalid.encode());
    assertEquals(List.of("input.defaultCountry"), fields(invalid));

    String taxClass = "gql-" + UUID.randomUUID().toString().substring(0, 8);
    String saveRate = "mutation($c: String!, $t: String!, $r: Int!) { saveTaxRate(country: $c, taxClass: $t, rate: $r) {"
      + " __typename ... on CheckoutSettings { version taxRates { country taxClass rate } } ... on Problem { code errors { field } } } }";
    var tooHigh = data(query(ADMIN, admin, null, saveRate, new JsonObject().put("c", "XX").put("t", taxClass).put("r", 20000)),
      "saveTaxRate");
    assertEquals("VALIDATION_FAILED", tooHigh.getString("code"), tooHigh.encode());
    assertEquals(List.of("country", "rate"), fields(tooHigh));
    var saved = data(query(ADMIN, admin, null, saveRate, new JsonObject().put("c", "li").put("t", taxClass).put("r", 770)), "saveTaxRate");
    assertEquals("CheckoutSettings", saved.getString("__typename"), saved.encode());
    assertTrue(saved.getLong("version") > before.getLong("version"));
    assertTrue(rates(saved).anyMatch(r -> "LI".equals(r.getString("country")) && taxClass.equals(r.getString("taxClass"))
      && r.getInteger("rate") == 770), saved.encode());
    String deleteRate = "mutation($c: String!, $t: String!) { deleteTaxRate(country: $c, taxClass: $t) {"
      + " __typename ... on CheckoutSettings { taxRates { taxClass } } ... on Problem { code } } }";
    var deleted = data(query(ADMIN, admin, null, deleteRate, new JsonObject().put("c", "LI").put("t", taxClass)), "deleteTaxRate");
    assertTrue(rates(deleted).noneMatch(r -> taxClass.equals(r.getString("taxClass"))), deleted.encode());
    assertEquals("TAX_RATE_NOT_FOUND", data(query(ADMIN, admin, null, deleteRate, new JsonObject().put("c", "LI").put("t", taxClass)),
      "deleteTaxRate").getString("code"));

    String saveZone = "mutation($id: ID, $in: ShippingZoneInput!) { saveShippingZone(id: $id, input: $in) { __typename"
      + " ... on CheckoutSettings { " + settingsFields + " } ... on Problem { code errors { field message } } } }";
    var badZone = data(query(ADMIN, admin, null, saveZone, new JsonObject().put("in", new JsonObject().put("name", "GraphQL test zone")
      .put("countries", new JsonArray().add("AQ")).put("methods", new JsonArray().add(method("Sled", 500).put("prices",
        new JsonArray().add(money(500, "EUR")).add(money(600, "EUR"))))))), "saveShippingZone");
    assertEquals("VALIDATION_FAILED", badZone.getString("code"), badZone.encode());
    assertEquals(List.of("input.methods[0].prices[1].currency"), fields(badZone));
    var unknownCountry = data(query(ADMIN, admin, null, saveZone, new JsonObject().put("in", new JsonObject().put("name", "GraphQL test zone")
      .put("countries", new JsonArray().add("ZZ")).put("methods", new JsonArray().add(method("Sled", 500))))), "saveShippingZone");
    assertEquals(List.of("input.countries[0]"), fields(unknownCountry), unknownCountry.encode());

    // a zone of its own: Antarctica (left over by an earlier run that failed half-way: removed first)
    for (Object zone : before.getJsonArray("zones")) {
      if (((JsonObject) zone).getJsonArray("countries").contains("AQ")) {
        query(ADMIN, admin, null, "mutation($id: ID!) { deleteShippingZone(id: $id) { __typename } }",
          new JsonObject().put("id", ((JsonObject) zone).getString("id")));
      }
    }
    var created = data(query(ADMIN, admin, null, saveZone, new JsonObject().put("in", new JsonObject().put("name", "GraphQL test zone")
      .put("countries", new JsonArray().add("aq")).put("methods", new JsonArray().add(method("Sled", 2500)
        .put("freeAbove", new JsonArray().add(money(100000, "EUR"))))))), "saveShippingZone");
    assertEquals("CheckoutSettings", created.getString("__typename"), created.encode());
    JsonObject zone = created.getJsonArray("zones").stream().map(JsonObject.class::cast)
      .filter(z -> z.getJsonArray("countries").contains("AQ")).findFirst().orElseThrow();
    JsonObject sled = zone.getJsonArray("methods").getJsonObject(0);
    assertEquals(1, sled.getJsonArray("prices").size(), sled.encode());
    assertEquals(2500, sled.getJsonArray("prices").getJsonObject(0).getInteger("amount"));
    assertEquals("EUR", sled.getJsonArray("prices").getJsonObject(0).getString("currency"));
    assertEquals(100000, sled.getJsonArray("freeAbove").getJsonObject(0).getInteger("amount"));
    assertTrue(sled.getBoolean("active"));
    var removed = data(query(ADMIN, admin, null, "mutation($id: ID!) { deleteShippingZone(id: $id) {"
      + " __typename ... on CheckoutSettings { zones { id } } ... on Problem { code } } }",
      new JsonObject().put("id", zone.getString("id"))), "deleteShippingZone");
    assertTrue(removed.getJsonArray("zones").stream().noneMatch(z -> zone.getString("id").equals(((JsonObject) z).getString("id"))));
    assertEquals("SHIPPING_ZONE_NOT_FOUND", data(query(ADMIN, admin, null, "mutation($id: ID!) { deleteShippingZone(id: $id) {"
      + " __typename ... on Problem { code } } }", new JsonObject().put("id", zone.getString("id"))), "deleteShippingZone").getString("code"));
  }

  @Test
  void staffShipRefundAndCancelOverGraphQlAndIllegalMovesAreTypedProblems() throws Exception {
    var product = shop.product("PUBLISHED", 5);
    String variant = variantId(product, 0);
    String cartToken = guestCart(variant, 2);
    var place = new JsonObject().put("in", new JsonObject().put("email", "ops-" + UUID.randomUUID() + "@example.com")
      .put("shippingAddress", address("Grace Guest", "DE")).put("shippingMethodId", "5b0c0b9e-0000-4000-8000-000000000101"));
    JsonObject placed = data(post(SHOP, null, cartToken, UUID.randomUUID().toString(),
      "mutation($in: PlaceOrderInput!) { placeOrder(input: $in) { ... on PlacedOrder { accessToken order { id } } } }", place)
      .bodyAsJsonObject(), "placeOrder");
    String orderId = placed.getJsonObject("order").getString("id");
    String accessToken = placed.getString("accessToken");
    String result = " { __typename ... on OrderDetail { order { state fulfilments { trackingNumber lines { quantity } }"
      + " refunds { amount { amount } status } payment { status refunded { amount } } } timeline { type actor actorName } }"
      + " ... on Problem { code message } } }";
    String fulfil = "mutation($id: ID!, $in: FulfilmentInput!) { fulfilOrder(orderId: $id, input: $in)" + result;
    JsonObject early = data(post(ADMIN, shop.staffToken(), null, UUID.randomUUID().toString(), fulfil,
      new JsonObject().put("id", orderId).put("in", new JsonObject())).bodyAsJsonObject(), "fulfilOrder");
    assertEquals("ORDER_STATE_CONFLICT", early.getString("code"), "an unpaid order is not shipped: " + early.encode());

    data(query(SHOP, null, null, "mutation($id: ID!, $t: String) { payWithTestCard(orderId: $id, accessToken: $t, card: \"4242424242424242\")"
      + " { __typename } }", ids(orderId, accessToken)), "payWithTestCard");
    data(query(SHOP, null, null, "mutation($id: ID!, $t: String) { confirmPayment(orderId: $id, accessToken: $t) { __typename } }",
      ids(orderId, accessToken)), "confirmPayment");

    String fulfilment = shop.staffMember("fulfilment");
    JsonObject shipped = data(post(ADMIN, fulfilment, null, UUID.randomUUID().toString(), fulfil, new JsonObject().put("id", orderId)
      .put("in", new JsonObject().put("lines", new JsonArray().add(new JsonObject().put("variantId", variant).put("quantity", 1)))
        .put("carrier", "UPS").put("trackingNumber", "1Z999"))).bodyAsJsonObject(), "fulfilOrder");
    assertEquals("OrderDetail", shipped.getString("__typename"), shipped.encode());
    assertEquals("partially_fulfilled", shipped.getJsonObject("order").getString("state"));
    assertEquals("1Z999", shipped.getJsonObject("order").getJsonArray("fulfilments").getJsonObject(0).getString("trackingNumber"));

    String refund = "mutation($id: ID!, $in: RefundInput!) { refundOrder(orderId: $id, input: $in)" + result;
    JsonObject tooMuch = data(post(ADMIN, fulfilment, null, UUID.randomUUID().toString(), refund,
      new JsonObject().put("id", orderId).put("in", new JsonObject().put("amount", 1_000_000))).bodyAsJsonObject(), "refundOrder");
    assertEquals("REFUND_EXCEEDS_CAPTURED", tooMuch.getString("code"), tooMuch.encode());
    JsonObject refunded = data(post(ADMIN, fulfilment, null, UUID.randomUUID().toString(), refund,
      new JsonObject().put("id", orderId).put("in", new JsonObject().put("amount", 250).put("reason", "late"))).bodyAsJsonObject(),
      "refundOrder");
    assertEquals(250, refunded.getJsonObject("order").getJsonArray("refunds").getJsonObject(0).getJsonObject("amount").getLong("amount"),
      refunded.encode());

    String cancel = "mutation($id: ID!) { cancelOrder(orderId: $id, reason: \"oops\")" + result;
    JsonObject notCancelled = data(post(ADMIN, fulfilment, null, UUID.randomUUID().toString(), cancel, new JsonObject().put("id", orderId))
      .bodyAsJsonObject(), "cancelOrder");
    assertEquals("ORDER_STATE_CONFLICT", notCancelled.getString("code"), "something was shipped: " + notCancelled.encode());
    var customer = post(ADMIN, null, null, null, cancel, new JsonObject().put("id", orderId)).bodyAsJsonObject();
    assertNotNull(customer.getJsonArray("errors"), "anonymous callers reach no staff mutation: " + customer.encode());
  }

  // ---- steps ----

  /** A new guest cart holding {@code quantity} of the variant, added over GraphQL; answers its token. */
  /**
   * Amounts past GraphQL's 32-bit {@code Int} (21,474,836.47 EUR and up) are {@code Long}: a price
   * of 30,000,000 EUR set over the admin API, the cart, the quote, the placed order and the staff's
   * order list answer their whole amounts (they failed to serialize, and one such order hid its
   * whole page of orders from staff); an amount past 64 bits is a typed validation error.
   */
  @Test
  void amountsOfMillionsAreAnsweredWhole() throws Exception {
    var product = shop.product("PUBLISHED", 5);
    String sku = Shop.sku(product, 0);
    String staff = shop.staffToken();
    var priced = query(ADMIN, staff, null, "mutation { setPrice(sku: \"" + sku + "\", amount: 3000000000, currency: \"EUR\") { __typename "
      + "... on Problem { code message } } }", new JsonObject());
    assertNull(priced.getValue("errors"), priced.encode());
    String cartToken = guestCart(variantId(product, 0), 2);
    var cart = data(query(SHOP, null, cartToken, "{ cart { subtotal { amount currency } } }", new JsonObject()), "cart");
    assertEquals(6_000_000_000L, cart.getJsonObject("subtotal").getLong("amount"), cart.encode());
    var quoted = query(SHOP, null, cartToken, "query($in: CheckoutDetailsInput) { checkoutQuote(input: $in) { totals { total { amount } } "
      + "shipping { methodId } } }", new JsonObject().put("in", new JsonObject().put("shippingAddress", new JsonObject().put("country", "DE"))));
    JsonObject quote = data(quoted, "checkoutQuote");
    long total = quote.getJsonObject("totals").getJsonObject("total").getLong("amount");
    assertTrue(total >= 6_000_000_000L, quoted.encode()); // free shipping above its threshold
    var place = new JsonObject().put("in", new JsonObject().put("email", "millions-" + UUID.randomUUID() + "@example.com")
      .put("shippingAddress", address("Max Millions", "DE")).put("shippingMethodId", quote.getJsonObject("shipping").getString("methodId"))
      .put("expectedTotal", total));
    var placed = data(post(SHOP, null, cartToken, UUID.randomUUID().toString(), "mutation($in: PlaceOrderInput!) { placeOrder(input: $in) { "
      + "__typename ... on PlacedOrder { order { id number totals { total { amount } } } } ... on Problem { code message } } }", place)
      .bodyAsJsonObject(), "placeOrder");
    assertEquals("PlacedOrder", placed.getString("__typename"), placed.encode());
    assertEquals(total, placed.getJsonObject("order").getJsonObject("totals").getJsonObject("total").getLong("amount"));
    var listed = query(ADMIN, staff, null, "query($n: String) { orders(first: 5, filter: {number: $n}) { edges { node { number total { amount } } } } }",
      new JsonObject().put("n", placed.getJsonObject("order").getString("number")));
    assertNull(listed.getValue("errors"), listed.encode());
    assertEquals(total, data(listed, "orders").getJsonArray("edges").getJsonObject(0).getJsonObject("node").getJsonObject("total").getLong("amount"));
    var tooBig = query(ADMIN, staff, null, "mutation { setPrice(sku: \"" + sku + "\", amount: 99999999999999999999, currency: \"EUR\") { __typename } }",
      new JsonObject());
    assertNull(tooBig.getValue("data") instanceof JsonObject d ? d.getValue("setPrice") : null, tooBig.encode());
    assertEquals("VALIDATION_FAILED", tooBig.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code"), tooBig.encode());
  }

  private static String guestCart(String variantId, int quantity) throws Exception {
    var added = query(SHOP, null, null, "mutation($v: ID!, $q: Int!) { addToCart(variantId: $v, quantity: $q) { __typename ... on Cart { token } } }",
      new JsonObject().put("v", variantId).put("q", quantity));
    String token = data(added, "addToCart").getString("token");
    assertNotNull(token, added.encode());
    return token;
  }

  /** Placing an order empties its cart (right after answering): within a few seconds. */
  private static void awaitEmpty(String cartToken) throws Exception {
    long deadline = System.currentTimeMillis() + 5_000;
    int items;
    do {
      JsonObject cart = query(SHOP, null, cartToken, "{ cart { itemCount } }", new JsonObject()).getJsonObject("data").getJsonObject("cart");
      items = cart == null ? 0 : cart.getInteger("itemCount");
      if (items > 0) {
        Thread.sleep(50);
      }
    } while (items > 0 && System.currentTimeMillis() < deadline);
    assertEquals(0, items, "placing the order emptied the cart");
  }

  private static JsonObject query(String path, String bearer, String cartToken, String document, JsonObject variables)
    throws Exception {
    var r = post(path, bearer, cartToken, null, document, variables);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  private static HttpResponse<Buffer> post(String path, String bearer, String cartToken, String idempotencyKey, String document,
                                           JsonObject variables) throws Exception {
    var headers = MultiMap.caseInsensitiveMultiMap();
    if (bearer != null) {
      headers.add("Authorization", "Bearer " + bearer);
    }
    if (cartToken != null) {
      headers.add("X-Cart-Token", cartToken);
    }
    if (idempotencyKey != null) {
      headers.add("Idempotency-Key", idempotencyKey);
    }
    return http.post(path).putHeaders(headers)
      .sendJsonObject(new JsonObject().put("query", document).put("variables", variables)).await(10, TimeUnit.SECONDS);
  }

  private static JsonObject data(JsonObject response, String field) {
    JsonObject data = response.getJsonObject("data");
    assertNotNull(data, response.encode());
    JsonObject value = data.getJsonObject(field);
    assertNotNull(value, response.encode());
    return value;
  }

  /** The response failed with one typed error of {@code code}. */
  private static void assertError(JsonObject response, String code) {
    JsonArray errors = response.getJsonArray("errors");
    assertNotNull(errors, response.encode());
    assertEquals(code, errors.getJsonObject(0).getJsonObject("extensions").getString("code"), response.encode());
  }

  private static List<String> fields(JsonObject problem) {
    return problem.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")).toList();
  }

  private static Stream<JsonObject> rates(JsonObject settings) {
    return settings.getJsonArray("taxRates").stream().map(JsonObject.class::cast);
  }

  private static JsonObject ids(String orderId, String accessToken) {
    return new JsonObject().put("id", orderId).put("t", accessToken);
  }

  private static JsonObject address(String name, String country) {
    return new JsonObject().put("name", name).put("line1", "Unter den Linden 1").put("postalCode", "AT".equalsIgnoreCase(country) ? "1010" : "10117")
      .put("city", "Berlin").put("country", country);
  }

  private static JsonObject method(String name, long eur) {
    return new JsonObject().put("name", name).put("prices", new JsonArray().add(money(eur, "EUR"))).put("minDays", 10).put("maxDays", 30);
  }

  private static JsonObject money(long amount, String currency) {
    return new JsonObject().put("amount", amount).put("currency", currency);
  }
}
