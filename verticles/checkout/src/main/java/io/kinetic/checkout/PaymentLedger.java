package io.kinetic.checkout;

import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.catalog.AllocateStock;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.ReleaseStock;
import io.kinetic.kernel.contract.catalog.StockLine;
import io.kinetic.kernel.contract.checkout.CheckoutApi;
import io.kinetic.kernel.contract.checkout.LineQuantity;
import io.kinetic.kernel.contract.checkout.OrderCancelled;
import io.kinetic.kernel.contract.checkout.OrderView;
import io.kinetic.kernel.contract.checkout.PaymentDisputed;
import io.kinetic.kernel.contract.checkout.PaymentFailed;
import io.kinetic.kernel.contract.checkout.PaymentRefunded;
import io.kinetic.kernel.contract.checkout.PaymentSucceeded;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.id.Ids;
import io.kinetic.kernel.json.Json;
import io.kinetic.kernel.money.Money;
import io.kinetic.kernel.outbox.Outbox;
import io.kinetic.kernel.outbox.OutboxRelay;
import io.kinetic.kernel.pg.Transactions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Applies what payment providers report ({@link Observation}s) to payments and orders, exactly once
 * and never backwards. Each observation is first stored under its provider's event id (a duplicate
 * delivery finds it there and changes nothing), then applied in one transaction with the payment
 * and the order locked: a status only moves forward ({@link PaymentStatus}), the order follows
 * through {@link OrderStates}, and each change is a timeline entry and an outbox event. Whichever of
 * the webhook and the shopper's return comes first makes the change; the other finds nothing to do.
 *
 * <p>A payment that succeeds after its order was cancelled (not paid in time, stock released) takes
 * the stock again; when the stock is gone, the payment is refunded automatically and the order is
 * marked {@value #REFUNDED_NO_STOCK}, with a {@code PaymentRefunded} event (reason {@code NO_STOCK})
 * that tells the customer. An order staff cancelled ({@value #CANCELLED_BY_STAFF}) stays cancelled:
 * a payment that succeeds after that (it could not be voided any more) is refunded, marked
 * {@value #REFUNDED_CANCELLED} (reason {@code CANCELLED}); its refund, like the one of a paid order
 * staff cancel, leaves the order {@code cancelled} (the payment is {@code refunded}).
 */
final class PaymentLedger {

  static final String PAID_AFTER_CANCEL = "PAID_AFTER_CANCEL";
  static final String REFUNDED_NO_STOCK = "REFUNDED_NO_STOCK";
  /** Staff cancelled the order: a payment succeeding after that is refunded, never takes the stock again. */
  static final String CANCELLED_BY_STAFF = "CANCELLED_BY_STAFF";
  static final String REFUNDED_CANCELLED = "REFUNDED_CANCELLED";
  static final String AMOUNT_MISMATCH = "AMOUNT_MISMATCH";
  static final String DISPUTED = "DISPUTED";
  /** A cancelled order whose stock is still to be given back (the reconciliation retries it). */
  static final String RELEASE_PENDING = "RELEASE_PENDING";
  /**
   * Units refunded by lines before they shipped are still in the order's allocation: they go back on
   * sale ({@link #releaseUnits}; the reconciliation retries it).
   */
  static final String UNITS_RELEASE_PENDING = "UNITS_RELEASE_PENDING";
  /** A late payment whose stock was gone: its refund is decided and is to be made (the reconciliation retries it). */
  static final String REFUND_PENDING = "REFUND_PENDING";
  private static final Logger LOG = Logger.getLogger(PaymentLedger.class.getName());
  private static final String STORE = """
    INSERT INTO provider_event (provider, event_id, type, intent_id, payload) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT DO NOTHING""";
  /**
   * The event, locked, with whether it was applied and its payment's status as it is now (read
   * without a lock; see {@link #alreadySucceeded}). Whether it was applied is checked by the caller,
   * not in the WHERE clause: with {@code applied_at IS NULL} there, the planner takes the partial
   * index of pending events, whose entries of events applied since the last vacuum it walks one by
   * one (18 ms after a few thousand payments), instead of the primary key.
   */
  private static final String NEXT = """
    SELECT e.payload, e.applied_at IS NOT NULL AS applied,
           (SELECT p.status FROM payment p WHERE p.provider = e.provider AND p.intent_id = e.intent_id) AS payment_status
    FROM provider_event e WHERE e.provider = $1 AND e.event_id = $2 FOR UPDATE OF e SKIP LOCKED""";
  private static final String APPLIED = "UPDATE provider_event SET applied_at = now(), outcome = $3 WHERE provider = $1 AND event_id = $2";
  /** The statuses from which a reported success changes nothing ({@link #alreadySucceeded}): succeeded and the refunds after it. */
  private static final String[] SUCCEEDED_OR_LATER = {PaymentStatus.SUCCEEDED, PaymentStatus.PARTIALLY_REFUNDED, PaymentStatus.REFUNDED};
  /**
   * The usual success in one statement (its own transaction): the payment of a placed order,
   * pending and for the order's total, locked by its intent, succeeds, the order is paid (version,
   * timeline entry, {@code PaymentSucceeded}) and the observation is stored as applied with the
   * outcome {@link #apply} would note ("paid"). Nothing happens when the order is not in that case,
   * or the observation was stored before (a duplicate delivery): the general path decides then.
   * The event's order fields come from the locked row. $1 provider, $2 event id, $3 type, $4
   * intent, $5 payload, $6 amount reported, $7 the pending statuses, $8 when the provider observed
   * it (0: polled), $9 the timeline's actor; $10 to $15 the outbox row's event id, type, address,
   * payload (whose order id, number, amount and version the statement sets), correlation and actor
   * ({@link #successParams}). {@code %1$s}: {@code SKIP LOCKED} or not; {@code %2$s}: what it
   * answers, after the CTEs {@code changed} and {@code pay}; {@code %3$s}: {@link Outbox#COLUMNS};
   * {@code %4$s}: {@link Orders#VIEW}; {@code %5$s}: more conditions on the order to lock (the
   * notice locks only a pending payment's: a success settled already needs no lock).
   */
  private static final String APPLY_SUCCESS = """
    WITH l AS (
      %4$s WHERE p.provider = $1 AND p.intent_id = $4%5$s FOR UPDATE OF o, p%1$s),
    o AS (
      SELECT id, version, number, total, currency, payment_id FROM l
      WHERE state = 'placed' AND payment_status = ANY($7) AND total = $6),
    applied AS (
      INSERT INTO provider_event (provider, event_id, type, intent_id, payload, applied_at, outcome)
      SELECT $1, $2, $3, $4, $5, now(), 'paid' FROM o
      ON CONFLICT DO NOTHING RETURNING 1),
    pay AS (
      UPDATE payment p SET status = 'succeeded', last_error = NULL, observed_at = greatest(p.observed_at, $8), updated_at = now()
      FROM o WHERE p.id = o.payment_id AND EXISTS (SELECT 1 FROM applied) RETURNING p.*),
    changed AS (
      UPDATE orders x SET state = 'paid', version = o.version + 1, updated_at = now()
      FROM o WHERE x.id = o.id AND EXISTS (SELECT 1 FROM applied) RETURNING x.*),
    entry AS (
      INSERT INTO order_event (order_id, version, type, from_state, to_state, actor)
      SELECT id, version, 'PaymentSucceeded', 'placed', 'paid', $9 FROM changed),
    event AS (
      INSERT INTO outbox (%3$s)
      SELECT $10, $11, $12, $13::jsonb || jsonb_build_object('orderId', c.id, 'number', c.number, 'version', c.version,
               'amount', jsonb_build_object('amount', c.total, 'currency', c.currency)),
             $14, c.id, c.version, $15
      FROM changed c)
    %2$s""";
  /**
   * A reported success, stored in one statement: applied at once ({@link #APPLY_SUCCESS}) when its
   * order is in the usual case and not locked; else stored as applied ("stale succeeded", what
   * {@link #apply} would note) when its payment succeeded already, so that the second of a
   * payment's two confirmations (the provider's notice and the shopper's return) costs one insert;
   * else stored to be applied; nothing when it was stored before. $16: {@link #SUCCEEDED_OR_LATER}.
   */
  private static final String STORE_OR_APPLY_SUCCESS = APPLY_SUCCESS.formatted(" SKIP LOCKED", """
    ,
    settled AS (
      INSERT INTO provider_event (provider, event_id, type, intent_id, payload, applied_at, outcome)
      SELECT $1, $2, $3, $4, $5, now(), 'stale succeeded'
      WHERE NOT EXISTS (SELECT 1 FROM o) AND coalesce((SELECT payment_status FROM l),
        (SELECT p.status FROM payment p WHERE p.provider = $1 AND p.intent_id = $4)) = ANY($16)
      ON CONFLICT DO NOTHING RETURNING 1),
    stored AS (
      INSERT INTO provider_event (provider, event_id, type, intent_id, payload)
      SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS (SELECT 1 FROM o) AND NOT EXISTS (SELECT 1 FROM settled)
      ON CONFLICT DO NOTHING RETURNING 1)
    SELECT (SELECT id FROM changed) AS paid, EXISTS (SELECT 1 FROM settled) AS settled, EXISTS (SELECT 1 FROM stored) AS stored""",
    Outbox.COLUMNS, Orders.VIEW.strip(), " AND p.status = ANY($7)");
  /**
   * The shopper's return: {@link #APPLY_SUCCESS} waiting for the order's lock, answering the order
   * ({@link Orders#VIEW}'s columns) as it left it ({@code paid}), or else as the lock found it (its
   * newest version: a notice that applied the success while this waited has committed), so that
   * the loser of the two confirmations needs no second look. No row: no order has the intent.
   */
  private static final String APPLY_RETURNED_SUCCESS = APPLY_SUCCESS.formatted("", """
    SELECT true AS paid, c.id, c.number, c.state, c.customer_id, c.email, c.currency, c.total, c.item_count, c.doc::text AS doc,
           c.flags, c.placed_at, c.payment_due_at, c.updated_at, c.version, c.locale, c.ops::text AS ops,
           p.id AS payment_id, p.provider, p.intent_id, p.status AS payment_status, p.amount AS payment_amount,
           p.refunded AS payment_refunded, p.client_secret, p.last_error, p.updated_at AS payment_updated_at,
           p.observed_at AS payment_observed_at
    FROM changed c JOIN pay p ON p.order_id = c.id
    UNION ALL
    SELECT false, l.* FROM l WHERE NOT EXISTS (SELECT 1 FROM changed)""", Outbox.COLUMNS, Orders.VIEW.strip(), "");
  private static final String[] PENDING = {PaymentStatus.CREATING, PaymentStatus.REQUIRES_PAYMENT_METHOD, PaymentStatus.PROCESSING};

  private final Vertx vertx;
  private final Pool pool;
  private final BusClient bus;
  private final Map<String, PaymentProvider> providers;

  PaymentLedger(Vertx vertx, Pool pool, BusClient bus, Map<String, PaymentProvider> providers) {
    this.vertx = vertx;
    this.pool = pool;
    this.bus = bus;
    this.providers = providers;
  }

  PaymentProvider provider(String name) {
    PaymentProvider provider = providers.get(name);
    if (provider == null) {
      throw ErrorCode.PAYMENT_PROVIDER_UNAVAILABLE.failure("the payment provider " + name + " is not configured on this node");
    }
    return provider;
  }

  /**
   * A delivery (a webhook, a notice): stored once, acknowledged, applied right after. True when it
   * is new; false for a duplicate, which changes nothing.
   */
  Future<Boolean> receive(Observation o) {
    return store(o).map(stored -> {
      if (stored == Stored.TO_APPLY) {
        vertx.runOnContext(v -> apply(o.provider(), o.eventId(), o.intentId())
          .onFailure(t -> LOG.warning("provider event " + o.eventId() + " not applied yet (retried): " + t.getMessage())));
      }
      return stored != Stored.DUPLICATE;
    });
  }

  /**
   * What the shopper's return or the reconciliation found out: stored and applied now. A success
   * found by asking the provider ({@link Observation#polled}) is applied under its order's lock
   * first and stored with its outcome in the same transaction ({@link #applyPolledSuccess}).
   */
  Future<Void> observe(Observation o) {
    Future<Boolean> first = o.polled() && reportsSuccess(o) ? applyPolledSuccess(o).map(Objects::nonNull)
      : Future.succeededFuture(false);
    return first.compose(done -> done ? Future.succeededFuture() : storeAndApply(o));
  }

  private Future<Void> storeAndApply(Observation o) {
    return store(o).compose(stored -> stored == Stored.SETTLED ? Future.succeededFuture()
      : apply(o.provider(), o.eventId(), o.intentId()));
  }

  /**
   * The shopper's return: {@link #observe}, answering the order as it is after when the return
   * found a success (read in the transaction that applied it, or from the row it locked when the
   * provider's notice came first); null otherwise, to be read by the caller.
   */
  Future<OrderView> observeReturn(Observation o) {
    if (!(o.polled() && reportsSuccess(o))) {
      return observe(o).map((OrderView) null);
    }
    return applyPolledSuccess(o).compose(view -> view != null ? Future.succeededFuture(view) : storeAndApply(o).map((OrderView) null));
  }

  /**
   * A success the shopper's return (or the reconciliation) found at the provider, in one
   * transaction: the order is locked by its intent, and when its payment succeeded already (the
   * provider's notice came first, or is being applied and committed while this waited for the
   * lock) nothing changes and nothing is stored; else the observation is stored and applied as
   * {@link #apply} would, with its outcome noted, in that transaction (a name stored before is not
   * applied again). The loser of the two
   * confirmations costs one lock instead of a stored event and a transaction that finds nothing to
   * do. Answers the order as it is then; null when the intent has no order here (then it is stored
   * and applied as any other). Polled observations carry no provider event id to deduplicate: they
   * are named by what they say, and saying it twice changes nothing (a stored row of the same name
   * stays as it is).
   */
  private Future<OrderView> applyPolledSuccess(Observation o) {
    JsonObject payload = new JsonObject(Json.string(o));
    // the usual case in one statement; anything else (settled already, another amount, a name seen
    // before, no such order) in the transaction below
    return pool.preparedQuery(APPLY_RETURNED_SUCCESS).execute(successParams(o, payload))
      .compose(rows -> {
        if (rows.size() == 0) {
          return applyPolledSuccess(o, payload);
        }
        Row row = rows.iterator().next();
        OrderView order = Orders.view(row);
        if (row.getBoolean("paid")) {
          changed(order.id());
          return Future.succeededFuture(order);
        }
        // succeeded already (the notice came first): nothing changes, nothing is stored
        return order.payment() != null && alreadySucceeded(o, order.payment().status()) ? Future.succeededFuture(order)
          : applyPolledSuccess(o, payload);
      });
  }

  private Future<OrderView> applyPolledSuccess(Observation o, JsonObject payload) {
    var after = new After();
    return Transactions.run(pool, tx -> Orders.lockViewByIntent(tx, o.provider(), o.intentId()).compose(found -> {
        if (found == null) {
          return Future.succeededFuture((OrderView) null);
        }
        Orders.Locked order = found.locked();
        if (alreadySucceeded(o, order.paymentStatus())) {
          return Future.succeededFuture(found.view());
        }
        // stored first, under the lock: an observation of this name seen before (e.g. a success of
        // another amount, which leaves the payment pending) is not applied a second time
        return tx.preparedQuery(STORE).execute(Tuple.of(o.provider(), o.eventId(), o.type(), o.intentId(), payload))
          .compose(stored -> stored.rowCount() == 0 ? Future.succeededFuture(found.view())
            : applyTo(tx, order, o, after).compose(outcome -> {
              // a null outcome (not yet) leaves the row to the reconciliation's sweep, as apply does
              Future<?> noted = outcome == null ? Future.succeededFuture()
                : tx.preparedQuery(APPLIED).execute(Tuple.of(o.provider(), o.eventId(), outcome));
              Future<OrderView> now = Orders.view(tx, order.id()); // sent with the note: the order as this transaction left it
              return Future.all(noted, now).map(v -> now.result());
            }));
      }))
      .onSuccess(done -> after.run(this));
  }

  /** {@link #APPLY_SUCCESS}'s parameters for {@code o}; {@code more} appended. */
  private static Tuple successParams(Observation o, JsonObject payload, Object... more) {
    // the order's fields of the event are set by the statement from the locked order
    var event = new PaymentSucceeded(Ids.newId(), Instant.now(), new UUID(0, 0), null, o.provider(), o.intentId(), null, 0);
    Tuple outbox = Outbox.values(event, Caller.SYSTEM);
    Tuple params = Tuple.tuple().addValue(o.provider()).addValue(o.eventId()).addValue(o.type()).addValue(o.intentId())
      .addValue(payload).addValue(o.amount()).addValue(PENDING).addValue(o.polled() ? 0L : o.observedAt())
      .addValue("provider:" + o.provider())
      .addValue(outbox.getValue(0)).addValue(outbox.getValue(1)).addValue(outbox.getValue(2)).addValue(outbox.getValue(3))
      .addValue(outbox.getValue(4)).addValue(outbox.getValue(7));
    for (Object m : more) {
      params.addValue(m);
    }
    return params;
  }

  /** What storing an observation found: a new one to apply, a new one with nothing to apply, or one stored before. */
  private enum Stored { TO_APPLY, SETTLED, DUPLICATE }

  private Future<Stored> store(Observation o) {
    JsonObject payload = new JsonObject(Json.string(o));
    if (!reportsSuccess(o)) {
      return pool.preparedQuery(STORE).execute(Tuple.of(o.provider(), o.eventId(), o.type(), o.intentId(), payload))
        .map(r -> r.rowCount() == 1 ? Stored.TO_APPLY : Stored.DUPLICATE);
    }
    // usually applied in the same statement (settled: nothing left to do), unless its order is busy
    return pool.preparedQuery(STORE_OR_APPLY_SUCCESS).execute(successParams(o, payload, (Object) SUCCEEDED_OR_LATER))
      .map(r -> {
        Row row = r.iterator().next();
        UUID paid = row.getUUID("paid");
        if (paid != null) {
          changed(paid);
          return Stored.SETTLED;
        }
        return row.getBoolean("settled") ? Stored.SETTLED : row.getBoolean("stored") ? Stored.TO_APPLY : Stored.DUPLICATE;
      });
  }

  /** A report that the payment succeeded (the kind {@link #alreadySucceeded} can settle without the order). */
  private static boolean reportsSuccess(Observation o) {
    return "status".equals(o.kind()) && PaymentStatus.SUCCEEDED.equals(normalize(o.status()));
  }

  /** Applies a stored event unless it was applied already (or is being applied by another node). */
  Future<Void> apply(String provider, String eventId) {
    return apply(provider, eventId, null);
  }

  /**
   * Like {@link #apply(String, String)}; {@code intentId}: the event's intent when the caller knows
   * it, whose order is then locked in the same round trip as the event (the lock an application
   * nearly always needs; held a moment for nothing when the event needs no change).
   */
  Future<Void> apply(String provider, String eventId, String intentId) {
    var after = new After();
    return Transactions.run(pool, tx -> {
        Future<io.vertx.sqlclient.RowSet<Row>> next = tx.preparedQuery(NEXT).execute(Tuple.of(provider, eventId));
        Future<Orders.Locked> early = intentId == null ? null : Orders.lockByIntent(tx, provider, intentId);
        return (early == null ? next : Future.all(next, early).map(v -> next.result())).compose(rows -> {
          Row row = rows.size() == 0 ? null : rows.iterator().next();
          if (row == null || row.getBoolean("applied")) {
            return Future.succeededFuture();
          }
          Observation o = Json.decode(row.getJsonObject("payload").encode(), Observation.class);
          Future<Orders.Locked> locked = early != null && intentId.equals(o.intentId()) ? early
            : Orders.lockByIntent(tx, provider, o.intentId());
          return (alreadySucceeded(o, row.getString("payment_status")) ? Future.succeededFuture("stale " + PaymentStatus.SUCCEEDED)
              : locked.compose(order -> order == null ? Future.succeededFuture("unknown intent") : applyTo(tx, order, o, after)))
            .compose(outcome -> outcome == null ? Future.succeededFuture() // not yet: left for the next sweep
              : tx.preparedQuery(APPLIED).execute(Tuple.of(provider, eventId, outcome)).mapEmpty());
        });
      })
      .onSuccess(v -> after.run(this))
      .mapEmpty();
  }

  /**
   * True when {@code o} says the payment succeeded and the payment succeeded already (or was
   * refunded since): the second of the two confirmations (the provider's notice and the shopper's
   * return) changes nothing, so it needs neither the order's lock nor its row. Safe without a lock:
   * from succeeded a payment only moves on to refunds, never back, and a success reported then is
   * stale whatever happened in between ({@link #applyTo} would answer the same). {@code current}:
   * the payment's status as {@link #NEXT} read it, null when there is no such payment.
   */
  private static boolean alreadySucceeded(Observation o, String current) {
    return current != null && "status".equals(o.kind()) && PaymentStatus.SUCCEEDED.equals(normalize(o.status()))
      && PaymentStatus.rank(current) >= PaymentStatus.rank(PaymentStatus.SUCCEEDED) && !PaymentStatus.CANCELED.equals(current);
  }

  /** The effect of one observation on a locked order; the outcome noted with the event, null to retry it later. */
  private Future<String> applyTo(SqlConnection tx, Orders.Locked order, Observation o, After after) {
    String actor = "provider:" + o.provider();
    String current = order.paymentStatus();
    after.orderId = order.id();
    return switch (o.kind()) {
      case "refund" -> refund(tx, order, o.refunded(), actor, null, after);
      case "dispute" -> Orders.change(tx, order, null, "PaymentDisputed", Caller.SYSTEM, actor, o.failure(), List.of(DISPUTED),
          List.of(), v -> new PaymentDisputed(Ids.newId(), Instant.now(), order.id(), order.number(),
            Money.of(o.amount(), order.total().currency()), o.failure(), v))
        .map(v -> "disputed");
      default -> {
        String next = normalize(o.status());
        long eventTime = o.polled() ? 0 : o.observedAt(); // the time of the provider's newest event applied
        if (!o.polled() && o.observedAt() < order.observedAt()
          && !PaymentStatus.SUCCEEDED.equals(next) && !PaymentStatus.CANCELED.equals(next)) {
          // an older report than the status applied (webhooks arrive in any order): a failure or a
          // "processing" from before must not undo what came after. Success and cancellation are
          // final facts and pass (the ranks below keep them from going backwards).
          yield Future.succeededFuture("older than the status applied");
        }
        if (PaymentStatus.REQUIRES_PAYMENT_METHOD.equals(next) && o.failure() != null) {
          if (!PaymentStatus.pending(current)) {
            yield Future.succeededFuture("stale failure");
          }
          if (o.polled()) {
            // the shopper's return or the reconciliation saw the last attempt's failure: each attempt's
            // PaymentFailed comes from the provider's own event, so a look adds no second one
            after.changed = true;
            yield setPayment(tx, order, PaymentStatus.REQUIRES_PAYMENT_METHOD, o.failure(), eventTime).map("failure seen");
          }
          yield setPayment(tx, order, PaymentStatus.REQUIRES_PAYMENT_METHOD, o.failure(), eventTime)
            .compose(v -> Orders.change(tx, order, null, "PaymentFailed", Caller.SYSTEM, actor, o.failure(), List.of(), List.of(),
              version -> new PaymentFailed(Ids.newId(), Instant.now(), order.id(), order.number(), o.provider(), o.failure(), version)))
            .map(v -> "failed");
        }
        // The provider saying the money was taken beats a cancellation made here: an order
        // cancelled while its payment could not be cancelled at the provider (still processing,
        // or the cancel call failed) is paid after all, and settled below (PAID_AFTER_CANCEL).
        boolean paidAfterCancel = PaymentStatus.CANCELED.equals(current) && PaymentStatus.SUCCEEDED.equals(next);
        if (!paidAfterCancel && !PaymentStatus.advances(current, next)) {
          yield Future.succeededFuture("stale " + next);
        }
        if (PaymentStatus.SUCCEEDED.equals(next) && o.amount() != order.total().amount()) {
          yield Orders.change(tx, order, null, "PaymentAmountMismatch", Caller.SYSTEM, actor,
              "the provider reports " + o.amount() + " paid, the order's total is " + order.total().amount(),
              List.of(AMOUNT_MISMATCH), List.of(), null)
            .map(v -> "amount mismatch");
        }
        // the payment's and the order's writes are sent together (pipelined on the transaction's connection)
        Future<Void> payment = setPayment(tx, order, next, null, eventTime);
        Future<String> orderChange = followPayment(tx, order, next, actor, after);
        yield Future.all(payment, orderChange).map(v -> orderChange.result());
      }
    };
  }

  /** The order's side of a payment's new status {@code next} (sent with the payment's write). */
  private Future<String> followPayment(SqlConnection tx, Orders.Locked order, String next, String actor, After after) {
    if (PaymentStatus.SUCCEEDED.equals(next)) {
      if (OrderStates.PLACED.equals(order.state())) {
        return paid(tx, order, actor, null, List.of()).map("paid");
      }
      if (OrderStates.CANCELLED.equals(order.state())) {
        after.latePayment = true;
        return Orders.change(tx, order, null, "PaymentSucceededAfterCancel", Caller.SYSTEM, actor,
          "paid after the order was cancelled: its stock is taken again, or the payment refunded",
          List.of(PAID_AFTER_CANCEL), List.of(), null).map("paid after cancel");
      }
      return Future.succeededFuture("succeeded");
    }
    if (PaymentStatus.CANCELED.equals(next) && OrderStates.PLACED.equals(order.state())) {
      after.release = true;
      return cancelled(tx, order, "PAYMENT_CANCELED", actor).map("cancelled");
    }
    after.changed = true;
    return Future.succeededFuture(next);
  }

  static String normalize(String status) {
    if (status == null) {
      return PaymentStatus.REQUIRES_PAYMENT_METHOD;
    }
    return switch (status) {
      case "requires_action", "requires_confirmation", "requires_payment_method" -> PaymentStatus.REQUIRES_PAYMENT_METHOD;
      case "requires_capture", "processing" -> PaymentStatus.PROCESSING;
      default -> status;
    };
  }

  static Future<Void> setPayment(SqlConnection tx, Orders.Locked order, String status, String lastError) {
    return setPayment(tx, order, status, lastError, 0);
  }

  /** Sets the payment's status, noting when the provider observed it (never moving that time back). */
  static Future<Void> setPayment(SqlConnection tx, Orders.Locked order, String status, String lastError, long observedAt) {
    return tx.preparedQuery("""
        UPDATE payment SET status = $2, last_error = $3, observed_at = greatest(observed_at, $4), updated_at = now() WHERE id = $1""")
      .execute(Tuple.of(order.paymentId(), status, lastError, observedAt)).mapEmpty();
  }

  static Future<Long> paid(SqlConnection tx, Orders.Locked order, String actor, String note, List<String> removeFlags) {
    return Orders.change(tx, order, OrderStates.PAID, "PaymentSucceeded", Caller.SYSTEM, actor, note, List.of(), removeFlags,
      v -> new PaymentSucceeded(Ids.newId(), Instant.now(), order.id(), order.number(), order.provider(), order.intentId(),
        order.total(), v));
  }

  static Future<Long> cancelled(SqlConnection tx, Orders.Locked order, String reason, String actor) {
    return Orders.change(tx, order, OrderStates.CANCELLED, "OrderCancelled", Caller.SYSTEM, actor, reason,
      List.of(RELEASE_PENDING), List.of(),
      v -> new OrderCancelled(Ids.newId(), Instant.now(), order.id(), order.number(), reason, v));
  }

  /** Records a refunded total (only ever upwards, never above the payment) and moves the order. */
  Future<String> refund(SqlConnection tx, Orders.Locked order, long refundedTotal, String actor, String reason,
                                After after) {
    String current = order.paymentStatus();
    if (refundedTotal <= order.refunded()) {
      return Future.succeededFuture("stale refund");
    }
    if (PaymentStatus.pending(current) || PaymentStatus.CANCELED.equals(current)) {
      return Future.succeededFuture(null); // the success is not known yet: apply it after that
    }
    long total = Math.min(refundedTotal, order.total().amount());
    boolean whole = total >= order.total().amount();
    String status = whole ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
    // a partial refund leaves the order's state (the payment says it); a whole one closes the order,
    // except one staff cancelled: it reads as cancelled, its payment as refunded
    boolean staffCancelled = OrderStates.CANCELLED.equals(order.state()) && order.flags().contains(CANCELLED_BY_STAFF);
    String toState = whole && !staffCancelled && OrderStates.allowed(order.state(), OrderStates.REFUNDED) ? OrderStates.REFUNDED : null;
    String currency = order.total().currency();
    // the staff refunds this money pays, oldest first (the provider's answer and its webhook both
    // report the same total: whichever comes first settles them, the other is stale)
    OrderOps ops = order.ops();
    long left = total - order.refunded();
    var settled = new java.util.ArrayList<OrderOps.Refund>();
    for (OrderOps.Refund r : order.ops().refunds()) {
      if (OrderOps.PENDING.equals(r.status()) && r.amount() <= left) {
        left -= r.amount();
        settled.add(r);
        ops = ops.withRefund(r.id(), x -> x.with(OrderOps.SUCCEEDED, null));
        if (r.returnId() != null) {
          ops = ops.withReturn(r.returnId(), x -> x.with(OrderOps.REFUNDED, null, x.restocked()));
        }
      }
    }
    // a refund by lines takes the units not shipped first: those never ship and leave the allocation
    Map<UUID, Integer> shipped = ops.shipped();
    Map<UUID, Integer> released = ops.released();
    boolean releases = false;
    for (OrderOps.Refund r : settled) {
      if (!r.holdsUnits()) {
        continue;
      }
      var units = new java.util.ArrayList<LineQuantity>();
      for (LineQuantity q : r.lines()) {
        int ordered = order.doc().lines().stream().filter(l -> l.variantId().equals(q.variantId()))
          .mapToInt(io.kinetic.kernel.contract.checkout.PricedLine::quantity).sum();
        int held = ordered - shipped.getOrDefault(q.variantId(), 0) - released.getOrDefault(q.variantId(), 0);
        int free = Math.min(q.quantity(), Math.max(0, held));
        if (free > 0) {
          units.add(new LineQuantity(q.variantId(), free));
          released.merge(q.variantId(), free, Integer::sum);
        }
      }
      releases |= !units.isEmpty();
      ops = ops.withRefund(r.id(), x -> x.released(List.copyOf(units)));
    }
    OrderOps after2 = ops;
    if (toState == null && !whole && (OrderStates.PARTIALLY_FULFILLED.equals(order.state()) || OrderStates.PAID.equals(order.state()))
      && order.doc().lines().stream().allMatch(l -> after2.toShip(l.variantId(), l.quantity(), shipped, true) == 0)) {
      toState = OrderStates.FULFILLED; // the units not shipped were refunded: nothing is left to ship
    }
    OrderOps.Refund one = settled.size() == 1 ? settled.get(0) : null;
    boolean late = REFUNDED_NO_STOCK.equals(reason) || REFUNDED_CANCELLED.equals(reason);
    String why = REFUNDED_NO_STOCK.equals(reason) ? "NO_STOCK" : REFUNDED_CANCELLED.equals(reason) ? "CANCELLED"
      : one != null ? one.reason() : reason;
    var addFlags = new java.util.ArrayList<String>();
    if (late) {
      addFlags.add(reason);
    }
    if (whole && (OrderStates.PAID.equals(order.state()) || OrderStates.PARTIALLY_FULFILLED.equals(order.state()))) {
      addFlags.add(RELEASE_PENDING); // nothing will ship: the units still held go back on sale
      after.release = true;
    } else if (releases && !whole) {
      addFlags.add(UNITS_RELEASE_PENDING);
      after.releaseUnits = true;
    }
    after.changed = true;
    OrderOps newOps = ops;
    String finalState = toState;
    return tx.preparedQuery("UPDATE payment SET status = $2, refunded = $3, updated_at = now() WHERE id = $1")
      .execute(Tuple.of(order.paymentId(), status, total))
      .compose(v -> settled.isEmpty() ? Future.succeededFuture() : Orders.saveOps(tx, order.id(), newOps))
      .compose(v -> Orders.change(tx, order, finalState, "PaymentRefunded",
        Caller.SYSTEM, actor, why, addFlags, whole || late ? List.of(PAID_AFTER_CANCEL, REFUND_PENDING) : List.of(),
        version -> new PaymentRefunded(Ids.newId(), Instant.now(), order.id(), order.number(),
          Money.of(total - order.refunded(), currency), Money.of(total, currency), why,
          one == null ? null : one.id().toString(), one == null ? null : one.returnId(), version)))
      .map("refunded " + total);
  }

  /**
   * A payment that succeeded after its order was cancelled: take the stock again and mark the order
   * paid, or, when the stock is gone, refund the payment and mark the order. Safe to repeat (the
   * reconciliation does, for an order left with {@value #PAID_AFTER_CANCEL}).
   */
  Future<Void> settleLatePayment(UUID orderId) {
    // under the order's lock, so that no release of its stock interleaves with taking it again
    return pool.withTransaction(tx -> Orders.lock(tx, orderId).compose(order -> {
        if (order == null || !OrderStates.CANCELLED.equals(order.state()) || !order.flags().contains(PAID_AFTER_CANCEL)) {
          return Future.succeededFuture(false);
        }
        if (order.flags().contains(REFUND_PENDING)) {
          return Future.succeededFuture(true); // decided already: never take the stock after deciding to refund
        }
        if (order.flags().contains(CANCELLED_BY_STAFF)) {
          // staff cancelled it: it stays cancelled, and the money goes back
          return tx.preparedQuery("UPDATE orders SET flags = array_append(array_remove(flags, $2), $2) WHERE id = $1")
            .execute(Tuple.of(orderId, REFUND_PENDING)).map(true);
        }
        var lines = order.doc().lines().stream().map(l -> new StockLine(l.variantId(), l.quantity())).toList();
        return bus.request(CatalogApi.ALLOCATE_STOCK, new AllocateStock(orderId, lines), Caller.SYSTEM)
          .compose(allocated -> paid(tx, order, "system", "paid after cancellation: the stock was allocated again",
            List.of(PAID_AFTER_CANCEL, RELEASE_PENDING)).map(false), failure -> {
            Failure f = Failure.from(failure);
            // no stock: the refund is decided here, under the order's lock, once and for all
            return f.errorCode() == ErrorCode.OUT_OF_STOCK || f.errorCode() == ErrorCode.VARIANT_NOT_FOUND
              ? tx.preparedQuery("UPDATE orders SET flags = array_append(array_remove(flags, $2), $2) WHERE id = $1")
                .execute(Tuple.of(orderId, REFUND_PENDING)).map(true)
              : Future.failedFuture(failure);
          });
      }))
      .compose(refundNeeded -> !refundNeeded ? Future.<Void>succeededFuture() : refundLate(orderId))
      .onSuccess(v -> changed(orderId));
  }

  /** Refunds a late payment whose refund is decided ({@value #REFUND_PENDING}): its stock was gone, or staff cancelled its order. */
  private Future<Void> refundLate(UUID orderId) {
    return pool.withConnection(c -> Orders.view(c, orderId)).compose(view -> {
      if (view == null || !view.flags().contains(REFUND_PENDING)) {
        return Future.succeededFuture();
      }
      long left = view.totals().total().amount() - (view.payment().refunded() == null ? 0 : view.payment().refunded().amount());
      Future<Intent> refunded = left <= 0 ? Future.succeededFuture()
        : provider(view.payment().provider()).refund(view.payment().intentId(), left, "no-stock-" + orderId);
      return refunded
        .compose(intent -> {
          var after = new After();
          return pool.withTransaction(tx -> Orders.lock(tx, orderId).compose(order ->
              refund(tx, order, order.total().amount(), "system",
                order.flags().contains(CANCELLED_BY_STAFF) ? REFUNDED_CANCELLED : REFUNDED_NO_STOCK, after)))
            .onSuccess(v -> after.run(this)).mapEmpty();
        });
    });
  }

  /**
   * Gives back the units its succeeded refunds by lines took before they shipped (idempotent at the
   * catalog, per refund), then drops its {@value #UNITS_RELEASE_PENDING}. Sent whatever the order's
   * state: an allocation released whole since (cancelled) gives nothing back twice.
   */
  Future<Void> releaseUnits(UUID orderId) {
    return pool.withTransaction(tx -> Orders.lock(tx, orderId).compose(order -> {
      if (order == null || !order.flags().contains(UNITS_RELEASE_PENDING)) {
        return Future.succeededFuture();
      }
      // whatever the order's state since: the catalog gives back nothing of an allocation released
      // whole already (a cancellation's), and each refund's units once
      Future<?> chain = Future.succeededFuture();
      for (OrderOps.Refund r : order.ops().refunds()) {
        if (OrderOps.SUCCEEDED.equals(r.status()) && r.released() != null && !r.released().isEmpty()) {
          var lines = r.released().stream().map(l -> new StockLine(l.variantId(), l.quantity())).toList();
          chain = chain.compose(v -> bus.request(CatalogApi.RELEASE_UNITS,
            new io.kinetic.kernel.contract.catalog.ReleaseUnits(orderId, r.id(), lines), Caller.SYSTEM));
        }
      }
      return chain.compose(v -> tx.preparedQuery("UPDATE orders SET flags = array_remove(flags, $2) WHERE id = $1")
        .execute(Tuple.of(orderId, UNITS_RELEASE_PENDING))).mapEmpty();
    }));
  }

  /** Releases a cancelled order's stock (idempotent at the catalog), then drops its {@value #RELEASE_PENDING}. */
  Future<Void> releaseStock(UUID orderId) {
    // under the order's lock: a late payment taking the stock again waits, and finds it released
    return pool.withTransaction(tx -> Orders.lock(tx, orderId).compose(order -> {
      if (order == null || !(OrderStates.CANCELLED.equals(order.state()) || OrderStates.REFUNDED.equals(order.state()))
        || !order.flags().contains(RELEASE_PENDING)) {
        return Future.succeededFuture();
      }
      return bus.request(CatalogApi.RELEASE_STOCK, new ReleaseStock(orderId), Caller.SYSTEM)
        .compose(released -> tx.preparedQuery("UPDATE orders SET flags = array_remove(flags, $2) WHERE id = $1")
          .execute(Tuple.of(orderId, RELEASE_PENDING)))
        .mapEmpty();
    }));
  }

  void changed(UUID orderId) {
    OutboxRelay.poke(vertx, CheckoutModule.SCHEMA);
    vertx.eventBus().publish(CheckoutApi.Events.changed(orderId), orderId.toString());
  }

  /** What to do once an application committed. */
  static final class After {
    UUID orderId;
    boolean release;
    boolean releaseUnits;
    boolean latePayment;
    boolean changed;

    After() {
    }

    void run(PaymentLedger ledger) {
      if (orderId == null) {
        return;
      }
      ledger.changed(orderId);
      if (release) {
        ledger.releaseStock(orderId).onFailure(t -> LOG.warning("stock of cancelled order " + orderId
          + " not released yet (the reconciliation retries): " + t.getMessage()));
      }
      if (releaseUnits) {
        ledger.releaseUnits(orderId).onFailure(t -> LOG.warning("units refunded before shipping of order " + orderId
          + " not released yet (the reconciliation retries): " + t.getMessage()));
      }
      if (latePayment) {
        ledger.settleLatePayment(orderId).onFailure(t -> LOG.warning("late payment of order " + orderId
          + " not settled yet (the reconciliation retries): " + t.getMessage()));
      }
    }
  }
}
