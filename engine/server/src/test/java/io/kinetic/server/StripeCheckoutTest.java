package io.kinetic.server;

import static io.kinetic.server.CartEndToEndTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.testing.Eventually;
import io.kinetic.server.stripe.FakeStripe;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checkout with Stripe, end to end through a real engine (gateway, checkout, catalog, cart,
 * PostgreSQL, Redis) whose only stand-in is Stripe's remote API ({@link FakeStripe}): placing an
 * order creates one PaymentIntent; {@code POST /webhooks/stripe} takes only events signed with the
 * endpoint's secret in the last 300 s, acts on each event once and never moves a payment back; the
 * webhook and the shopper's return make one change between them; refunds are recorded once.
 */
class StripeCheckoutTest {

  private static StripeEngine shop;
  private static FakeStripe stripe;

  @BeforeAll
  static void start() throws Exception {
    shop = StripeEngine.get();
    stripe = shop.stripe;
  }

  @Test
  void placingAnOrderCreatesOnePaymentIntentForTheServersTotal() throws Exception {
    var placed = shop.place(shop.variant(5), 2);
    // 2 × 10.00 EUR, 4.90 EUR standard shipping to Germany (under 50 EUR), prices include VAT
    assertEquals(2490, placed.total());
    JsonObject payment = placed.order().getJsonObject("payment");
    assertEquals("stripe", payment.getString("provider"));
    assertEquals("requires_payment_method", payment.getString("status"));
    assertEquals(List.of(placed.intentId()), stripe.intentsOfOrder(placed.orderId()));
    JsonObject intent = stripe.intent(placed.intentId());
    assertEquals(2490, intent.getLong("amount"));
    assertEquals("eur", intent.getString("currency"));
    assertEquals(placed.order().getString("number"), intent.getJsonObject("metadata").getString("order_number"));
    assertEquals(intent.getString("client_secret"), payment.getString("clientSecret"),
      "the shopper gets the intent's client secret for Stripe Elements");
    assertEquals("placed", placed.order().getString("state"));

    var config = shop.http.get("/api/v1/checkout/payment-config").send().await(10, TimeUnit.SECONDS).bodyAsJsonObject();
    assertEquals("stripe", config.getString("provider"));
    assertTrue(config.getString("publishableKey").startsWith("pk_test_"), config.encode());
  }

  @Test
  void fiveConcurrentPlacementsWithOneKeyMakeOneOrderAndOnePaymentIntent() throws Exception {
    String variant = shop.variant(10);
    String cart = shop.guestCart(shop.http, variant, 1);
    String key = UUID.randomUUID().toString();
    String email = "five-" + UUID.randomUUID() + "@example.com";
    JsonObject body = StripeEngine.placement(email);
    var answers = new ArrayList<Future<HttpResponse<Buffer>>>();
    for (int i = 0; i < 5; i++) {
      answers.add(shop.placeAsync(shop.raw, cart, key, body));
    }
    Future.join(answers).await(60, TimeUnit.SECONDS);
    var orderIds = new HashSet<String>();
    for (var answer : answers) {
      var r = answer.result();
      assertEquals(201, r.statusCode(), r.bodyAsString());
      orderIds.add(r.bodyAsJsonObject().getJsonObject("order").getString("id"));
    }
    assertEquals(1, orderIds.size(), "every request answers the one order");
    String orderId = orderIds.iterator().next();
    assertEquals(1, shop.number("SELECT count(*) FROM checkout.orders WHERE email = ?", email));
    assertEquals(1, stripe.intentsOfOrder(orderId).size(), "one PaymentIntent: " + stripe.intentsOfOrder(orderId));
    assertEquals(9, shop.number("SELECT stock_on_hand FROM catalog.variant WHERE id = ?::uuid", variant), "one allocation");

    // the same key later, one after the other: still that order and that intent
    var again = shop.placeAsync(shop.http, cart, key, body).await(30, TimeUnit.SECONDS);
    assertEquals(201, again.statusCode(), again.bodyAsString());
    assertEquals(orderId, again.bodyAsJsonObject().getJsonObject("order").getString("id"));
    assertEquals(1, stripe.intentsOfOrder(orderId).size());
  }

  /** Amounts no other test uses (faults are planned per amount): prices + 4.90 EUR shipping. */
  private static final long RETRIED_PRICE = 1111;
  private static final long LOST_PRICE = 1117;
  private static final long DOWN_PRICE = 1123;

