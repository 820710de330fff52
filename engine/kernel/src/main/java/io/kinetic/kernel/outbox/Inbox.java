package io.kinetic.kernel.outbox;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * Makes an event consumer idempotent: record the event id in the consumer's own transaction and
 * apply the event only when this is the first time. A redelivery then changes nothing.
 */
public final class Inbox {

  private static final String MARK = """
    INSERT INTO processed_event (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING
    """;

  private Inbox() {
  }

  /** True the first time {@code consumer} sees {@code eventId}; false for a duplicate. */
  public static Future<Boolean> firstTime(SqlClient tx, String consumer, UUID eventId) {
    return tx.preparedQuery(MARK).execute(Tuple.of(consumer, eventId)).map(r -> r.rowCount() == 1);
  }
}
