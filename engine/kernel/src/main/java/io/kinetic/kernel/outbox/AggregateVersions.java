package io.kinetic.kernel.outbox;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * Per-aggregate ordering for a consumer: remember the newest version applied of each aggregate in
 * the consumer's transaction, and say whether an event is newer. A stale event (an older version
 * arriving late, e.g. a parked event retried after newer ones applied) or a duplicate is then
 * skipped. Versions of 0 (events logged before versions existed) are always applied.
 */
public final class AggregateVersions {

  private AggregateVersions() {
  }

  /**
   * True when {@code version} is newer than anything {@code consumer} applied for the aggregate of
   * the {@code source} log, and records it.
   */
  public static Future<Boolean> advance(SqlClient tx, String consumer, String source, String aggregateId, long version) {
    if (version <= 0 || aggregateId == null) {
      return Future.succeededFuture(true);
    }
    return tx.preparedQuery(ConsumerSql.ADVANCE_VERSION).execute(Tuple.of(consumer, source, aggregateId, version))
      .map(rows -> rows.rowCount() == 1);
  }
}