  @Test
  void aCreationStripeAnswersWithAnErrorIsRetriedWithItsKeyAndMakesOneIntent() throws Exception {
    long total = RETRIED_PRICE + 490;
    stripe.plan(total, FakeStripe.Fault.ERROR);
    var placed = shop.place(shop.variant(3, RETRIED_PRICE), 1);
    assertEquals(total, placed.total());
    assertEquals(List.of(placed.intentId()), stripe.intentsOfAmount(total));
    assertEquals(2, stripe.createRequests(total), "stripe-java retried once");
  }

  @Test
  void aCreationWhoseAnswerIsLostIsRetriedWithItsKeyAndFindsTheSameIntent() throws Exception {
    long total = LOST_PRICE + 490;
    stripe.plan(total, FakeStripe.Fault.LOST_ANSWER);
    var placed = shop.place(shop.variant(3, LOST_PRICE), 1);
    assertEquals(List.of(placed.intentId()), stripe.intentsOfAmount(total), "one intent, though it was asked for twice");
    assertEquals(2, stripe.createRequests(total));
    assertEquals(stripe.intent(placed.intentId()).getString("client_secret"),
      placed.order().getJsonObject("payment").getString("clientSecret"));
  }

  @Test
  void whenStripeKeepsFailingTheOrderIsCancelledAndItsStockGivenBack() throws Exception {
    long total = DOWN_PRICE + 490;
    stripe.plan(total, FakeStripe.Fault.ERROR, FakeStripe.Fault.ERROR, FakeStripe.Fault.ERROR);
    String variant = shop.variant(3, DOWN_PRICE);
    String cart = shop.guestCart(shop.http, variant, 1);
    String email = "down-" + UUID.randomUUID() + "@example.com";
    var r = shop.placeAsync(shop.http, cart, UUID.randomUUID().toString(), StripeEngine.placement(email)).await(60, TimeUnit.SECONDS);
    assertProblem(r, 503, "PAYMENT_PROVIDER_UNAVAILABLE");
    assertEquals(3, stripe.createRequests(total));
    assertTrue(stripe.intentsOfAmount(total).isEmpty());
    assertEquals(1, shop.number("""
        SELECT count(*) FROM checkout.orders o JOIN checkout.payment p ON p.order_id = o.id
        WHERE o.email = ? AND o.state = 'cancelled' AND p.status = 'canceled' AND p.intent_id IS NULL""", email));
    Eventually.until("its stock is back", () -> shop.number("SELECT stock_on_hand FROM catalog.variant WHERE id = ?::uuid", variant) == 3);
  }

  @Test
  void aWebhookThatIsNotSignedByTheEndpointsSecretNowChangesNothing() throws Exception {
    var placed = shop.place(shop.variant(5), 1);
    stripe.succeed(placed.intentId());
    String payload = stripe.intentEvent("payment_intent.succeeded", placed.intentId());
    long version = shop.detail(placed.orderId()).getJsonObject("order").getLong("version");
    long now = FakeStripe.now();

    String tampered = payload.replace("\"amount\" : " + placed.total(), "\"amount\" : 1");
    assertFalse(tampered.equals(payload));
    assertProblem(shop.deliver(tampered, stripe.sign(payload)), 400, "WEBHOOK_SIGNATURE_INVALID");
    assertProblem(shop.deliver(payload, FakeStripe.sign(payload, "whsec_someone_elses_secret", now)), 400, "WEBHOOK_SIGNATURE_INVALID");
    assertProblem(shop.deliver(payload, stripe.sign(payload, now - 301)), 400, "WEBHOOK_SIGNATURE_INVALID");
    assertProblem(shop.deliver(payload, stripe.sign(payload, now - 3600)), 400, "WEBHOOK_SIGNATURE_INVALID");
    assertProblem(shop.deliver(payload, null), 400, "WEBHOOK_SIGNATURE_INVALID");
    assertProblem(shop.deliver(payload, "t=" + now + ",v1=" + "0".repeat(64)), 400, "WEBHOOK_SIGNATURE_INVALID");
    assertProblem(shop.deliver(payload, "garbage"), 400, "WEBHOOK_SIGNATURE_INVALID");
    // a header whose parts do not parse (it was a NumberFormatException in the SDK: 500)
    assertProblem(shop.deliver(payload, "t=abc,v1=" + "0".repeat(64)), 400, "WEBHOOK_SIGNATURE_INVALID");
    assertProblem(shop.deliver(payload, "t=abc,v1=,,,=,v0=x"), 400, "WEBHOOK_SIGNATURE_INVALID");

    Thread.sleep(300);
    var order = shop.detail(placed.orderId()).getJsonObject("order");
    assertEquals("placed", order.getString("state"));
    assertEquals("requires_payment_method", order.getJsonObject("payment").getString("status"));
    assertEquals(version, order.getLong("version"));
    assertEquals(0, shop.number("SELECT count(*) FROM checkout.provider_event WHERE intent_id = ?", placed.intentId()),
      "nothing was stored");

    // signed a little while ago (within 300 s) and now: both taken
    assertEquals(200, shop.deliver(payload, stripe.sign(payload, now - 120)).statusCode());
    Eventually.until("the order is paid", () -> "paid".equals(shop.order(placed).getString("state")));
  }

