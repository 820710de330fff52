package io.kinetic.recommendations;

import io.kinetic.kernel.contract.recommendations.BehaviourType;
import io.kinetic.recommendations.model.Signal;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * After a (re)start the models are rebuilt from what PostgreSQL keeps: the behaviour events and
 * order lines of the retention period, replayed in time order (sessions first, then orders; both
 * only add counts, so the order between them changes little).
 */
final class ModelRebuild {

  private static final Logger LOG = Logger.getLogger(ModelRebuild.class.getName());
  private static final int MAX_ROWS = 1_000_000;

  private ModelRebuild() {
  }

  /**
   * Rebuilds the models; answers the ids among {@code pending} (events and orders other nodes
   * announced meanwhile) that it read, so that they are not learned twice.
   */
  static Future<Set<UUID>> run(Pool pool, Models models, OrderFeed orders, RecommendationSettings settings, Set<UUID> pending) {
    Set<UUID> read = new HashSet<>();
    long started = System.currentTimeMillis();
    return pool.preparedQuery(RecommendationsSql.SIGNALS).execute(Tuple.of(settings.retentionDays(), MAX_ROWS))
      .compose(rows -> {
        int n = 0;
        for (Row row : rows) {
          if (!pending.isEmpty() && pending.contains(row.getUUID("id"))) {
            read.add(row.getUUID("id"));
          }
          Long dwell = row.getInteger("dwell_ms") == null ? null : row.getInteger("dwell_ms").longValue();
          Signal signal = EventIngestion.signal(row.getString("session_id"), BehaviourType.fromWire(row.getString("type")),
            row.getUUID("product_id"), dwell, row.getOffsetDateTime("occurred_at").toInstant().toEpochMilli(),
            settings.longViewSeconds());
          if (signal != null) {
            models.learn(signal);
            n++;
          }
        }
        int signals = n;
        return pool.preparedQuery(RecommendationsSql.ORDERS).execute(Tuple.of(settings.retentionDays(), MAX_ROWS))
          .map(orderRows -> {
            for (Row row : orderRows) {
              if (pending.contains(row.getUUID("order_id"))) {
                read.add(row.getUUID("order_id"));
              }
              List<UUID> products = Arrays.asList(row.getArrayOfUUIDs("products"));
              List<Integer> quantities = Arrays.asList(row.getArrayOfIntegers("quantities"));
              orders.relearn(row.getUUID("order_id"), products, quantities,
                row.getOffsetDateTime("occurred_at").toInstant().toEpochMilli());
            }
            LOG.info("recommender models rebuilt from " + signals + " signals and " + orderRows.size() + " orders in "
              + (System.currentTimeMillis() - started) + " ms");
            return read;
          });
      });
  }
}
