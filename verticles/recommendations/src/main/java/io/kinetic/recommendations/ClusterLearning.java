package io.kinetic.recommendations;

import io.kinetic.kernel.contract.recommendations.RecommendationsApi;
import io.kinetic.recommendations.model.Signal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Keeps the models of the cluster's nodes consistent: the node that stored new behaviour events
 * (only the ids its insert returned) or an order's new lines learns them itself and publishes them
 * on {@link RecommendationsApi#LEARNED}; every other node learns them from that notice, and the
 * publishing node ignores its own (its origin id): each event is learned once on every node.
 * While the node rebuilds its models at start, notices are kept; those whose events or orders the
 * rebuild read from PostgreSQL are dropped, the others learned after it ({@link #live}). Likewise
 * the node whose consumer applied an event of the catalog's log says which product changed, and
 * the others read it again ({@link #publishProduct}). Nothing
 * is published outside cluster mode.
 */
final class ClusterLearning {

  private final Vertx vertx;
  private final Models models;
  private final Consumer<Set<UUID>> changed;
  private final boolean clustered;
  /** Reads a product the catalog's log said changed, on a node whose consumer did not apply it. */
  private Consumer<UUID> refreshProduct = id -> { };
  private final String origin = UUID.randomUUID().toString();
  private MessageConsumer<JsonObject> consumer;
  /** Notices received during the rebuild, or null once live. */
  private List<JsonObject> pending = new ArrayList<>();
  /** The event and order ids of the pending notices. */
  private final Set<UUID> pendingIds = new HashSet<>();

  ClusterLearning(Vertx vertx, Models models, Consumer<Set<UUID>> changed) {
    this(vertx, models, changed, vertx.isClustered());
  }

  ClusterLearning(Vertx vertx, Models models, Consumer<Set<UUID>> changed, boolean clustered) {
    this.vertx = vertx;
    this.models = models;
    this.changed = changed;
    this.clustered = clustered;
  }

  /** What a node does with another node's notice that a product changed (see {@link #publishProduct}). */
  void onProduct(Consumer<UUID> refresh) {
    this.refreshProduct = refresh;
  }

  /**
   * Publishes that this node's consumer of the catalog's log applied an event of {@code product}
   * (committed): the other nodes read the product again (their projections are in memory too).
   */
  void publishProduct(UUID product) {
    if (!clustered) {
      return;
    }
    vertx.eventBus().publish(RecommendationsApi.LEARNED, new JsonObject().put("origin", origin).put("product", product.toString()));
  }

  /** Listens for the other nodes' notices (kept until {@link #live}). */
  Future<Void> start() {
    consumer = vertx.eventBus().consumer(RecommendationsApi.LEARNED, message -> receive(message.body()));
    return consumer.completion();
  }

  void stop() {
    if (consumer != null) {
      consumer.unregister();
    }
  }

  /** The ids (events, orders) of the notices kept during the rebuild: the rebuild says which it read. */
  Set<UUID> pendingIds() {
    return pendingIds;
  }

  /** After the rebuild: learns the kept notices, except the events and orders the rebuild read. */
  void live(Set<UUID> rebuilt) {
    var kept = pending;
    pending = null;
    pendingIds.clear();
    for (JsonObject notice : kept) {
      if (notice.containsKey("product")) {
        refreshProduct.accept(UUID.fromString(notice.getString("product")));
      } else {
        learn(notice, rebuilt);
      }
    }
  }

  /** Publishes the signals of events this node stored (and learned): ids and signals in step. */
  void publishSignals(List<UUID> ids, List<Signal> signals) {
    if (!clustered || ids.isEmpty()) {
      return;
    }
    var events = new JsonArray(new ArrayList<>(ids.size()));
    for (int i = 0; i < ids.size(); i++) {
      Signal s = signals.get(i);
      events.add(new JsonArray().add(ids.get(i).toString()).add(s.session()).add(s.product().toString())
        .add(s.weight()).add(s.sales()).add(s.atMillis()));
    }
    vertx.eventBus().publish(RecommendationsApi.LEARNED, new JsonObject().put("origin", origin).put("signals", events));
  }

  /** Publishes an order's newly stored lines (learned here). */
  void publishOrder(UUID orderId, List<UUID> products, List<Integer> quantities, long atMillis) {
    if (!clustered) {
      return;
    }
    var ids = new JsonArray();
    products.forEach(p -> ids.add(p.toString()));
    vertx.eventBus().publish(RecommendationsApi.LEARNED, new JsonObject().put("origin", origin)
      .put("order", orderId.toString()).put("products", ids).put("quantities", new JsonArray(new ArrayList<>(quantities)))
      .put("at", atMillis));
  }

  private void receive(JsonObject notice) {
    if (origin.equals(notice.getString("origin"))) {
      return;
    }
    String product = notice.getString("product");
    if (product != null) {
      if (pending != null) {
        // read again after the start's export and rebuild (reading a product twice is harmless)
        pending.add(notice);
      } else {
        refreshProduct.accept(UUID.fromString(product));
      }
      return;
    }
    if (pending != null) {
      pending.add(notice);
      String order = notice.getString("order");
      if (order != null) {
        pendingIds.add(UUID.fromString(order));
      } else {
        for (Object e : notice.getJsonArray("signals")) {
          pendingIds.add(UUID.fromString(((JsonArray) e).getString(0)));
        }
      }
      return;
    }
    learn(notice, Set.of());
  }

  private void learn(JsonObject notice, Set<UUID> skip) {
    var touched = new HashSet<UUID>();
    String order = notice.getString("order");
    if (order != null) {
      if (skip.contains(UUID.fromString(order))) {
        return;
      }
      var products = new ArrayList<UUID>();
      notice.getJsonArray("products").forEach(p -> products.add(UUID.fromString((String) p)));
      var quantities = new ArrayList<Integer>();
      notice.getJsonArray("quantities").forEach(q -> quantities.add(((Number) q).intValue()));
      touched.addAll(models.learnOrder(products, quantities, notice.getLong("at")));
    } else {
      for (Object o : notice.getJsonArray("signals")) {
        var e = (JsonArray) o;
        if (skip.contains(UUID.fromString(e.getString(0)))) {
          continue;
        }
        touched.addAll(models.learn(new Signal(e.getString(1), UUID.fromString(e.getString(2)), e.getInteger(3),
          e.getInteger(4), e.getLong(5))));
      }
    }
    if (!touched.isEmpty()) {
      changed.accept(touched);
    }
  }
}
