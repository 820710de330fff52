package io.kinetic.checkout;

import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.checkout.OrderEventView;
import io.kinetic.kernel.contract.checkout.OrderPage;
import io.kinetic.kernel.contract.checkout.OrderSummary;
import io.kinetic.kernel.contract.checkout.OrderView;
import io.kinetic.kernel.contract.checkout.PaymentView;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.json.Json;
import io.kinetic.kernel.money.Money;
import io.kinetic.kernel.outbox.DomainEvent;
import io.kinetic.kernel.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.function.LongFunction;

/**
 * Orders in PostgreSQL: reading them (one, a customer's, staff's filtered lists, the timeline) and
 * changing them. Every change goes through {@link #change}: it checks the transition against
 * {@link OrderStates}, raises the version, writes the timeline entry and the outbox event in the
 * caller's transaction.
 */
final class Orders {

  /**
   * An order with its payment. The documents come as text: decoded once into their records, not
   * first into a {@code JsonObject} by the client and then encoded and decoded again.
   */
  static final String VIEW = """
    SELECT o.id, o.number, o.state, o.customer_id, o.email, o.currency, o.total, o.item_count, o.doc::text AS doc, o.flags,
           o.placed_at, o.payment_due_at, o.updated_at, o.version, o.locale, o.ops::text AS ops,
           p.id AS payment_id, p.provider, p.intent_id, p.status AS payment_status, p.amount AS payment_amount,
           p.refunded AS payment_refunded, p.client_secret, p.last_error, p.updated_at AS payment_updated_at,
           p.observed_at AS payment_observed_at
    FROM orders o LEFT JOIN payment p ON p.order_id = o.id
    """;
  private static final String SUMMARY = """
    SELECT o.id, o.number, o.state, o.customer_id, o.email, o.currency, o.total, o.item_count, o.placed_at, o.updated_at,
           o.doc->'shippingAddress'->>'name' AS ship_name, o.doc->'shippingAddress'->>'country' AS ship_country,
           p.status AS payment_status
    FROM orders o LEFT JOIN payment p ON p.order_id = o.id
    """;

  private Orders() {
  }

  /** An order locked for a change (with its payment). */
  record Locked(UUID id, String number, String state, long version, UUID customerId, String email, String locale,
                Money total, OrderDoc doc, List<String> flags, UUID paymentId, String provider, String intentId,
                String paymentStatus, long refunded, long observedAt, OrderOps ops, long paymentAmount) {
  }

  /**
   * Locks the order, then reads it with its payment. Two statements on purpose: a row lock that had
   * to wait sees the order's newest version, but a row joined to it in the same statement would be
   * read as it was when the statement began (a refund committed meanwhile would be missed).
   */
  static Future<Locked> lock(SqlConnection tx, UUID orderId) {
    return tx.preparedQuery("SELECT id FROM orders WHERE id = $1 FOR UPDATE").execute(Tuple.of(orderId))
      .compose(locked -> locked.size() == 0 ? Future.succeededFuture(null)
        : tx.preparedQuery(VIEW + " WHERE o.id = $1").execute(Tuple.of(orderId))
          .map(rows -> rows.size() == 0 ? null : locked(rows.iterator().next())));
  }

  /** The order with its payment as it is now, without a lock (for a look before acting). */
  static Future<Locked> read(SqlClient client, UUID orderId) {
    return client.preparedQuery(VIEW + " WHERE o.id = $1").execute(Tuple.of(orderId))
      .map(rows -> rows.size() == 0 ? null : locked(rows.iterator().next()));
  }

  static Future<Locked> lockByIntent(SqlConnection tx, String provider, String intentId) {
    return tx.preparedQuery(VIEW + " WHERE p.provider = $1 AND p.intent_id = $2 FOR UPDATE OF o, p").execute(Tuple.of(provider, intentId))
      .map(rows -> rows.size() == 0 ? null : locked(rows.iterator().next()));
  }

  /** An order locked by its intent, as {@link #lockByIntent} gives it and as readers see it (both of one row). */
  record LockedView(Locked locked, OrderView view) {
  }

