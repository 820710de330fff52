package io.kinetic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.testing.Eventually;
import io.kinetic.server.stripe.FakeStripe;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A webhook storm: N orders placed through the engine (one PaymentIntent each at the fake Stripe),
 * all paid; Stripe's events for them ({@code processing}, {@code succeeded}, for some a failed
 * attempt before, for every tenth a partial refund told by two {@code charge.refunded}), each
 * delivered 3 times, shuffled, concurrently, with small random delays, like Stripe's retries, and
 * every fifth shopper's return from paying (twice) mixed in. Afterwards: exactly N
 * paid orders, each with one PaymentSucceeded, refunds recorded once, no order or payment ever moved back.
 *
 * <p>N is 1,000, the figure, because the run stays under 60 s on the shared 2-core
 * development machine: run alone, the class takes about 27 s (engine start included; placing the
 * 1,000 orders about 12 s, the 7,120 deliveries about 6 s); in the whole server suite, with the
 * browser tests running alongside, about 65 s (placing 35 s, deliveries 15 s). Placing the orders
 * is most of it. {@code -Dstripe.storm.orders=…} changes N.
 */
class StripeWebhookStormTest {

  private static final int ORDERS = Integer.getInteger("stripe.storm.orders", 1000);
  private static final int DELIVERIES_PER_EVENT = 3;
  private static final int IN_FLIGHT = 32;
  private static final long REFUND = 300;
  private static StripeEngine shop;
  private static FakeStripe stripe;

  @BeforeAll
  static void start() throws Exception {
    shop = StripeEngine.get();
    stripe = shop.stripe;
  }

