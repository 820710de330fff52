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

  /** Stripe Elements' part: the shopper pays with {@code card}. Fails PAYMENT_DECLINED; succeeds with the intent. */
  Future<Intent> pay(String intentId, String card) {
    String number = card == null ? "" : card.replaceAll("[\\s-]", "");
    boolean late = LATE.equals(number);
    boolean succeeds = SUCCEEDS.equals(number) || late;
    String failure = succeeds ? null : FAILURES.getOrDefault(number, "card_declined: Your card was declined (not a test card).");
    String status = late ? PaymentStatus.PROCESSING : succeeds ? PaymentStatus.SUCCEEDED : PaymentStatus.REQUIRES_PAYMENT_METHOD;
    return pool.preparedQuery("""
        UPDATE test_intent SET status = $2, last_error = $3, updated_at = now(),
               succeed_at = CASE WHEN $2 = 'processing' THEN now() + make_interval(secs => $4::float8 / 1000) END
        WHERE id = $1 AND status = 'requires_payment_method' RETURNING *""")
      .execute(Tuple.of(intentId, status, failure, (double) lateMillis))
      .compose(rows -> {
        if (rows.size() == 0) {
          return retrieve(intentId).compose(intent -> Future.failedFuture(ErrorCode.PAYMENT_NOT_ALLOWED.failure(
            "this payment is " + intent.status() + " and cannot be paid again")));
        }
        Intent intent = intent(rows.iterator().next());
        notice(succeeds ? (late ? "payment_intent.processing" : "payment_intent.succeeded") : "payment_intent.payment_failed",
          intent, noticeMillis);
        if (late) {
          vertx.setTimer(Math.max(1, lateMillis), t -> retrieve(intentId)
            .onSuccess(now -> notice("payment_intent.succeeded", now, 0))
            .onFailure(e -> LOG.warning("late test payment " + intentId + " not noticed: " + e.getMessage())));
        }
        return failure == null ? Future.succeededFuture(intent)
          : Future.failedFuture(ErrorCode.PAYMENT_DECLINED.failure(failure));
      });
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
