package io.kinetic.analytics;

import io.kinetic.kernel.outbox.Pipelining;
import io.kinetic.kernel.contract.checkout.CheckoutApi;
import io.kinetic.kernel.contract.checkout.CheckoutEvent;
import io.kinetic.kernel.contract.checkout.CheckoutStarted;
import io.kinetic.kernel.contract.checkout.OrderCancelled;
import io.kinetic.kernel.contract.checkout.OrderPlaced;
import io.kinetic.kernel.contract.checkout.OrderedItem;
import io.kinetic.kernel.contract.checkout.PaymentRefunded;
import io.kinetic.kernel.contract.checkout.PaymentSucceeded;
import io.kinetic.kernel.contract.checkout.ReturnRequested;
import io.kinetic.kernel.contract.log.LoggedEvent;
import io.kinetic.kernel.outbox.DomainEvent;
import io.kinetic.kernel.outbox.EventTypes;
import io.kinetic.kernel.outbox.LogConsumer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.Locale;

/**
 * The checkout's events in the sales rollups ({@value #CONSUMER}, on the checkout's log): an
 * order placed is remembered with its day, currency, total, customer and lines; its payment adds
 * it to the revenue, the products, the categories and the customers of that day; a cancellation,
 * a refund (by what it adds to the refunded total) and a return request count on the order's day
 * too; a checkout started counts in the funnel. Other events change no figure.
 *
 * <p>While statements are pipelined ({@link Pipelining#on}), a pass's orders placed and paid are
 * kept and written at its end ({@link #finish}) in two set-based statements, placements first:
 * under load a pass holds many orders, whose one-statement-each rollups updated the same day's
 * rows once per order. They are written earlier when an event that reads or changes an order's
 * facts (a cancellation, a refund, a return) comes, so the log's order holds.
 */
final class SalesRollups implements LogConsumer.Handler {

  static final String CONSUMER = "analytics.sales";
  static final String SOURCE = CheckoutApi.CONTRACT.context();
  static final int RECENT_ORDERS = 100_000;

  static {
    EventTypes.registerFamily(CheckoutEvent.class);
  }