  /** {@link #lockByIntent}, with the order's view from the same row (null: no such order). */
  static Future<LockedView> lockViewByIntent(SqlConnection tx, String provider, String intentId) {
    return tx.preparedQuery(VIEW + " WHERE p.provider = $1 AND p.intent_id = $2 FOR UPDATE OF o, p").execute(Tuple.of(provider, intentId))
      .map(rows -> {
        if (rows.size() == 0) {
          return null;
        }
        Row row = rows.iterator().next();
        return new LockedView(locked(row), view(row));
      });
  }

  private static Locked locked(Row r) {
    return new Locked(r.getUUID("id"), r.getString("number"), r.getString("state"), r.getLong("version"),
      r.getUUID("customer_id"), r.getString("email"), r.getString("locale"), Money.of(r.getLong("total"), r.getString("currency")),
      doc(r), List.of(r.getArrayOfStrings("flags")), r.getUUID("payment_id"), r.getString("provider"), r.getString("intent_id"),
      r.getString("payment_status"), r.getLong("payment_refunded") == null ? 0 : r.getLong("payment_refunded"),
      r.getLong("payment_observed_at") == null ? 0 : r.getLong("payment_observed_at"), ops(r),
      r.getLong("payment_amount") == null ? 0 : r.getLong("payment_amount"));
  }

  static OrderOps ops(Row r) {
    Object ops = r.getValue("ops");
    String text = ops instanceof JsonObject json ? json.encode() : String.valueOf(ops);
    return text == null || text.equals("null") || text.equals("{}") ? OrderOps.EMPTY : Json.decode(text, OrderOps.class);
  }

  /** Writes an order's operations document (under its lock). */
  static Future<Void> saveOps(SqlClient tx, UUID orderId, OrderOps ops) {
    return tx.preparedQuery("UPDATE orders SET ops = $2 WHERE id = $1")
      .execute(Tuple.of(orderId, new JsonObject(Json.string(ops)))).mapEmpty();
  }

  /**
   * Changes an order: to {@code toState} (null: the state stays, e.g. a failed payment attempt),
   * with flags added and removed, a timeline entry and the event made for the new version.
   */
  static Future<Long> change(SqlConnection tx, Locked order, String toState, String type, Caller caller, String actor,
                             String note, List<String> addFlags, List<String> removeFlags, LongFunction<DomainEvent> event) {
    String to = toState == null ? order.state() : toState;
    if (toState != null) {
      OrderStates.check(order.state(), toState);
    }
    var flags = new LinkedHashSet<>(order.flags());
    flags.addAll(addFlags);
    flags.removeAll(removeFlags);
    long version = order.version() + 1;
    // the order, its timeline entry and its event in one statement
    Tuple params = Tuple.of(order.id(), to, version, flags.toArray(String[]::new), type, order.state(), actor, note);
    if (event == null) {
      return tx.preparedQuery(CHANGE).execute(params).map(version);
    }
    Tuple outbox = Outbox.values(event.apply(version), caller);
    for (int i = 0; i < outbox.size(); i++) {
      params.addValue(outbox.getValue(i));
    }
    return tx.preparedQuery(CHANGE_WITH_EVENT).execute(params).map(version);
  }

  /** A change of a locked order: its state, version and flags, and its timeline's entry. */
  private static final String CHANGE = """
    WITH changed AS (
      UPDATE orders SET state = $2, version = $3, flags = $4, updated_at = now() WHERE id = $1 RETURNING id)
    INSERT INTO order_event (order_id, version, type, from_state, to_state, actor, note)
    SELECT id, $3, $5, $6, $2, $7, $8 FROM changed""";
  /** {@link #CHANGE} with its outbox event ($9 to $16: {@link Outbox#values}). */
  private static final String CHANGE_WITH_EVENT = """
    WITH changed AS (
      UPDATE orders SET state = $2, version = $3, flags = $4, updated_at = now() WHERE id = $1 RETURNING id),
    entry AS (
      INSERT INTO order_event (order_id, version, type, from_state, to_state, actor, note)
      SELECT id, $3, $5, $6, $2, $7, $8 FROM changed)
    INSERT INTO outbox (%s) VALUES ($9, $10, $11, $12, $13, $14, $15, $16)""".formatted(Outbox.COLUMNS);

