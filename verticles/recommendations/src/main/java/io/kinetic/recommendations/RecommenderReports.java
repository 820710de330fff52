package io.kinetic.recommendations;

import io.kinetic.kernel.contract.recommendations.BehaviourType;
import io.kinetic.kernel.contract.recommendations.GetRecommenderReport;
import io.kinetic.kernel.contract.recommendations.RecommenderReport;
import io.kinetic.kernel.contract.recommendations.RecommenderReport.OnlineFigures;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The admin's report: the offline evaluation over the kept signals (on a worker thread, with
 * copies of the live content lists and catalogue), the online figures per model and A/B arm from
 * the stored shown/clicked events and order lines ({@link RecommendationsSql#ONLINE}), and this
 * node's serving latency (overall, and per model and arm).
 */
final class RecommenderReports {

  private static final int MAX_SIGNALS = 200_000;
  /** A shown product bought by the session's customer within this many hours counts as a hit. */
  static final int BOUGHT_WITHIN_HOURS = 24;

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
    var catalogue = List.copyOf(catalog.all());
    var served = latency.summary();
    var servedByModel = latency.byModel();
    long published = catalogue.stream().filter(CatalogItem::published).count();
    return signals(q.days()).compose(signals -> vertx.executeBlocking(() -> OfflineEvaluation.run(signals, content, catalogue,
        settings, q.holdoutPercent(), OfflineEvaluation.MAX_CASES), false))
      .compose(result -> online(q.days(), published, servedByModel).map(online -> new RecommenderReport(Instant.now(),
        result.sessions(), result.heldOut(), result.published(), result.evaluations(), online, served)));
  }

  /** The kept signals and orders of the last {@code days} (at most {@value #MAX_SIGNALS} of each), in time order. */
  Future<List<Signal>> signals(int days) {
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
          String session = OfflineEvaluation.ORDER_SESSION + row.getUUID("order_id");
          List<UUID> products = Arrays.asList(row.getArrayOfUUIDs("products"));
          products.forEach(p -> out.add(new Signal(session, p, Signal.PURCHASE, 1, at)));
        }
        out.sort(Comparator.comparingLong(Signal::atMillis));
        return out;
      });
    });
  }

  /** The online figures per model and arm, with this node's latency for each (and the pairs served but not yet reported). */
  private Future<List<OnlineFigures>> online(int days, long published, Map<String, RecommenderReport.Latency> servedByModel) {
    return pool.preparedQuery(RecommendationsSql.ONLINE).execute(Tuple.of(days, BOUGHT_WITHIN_HOURS)).map(rows -> {
      var out = new ArrayList<OnlineFigures>();
      var left = new TreeMap<>(servedByModel);
      var none = new RecommenderReport.Latency(0, 0, 0);
      for (Row row : rows) {
        String model = row.getString("model");
        String arm = row.getString("arm");
        long shownRows = row.getLong("rows");
        long shown = row.getLong("shown");
        long clicked = row.getLong("clicked");
        long products = row.getLong("products");
        var latencyOf = left.remove(LatencyRecorder.key(model, arm));
        out.add(new OnlineFigures(model, arm, shownRows, row.getLong("rows_clicked"), row.getLong("rows_bought"),
          ratio(row.getLong("rows_hit"), shownRows), shown, clicked, ratio(clicked, shown), products, ratio(products, published),
          latencyOf == null ? none : latencyOf));
      }
      left.forEach((key, served) -> {
        int slash = key.indexOf('/');
        String arm = key.substring(slash + 1);
        out.add(new OnlineFigures(key.substring(0, slash), arm.isEmpty() ? null : arm, 0, 0, 0, 0, 0, 0, 0, 0, 0, served));
      });
      out.sort(Comparator.comparing(OnlineFigures::model).thenComparing(OnlineFigures::arm, Comparator.nullsFirst(Comparator.naturalOrder())));
      return out;
    });
  }

  private static double ratio(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }
}
