package io.kinetic.recommendations;

import io.kinetic.kernel.contract.recommendations.BehaviourType;
import io.kinetic.kernel.contract.recommendations.GetRecommenderReport;
import io.kinetic.kernel.contract.recommendations.RecommenderReport;
import io.kinetic.kernel.error.Failure;
import io.kinetic.recommendations.model.Signal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

/**
 * The admin's report: the offline evaluation over the kept signals (on a worker thread, with
 * copies of the live content lists and catalogue), the click-through per model from the stored
 * shown/clicked events, and this node's serving latency.
 */
final class RecommenderReports {

  private static final int MAX_SIGNALS = 200_000;

  private final Vertx vertx;
  private final Pool pool;
  private final Models models;
  private final CatalogProjection catalog;
  private final LatencyRecorder latency;
  private final RecommendationSettings settings;

  RecommenderReports(Vertx vertx, Pool pool, Models models, CatalogProjection catalog, LatencyRecorder latency,
                     RecommendationSettings settings) {
    this.vertx = vertx;
    this.pool = pool;
    this.models = models;
    this.catalog = catalog;
    this.latency = latency;
    this.settings = settings;
  }

  Future<RecommenderReport> report(GetRecommenderReport q) {
    if (q.days() < 1 || q.days() > 90) {
      return Future.failedFuture(Failure.invalid("days", "must be 1 to 90"));
    }
    if (q.holdoutPercent() < 1 || q.holdoutPercent() > 90) {
      return Future.failedFuture(Failure.invalid("holdoutPercent", "must be 1 to 90"));
    }
    var content = models.content.snapshot();
    var published = new HashSet<UUID>();
    catalog.all().forEach(i -> {
      if (i.published()) {
        published.add(i.id());
      }
    });
    var served = latency.summary();
    return signals(q.days()).compose(signals -> vertx.executeBlocking(() -> OfflineEvaluation.run(signals, content, published,
        q.holdoutPercent(), settings.neighbours(), settings.popularityHalfLifeDays() * 86_400_000L,
        settings.trendingHalfLifeMinutes() * 60_000L), false))
      .compose(result -> clicks(q.days()).map(clicks -> new RecommenderReport(Instant.now(), result.sessions(),
        result.heldOut(), published.size(), result.models(), clicks, served)));
  }

  private Future<List<Signal>> signals(int days) {
    return pool.preparedQuery(RecommendationsSql.SIGNALS).execute(Tuple.of(days, MAX_SIGNALS)).compose(rows -> {
      var out = new ArrayList<Signal>(rows.size());
      for (Row row : rows) {
        Long dwell = row.getInteger("dwell_ms") == null ? null : row.getInteger("dwell_ms").longValue();
        Signal s = EventIngestion.signal(row.getString("session_id"), BehaviourType.fromWire(row.getString("type")),
          row.getUUID("product_id"), dwell, row.getOffsetDateTime("occurred_at").toInstant().toEpochMilli(),
          settings.longViewSeconds());
        if (s != null) {
          out.add(s);
        }
      }
      return pool.preparedQuery(RecommendationsSql.ORDERS).execute(Tuple.of(days, MAX_SIGNALS)).map(orders -> {
        for (Row row : orders) {
          long at = row.getOffsetDateTime("occurred_at").toInstant().toEpochMilli();
          String session = "order:" + row.getUUID("order_id");
          List<UUID> products = Arrays.asList(row.getArrayOfUUIDs("products"));
          products.forEach(p -> out.add(new Signal(session, p, Signal.PURCHASE, 1, at)));
        }
        out.sort(java.util.Comparator.comparingLong(Signal::atMillis));
        return out;
      });
    });
  }

  private Future<List<RecommenderReport.ModelClicks>> clicks(int days) {
    return pool.preparedQuery(RecommendationsSql.CLICKS).execute(Tuple.of(days)).map(rows -> {
      var out = new ArrayList<RecommenderReport.ModelClicks>();
      for (Row row : rows) {
        long shown = row.getLong("shown");
        long clicked = row.getLong("clicked");
        out.add(new RecommenderReport.ModelClicks(row.getString("model"), row.getString("arm"), shown, clicked, shown == 0 ? 0 : (double) clicked / shown));
      }
      return out;
    });
  }
}
