package io.kinetic.checkout;

import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.id.Ids;
import io.kinetic.kernel.money.Money;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.logging.Logger;

/**
 * The built-in payment provider of the embedded default and demos: no keys, no network. It keeps
 * its intents in its own table (its "servers") and behaves like Stripe: {@link #pay} with a test
 * card is what Stripe Elements does in the browser, and the outcome reaches the order the same two
 * ways, a webhook-like notice shortly after (through {@link PaymentLedger}, stored once per event
 * id) and the shopper's return ({@code ConfirmPayment}, which {@link #retrieve}s the intent).
 *
 * <p>Cards: {@value #SUCCEEDS} succeeds; {@value #DECLINED} is declined; {@value #INSUFFICIENT_FUNDS}
 * is declined for insufficient funds; {@value #FAILS} fails with a processing error;
 * {@value #LATE} is processing at first and succeeds {@code checkout.testLateMillis} later. Any
 * other number is declined as an unknown test card.
 */
final class TestProvider implements PaymentProvider {

  static final String NAME = "test";
  static final String SUCCEEDS = "4242424242424242";
  static final String DECLINED = "4000000000000002";
  static final String INSUFFICIENT_FUNDS = "4000000000009995";
  static final String FAILS = "4000000000000119";
  static final String LATE = "4000000000000259";
  private static final Map<String, String> FAILURES = Map.of(DECLINED, "card_declined: Your card was declined.",
    INSUFFICIENT_FUNDS, "card_declined: Your card has insufficient funds.",
    FAILS, "processing_error: An error occurred while processing your card. Try again in a little bit.");
  /** What the shopper is told of a refused card (the intent's last error keeps the provider's code for staff). */
  private static final Map<String, String> SAID = Map.of(DECLINED, "the card was declined: use another card",
    INSUFFICIENT_FUNDS, "the card has insufficient funds: use another card",
    FAILS, "the card could not be processed: try again or use another card");
  private static final Logger LOG = Logger.getLogger(TestProvider.class.getName());

  private final Vertx vertx;
  private final Pool pool;
  private final long lateMillis;
  private final long noticeMillis;
  private Consumer<Observation> notices = o -> { };

  TestProvider(Vertx vertx, Pool pool, long lateMillis, long noticeMillis) {
    this.vertx = vertx;
    this.pool = pool;
    this.lateMillis = lateMillis;
    this.noticeMillis = noticeMillis;
  }

