package io.kinetic.recommendations;

import io.kinetic.kernel.contract.recommendations.BehaviourEvent;
import io.kinetic.kernel.contract.recommendations.BehaviourType;
import io.kinetic.kernel.contract.recommendations.EventsRecorded;
import io.kinetic.kernel.contract.recommendations.RecordEvents;
import io.kinetic.recommendations.model.Signal;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Stores a validated, rate-limited batch of behaviour events in one statement, and teaches the
 * models the events that were new: an event delivered twice is stored and learned once, on every
 * node ({@link ClusterLearning}).
 */
final class EventIngestion {

  private final Pool pool;
  private final IngestLimiter limiter;
  private final Models models;
  private final Consumer<Set<UUID>> changed;
  private final RecommendationSettings settings;
  private final ClusterLearning cluster;

  EventIngestion(Pool pool, IngestLimiter limiter, Models models, Consumer<Set<UUID>> changed, RecommendationSettings settings,
    ClusterLearning cluster) {
    this.cluster = cluster;
    this.pool = pool;
    this.limiter = limiter;
    this.models = models;
    this.changed = changed;
    this.settings = settings;
  }

  Future<EventsRecorded> record(RecordEvents batch) {
    Instant now = Instant.now();
    try {
      EventValidation.check(batch, settings.maxBatchEvents(), now);
    } catch (RuntimeException invalid) {
      return Future.failedFuture(invalid);
    }
    var events = batch.events();
    int n = events.size();
    var ids = new UUID[n];
    var types = new String[n];
    var products = new UUID[n];
    var dwell = new Integer[n];
    var model = new String[n];
    var position = new Integer[n];
    var arm = new String[n];
    var at = new OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      BehaviourEvent e = events.get(i);
      ids[i] = e.id();
      types[i] = e.type();
      products[i] = e.productId();
      dwell[i] = e.dwellMillis() == null ? null : e.dwellMillis().intValue();
      model[i] = e.model();
      position[i] = e.position();
      arm[i] = e.arm();
      at[i] = (e.at() == null || e.at().isAfter(now) ? now : e.at()).atOffset(ZoneOffset.UTC);
    }
    Tuple params = Tuple.tuple().addValue(batch.sessionId()).addValue(batch.customerId()).addValue(ids).addValue(types)
      .addValue(products).addValue(dwell).addValue(model).addValue(position).addValue(arm).addValue(at);
    return limiter.acquire(batch.sessionId(), batch.clientIp())
      .compose(v -> pool.preparedQuery(RecommendationsSql.INSERT_EVENTS).execute(params))
      .map(rows -> {
        Set<UUID> inserted = new HashSet<>();
        for (Row row : rows) {
          inserted.add(row.getUUID(0));
        }
        var touched = new HashSet<UUID>();
        var learnedIds = new ArrayList<UUID>();
        var learned = new ArrayList<Signal>();
        for (int i = 0; i < n; i++) {
          if (inserted.contains(ids[i])) {
            Signal signal = signal(batch.sessionId(), events.get(i), at[i].toInstant().toEpochMilli());
            if (signal != null) {
              touched.addAll(models.learn(signal));
              learnedIds.add(ids[i]);
              learned.add(signal);
            }
          }
        }
        if (!touched.isEmpty()) {
          changed.accept(touched);
        }
        // the other nodes learn them too (once: only this node stored them)
        cluster.publishSignals(learnedIds, learned);
        return new EventsRecorded(inserted.size(), n - inserted.size());
      });
  }

  /** What an event teaches the models, or null (short visits, recommendation events). */
  Signal signal(String session, BehaviourEvent e, long atMillis) {
    return signal(session, BehaviourType.fromWire(e.type()), e.productId(), e.dwellMillis(), atMillis, settings.longViewSeconds());
  }

  static Signal signal(String session, BehaviourType type, UUID product, Long dwellMillis, long atMillis, int longViewSeconds) {
    return switch (type) {
      case PRODUCT_VIEW -> new Signal(session, product, Signal.VIEW, 0, atMillis);
      case PRODUCT_LEAVE -> dwellMillis != null && dwellMillis >= longViewSeconds * 1000L
        ? new Signal(session, product, Signal.LONG_VIEW, 0, atMillis) : null;
      case ADD_TO_CART -> new Signal(session, product, Signal.ADD_TO_CART, 1, atMillis);
      case PURCHASE -> new Signal(session, product, Signal.PURCHASE, 1, atMillis);
      case RECOMMENDATION_SHOWN, RECOMMENDATION_CLICKED -> null;
    };
  }
}