  @Test
  void everyEventThreeTimesShuffledAndConcurrentPaysEachOrderOnceAndNeverBackwards() throws Exception {
    long started = System.nanoTime();
    List<StripeEngine.Placed> orders = placeAll();
    long placedAt = System.nanoTime();

    // Stripe's side: every intent succeeds (some after a failed attempt); every tenth is partly refunded
    var events = new ArrayList<String>();
    for (int i = 0; i < orders.size(); i++) {
      String intent = orders.get(i).intentId();
      if (i % 25 == 0) {
        stripe.fail(intent, "card_declined", "Your card was declined.");
        events.add(stripe.intentEvent("payment_intent.payment_failed", intent));
      }
      events.add(stripe.intentEvent("payment_intent.processing", intent));
      stripe.succeed(intent);
      events.add(stripe.intentEvent("payment_intent.succeeded", intent));
      if (i % 10 == 0) {
        // one refund, told twice (two events saying the same total), each delivered 3 times
        stripe.refundOutside(intent, REFUND);
        events.add(stripe.refundedEvent(intent));
        events.add(stripe.refundedEvent(intent));
      }
    }
    var deliveries = new ArrayList<Delivery>();
    for (String event : events) {
      for (int k = 0; k < DELIVERIES_PER_EVENT; k++) {
        deliveries.add(new Delivery(event, null));
      }
    }
    // every fifth shopper comes back from paying, twice, in the middle of it all
    for (int i = 0; i < orders.size(); i += 5) {
      deliveries.add(new Delivery(null, orders.get(i)));
      deliveries.add(new Delivery(null, orders.get(i)));
    }
    Collections.shuffle(deliveries, new Random(ORDERS));
    Map<Integer, AtomicInteger> statuses = deliverAll(deliveries);
    long deliveredAt = System.nanoTime();
    System.out.printf("webhook storm: %d orders placed in %d ms; %d deliveries of %d events in %d ms%n",
      ORDERS, ms(started, placedAt), deliveries.size(), events.size(), ms(placedAt, deliveredAt));
    assertEquals(Map.of(200, deliveries.size()), counts(statuses), "every delivery and return answered");

    var intents = orders.stream().map(StripeEngine.Placed::intentId).toArray(String[]::new);
    var ids = orders.stream().map(o -> UUID.fromString(o.orderId())).toArray(UUID[]::new);
    Eventually.until("every event is applied", Duration.ofSeconds(180), () -> number(
      "SELECT count(*) FROM checkout.provider_event WHERE intent_id = ANY(?) AND applied_at IS NULL", (Object) intents) == 0);
    long appliedAt = System.nanoTime();

    int refunded = (ORDERS + 9) / 10;
    assertEquals(events.size(), number(
      "SELECT count(*) FROM checkout.provider_event WHERE intent_id = ANY(?) AND event_id LIKE 'evt\\_%'", (Object) intents),
      "each event stored once");
    assertEquals(ORDERS, number("SELECT count(*) FROM checkout.orders WHERE id = ANY(?) AND state = 'paid'", (Object) ids),
      "exactly N paid orders");
    assertEquals(ORDERS - refunded, number("""
        SELECT count(*) FROM checkout.orders o JOIN checkout.payment p ON p.order_id = o.id
        WHERE o.id = ANY(?) AND o.state = 'paid' AND p.status = 'succeeded' AND p.refunded = 0""", (Object) ids));
    assertEquals(refunded, number("""
        SELECT count(*) FROM checkout.orders o JOIN checkout.payment p ON p.order_id = o.id
        WHERE o.id = ANY(?) AND o.state = 'paid' AND p.status = 'partially_refunded' AND p.refunded = ?""", (Object) ids, REFUND));
    assertEquals(0, number("""
        SELECT count(*) FROM (SELECT order_id FROM checkout.order_event WHERE order_id = ANY(?) AND type = 'PaymentSucceeded'
                              GROUP BY order_id HAVING count(*) <> 1) x""", (Object) ids), "one PaymentSucceeded per order");
    assertEquals(ORDERS, number("""
        SELECT count(*) FROM checkout.outbox WHERE event_type = 'checkout.payment-succeeded' AND aggregate_id = ANY(?)""",
      (Object) orders.stream().map(StripeEngine.Placed::orderId).toArray(String[]::new)), "one PaymentSucceeded event per order");
    assertEquals(refunded, number(
      "SELECT count(*) FROM checkout.order_event WHERE order_id = ANY(?) AND type = 'PaymentRefunded'", (Object) ids), "0 double refunds");
    assertEquals(refunded, stripe.refunds().stream().filter(r -> List.of(intents).contains(r.intentId())).count(),
      "the engine refunded nothing at Stripe");
    // never backwards: each entry moves the order along its state machine (or keeps its state), and no
    // failed attempt is recorded after the success
    assertEquals(0, number("""
        SELECT count(*) FROM checkout.order_event WHERE order_id = ANY(?) AND NOT (
          (type = 'OrderPlaced' AND from_state IS NULL AND to_state = 'placed')
          OR (type = 'PaymentFailed' AND from_state = 'placed' AND to_state = 'placed')
          OR (type = 'PaymentSucceeded' AND from_state = 'placed' AND to_state = 'paid')
          OR (type = 'PaymentRefunded' AND from_state = 'paid' AND to_state = 'paid'))""", (Object) ids),
      "only forward transitions");
    assertEquals(0, number("""
        SELECT count(*) FROM checkout.order_event f JOIN checkout.order_event s ON s.order_id = f.order_id
        WHERE f.order_id = ANY(?) AND f.type = 'PaymentFailed' AND s.type = 'PaymentSucceeded' AND f.version > s.version""", (Object) ids),
      "no failure after the success");
    assertEquals(0, number("""
        SELECT count(*) FROM (SELECT order_id FROM checkout.order_event WHERE order_id = ANY(?)
                              GROUP BY order_id HAVING count(*) <> max(version) OR min(version) <> 1) x""", (Object) ids),
      "one timeline entry per version");

    // and as staff see a few of them
    for (int i = 0; i < orders.size(); i += Math.max(1, orders.size() / 20)) {
      var detail = shop.detail(orders.get(i).orderId());
      var types = new ArrayList<String>();
      detail.getJsonArray("timeline").forEach(e -> types.add(((JsonObject) e).getString("type")));
      assertEquals(1, Collections.frequency(types, "PaymentSucceeded"), types.toString());
      assertEquals(i % 10 == 0 ? 1 : 0, Collections.frequency(types, "PaymentRefunded"), types.toString());
      assertEquals("paid", detail.getJsonObject("order").getString("state"));
      assertEquals(i % 10 == 0 ? "partially_refunded" : "succeeded", detail.getJsonObject("order").getJsonObject("payment").getString("status"));
    }
    System.out.printf("webhook storm: %d orders placed in %d ms; %d deliveries of %d events in %d ms; all applied %d ms later%n",
      ORDERS, ms(started, placedAt), deliveries.size(), events.size(), ms(placedAt, deliveredAt), ms(deliveredAt, appliedAt));
  }