  @Test
  void theSignatureIsCheckedOverTheRawUtf8Body() throws Exception {
    var placed = shop.place(shop.variant(5), 1);
    stripe.succeed(placed.intentId());
    var event = new JsonObject(stripe.intentEvent("payment_intent.succeeded", placed.intentId()));
    event.getJsonObject("data").getJsonObject("object").getJsonObject("metadata").put("customer", "Zoë Müller — 東京 🛒");
    String payload = event.encode();
    assertTrue(payload.contains("Zoë"), "sent as UTF-8, not escaped");
    assertEquals(200, shop.deliver(payload, stripe.sign(payload)).statusCode());
    Eventually.until("the order is paid", () -> "paid".equals(shop.order(placed).getString("state")));
  }

  @Test
  void eventsCheckoutDoesNotActOnAreAcknowledged() throws Exception {
    var placed = shop.place(shop.variant(5), 1);
    for (String payload : List.of(
      FakeStripe.event("customer.created", new JsonObject().put("id", "cus_" + UUID.randomUUID()).put("object", "customer")),
      stripe.intentEvent("payment_intent.created", placed.intentId()),
      stripe.intentEvent("payment_intent.amount_capturable_updated", placed.intentId()),
      FakeStripe.event("charge.refunded", new JsonObject().put("id", "ch_x").put("object", "charge").put("amount", 100)),
      // signed events of another shape are acknowledged, never a 500 (data or its object null, fields of other types)
      new JsonObject().put("id", "evt_" + UUID.randomUUID()).put("type", "payment_intent.succeeded").putNull("data").encode(),
      new JsonObject().put("id", "evt_" + UUID.randomUUID()).put("type", "payment_intent.payment_failed")
        .put("data", new JsonObject().putNull("object")).encode(),
      new JsonObject().put("id", "evt_" + UUID.randomUUID()).put("type", "payment_intent.payment_failed")
        .put("data", new JsonObject().put("object", new JsonObject().put("id", 5).put("last_payment_error", "declined"))).encode(),
      new JsonObject().put("id", "evt_" + UUID.randomUUID()).put("type", "charge.dispute.created")
        .put("data", new JsonObject().put("object", new JsonObject().put("payment_intent", new JsonObject().put("id", "pi_x"))
          .put("reason", 7))).encode(),
      new JsonObject().put("id", "evt_" + UUID.randomUUID()).put("type", "charge.refunded").put("data", "not an object").encode())) {
      var receipt = shop.deliver(payload);
      assertEquals(new JsonObject(payload).getString("id"), receipt.getString("eventId"));
      assertFalse(receipt.getBoolean("duplicate"));
    }
    Thread.sleep(300);
    assertEquals(List.of("OrderPlaced"), shop.timeline(placed.orderId()));
    assertEquals(0, shop.number("SELECT count(*) FROM checkout.provider_event WHERE intent_id = ?", placed.intentId()));
  }