  private final ProductDirectory products;
  private final Pipelining pipelining;
  /** The products of recently placed orders, so that their payment needs no look-up when all are known. */
  private final Map<UUID, List<UUID>> recentOrders = java.util.Collections.synchronizedMap(
    new LinkedHashMap<>(1024, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<UUID, List<UUID>> eldest) {
        return size() > RECENT_ORDERS;
      }
    });
  /** The pass's orders placed ({@link RollupSql#ORDERS_PLACED}'s facts), not written yet. */
  private JsonArray placed = new JsonArray();
  /** The pass's orders paid, in log order (each once: a repeated payment counts no second time), not written yet. */
  private Set<UUID> paid = new LinkedHashSet<>();
  /** The products of the pass's kept payments not known to be in the product table: looked up before they are written. */
  private Set<UUID> unknown = new LinkedHashSet<>();

  SalesRollups(ProductDirectory products, Pipelining pipelining) {
    this.products = products;
    this.pipelining = pipelining;
  }

  /** A pass begins: what a failed pass kept is forgotten (its transaction was rolled back). */
  @Override
  public Future<?> prepare(List<LoggedEvent> events) {
    placed = new JsonArray();
    paid = new LinkedHashSet<>();
    unknown = new LinkedHashSet<>();
    return Future.succeededFuture();
  }

  /**
   * Orders placed and paid are kept for the pass's end while pipelining is on, else written at
   * once; the other events' statements are pipelined (see {@link Pipelining}). The products of the
   * kept payments that are not all known to be in the product table are looked up (and fetched
   * from the catalog when missing) once for the pass, before its payments are written (they were
   * looked up one payment after the other: with a cold product table the passes were cut short by
   * their time limit and the consumer fell behind for a minute or two). Nothing is kept for a parked event's retry (not batching): it
   * runs in a transaction of its own, and what the pass kept stays the pass's.
   */
  @Override
  public Future<?> apply(SqlConnection tx, LoggedEvent logged) {
    DomainEvent event = logged.event();
    boolean batching = pipelining.on();
    if (event instanceof OrderPlaced p) {
      if (p.items() != null) {
        recentOrders.put(p.orderId(), p.items().stream().map(OrderedItem::productId).distinct().toList());
      }
      JsonObject fact = fact(p);
      if (batching) {
        placed.add(fact);
        return Future.succeededFuture();
      }
      return tx.preparedQuery(RollupSql.ORDERS_PLACED).execute(Tuple.of(new JsonArray().add(fact)));
    }
    if (event instanceof PaymentSucceeded s) {
      List<UUID> ordered = recentOrders.remove(s.orderId());
      boolean known = ordered != null && products.allKnown(ordered);
      if (!batching) {
        return (known ? Future.succeededFuture() : products.ensureFor(tx, s.orderId()))
          .compose(v -> tx.preparedQuery(RollupSql.ORDERS_PAID).execute(Tuple.of(new UUID[] {s.orderId()})));
      }
      if (known || ordered != null) {
        // products its placement named and the table may lack are looked up with the pass's others, before they are written
        if (!known) {
          ordered.stream().filter(id -> !products.known(id)).forEach(unknown::add);
        }
        paid.add(s.orderId());
        return Future.succeededFuture();
      }
      // a placement this node did not see: its products from its stored lines (which needs what
      // the pass kept written), then kept with the others
      return flush(tx).compose(v -> products.ensureFor(tx, s.orderId())).map(v -> {
        paid.add(s.orderId());
        return null;
      });
    }
    if (event instanceof OrderCancelled c) {
      return after(tx, batching, () -> pipelining.send(tx.preparedQuery(RollupSql.ORDER_CANCELLED).execute(Tuple.of(c.orderId()))));
    }
    if (event instanceof PaymentRefunded r && r.refundedTotal() != null) {
      return after(tx, batching, () -> pipelining.send(tx.preparedQuery(RollupSql.REFUNDED)
        .execute(Tuple.of(r.orderId(), r.refundedTotal().amount()))));
    }
    if (event instanceof ReturnRequested r) {
      return after(tx, batching, () -> pipelining.send(tx.preparedQuery(RollupSql.RETURN_REQUESTED)
        .execute(Tuple.of(r.returnId(), r.orderId()))));
    }
    if (event instanceof CheckoutStarted s) {
      return pipelining.send(tx.preparedQuery(RollupSql.CHECKOUT_STARTED).execute(Tuple.of(s.cartId(), day(s.occurredAt()))));
    }
    return Future.succeededFuture();
  }

  /** The pass's orders placed and paid are written before the end of a pass that applied its events. */
  @Override
  public Future<?> finish(SqlConnection tx) {
    return flush(tx);
  }

  /** {@code statement} after the orders kept so far are written (while batching). */
  private Future<?> after(SqlConnection tx, boolean batching, java.util.function.Supplier<Future<?>> statement) {
    return batching ? flush(tx).compose(v -> statement.get()) : statement.get();
  }

  /**
   * Writes the orders kept, pipelined: the placements, then (once the products of the payments are
   * all in the product table: one look-up for the pass, see {@link ProductDirectory#ensure}) the
   * payments. Products fetched here are asked of the catalog at the pass's end (not bounded by its
   * time limit); when the catalog cannot answer, the pass fails without blaming an event and is
   * retried, one event after the other for a while (see {@link Pipelining}).
   */
  private Future<?> flush(SqlConnection tx) {
    JsonArray placing = placed;
    Set<UUID> paying = paid;
    List<UUID> looking = List.copyOf(unknown);
    placed = new JsonArray();
    paid = new LinkedHashSet<>();
    unknown = new LinkedHashSet<>();
    Future<?> placements = placing.isEmpty() ? Future.succeededFuture()
      : pipelining.send(tx.preparedQuery(RollupSql.ORDERS_PLACED).execute(Tuple.of(placing)));
    Future<?> payments = paying.isEmpty() ? Future.succeededFuture()
      : (looking.isEmpty() ? Future.succeededFuture() : products.ensure(tx, looking))
        .compose(v -> pipelining.send(tx.preparedQuery(RollupSql.ORDERS_PAID).execute(Tuple.of(paying.toArray(UUID[]::new)))));
    return Future.all(placements, payments);
  }

  /** The UTC day of an instant: the rollups' days. */
  static LocalDate day(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC);
  }

  /** The customer's id, or a hash of a guest's e-mail (the same guest ordering again is returning). */
  static String customerKey(OrderPlaced p) {
    if (p.customerId() != null) {
      return p.customerId().toString();
    }
    return "e:" + sha256(p.email() == null ? "" : p.email().trim().toLowerCase(Locale.ROOT));
  }

  /** An order placed as {@link RollupSql#ORDERS_PLACED} takes it. */
  private static JsonObject fact(OrderPlaced p) {
    return new JsonObject().put("o", p.orderId().toString()).put("d", day(p.occurredAt()).toString())
      .put("c", p.total().currency()).put("t", p.total().amount()).put("k", customerKey(p)).put("i", items(p));
  }

  private static JsonArray items(OrderPlaced p) {
    var items = new JsonArray();
    if (p.items() != null) {
      for (OrderedItem i : p.items()) {
        items.add(new JsonObject().put("p", i.productId().toString()).put("q", i.quantity()).put("g", i.gross().amount()));
      }
    }
    return items;
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
