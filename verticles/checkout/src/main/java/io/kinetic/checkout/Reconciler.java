package io.kinetic.checkout;

import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.ReleaseStock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Settles what a crash, a lost webhook or a silent shopper left open, every
 * {@code checkout.reconcileSeconds} on every node (each task takes its rows with SKIP LOCKED or is
 * idempotent, so nodes do not get in each other's way):
 * <ul>
 *   <li>provider events stored but not applied (the node died after acknowledging them);</li>
 *   <li>payments pending longer than {@code pendingCheckSeconds}: the provider is asked how they
 *       stand (a payment the engine never heard of succeeding is found here);</li>
 *   <li>payments never created (the engine died after creating the order): created now, by the
 *       same idempotency key;</li>
 *   <li>orders not paid in time: the provider is asked a last time, the payment cancelled, the order
 *       cancelled and its stock released;</li>
 *   <li>cancelled orders whose stock is still held, late payments not yet settled, and placements
 *       the engine died in (their stock is released);</li>
 *   <li>refunds sent to the provider and never answered (the engine died meanwhile): sent again
 *       with the same idempotency key, so the provider refunds once, and its answer recorded.</li>
 * </ul>
 */
final class Reconciler {

  private static final Logger LOG = Logger.getLogger(Reconciler.class.getName());
  private static final int BATCH = 100;

  private final Vertx vertx;
  private final Pool pool;
  private final BusClient bus;
  private final PaymentLedger ledger;
  private final CheckoutConfig config;
  private final Function<UUID, Future<Void>> createPayment;
  private Function<UUID, Future<Void>> resendRefunds = id -> Future.succeededFuture();
  private long timer = -1;
  private boolean running;

  Reconciler(Vertx vertx, Pool pool, BusClient bus, PaymentLedger ledger, CheckoutConfig config,
             Function<UUID, Future<Void>> createPayment) {
    this.vertx = vertx;
    this.pool = pool;
    this.bus = bus;
    this.ledger = ledger;
    this.config = config;
    this.createPayment = createPayment;
  }

  /** What sends again the refunds of an order that the provider never answered (see {@code Operations}). */
  void resendRefundsWith(Function<UUID, Future<Void>> resend) {
    this.resendRefunds = resend;
  }

  void start() {
    timer = vertx.setPeriodic(config.checkout().reconcileSeconds() * 1000L, id -> run());
  }

  void stop() {
    vertx.cancelTimer(timer);
  }

  /** One round (also for tests). */
  Future<Void> run() {
    if (running) {
      return Future.succeededFuture();
    }
    running = true;
    int pending = config.checkout().pendingCheckSeconds();
    return step("unapplied events", () -> each("""
          SELECT provider, event_id FROM provider_event WHERE applied_at IS NULL AND received_at < now() - interval '2 seconds'
          ORDER BY received_at LIMIT $1""", Tuple.of(BATCH), row -> ledger.apply(row.getString("provider"), row.getString("event_id"))))
      .compose(v -> step("pending payments", () -> each("""
          SELECT provider, intent_id FROM payment
          WHERE status IN ('requires_payment_method', 'processing') AND intent_id IS NOT NULL
            AND updated_at < now() - make_interval(secs => $2) ORDER BY updated_at LIMIT $1""", Tuple.of(BATCH, (double) pending),
        row -> pool.preparedQuery("UPDATE payment SET updated_at = now() WHERE intent_id = $1").execute(Tuple.of(row.getString("intent_id")))
          .compose(x -> ask(row.getString("provider"), row.getString("intent_id"), "reconcile")))))
      .compose(v -> step("payments never created", () -> each("""
          SELECT p.order_id FROM payment p JOIN orders o ON o.id = p.order_id
          WHERE p.status = 'creating' AND o.state = 'placed' AND p.created_at < now() - make_interval(secs => $2) LIMIT $1""",
        Tuple.of(BATCH, (double) pending), row -> createPayment.apply(row.getUUID("order_id")))))
      .compose(v -> step("orders not paid in time", () -> each("""
          SELECT o.id, p.provider, p.intent_id FROM orders o JOIN payment p ON p.order_id = o.id
          WHERE o.state = 'placed' AND o.payment_due_at < now() ORDER BY o.payment_due_at LIMIT $1""", Tuple.of(BATCH),
        row -> expire(row.getUUID("id"), row.getString("provider"), row.getString("intent_id")))))
      .compose(v -> step("stock of cancelled orders", () -> each("""
          SELECT id FROM orders WHERE state IN ('cancelled', 'refunded') AND $2 = ANY(flags) LIMIT $1""", Tuple.of(BATCH, PaymentLedger.RELEASE_PENDING),
        row -> ledger.releaseStock(row.getUUID("id")))))
      .compose(v -> step("units refunded before shipping", () -> each("""
          SELECT id FROM orders WHERE 'UNITS_RELEASE_PENDING' = ANY(flags) LIMIT $1""", Tuple.of(BATCH),
        row -> ledger.releaseUnits(row.getUUID("id")))))
      .compose(v -> step("late payments", () -> each("""
          SELECT id FROM orders WHERE state = 'cancelled' AND ($2 = ANY(flags) OR $3 = ANY(flags)) LIMIT $1""",
        Tuple.of(BATCH, PaymentLedger.PAID_AFTER_CANCEL, PaymentLedger.REFUND_PENDING),
        row -> ledger.settleLatePayment(row.getUUID("id")))))
      .compose(v -> step("refunds never answered", () -> each("""
          SELECT id FROM orders WHERE ops->'refunds' @> '[{"status": "pending"}]' AND updated_at < now() - make_interval(secs => $2)
          ORDER BY updated_at LIMIT $1""", Tuple.of(BATCH, (double) pending), row -> resendRefunds.apply(row.getUUID("id")))))
      .compose(v -> step("abandoned placements", () -> each("""
          SELECT order_id FROM placement WHERE started_at < now() - make_interval(secs => $2) LIMIT $1""",
        Tuple.of(BATCH, (double) Math.max(60, config.busTimeoutMillis() / 1000 * 4)), row -> abandoned(row.getUUID("order_id")))))
      .eventually(() -> {
        running = false;
        return Future.succeededFuture();
      });
  }

  /**
   * A placement the engine died in (or that failed before its order): its row locked (a retry with
   * the same key waits), its stock released unless its order exists after all, then the row
   * dropped, all in one transaction, so the marker goes only with the release.
   */
  private Future<Void> abandoned(UUID orderId) {
    return pool.withTransaction(tx -> tx.preparedQuery("""
          SELECT order_id FROM placement WHERE order_id = $1 AND started_at < now() - interval '30 seconds' FOR UPDATE SKIP LOCKED""")
        .execute(Tuple.of(orderId))
        .compose(locked -> locked.size() == 0 ? Future.succeededFuture()
          : tx.preparedQuery("SELECT 1 FROM orders WHERE id = $1").execute(Tuple.of(orderId))
            .compose(order -> order.size() > 0 ? Future.succeededFuture()
              : bus.request(CatalogApi.RELEASE_STOCK, new ReleaseStock(orderId), Caller.SYSTEM).mapEmpty())
            .compose(released -> tx.preparedQuery("DELETE FROM placement WHERE order_id = $1").execute(Tuple.of(orderId)))
            .mapEmpty()));
  }

  /** Asks the provider about an intent and applies the answer. */
  private Future<Void> ask(String provider, String intentId, String source) {
    return ledger.provider(provider).retrieve(intentId)
      .compose(intent -> ledger.observe(Observation.polled(provider, source, intent)));
  }

  /**
   * An order not paid in time: a last look at the provider (a success is applied), then the order
   * is cancelled and its stock released, and its payment is cancelled at the provider (applied as
   * the provider answers). A payment the provider cannot cancel any more (processing) stays as it
   * is: if it succeeds later, {@code PaymentLedger} takes the stock again or refunds it.
   */
  private Future<Void> expire(UUID orderId, String provider, String intentId) {
    Future<Void> asked = intentId == null ? Future.succeededFuture() : ask(provider, intentId, "expiry");
    return asked.compose(v -> {
      var cancelled = new ArrayList<Boolean>();
      return pool.withTransaction(tx -> Orders.lock(tx, orderId).compose(order -> {
          if (order == null || !OrderStates.PLACED.equals(order.state()) || !PaymentStatus.pending(order.paymentStatus())) {
            return Future.succeededFuture();
          }
          cancelled.add(true);
          Future<Void> payment = order.intentId() == null
            ? PaymentLedger.setPayment(tx, order, PaymentStatus.CANCELED, "not paid in time")
            : Future.succeededFuture();
          return payment.compose(x -> PaymentLedger.cancelled(tx, order, "PAYMENT_TIMEOUT", "system")).mapEmpty();
        }))
        .compose(x -> cancelled.isEmpty() ? Future.succeededFuture() : ledger.releaseStock(orderId))
        .compose(x -> cancelled.isEmpty() || intentId == null ? Future.succeededFuture()
          : ledger.provider(provider).cancel(intentId).compose(intent -> ledger.observe(Observation.polled(provider, "expiry", intent))))
        .onSuccess(x -> ledger.changed(orderId));
    });
  }

  private static Future<Void> safely(Function<Row, Future<Void>> action, Row row) {
    try {
      return action.apply(row);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private static Future<Void> step(String name, Supplier<Future<Void>> task) {
    return task.get().recover(t -> {
      LOG.warning("reconciliation of " + name + " failed, will retry: " + t);
      return Future.succeededFuture();
    });
  }

  /** Runs {@code action} for each row of {@code sql}, one after the other; a failing row does not stop the others. */
  private Future<Void> each(String sql, Tuple args, Function<Row, Future<Void>> action) {
    return pool.preparedQuery(sql).execute(args).compose(rows -> {
      List<Row> list = new ArrayList<>();
      rows.forEach(list::add);
      Future<Void> chain = Future.succeededFuture();
      for (Row row : list) {
        chain = chain.compose(v -> safely(action, row).recover(t -> {
          LOG.warning("reconciliation step failed for one row, will retry: " + t.getMessage());
          return Future.succeededFuture();
        }));
      }
      return chain;
    });
  }
}