  @Test
  void aDuplicateDeliveryIsAcknowledgedAndChangesNothing() throws Exception {
    var placed = shop.place(shop.variant(5), 1);
    stripe.succeed(placed.intentId());
    String payload = stripe.intentEvent("payment_intent.succeeded", placed.intentId());
    long first = FakeStripe.now() - 60;
    var delivered = shop.deliver(payload, stripe.sign(payload, first));
    assertEquals(200, delivered.statusCode(), delivered.bodyAsString());
    assertFalse(delivered.bodyAsJsonObject().getBoolean("duplicate"));
    Eventually.until("the order is paid", () -> "paid".equals(shop.order(placed).getString("state")));
    long version = shop.detail(placed.orderId()).getJsonObject("order").getLong("version");

    // Stripe retries with a new signature (a new timestamp) over the same body, and the same delivery may come twice
    for (String signature : List.of(stripe.sign(payload), stripe.sign(payload), stripe.sign(payload, first))) {
      var again = shop.deliver(payload, signature);
      assertEquals(200, again.statusCode(), again.bodyAsString());
      assertTrue(again.bodyAsJsonObject().getBoolean("duplicate"));
    }
    Thread.sleep(300);
    var detail = shop.detail(placed.orderId());
    assertEquals(version, detail.getJsonObject("order").getLong("version"));
    assertEquals(List.of("OrderPlaced", "PaymentSucceeded"), shop.timeline(placed.orderId()));
    assertEquals(1, shop.number("SELECT count(*) FROM checkout.provider_event WHERE intent_id = ?", placed.intentId()));
  }

  /**
   * A success reported again once the payment succeeded (a second event of Stripe's; the test
   * provider's notice after the shopper's return) is stored as applied when it arrives, as stale,
   * and changes nothing.
   */
  @Test
  void aSuccessReportedAfterTheSuccessIsStoredAsStaleAndChangesNothing() throws Exception {
    var placed = shop.place(shop.variant(5), 1);
    stripe.succeed(placed.intentId());
    assertFalse(shop.deliver(stripe.intentEvent("payment_intent.succeeded", placed.intentId())).getBoolean("duplicate"));
    Eventually.until("the order is paid", () -> "paid".equals(shop.order(placed).getString("state")));
    long version = shop.detail(placed.orderId()).getJsonObject("order").getLong("version");

    // another event of Stripe's with the same news: new (not a duplicate), applied once stored
    assertFalse(shop.deliver(stripe.intentEvent("payment_intent.succeeded", placed.intentId())).getBoolean("duplicate"));
    assertEquals(1, shop.number("SELECT count(*) FROM checkout.provider_event WHERE intent_id = ? AND applied_at = received_at"
      + " AND outcome = 'stale succeeded'", placed.intentId()), "the second success is stored as applied (in one statement), stale");
    // the shopper's return finds the payment settled and asks nobody
    assertEquals("paid", shop.confirm(placed).getString("state"));
    assertEquals(0, shop.number("SELECT count(*) FROM checkout.provider_event WHERE intent_id = ? AND applied_at IS NULL",
      placed.intentId()), "nothing is left to apply");
    assertEquals(2, shop.number("SELECT count(*) FROM checkout.provider_event WHERE intent_id = ?", placed.intentId()));
    var order = shop.detail(placed.orderId()).getJsonObject("order");
    assertEquals(version, order.getLong("version"));
    assertEquals("succeeded", order.getJsonObject("payment").getString("status"));
    assertEquals(List.of("OrderPlaced", "PaymentSucceeded"), shop.timeline(placed.orderId()));
  }

  @Test
  void aLateProcessingOrFailureNeverMovesAPaidOrderBack() throws Exception {
    var placed = shop.place(shop.variant(5), 1);
    String processing = stripe.intentEvent("payment_intent.processing", placed.intentId());
    String failed = stripe.intentEvent("payment_intent.payment_failed", placed.intentId());
    stripe.succeed(placed.intentId());
    shop.deliver(stripe.intentEvent("payment_intent.succeeded", placed.intentId()));
    Eventually.until("the order is paid", () -> "paid".equals(shop.order(placed).getString("state")));

    shop.deliver(processing);
    shop.deliver(failed);
    shop.deliver(stripe.intentEvent("payment_intent.canceled", placed.intentId()));
    Eventually.until("the late events are applied (as stale)", () -> shop.number(
      "SELECT count(*) FROM checkout.provider_event WHERE intent_id = ? AND applied_at IS NULL", placed.intentId()) == 0);
    var order = shop.detail(placed.orderId()).getJsonObject("order");
    assertEquals("paid", order.getString("state"));
    assertEquals("succeeded", order.getJsonObject("payment").getString("status"));
    assertEquals(List.of("OrderPlaced", "PaymentSucceeded"), shop.timeline(placed.orderId()));
    // and the shopper's return changes nothing either
    assertEquals("paid", shop.confirm(placed).getString("state"));
    assertEquals(List.of("OrderPlaced", "PaymentSucceeded"), shop.timeline(placed.orderId()));
  }

