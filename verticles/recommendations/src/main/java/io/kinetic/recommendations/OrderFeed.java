package io.kinetic.recommendations;

import io.kinetic.kernel.contract.checkout.CheckoutApi;
import io.kinetic.kernel.contract.checkout.CheckoutEvent;
import io.kinetic.kernel.contract.checkout.OrderPlaced;
import io.kinetic.kernel.contract.checkout.OrderedItem;
import io.kinetic.kernel.contract.log.LoggedEvent;
import io.kinetic.kernel.outbox.EventTypes;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
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
 * (keyed by order and product, so an order is stored once), and the models learn them once that
 * transaction commits: an order delivered twice counts once, on every node ({@link ClusterLearning}).
 */
final class OrderFeed {

  static final String CONSUMER = "recommendations.orders";
  static final String SOURCE = CheckoutApi.CONTRACT.context();

  static {
    EventTypes.registerFamily(CheckoutEvent.class);
  }

  private final Models models;
  private final Consumer<Set<UUID>> changed;
  private final ClusterLearning cluster;

  OrderFeed(Models models, Consumer<Set<UUID>> changed, ClusterLearning cluster) {
    this(models, changed, cluster, customer -> { });
  }

  /** {@code newOrder}: told the customer of each order learned here (their kept purchases are read again). */
  OrderFeed(Models models, Consumer<Set<UUID>> changed, ClusterLearning cluster, Consumer<UUID> newOrder) {
    this.newOrder = newOrder;
    this.cluster = cluster;
    this.models = models;
    this.changed = changed;
  }

  private final Consumer<UUID> newOrder;

  Future<?> apply(SqlConnection tx, LoggedEvent logged) {
    if (!(logged.event() instanceof OrderPlaced order)) {
      return Future.succeededFuture();
    }
    Map<UUID, Integer> quantities = new LinkedHashMap<>();
    for (OrderedItem item : order.items()) {
      if (item.productId() != null) {
        quantities.merge(item.productId(), item.quantity(), Integer::sum);
      }
    }
    var at = order.occurredAt().atOffset(ZoneOffset.UTC);
    // the order's lines in one statement (each product once: the rows a replay finds stored are not returned)
    Future<List<UUID>> chain = tx.preparedQuery(RecommendationsSql.INSERT_ORDER_LINES)
      .execute(Tuple.tuple().addValue(order.orderId()).addValue(quantities.keySet().toArray(UUID[]::new))
        .addValue(order.customerId()).addValue(quantities.values().toArray(Integer[]::new)).addValue(at))
      .map(rows -> {
        var inserted = new HashSet<UUID>();
        rows.forEach(row -> inserted.add(row.getUUID("product_id")));
        return quantities.keySet().stream().filter(inserted::contains).toList();
      });
    return chain.onSuccess(stored -> {
      if (stored.isEmpty()) {
        return;
      }
      Transaction transaction = tx.transaction();
      List<Integer> units = stored.stream().map(quantities::get).toList();
      long atMillis = order.occurredAt().toEpochMilli();
      Runnable learn = () -> {
        newOrder.accept(order.customerId());
        changed.accept(models.learnOrder(stored, units, atMillis));
        // the other nodes learn it too (the consumer runs on one node at a time)
        cluster.publishOrder(order.orderId(), stored, units, atMillis);
      };
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