  /** N guests order 1 to 3 units of one of four variants, {@value #IN_FLIGHT} at a time. */
  private static List<StripeEngine.Placed> placeAll() throws Exception {
    var product = shop.shop.product("PUBLISHED", ORDERS * 3, ORDERS * 3, ORDERS * 3, ORDERS * 3);
    var placed = new ConcurrentHashMap<Integer, StripeEngine.Placed>();
    var failures = new ConcurrentLinkedQueue<String>();
    var next = new AtomicInteger();
    var lanes = new ArrayList<Future<Void>>();
    for (int lane = 0; lane < IN_FLIGHT; lane++) {
      lanes.add(placeNext(next, product, placed, failures));
    }
    Future.all(lanes).await(300, TimeUnit.SECONDS);
    assertTrue(failures.isEmpty(), failures.size() + " placements failed, e.g. " + failures.peek());
    var out = new ArrayList<StripeEngine.Placed>();
    for (int i = 0; i < ORDERS; i++) {
      out.add(placed.get(i));
    }
    assertEquals(ORDERS, out.stream().map(StripeEngine.Placed::intentId).distinct().count(), "one intent per order");
    return out;
  }

  private static Future<Void> placeNext(AtomicInteger next, JsonObject product, Map<Integer, StripeEngine.Placed> placed,
                                        ConcurrentLinkedQueue<String> failures) {
    int i = next.getAndIncrement();
    if (i >= ORDERS) {
      return Future.succeededFuture();
    }
    String variant = Shop.variantId(product, i % 4);
    return shop.raw.post("/api/v1/cart/lines").sendJsonObject(new JsonObject().put("variantId", variant).put("quantity", 1 + i % 3))
      .compose(added -> added.statusCode() != 201 ? Future.failedFuture("cart: " + added.statusCode() + " " + added.bodyAsString())
        : shop.placeAsync(shop.raw, added.getHeader("X-Cart-Token"), UUID.randomUUID().toString()))
      .compose(r -> r.statusCode() != 201 ? Future.failedFuture("place: " + r.statusCode() + " " + r.bodyAsString())
        : Future.succeededFuture(StripeEngine.placed(r.bodyAsJsonObject())))
      .<Void>map(p -> {
        placed.put(i, p);
        return null;
      })
      .recover(t -> {
        failures.add(t.getMessage());
        return Future.succeededFuture();
      })
      .compose(v -> placeNext(next, product, placed, failures));
  }

  /** A webhook delivery (its payload) or a shopper's return (the order). */
  private record Delivery(String payload, StripeEngine.Placed confirm) {
  }

  /**
   * Delivers each payload (signed when sent) or confirms the order, {@value #IN_FLIGHT} at a time,
   * each after 0 to 4 ms; answers the statuses seen.
   */
  private static Map<Integer, AtomicInteger> deliverAll(List<Delivery> deliveries) throws Exception {
    var queue = new ConcurrentLinkedQueue<>(deliveries);
    var statuses = new ConcurrentHashMap<Integer, AtomicInteger>();
    var random = new Random(7);
    var lanes = new ArrayList<Future<Void>>();
    for (int lane = 0; lane < IN_FLIGHT; lane++) {
      lanes.add(deliverNext(queue, statuses, random));
    }
    Future.all(lanes).await(300, TimeUnit.SECONDS);
    return statuses;
  }

  private static Future<Void> deliverNext(ConcurrentLinkedQueue<Delivery> queue, Map<Integer, AtomicInteger> statuses, Random random) {
    Delivery delivery = queue.poll();
    if (delivery == null) {
      return Future.succeededFuture();
    }
    Promise<Void> delayed = Promise.promise();
    int delay;
    synchronized (random) {
      delay = random.nextInt(5);
    }
    if (delay == 0) {
      delayed.complete();
    } else {
      shop.vertx.setTimer(delay, t -> delayed.complete());
    }
    return delayed.future()
      .compose(v -> delivery.confirm() != null ? shop.confirmAsync(shop.raw, delivery.confirm())
        : shop.deliverAsync(shop.raw, delivery.payload(), stripe.sign(delivery.payload())))
      .<Void>map(r -> {
        statuses.computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
        return null;
      })
      .recover(t -> {
        statuses.computeIfAbsent(-1, s -> new AtomicInteger()).incrementAndGet();
        return Future.succeededFuture();
      })
      .compose(v -> deliverNext(queue, statuses, random));
  }

  private static Map<Integer, Integer> counts(Map<Integer, AtomicInteger> statuses) {
    var out = new java.util.HashMap<Integer, Integer>();
    statuses.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** A count over the engine's database; arrays bind as PostgreSQL arrays. */
  private static long number(String sql, Object... args) throws Exception {
    try (var c = shop.db(); var s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        if (args[i] instanceof UUID[] uuids) {
          s.setArray(i + 1, c.createArrayOf("uuid", uuids));
        } else if (args[i] instanceof String[] strings) {
          s.setArray(i + 1, c.createArrayOf("text", strings));
        } else {
          s.setObject(i + 1, args[i]);
        }
      }
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static long ms(long from, long to) {
    return TimeUnit.NANOSECONDS.toMillis(to - from);
  }
}