  /** Stripe's events arrive in any order: a failure reported before "processing" must not undo it. */
  @Test
  void anOlderFailureArrivingAfterProcessingChangesNothing() throws Exception {
    var placed = shop.place(shop.variant(5), 1);
    stripe.fail(placed.intentId(), "card_declined", "Your card was declined.");
    var failure = new JsonObject(stripe.intentEvent("payment_intent.payment_failed", placed.intentId()));
    failure.put("created", failure.getLong("created") - 30); // it happened half a minute earlier
    stripe.processing(placed.intentId());
    shop.deliver(stripe.intentEvent("payment_intent.processing", placed.intentId()));
    Eventually.until("the payment is processing", () ->
      "processing".equals(shop.order(placed).getJsonObject("payment").getString("status")));
    shop.deliver(failure.encode());
    Eventually.until("the old failure is applied (as stale)", () -> shop.number(
      "SELECT count(*) FROM checkout.provider_event WHERE intent_id = ? AND applied_at IS NULL", placed.intentId()) == 0);
    var order = shop.order(placed);
    assertEquals("processing", order.getJsonObject("payment").getString("status"), order.encode());
    assertEquals(List.of("OrderPlaced"), shop.timeline(placed.orderId()));
  }

  @Test
  void processingThenAFailedAttemptThenSuccess() throws Exception {
    var placed = shop.place(shop.variant(5), 1);
    stripe.processing(placed.intentId());
    shop.deliver(stripe.intentEvent("payment_intent.processing", placed.intentId()));
    Eventually.until("the payment is processing", () ->
      "processing".equals(shop.order(placed).getJsonObject("payment").getString("status")));

    stripe.fail(placed.intentId(), "card_declined", "Your card was declined.");
    shop.deliver(stripe.intentEvent("payment_intent.payment_failed", placed.intentId()));
    var failed = Eventually.value("the attempt failed", () -> shop.order(placed),
      o -> "requires_payment_method".equals(o.getJsonObject("payment").getString("status")));
    assertEquals("placed", failed.getString("state"), "the shopper may try again");
    assertTrue(failed.getJsonObject("payment").getString("lastError").contains("card_declined"), failed.encode());

    stripe.succeed(placed.intentId());
    int asked = stripe.expandedRetrieves(placed.intentId());
    assertEquals("paid", shop.confirm(placed).getString("state"), "the return finds the success");
    assertEquals(asked + 1, stripe.expandedRetrieves(placed.intentId()), "the return asked Stripe (expand[]=latest_charge)");
    assertEquals(List.of("OrderPlaced", "PaymentFailed", "PaymentSucceeded"), shop.timeline(placed.orderId()));
    assertEquals(1, shop.number("SELECT count(*) FROM checkout.provider_event WHERE intent_id = ? AND type = 'return'"
      + " AND outcome = 'paid' AND applied_at = received_at", placed.intentId()),
      "the return's success is applied under the order's lock and stored as applied in the same transaction");
  }

  @Test
  void theShoppersReturnAndTheWebhookTogetherPayTheOrderOnce() throws Exception {
    for (int round = 0; round < 5; round++) {
      var placed = shop.place(shop.variant(5), 1);
      stripe.succeed(placed.intentId());
      String payload = stripe.intentEvent("payment_intent.succeeded", placed.intentId());
      var calls = new ArrayList<Future<HttpResponse<Buffer>>>();
      for (int i = 0; i < 3; i++) {
        calls.add(shop.confirmAsync(shop.raw, placed));
        calls.add(shop.deliverAsync(shop.raw, payload, stripe.sign(payload)));
      }
      Future.join(calls).await(30, TimeUnit.SECONDS);
      for (var call : calls) {
        assertEquals(200, call.result().statusCode(), call.result().bodyAsString());
      }
      Eventually.until("the order is paid", () -> "paid".equals(shop.order(placed).getString("state")));
      Eventually.until("every observation is applied", () -> shop.number(
        "SELECT count(*) FROM checkout.provider_event WHERE intent_id = ? AND applied_at IS NULL", placed.intentId()) == 0);
      assertEquals(List.of("OrderPlaced", "PaymentSucceeded"), shop.timeline(placed.orderId()));
      assertEquals(1, shop.number("""
          SELECT count(*) FROM checkout.outbox WHERE event_type = 'checkout.payment-succeeded' AND aggregate_id = ?""",
        placed.orderId()), "one PaymentSucceeded event");
    }
  }

