package io.kinetic.analytics;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Locale;

/**
 * The checkout's events in the sales rollups ({@value #CONSUMER}, on the checkout's log): an
 * order placed is remembered with its day, currency, total, customer and lines; its payment adds
 * it to the revenue, the products, the categories and the customers of that day; a cancellation,
 * a refund (by what it adds to the refunded total) and a return request count on the order's day
 * too; a checkout started counts in the funnel. Other events change no figure.
 */
final class SalesRollups {

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

  SalesRollups(ProductDirectory products, Pipelining pipelining) {
    this.products = products;
    this.pipelining = pipelining;
  }

  /**
   * One statement per event, pipelined (see {@link Pipelining}); a payment waits for its order's
   * products to be looked up first unless all of them are known.
   */
  Future<?> apply(SqlConnection tx, LoggedEvent logged) {
    DomainEvent event = logged.event();
    if (event instanceof OrderPlaced p) {
      if (p.items() != null) {
        recentOrders.put(p.orderId(), p.items().stream().map(OrderedItem::productId).distinct().toList());
      }
      return pipelining.send(tx.preparedQuery(RollupSql.ORDER_PLACED).execute(Tuple.tuple().addValue(p.orderId())
        .addValue(day(p.occurredAt())).addValue(p.total().currency()).addValue(p.total().amount()).addValue(customerKey(p))
        .addValue(items(p))));
    }
    if (event instanceof PaymentSucceeded s) {
      List<UUID> ordered = recentOrders.remove(s.orderId());
      if (ordered != null && products.allKnown(ordered) && pipelining.on()) {
        return pipelining.send(tx.preparedQuery(RollupSql.ORDER_PAID).execute(Tuple.of(s.orderId())));
      }
      return products.ensureFor(tx, s.orderId()).compose(v -> tx.preparedQuery(RollupSql.ORDER_PAID).execute(Tuple.of(s.orderId())));
    }
    if (event instanceof OrderCancelled c) {
      return pipelining.send(tx.preparedQuery(RollupSql.ORDER_CANCELLED).execute(Tuple.of(c.orderId())));
    }
    if (event instanceof PaymentRefunded r && r.refundedTotal() != null) {
      return pipelining.send(tx.preparedQuery(RollupSql.REFUNDED).execute(Tuple.of(r.orderId(), r.refundedTotal().amount())));
    }
    if (event instanceof ReturnRequested r) {
      return pipelining.send(tx.preparedQuery(RollupSql.RETURN_REQUESTED).execute(Tuple.of(r.returnId(), r.orderId())));
    }
    if (event instanceof CheckoutStarted s) {
      return pipelining.send(tx.preparedQuery(RollupSql.CHECKOUT_STARTED).execute(Tuple.of(s.cartId(), day(s.occurredAt()))));
    }
    return Future.succeededFuture();
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
