package io.kinetic.recommendations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.config.AppConfig;
import io.kinetic.recommendations.model.Scored;
import io.kinetic.recommendations.model.Signal;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' models on one event bus (as in cluster mode): what one node learned and published is
 * learned once by the other and not again by itself; notices that arrive while a node rebuilds are
 * learned after it, except the events the rebuild read.
 */
class ClusterLearningTest {

  private static final long AT = 1_700_000_000_000L;
  private final RecommendationSettings settings = new RecommendationSettings("", 1, "", 1,
    new AppConfig.Outbox(1000, 100, 7, false), 1000, "en", "EUR", 100, 120, 6000, 30, 30, 20, 360, 14, 0);
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private <T> T onLoop(Callable<T> action) throws Exception {
    Promise<T> done = Promise.promise();
    vertx.runOnContext(v -> {
      try {
        done.complete(action.call());
      } catch (Exception e) {
        done.fail(e);
      }
    });
    return done.future().await(10, TimeUnit.SECONDS);
  }

  private static double score(List<Scored> list, UUID product) {
    return list.stream().filter(s -> s.productId().equals(product)).mapToDouble(Scored::score).findFirst().orElse(0);
  }

  private void settle() throws Exception {
    // local publishes are delivered on the next turns of the event loop
    Thread.sleep(200);
    onLoop(() -> null);
  }

  @Test
  void eventsAndOrdersLearnedOnOneNodeAreLearnedOnceByEveryNode() throws Exception {
    Models a = new Models(settings);
    Models b = new Models(settings);
    var changedOnB = new java.util.concurrent.ConcurrentLinkedQueue<Set<UUID>>();
    ClusterLearning nodeA = new ClusterLearning(vertx, a, touched -> { }, true);
    ClusterLearning nodeB = new ClusterLearning(vertx, b, changedOnB::add, true);
    onLoop(() -> Future.all(nodeA.start(), nodeB.start())).await(10, TimeUnit.SECONDS);
    onLoop(() -> {
      nodeA.live(Set.of());
      nodeB.live(Set.of());
      return null;
    });
    UUID x = UUID.randomUUID();
    UUID y = UUID.randomUUID();
    var signals = List.of(new Signal("s-1", x, Signal.ADD_TO_CART, 1, AT), new Signal("s-1", y, Signal.ADD_TO_CART, 1, AT + 1));
    var ids = List.of(UUID.randomUUID(), UUID.randomUUID());
    onLoop(() -> {
      signals.forEach(a::learn);
      nodeA.publishSignals(ids, signals);
      return null;
    });
    settle();
    double onA = onLoop(() -> score(a.coOccurrence.of(x), y));
    assertTrue(onA > 0, "node A learned the pair");
    assertEquals(onA, onLoop(() -> score(b.coOccurrence.of(x), y)), "node B learned it, once");
    assertEquals(onLoop(() -> a.popularity.value(x, AT)), onLoop(() -> b.popularity.value(x, AT)));
    assertTrue(changedOnB.stream().anyMatch(set -> set.contains(x)), "node B dropped the rows it changed");

    UUID order = UUID.randomUUID();
    onLoop(() -> {
      a.learnOrder(List.of(x, y), List.of(2, 1), AT + 2);
      nodeA.publishOrder(order, List.of(x, y), List.of(2, 1), AT + 2);
      return null;
    });
    settle();
    double afterOrder = onLoop(() -> score(a.coOccurrence.of(x), y));
    assertTrue(afterOrder > onA, "the order linked them more");
    assertEquals(afterOrder, onLoop(() -> score(b.coOccurrence.of(x), y)), "node B learned the order once");
    assertEquals(onLoop(() -> a.popularity.value(x, AT + 2)), onLoop(() -> b.popularity.value(x, AT + 2)));
  }

  @Test
  void noticesDuringARebuildAreLearnedAfterItUnlessTheRebuildReadThem() throws Exception {
    Models a = new Models(settings);
    Models b = new Models(settings);
    ClusterLearning nodeA = new ClusterLearning(vertx, a, touched -> { }, true);
    ClusterLearning nodeB = new ClusterLearning(vertx, b, touched -> { }, true);
    onLoop(() -> Future.all(nodeA.start(), nodeB.start())).await(10, TimeUnit.SECONDS);
    onLoop(() -> {
      nodeA.live(Set.of());
      return null;
    });
    UUID x = UUID.randomUUID();
    UUID y = UUID.randomUUID();
    UUID z = UUID.randomUUID();
    UUID readId = UUID.randomUUID();
    UUID newId = UUID.randomUUID();
    var read = new Signal("s-2", x, Signal.ADD_TO_CART, 1, AT);
    var fresh = new Signal("s-2", z, Signal.ADD_TO_CART, 1, AT + 1);
    onLoop(() -> {
      nodeA.publishSignals(List.of(readId, newId), List.of(read, fresh));
      return null;
    });
    settle();
    assertEquals(Set.of(readId, newId), onLoop(nodeB::pendingIds), "kept while node B rebuilds");
    assertEquals(0, onLoop(() -> b.popularity.value(z, AT + 1)));
    onLoop(() -> {
      // node B's rebuild read the first event from PostgreSQL (and learned it), not the second
      b.learn(read);
      nodeB.live(Set.of(readId));
      return null;
    });
    assertEquals(1.0 * Models.ADD_TO_CART_SHARE, onLoop(() -> b.popularity.value(x, AT)), 1e-9, "read once, not twice");
    assertEquals(1.0 * Models.ADD_TO_CART_SHARE, onLoop(() -> b.popularity.value(z, AT + 1)), 1e-9, "the other learned after");
    assertTrue(onLoop(() -> score(b.coOccurrence.of(x), z)) > 0);
  }
}