  @Test
  void aRefundDeliveredTwiceIsRecordedOnce() throws Exception {
    var placed = shop.place(shop.variant(5), 1);
    stripe.succeed(placed.intentId());
    shop.deliver(stripe.intentEvent("payment_intent.succeeded", placed.intentId()));
    Eventually.until("the order is paid", () -> "paid".equals(shop.order(placed).getString("state")));

    // staff refund 5.00 EUR in Stripe's dashboard: charge.refunded arrives, again, and as another event
    stripe.refundOutside(placed.intentId(), 500);
    String refunded = stripe.refundedEvent(placed.intentId());
    shop.deliver(refunded);
    shop.deliver(refunded);
    shop.deliver(stripe.refundedEvent(placed.intentId()));
    var order = Eventually.value("the refund is recorded", () -> shop.order(placed),
      o -> "partially_refunded".equals(o.getJsonObject("payment").getString("status")));
    assertEquals("paid", order.getString("state"), "a partial refund leaves the order's state");
    assertEquals(500, order.getJsonObject("payment").getJsonObject("refunded").getLong("amount"));
    assertEquals("partially_refunded", order.getJsonObject("payment").getString("status"));
    // an older charge.refunded (saying less) arriving late changes nothing
    shop.deliver(stripe.refundedEvent(placed.intentId(), 200));
    Eventually.until("all applied", () -> shop.number(
      "SELECT count(*) FROM checkout.provider_event WHERE intent_id = ? AND applied_at IS NULL", placed.intentId()) == 0);
    assertEquals(List.of("OrderPlaced", "PaymentSucceeded", "PaymentRefunded"), shop.timeline(placed.orderId()));

    // the rest
    stripe.refundOutside(placed.intentId(), placed.total() - 500);
    String rest = stripe.refundedEvent(placed.intentId());
    shop.deliver(rest);
    shop.deliver(rest);
    order = Eventually.value("the whole refund is recorded", () -> shop.order(placed), o -> "refunded".equals(o.getString("state")));
    assertEquals(placed.total(), order.getJsonObject("payment").getJsonObject("refunded").getLong("amount"));
    assertEquals(List.of("OrderPlaced", "PaymentSucceeded", "PaymentRefunded", "PaymentRefunded"), shop.timeline(placed.orderId()));
    assertEquals(0, stripe.refunds(placed.intentId()).stream().filter(r -> r.idempotencyKey() != null).count(),
      "the engine refunded nothing itself");
  }

  @Test
  void aDisputeFlagsTheOrderOnce() throws Exception {
    var placed = shop.place(shop.variant(5), 1);
    stripe.succeed(placed.intentId());
    shop.deliver(stripe.intentEvent("payment_intent.succeeded", placed.intentId()));
    Eventually.until("the order is paid", () -> "paid".equals(shop.order(placed).getString("state")));
    String dispute = stripe.disputeEvent(placed.intentId(), "fraudulent");
    shop.deliver(dispute);
    shop.deliver(dispute);
    Eventually.until("the order is flagged", () -> shop.detail(placed.orderId()).getJsonObject("order").getJsonArray("flags")
      .contains("DISPUTED"));
    assertEquals(List.of("OrderPlaced", "PaymentSucceeded", "PaymentDisputed"), shop.timeline(placed.orderId()));
    assertEquals("paid", shop.order(placed).getString("state"));
  }

  @Test
  void aCanceledIntentCancelsTheOrderAndGivesItsStockBack() throws Exception {
    String variant = shop.variant(3);
    var placed = shop.place(variant, 2);
    assertEquals(1, shop.number("SELECT stock_on_hand FROM catalog.variant WHERE id = ?::uuid", variant));
    shop.deliver(stripe.intentEvent("payment_intent.canceled", placed.intentId()));
    Eventually.until("the order is cancelled", () -> "cancelled".equals(shop.order(placed).getString("state")));
    Eventually.until("its stock is back", () -> shop.number("SELECT stock_on_hand FROM catalog.variant WHERE id = ?::uuid", variant) == 3);
    assertEquals(List.of("OrderPlaced", "OrderCancelled"), shop.timeline(placed.orderId()));
  }

