package io.kinetic.kernel.outbox;

import io.kinetic.kernel.bus.Headers;
import io.kinetic.kernel.contract.Contracts;
import io.kinetic.kernel.json.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Relays committed outbox rows to the event bus in commit order, then marks them delivered in the
 * same transaction. Rows are locked with {@code SKIP LOCKED}, so several relays (instances, nodes)
 * never publish the same row concurrently. A crash between publish and commit publishes the row
 * again later: delivery is at least once and consumers deduplicate by event id. A row that cannot
 * be published keeps its place, records the error and is retried on the next pass.
 */
public final class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
  private static final String PENDING = """
    SELECT seq, event_id, event_type, address, payload::text AS payload, correlation
    FROM outbox WHERE delivered_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED
    """;
  private static final String DELIVERED = "UPDATE outbox SET delivered_at = now(), attempts = attempts + 1 WHERE seq = ANY($1)";
  private static final String FAILED = "UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE seq = $1";

  private final Vertx vertx;
  private final Pool pool;
  private final int batchSize;
  private final long pollMillis;
  private long timerId = -1;
  private boolean running;
  private boolean again;

  public OutboxRelay(Vertx vertx, Pool pool, int batchSize, long pollMillis) {
    this.vertx = vertx;
    this.pool = pool;
    this.batchSize = batchSize;
    this.pollMillis = pollMillis;
  }

  /** Starts polling; events committed by other processes or left by a crash are picked up within {@code pollMillis}. */
  public void start() {
    timerId = vertx.setPeriodic(pollMillis, id -> poke());
    poke();
  }

  public void stop() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
  }

  /** Relays now: called right after a commit so events reach consumers in milliseconds. */
  public void poke() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    relayOnce()
      .onFailure(t -> LOG.log(Level.WARNING, "outbox relay pass failed, will retry: " + t.getMessage()))
      .onComplete(ar -> {
        running = false;
        boolean full = ar.succeeded() && ar.result() == batchSize;
        if (again || full) {
          poke();
        }
      });
  }

  /** One pass; completes with the number of rows published. */
  public Future<Integer> relayOnce() {
    return pool.withTransaction(conn -> conn.preparedQuery(PENDING).execute(Tuple.of(batchSize))
      .compose(rows -> {
        var delivered = new ArrayList<Long>();
        var failures = new ArrayList<Future<?>>();
        for (Row row : rows) {
          long seq = row.getLong("seq");
          try {
            publish(row);
            delivered.add(seq);
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "outbox event " + row.getUUID("event_id") + " not published: " + e);
            failures.add(conn.preparedQuery(FAILED).execute(Tuple.of(seq, String.valueOf(e))));
          }
        }
        return Future.all(failures).compose(v -> markDelivered(conn, delivered)).map(v -> delivered.size());
      }));
  }

  private Future<Void> markDelivered(SqlConnection conn, List<Long> seqs) {
    if (seqs.isEmpty()) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery(DELIVERED).execute(Tuple.of(seqs.toArray(new Long[0]))).mapEmpty();
  }

  private void publish(Row row) {
    var type = Contracts.eventType(row.getString("event_type"));
    Object event = Json.decode(row.getString("payload"), type.type());
    var options = new DeliveryOptions().addHeader(Headers.EVENT_ID, row.getUUID("event_id").toString());
    String correlation = row.getString("correlation");
    if (correlation != null) {
      options.addHeader(Headers.CORRELATION_ID, correlation);
    }
    vertx.eventBus().publish(row.getString("address"), event, options);
  }
}
