package io.kinetic.recommendations;

import io.kinetic.kernel.contract.checkout.CheckoutApi;
import io.kinetic.kernel.contract.checkout.CheckoutEvent;
import io.kinetic.kernel.contract.checkout.OrderPlaced;
import io.kinetic.kernel.contract.checkout.OrderedItem;
import io.kinetic.kernel.contract.log.LoggedEvent;
import io.kinetic.kernel.outbox.EventTypes;
import io.kinetic.kernel.outbox.LogConsumer;
import io.kinetic.kernel.outbox.Pipelining;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Purchases from the checkout's event log, through a durable consumer ({@value #CONSUMER}): each
 * placed order's products are stored as order lines in the transaction that moves the checkpoint
 * (keyed by order and product, so an order is stored once; a pass's orders in one statement at its
 * end, unless {@link Pipelining} is off), and the models learn them once that transaction commits: an order delivered twice counts once, on every node ({@link ClusterLearning}).
 */
final class OrderFeed implements LogConsumer.Handler {

  static final String CONSUMER = "recommendations.orders";
  static final String SOURCE = CheckoutApi.CONTRACT.context();

  static {
    EventTypes.registerFamily(CheckoutEvent.class);
  }

  private final Models models;
  private final Consumer<Set<UUID>> changed;
  private final ClusterLearning cluster;
  private final Consumer<UUID> newOrder;
  /** Whether to keep a pass's orders for its end (null: never, each order is written at once). */
  private final Pipelining pipelining;
  /** The orders this pass kept for {@link #finish} (on the consumer's context only). */
  private final List<Kept> kept = new ArrayList<>();

  /**
   * {@code newOrder}: told the customer of each order learned here (their kept purchases are read
   * again); {@code pipelining}: while it is on, a pass's orders are written at its end in one
   * statement ({@link #finish}) instead of one statement per order (null: one per order).
   */
  OrderFeed(Models models, Consumer<Set<UUID>> changed, ClusterLearning cluster, Consumer<UUID> newOrder,
            Pipelining pipelining) {
    this.newOrder = newOrder;
    this.cluster = cluster;
    this.models = models;
    this.changed = changed;
    this.pipelining = pipelining;
  }

  /** An order's products (each once, in the order's order) with their units, to be stored. */
  private record Kept(OrderPlaced order, Map<UUID, Integer> quantities) {
  }

  /** A pass begins: what a pass that failed kept is not written. */
  @Override
  public Future<?> prepare(List<LoggedEvent> events) {
    kept.clear();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> apply(SqlConnection tx, LoggedEvent logged) {
    if (!(logged.event() instanceof OrderPlaced order)) {
      return Future.succeededFuture();
    }
    Map<UUID, Integer> quantities = new LinkedHashMap<>();
    for (OrderedItem item : order.items()) {
      if (item.productId() != null) {
        quantities.merge(item.productId(), item.quantity(), Integer::sum);
      }
    }
    if (quantities.isEmpty()) {
      return Future.succeededFuture();
    }
    var one = new Kept(order, quantities);
    if (pipelining != null && pipelining.on()) {
      kept.add(one);
      return Future.succeededFuture();
    }
    return store(tx, List.of(one));
  }

  /** The orders the pass kept, in one statement. */
  @Override
  public Future<?> finish(SqlConnection tx) {
    if (kept.isEmpty()) {
      return Future.succeededFuture();
    }
    var orders = List.copyOf(kept);
    kept.clear();
    return store(tx, orders);
  }

  /**
   * Stores the orders' lines in one statement (each product of an order once: the rows a replay
   * finds stored are not returned), and learns the new ones once the transaction commits.
   */
  private Future<?> store(SqlConnection tx, List<Kept> orders) {
    var orderIds = new ArrayList<UUID>();
    var products = new ArrayList<UUID>();
    var customers = new ArrayList<UUID>();
    var units = new ArrayList<Integer>();
    var at = new ArrayList<OffsetDateTime>();
    for (Kept k : orders) {
      var when = k.order().occurredAt().atOffset(ZoneOffset.UTC);
      k.quantities().forEach((product, quantity) -> {
        orderIds.add(k.order().orderId());
        products.add(product);
        customers.add(k.order().customerId());
        units.add(quantity);
        at.add(when);
      });
    }
    return tx.preparedQuery(RecommendationsSql.INSERT_ORDER_LINES)
      .execute(Tuple.tuple().addValue(orderIds.toArray(UUID[]::new)).addValue(products.toArray(UUID[]::new))
        .addValue(customers.toArray(UUID[]::new)).addValue(units.toArray(Integer[]::new))
        .addValue(at.toArray(OffsetDateTime[]::new)))
      .onSuccess(rows -> {
        var inserted = new HashSet<List<UUID>>();
        rows.forEach(row -> inserted.add(List.of(row.getUUID("order_id"), row.getUUID("product_id"))));
        var learned = new ArrayList<Runnable>();
        for (Kept k : orders) {
          OrderPlaced order = k.order();
          // remove: an order kept twice in one pass (a duplicate in the log) is learned once
          List<UUID> stored = k.quantities().keySet().stream().filter(p -> inserted.remove(List.of(order.orderId(), p))).toList();
          if (stored.isEmpty()) {
            continue;
          }
          List<Integer> storedUnits = stored.stream().map(k.quantities()::get).toList();
          long atMillis = order.occurredAt().toEpochMilli();
          learned.add(() -> {
            newOrder.accept(order.customerId());
            changed.accept(models.learnOrder(stored, storedUnits, atMillis));
            // the other nodes learn it too (the consumer runs on one node at a time)
            cluster.publishOrder(order.orderId(), stored, storedUnits, atMillis);
          });
        }
        if (learned.isEmpty()) {
          return;
        }
        Runnable learn = () -> learned.forEach(Runnable::run);
        Transaction transaction = tx.transaction();
        if (transaction == null) {
          learn.run();
        } else {
          transaction.completion().onSuccess(done -> learn.run());
        }
      });
  }

  /** After a restart: an order as stored, learned again. */
  void relearn(UUID orderId, List<UUID> products, List<Integer> quantities, long atMillis) {
    models.learnOrder(products, quantities, atMillis);
  }
}