  @Test
  void anOrderNotPaidInTimeIsCancelledAtStripeToo() throws Exception {
    String variant = shop.variant(2);
    var placed = shop.place(variant, 1);
    expire(placed);
    Eventually.value("the order ran out of time", Duration.ofSeconds(20), () -> shop.order(placed),
      o -> "cancelled".equals(o.getString("state")));
    Eventually.until("the intent cannot be paid any more", () -> "canceled".equals(stripe.status(placed.intentId())));
    Eventually.until("its stock is back", () -> shop.number("SELECT stock_on_hand FROM catalog.variant WHERE id = ?::uuid", variant) == 2);
    // Stripe's own word on it comes after: nothing more happens
    shop.deliver(stripe.intentEvent("payment_intent.canceled", placed.intentId()));
    Eventually.until("all applied", () -> shop.number(
      "SELECT count(*) FROM checkout.provider_event WHERE intent_id = ? AND applied_at IS NULL", placed.intentId()) == 0);
    assertEquals(List.of("OrderPlaced", "OrderCancelled"), shop.timeline(placed.orderId()));
    assertEquals("canceled", shop.order(placed).getJsonObject("payment").getString("status"));
  }

  /**
   * A payment still processing when its order ran out of time: the order is cancelled and its stock
   * sold to someone else; then the payment succeeds. The engine refunds it through Stripe's API,
   * and Stripe's charge.refunded (twice) records no second refund.
   */
  @Test
  void aPaymentSucceedingAfterItsOrderWasCancelledAndItsStockSoldIsRefundedOnce() throws Exception {
    String variant = shop.variant(1);
    var late = shop.place(variant, 1);
    stripe.processing(late.intentId());
    shop.deliver(stripe.intentEvent("payment_intent.processing", late.intentId()));
    Eventually.until("the payment is processing", () ->
      "processing".equals(shop.order(late).getJsonObject("payment").getString("status")));
    expire(late);
    Eventually.value("the order ran out of time", Duration.ofSeconds(20), () -> shop.order(late),
      o -> "cancelled".equals(o.getString("state")));
    Eventually.until("its stock is back", () -> shop.number("SELECT stock_on_hand FROM catalog.variant WHERE id = ?::uuid", variant) == 1);
    var other = shop.place(variant, 1);
    assertEquals("placed", other.order().getString("state"));

    stripe.succeed(late.intentId());
    shop.deliver(stripe.intentEvent("payment_intent.succeeded", late.intentId()));
    var refunded = Eventually.value("the late payment is refunded", Duration.ofSeconds(20), () -> shop.order(late),
      o -> "refunded".equals(o.getString("state")));
    assertTrue(refunded.getJsonArray("flags").contains("REFUNDED_NO_STOCK"), refunded.encode());
    assertEquals(late.total(), refunded.getJsonObject("payment").getJsonObject("refunded").getLong("amount"));
    assertEquals(1, stripe.refunds(late.intentId()).size(), "one refund at Stripe: " + stripe.refunds(late.intentId()));
    assertEquals(late.total(), stripe.refunded(late.intentId()));

    String chargeRefunded = stripe.refundedEvent(late.intentId());
    shop.deliver(chargeRefunded);
    shop.deliver(chargeRefunded);
    shop.deliver(stripe.refundedEvent(late.intentId()));
    Eventually.until("all applied", () -> shop.number(
      "SELECT count(*) FROM checkout.provider_event WHERE intent_id = ? AND applied_at IS NULL", late.intentId()) == 0);
    var timeline = shop.timeline(late.orderId());
    assertEquals(1, Collections.frequency(timeline, "PaymentRefunded"), timeline.toString());
    assertEquals(late.total(), shop.order(late).getJsonObject("payment").getJsonObject("refunded").getLong("amount"));
    assertEquals(1, stripe.refunds(late.intentId()).size());
    assertEquals(0, shop.number("SELECT stock_on_hand FROM catalog.variant WHERE id = ?::uuid", variant), "the other order keeps its unit");
  }