  /** Where the webhook-like notices go. */
  void notify(Consumer<Observation> notices) {
    this.notices = notices;
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * The intent {@link #create} would make, without I/O: the test provider's "servers" are this
   * database, so placing an order stores it in the statement that creates the order (Placement).
   */
  Intent local(Money amount, String idempotencyKey) {
    String id = "pi_test_" + digest(idempotencyKey);
    return new Intent(id, id + "_secret", PaymentStatus.REQUIRES_PAYMENT_METHOD, amount.amount(), amount.currency(), 0, null);
  }

  @Override
  public Future<Intent> create(UUID orderId, String orderNumber, Money amount, String idempotencyKey) {
    String id = "pi_test_" + digest(idempotencyKey);
    return pool.preparedQuery("""
        INSERT INTO test_intent (id, amount, currency, status) VALUES ($1, $2, $3, 'requires_payment_method')
        ON CONFLICT (id) DO NOTHING""")
      .execute(Tuple.of(id, amount.amount(), amount.currency()))
      .compose(v -> retrieve(id));
  }

  @Override
  public Future<Intent> retrieve(String intentId) {
    // a "late" payment whose time has come succeeds on the next look, also after a restart
    return pool.preparedQuery("""
        WITH due AS (
          UPDATE test_intent SET status = 'succeeded', updated_at = now()
          WHERE id = $1 AND status = 'processing' AND succeed_at <= now() RETURNING *)
        SELECT * FROM due UNION ALL SELECT * FROM test_intent WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM due)""")
      .execute(Tuple.of(intentId))
      .compose(rows -> rows.size() == 0
        ? Future.failedFuture(ErrorCode.PAYMENT_PROVIDER_UNAVAILABLE.failure("the test provider has no intent " + intentId))
        : Future.succeededFuture(intent(rows.iterator().next())));
  }

  /**
   * The order as readers see it ({@link Orders#VIEW}) with its test intent as this provider has it
   * now (null when its payment is not the test provider's), in one statement; a null order when
   * there is none. A late payment that is due is not advanced here: {@link #retrieve} does that.
   */
  Future<OrderWithIntent> orderWithIntent(UUID orderId) {
    return pool.preparedQuery("SELECT v.*, t.status AS t_status, t.amount AS t_amount, t.currency AS t_currency, "
        + "t.refunded AS t_refunded, t.last_error AS t_last_error FROM (" + Orders.VIEW + " WHERE o.id = $1) v "
        + "LEFT JOIN test_intent t ON v.provider = 'test' AND t.id = v.intent_id")
      .execute(Tuple.of(orderId))
      .map(rows -> {
        if (rows.size() == 0) {
          return new OrderWithIntent(null, null);
        }
        Row r = rows.iterator().next();
        String id = r.getString("intent_id");
        Intent intent = r.getString("t_status") == null ? null : new Intent(id, id + "_secret", r.getString("t_status"),
          r.getLong("t_amount"), r.getString("t_currency"), r.getLong("t_refunded"), r.getString("t_last_error"));
        return new OrderWithIntent(Orders.view(r), intent);
      });
  }

  /** An order (null: none) and its test intent (null: none). */
  record OrderWithIntent(io.kinetic.kernel.contract.checkout.OrderView order, Intent intent) {
  }

  /** Stripe Elements' part: the shopper pays with {@code card}. Fails PAYMENT_DECLINED; succeeds with the intent. */
  Future<Intent> pay(String intentId, String card) {
    Card c = Card.of(card);
    return pool.preparedQuery("""
        UPDATE test_intent SET status = $2, last_error = $3, updated_at = now(),
               succeed_at = CASE WHEN $2 = 'processing' THEN now() + make_interval(secs => $4::float8 / 1000) END
        WHERE id = $1 AND status = 'requires_payment_method' RETURNING *""")
      .execute(Tuple.of(intentId, c.status(), c.failure(), (double) lateMillis))
      .compose(rows -> {
        if (rows.size() == 0) {
          return retrieve(intentId).compose(intent -> Future.failedFuture(ErrorCode.PAYMENT_NOT_ALLOWED.failure(
            "this payment is " + intent.status() + " and cannot be paid again")));
        }
        return paid(intent(rows.iterator().next()), c);
      });
  }

  /**
   * {@link #pay} for an order in one statement, without reading the order first: the intent of the
   * order's test payment is paid only while the order is placed and, with {@code customerId}, is
   * that customer's (null: the caller may see any order, e.g. staff or a guest whose link was
   * verified; the same rule as {@code CheckoutService#seen}, which a new kind of access must
   * change too). Null when nothing was paid (no such order, not theirs, not payable): the caller then
   * looks at the order to say why.
   */
  Future<PaidOrder> payOrder(UUID orderId, UUID customerId, String card) {
    Card c = Card.of(card);
    return pool.preparedQuery("""
        UPDATE test_intent t SET status = $2, last_error = $3, updated_at = now(),
               succeed_at = CASE WHEN $2 = 'processing' THEN now() + make_interval(secs => $4::float8 / 1000) END
        FROM payment p JOIN orders o ON o.id = p.order_id
        WHERE p.order_id = $1 AND p.provider = 'test' AND t.id = p.intent_id AND t.status = 'requires_payment_method'
          AND o.state = 'placed' AND ($5::uuid IS NULL OR o.customer_id = $5::uuid)
        RETURNING t.id, t.status, t.amount, t.currency, t.refunded, t.last_error, p.id AS payment_id,
                  p.amount AS payment_amount, p.refunded AS payment_refunded""")
      .execute(Tuple.of(orderId, c.status(), c.failure(), (double) lateMillis, customerId))
      .compose(rows -> {
        if (rows.size() == 0) {
          return Future.succeededFuture();
        }
        Row row = rows.iterator().next();
        UUID paymentId = row.getUUID("payment_id");
        long amount = row.getLong("payment_amount");
        long refunded = row.getLong("payment_refunded");
        return paid(intent(row), c).map(intent -> new PaidOrder(paymentId, amount, refunded, intent));
      });
  }

  /** An order's test payment just paid: its payment's id, amount and refunded total, and the intent as it is now. */
  record PaidOrder(UUID paymentId, long amount, long refunded, Intent intent) {
  }

  /** After the intent was paid with {@code card}: the notices go out; a declined card fails PAYMENT_DECLINED. */
  private Future<Intent> paid(Intent intent, Card card) {
    notice(card.succeeds() ? (card.late() ? "payment_intent.processing" : "payment_intent.succeeded") : "payment_intent.payment_failed",
      intent, noticeMillis);
    if (card.late()) {
      String intentId = intent.id();
      vertx.setTimer(Math.max(1, lateMillis), t -> retrieve(intentId)
        .onSuccess(now -> notice("payment_intent.succeeded", now, 0))
        .onFailure(e -> LOG.warning("late test payment " + intentId + " not noticed: " + e.getMessage())));
    }
    return card.failure() == null ? Future.succeededFuture(intent)
      : Future.failedFuture(ErrorCode.PAYMENT_DECLINED.failure(card.said()));
  }

  /** What a test card does: the intent's status after paying with it, and its failure (null: it succeeds). */
  private record Card(String number, boolean late, boolean succeeds, String status, String failure) {

    /** The refusal in words, for the shopper (null: it succeeds). */
    String said() {
      return failure == null ? null : SAID.getOrDefault(number, "the card was declined (not a test card): use another card");
    }

    /** Spaces and dashes a card number may be typed with (compiled once, not per payment). */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]");

    static Card of(String card) {
      String number = card == null ? "" : SEPARATORS.matcher(card).replaceAll("");
      boolean late = LATE.equals(number);
      boolean succeeds = SUCCEEDS.equals(number) || late;
      String failure = succeeds ? null : FAILURES.getOrDefault(number, "card_declined: Your card was declined (not a test card).");
      String status = late ? PaymentStatus.PROCESSING : succeeds ? PaymentStatus.SUCCEEDED : PaymentStatus.REQUIRES_PAYMENT_METHOD;
      return new Card(number, late, succeeds, status, failure);
    }
  }

  @Override
  public Future<Intent> refund(String intentId, long amount, String idempotencyKey) {
    return pool.withTransaction(tx -> tx.preparedQuery("""
          INSERT INTO test_refund (idempotency_key, intent_id, amount) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING""")
        .execute(Tuple.of(idempotencyKey, intentId, amount))
        .compose(fresh -> fresh.rowCount() == 0 ? Future.succeededFuture()
          : tx.preparedQuery("""
              UPDATE test_intent SET refunded = least(amount, refunded + $2), updated_at = now()
              WHERE id = $1 AND status = 'succeeded'""").execute(Tuple.of(intentId, amount))))
      .compose(v -> retrieve(intentId))
      .onSuccess(intent -> notice("charge.refunded", intent, noticeMillis));
  }

  @Override
  public Future<Intent> cancel(String intentId) {
    return pool.preparedQuery("""
        UPDATE test_intent SET status = 'canceled', updated_at = now()
        WHERE id = $1 AND status = 'requires_payment_method'""")
      .execute(Tuple.of(intentId)).compose(v -> retrieve(intentId));
  }

  private void notice(String type, Intent intent, long delay) {
    var observation = "charge.refunded".equals(type)
      ? new Observation(NAME, "evt_test_" + Ids.newId(), type, intent.id(), "refund", intent.status(), intent.amount(),
        intent.refunded(), null, System.currentTimeMillis())
      : Observation.status(NAME, "evt_test_" + Ids.newId(), type, intent);
    if (delay <= 0) {
      notices.accept(observation);
    } else {
      vertx.setTimer(delay, t -> notices.accept(observation));
    }
  }

  private static Intent intent(Row r) {
    return new Intent(r.getString("id"), r.getString("id") + "_secret", r.getString("status"), r.getLong("amount"),
      r.getString("currency"), r.getLong("refunded"), r.getString("last_error"));
  }

  private static String digest(String key) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