  static Future<Void> timeline(SqlClient tx, UUID orderId, long version, String type, String from, String to, String actor,
                               String note) {
    return tx.preparedQuery("""
        INSERT INTO order_event (order_id, version, type, from_state, to_state, actor, note) VALUES ($1, $2, $3, $4, $5, $6, $7)""")
      .execute(Tuple.of(orderId, version, type, from, to, actor, note)).mapEmpty();
  }

  static Future<OrderView> view(SqlClient client, UUID orderId) {
    return client.preparedQuery(VIEW + " WHERE o.id = $1").execute(Tuple.of(orderId))
      .map(rows -> rows.size() == 0 ? null : view(rows.iterator().next()));
  }

  /** The orders of {@code orderIds} that exist, in one statement. */
  static Future<List<OrderView>> views(SqlClient client, List<UUID> orderIds) {
    return client.preparedQuery(VIEW + " WHERE o.id = ANY($1)").execute(Tuple.of(orderIds.toArray(UUID[]::new)))
      .map(rows -> {
        var views = new ArrayList<OrderView>(rows.size());
        rows.forEach(row -> views.add(view(row)));
        return views;
      });
  }

  static OrderView view(Row r) {
    OrderDoc doc = doc(r);
    OrderOps ops = ops(r);
    String currency = r.getString("currency");
    PaymentView payment = r.getUUID("payment_id") == null ? null : new PaymentView(r.getUUID("payment_id"),
      r.getString("provider"), r.getString("intent_id"), r.getString("payment_status"),
      Money.of(r.getLong("payment_amount"), currency), Money.of(r.getLong("payment_refunded"), currency),
      // the client secret only while the payment is still to be made: a settled one's is of no use
      PaymentStatus.pending(r.getString("payment_status")) ? r.getString("client_secret") : null,
      r.getString("last_error"), r.getOffsetDateTime("payment_updated_at").toInstant());
    return new OrderView(r.getUUID("id"), r.getString("number"), r.getString("state"), r.getUUID("customer_id"),
      r.getString("email"), currency, doc.lines(), r.getInteger("item_count"), doc.shippingAddress(), doc.billingAddress(),
      doc.shipping(), doc.totals(), doc.pricesIncludeTax(), payment, List.of(r.getArrayOfStrings("flags")),
      r.getOffsetDateTime("placed_at").toInstant(), r.getOffsetDateTime("payment_due_at").toInstant(),
      r.getOffsetDateTime("updated_at").toInstant(), r.getLong("version"), ops.fulfilmentViews(), ops.refundViews(currency),
      ops.returnViews());
  }

  /** The order without the client secret: for staff, and for anyone but its owner. */
  static OrderView withoutSecret(OrderView o) {
    if (o.payment() == null || o.payment().clientSecret() == null) {
      return o;
    }
    PaymentView p = o.payment();
    var payment = new PaymentView(p.id(), p.provider(), p.intentId(), p.status(), p.amount(), p.refunded(), null,
      p.lastError(), p.updatedAt());
    return new OrderView(o.id(), o.number(), o.state(), o.customerId(), o.email(), o.currency(), o.lines(), o.itemCount(),
      o.shippingAddress(), o.billingAddress(), o.shipping(), o.totals(), o.pricesIncludeTax(), payment, o.flags(),
      o.placedAt(), o.paymentDueAt(), o.updatedAt(), o.version(), o.fulfilments(), o.refunds(), o.returns());
  }

  /**
   * {@code o} as its customer (or the holder of its link) sees it: the refunds without the reasons
   * staff typed and the provider's errors (for the shop: kept in the staff's views and timeline).
   */
  static OrderView forCustomer(OrderView o) {
    if (o.refunds() == null || o.refunds().stream().allMatch(r -> r.reason() == null && r.error() == null)) {
      return o;
    }
    var refunds = o.refunds().stream().map(r -> new io.kinetic.kernel.contract.checkout.RefundView(r.id(), r.amount(), null,
      r.returnId(), r.status(), null, r.at(), r.lines())).toList();
    return new OrderView(o.id(), o.number(), o.state(), o.customerId(), o.email(), o.currency(), o.lines(), o.itemCount(),
      o.shippingAddress(), o.billingAddress(), o.shipping(), o.totals(), o.pricesIncludeTax(), o.payment(), o.flags(),
      o.placedAt(), o.paymentDueAt(), o.updatedAt(), o.version(), o.fulfilments(), refunds, o.returns());
  }