  /**
   * Staff cancelled an order while its payment was processing (it cannot be voided then), and the
   * payment succeeds after: the order stays cancelled, its stock stays released, and the payment is
   * refunded once, though the stock is still there (unlike an order that ran out of time).
   */
  @Test
  void aPaymentSucceedingAfterStaffCancelledItsOrderIsRefundedAndTheOrderStaysCancelled() throws Exception {
    String variant = shop.variant(2);
    var late = shop.place(variant, 1);
    stripe.processing(late.intentId());
    shop.deliver(stripe.intentEvent("payment_intent.processing", late.intentId()));
    Eventually.until("the payment is processing", () ->
      "processing".equals(shop.order(late).getJsonObject("payment").getString("status")));
    var cancelled = shop.http.post("/api/v1/admin/orders/" + late.orderId() + "/cancel")
      .bearerTokenAuthentication(shop.shop.staffToken()).putHeader("Idempotency-Key", UUID.randomUUID().toString())
      .sendJsonObject(new JsonObject().put("reason", "fraud suspected")).await(30, TimeUnit.SECONDS);
    assertEquals(200, cancelled.statusCode(), cancelled.bodyAsString());
    Eventually.until("its stock is back", () -> shop.number("SELECT stock_on_hand FROM catalog.variant WHERE id = ?::uuid", variant) == 2);

    stripe.succeed(late.intentId());
    shop.deliver(stripe.intentEvent("payment_intent.succeeded", late.intentId()));
    var refunded = Eventually.value("the late payment is refunded", Duration.ofSeconds(20), () -> shop.order(late),
      o -> "refunded".equals(o.getJsonObject("payment").getString("status")));
    assertEquals("cancelled", refunded.getString("state"), "staff cancelled it: it stays cancelled, its payment refunded");
    assertTrue(refunded.getJsonArray("flags").contains("REFUNDED_CANCELLED"), refunded.encode());
    assertFalse(refunded.getJsonArray("flags").contains("REFUNDED_NO_STOCK"), refunded.encode());
    assertEquals(late.total(), refunded.getJsonObject("payment").getJsonObject("refunded").getLong("amount"));
    assertEquals(1, stripe.refunds(late.intentId()).size(), "one refund at Stripe: " + stripe.refunds(late.intentId()));
    assertEquals(2, shop.number("SELECT stock_on_hand FROM catalog.variant WHERE id = ?::uuid", variant), "the stock stays released");
    var timeline = shop.timeline(late.orderId());
    assertFalse(timeline.contains("PaymentSucceeded"), "never paid again: " + timeline);
    assertEquals(1, Collections.frequency(timeline, "PaymentRefunded"), timeline.toString());
  }

  /** The same, with the stock still there: the order takes it again and is paid. */
  @Test
  void aPaymentSucceedingAfterItsOrderWasCancelledTakesTheStockAgain() throws Exception {
    String variant = shop.variant(2);
    var late = shop.place(variant, 1);
    stripe.processing(late.intentId());
    expire(late);
    Eventually.value("the order ran out of time", Duration.ofSeconds(20), () -> shop.order(late),
      o -> "cancelled".equals(o.getString("state")));
    Eventually.until("its stock is back", () -> shop.number("SELECT stock_on_hand FROM catalog.variant WHERE id = ?::uuid", variant) == 2);

    stripe.succeed(late.intentId());
    shop.deliver(stripe.intentEvent("payment_intent.succeeded", late.intentId()));
    var paid = Eventually.value("the late payment pays the order", Duration.ofSeconds(20), () -> shop.order(late),
      o -> "paid".equals(o.getString("state")));
    assertFalse(paid.getJsonArray("flags").contains("PAID_AFTER_CANCEL"), paid.encode());
    assertEquals(1, shop.number("SELECT stock_on_hand FROM catalog.variant WHERE id = ?::uuid", variant));
    assertTrue(stripe.refunds(late.intentId()).isEmpty());
    assertEquals(1, Collections.frequency(shop.timeline(late.orderId()), "PaymentSucceeded"));
  }

  /** The order's time to pay runs out now (the reconciliation, every second, does the rest). */
  private static void expire(StripeEngine.Placed placed) throws Exception {
    shop.execute("UPDATE checkout.orders SET payment_due_at = now() - interval '1 second' WHERE id = ?::uuid", placed.orderId());
  }
}