  static OrderDoc doc(Row r) {
    return stored(r, "doc", OrderDoc.class);
  }

  /** A jsonb column of {@code r} as {@code type}; null when the column is null. */
  static <T> T stored(Row r, String column, Class<T> type) {
    Object value = r.getValue(column);
    return value == null ? null : Json.decode(value instanceof JsonObject json ? json.encode() : String.valueOf(value), type);
  }

  static Future<List<OrderEventView>> timeline(SqlClient client, UUID orderId) {
    return client.preparedQuery("SELECT * FROM order_event WHERE order_id = $1 ORDER BY version").execute(Tuple.of(orderId))
      .map(rows -> {
        var out = new ArrayList<OrderEventView>();
        for (Row r : rows) {
          out.add(new OrderEventView(r.getString("type"), r.getString("from_state"), r.getString("to_state"),
            r.getString("actor"), r.getString("actor_name"), r.getString("note"), r.getOffsetDateTime("at").toInstant(), r.getLong("version")));
        }
        return out;
      });
  }

  /**
   * A page of orders matching {@code where} (with its parameters from $1), newest first, after the
   * cursor. The cursor is the last order's placing time and id, encoded.
   */
  static Future<OrderPage> page(SqlClient client, String where, List<Object> params, int limit, String cursor) {
    // never throw here: inside withConnection a thrown exception would keep the connection
    try {
      return pageOf(client, where, params, limit, cursor);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private static Future<OrderPage> pageOf(SqlClient client, String where, List<Object> params, int limit, String cursor) {
    var args = new ArrayList<>(params);
    var sql = new StringBuilder(SUMMARY).append(" WHERE ").append(where.isEmpty() ? "true" : where);
    if (cursor != null && !cursor.isBlank()) {
      Cursor c = Cursor.decode(cursor);
      args.add(c.placedAt());
      args.add(c.id());
      sql.append(" AND (o.placed_at, o.id) < ($").append(args.size() - 1).append(", $").append(args.size()).append(")");
    }
    args.add(limit + 1);
    sql.append(" ORDER BY o.placed_at DESC, o.id DESC LIMIT $").append(args.size());
    return client.preparedQuery(sql.toString()).execute(Tuple.from(args)).map(rows -> summaries(rows, limit));
  }

  private static OrderPage summaries(RowSet<Row> rows, int limit) {
    var items = new ArrayList<OrderSummary>();
    String next = null;
    for (Row r : rows) {
      if (items.size() == limit) {
        OrderSummary last = items.get(items.size() - 1);
        next = new Cursor(last.placedAt().atOffset(ZoneOffset.UTC), last.id()).encode();
        break;
      }
      String currency = r.getString("currency");
      items.add(new OrderSummary(r.getUUID("id"), r.getString("number"), r.getString("state"), r.getString("payment_status"),
        r.getUUID("customer_id"), r.getString("email"), Money.of(r.getLong("total"), currency), r.getInteger("item_count"),
        r.getString("ship_name"), r.getString("ship_country"), r.getOffsetDateTime("placed_at").toInstant(),
        r.getOffsetDateTime("updated_at").toInstant()));
    }
    return new OrderPage(List.copyOf(items), next);
  }

  /** Where a list stopped: the last order's placing time (microseconds, as PostgreSQL keeps it) and id. */
  record Cursor(OffsetDateTime placedAt, UUID id) {

    String encode() {
      Instant at = placedAt.toInstant();
      var buf = ByteBuffer.allocate(24).putLong(at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000)
        .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
      return Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
    }

    static Cursor decode(String text) {
      try {
        byte[] bytes = Base64.getUrlDecoder().decode(text);
        if (bytes.length != 24) {
          throw new IllegalArgumentException("length");
        }
        var buf = ByteBuffer.wrap(bytes);
        long micros = buf.getLong();
        Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000);
        return new Cursor(at.atOffset(ZoneOffset.UTC), new UUID(buf.getLong(), buf.getLong()));
      } catch (IllegalArgumentException e) {
        throw Failure.of(ErrorCode.INVALID_CURSOR, "the cursor is not one this list gave out");
      }
    }
  }
}
