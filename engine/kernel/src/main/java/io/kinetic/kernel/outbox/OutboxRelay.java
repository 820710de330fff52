package io.kinetic.kernel.outbox;

import io.kinetic.kernel.bus.Headers;
import io.kinetic.kernel.contract.Contracts;
import io.kinetic.kernel.json.Json;
import io.vertx.core.AsyncResult;
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
 * Publishes committed outbox rows on the event bus and marks them delivered in the transaction
 * that read them.
 *
 * <p><b>At least once, onto the bus.</b> A row is marked delivered only by the transaction that
 * published it: a crash or a failed commit after publishing publishes it again later, so consumers
 * deduplicate by event id (the {@link Headers#EVENT_ID} header, see {@link Inbox}). The bus keeps
 * nothing: a consumer that is not registered when an event is published never sees it.
 *
 * <p><b>No order, not even per aggregate.</b> A pass publishes its batch in {@code seq} order, but
 * {@code seq} is taken at insert, not at commit, so a transaction that commits late is published
 * after younger rows; several relays (one per catalog verticle instance, on every node) lock
 * disjoint batches with {@code SKIP LOCKED} and publish concurrently; a failed row is retried
 * after younger ones went out. Two events about one product can therefore arrive in either order.
 * Consumers must not depend on arrival order: invalidating a cache does not; anything that does
 * must order by the event's own data ({@code ProductUpdated.version}, {@code occurredAt}).
 *
 * <p><b>Failures.</b> A row that cannot be published keeps its place, records the error and waits
 * 1, 2, 4 ... seconds (at most an hour) before its next attempt; it is never given up, an operator
 * fixes or deletes it. Each attempt logs one warning; a pass that fails as a whole (database down)
 * warns once until a pass succeeds again.
 *
 * <p><b>Retention.</b> Rows delivered more than {@link #RETENTION_DAYS} days ago are deleted by
 * every relay every hour, in batches that skip locked rows; undelivered rows are never deleted.
 *
 * <p>An instance is confined to the context that calls {@link #start()} (timers, passes and the
 * {@link #poke()} after a commit all run there): create one per verticle instance.
 */
public final class OutboxRelay {

  /** Delivered rows are kept this long for inspection, then purged. */
  public static final int RETENTION_DAYS = 7;

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
  private static final long PURGE_DELAY_MILLIS = 10_000;
  private static final long PURGE_EVERY_MILLIS = 3_600_000;
  private static final int PURGE_BATCH = 10_000;
  private static final String PENDING = """
    SELECT seq, event_id, event_type, address, payload::text AS payload, correlation, attempts
    FROM outbox WHERE delivered_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= now())
    ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED
    """;
  private static final String DELIVERED = "UPDATE outbox SET delivered_at = now(), attempts = attempts + 1 WHERE seq = ANY($1)";
  /** The n-th failed attempt waits 2^(n-1) seconds, at most an hour. */
  private static final String FAILED = """
    UPDATE outbox SET attempts = attempts + 1, last_error = $2,
                      next_attempt_at = now() + make_interval(secs => least(power(2, least(attempts, 12)), 3600))
    WHERE seq = $1
    """;
  private static final String PURGE = """
    DELETE FROM outbox WHERE seq IN (
      SELECT seq FROM outbox WHERE delivered_at < now() - make_interval(days => $1)
      ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED)
    """;

  private final Vertx vertx;
  private final Pool pool;
  private final int batchSize;
  private final long pollMillis;
  private long pollTimer = -1;
  private long purgeTimer = -1;
  private boolean running;
  private boolean again;
  private boolean failing;
  private boolean stopped;

  public OutboxRelay(Vertx vertx, Pool pool, int batchSize, long pollMillis) {
    this.vertx = vertx;
    this.pool = pool;
    this.batchSize = batchSize;
    this.pollMillis = pollMillis;
  }

  /** Starts polling; events committed by other processes or left by a crash are picked up within {@code pollMillis}. */
  public void start() {
    pollTimer = vertx.setPeriodic(pollMillis, id -> poke());
    purgeTimer = vertx.setPeriodic(PURGE_DELAY_MILLIS, PURGE_EVERY_MILLIS, id -> purge());
    poke();
  }

  /** Stops the timers; a pass in flight finishes, nothing starts after it. */
  public void stop() {
    stopped = true;
    vertx.cancelTimer(pollTimer);
    vertx.cancelTimer(purgeTimer);
  }

  /** Relays now: called right after a commit so events reach consumers in milliseconds. */
  public void poke() {
    if (stopped) {
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    pass().onComplete(ar -> {
      running = false;
      report(ar);
      if (again || ar.succeeded() && ar.result().selected() == batchSize) {
        poke();
      }
    });
  }

  /** One pass; completes with the number of rows published. */
  public Future<Integer> relayOnce() {
    return pass().map(Pass::published);
  }

  /** Deletes rows delivered more than {@code retentionDays} days ago; completes with how many. */
  public Future<Integer> purgeDelivered(int retentionDays) {
    return pool.preparedQuery(PURGE).execute(Tuple.of(retentionDays, PURGE_BATCH)).compose(rows -> {
      int purged = rows.rowCount();
      return purged < PURGE_BATCH ? Future.succeededFuture(purged) : purgeDelivered(retentionDays).map(more -> purged + more);
    });
  }

  private Future<Pass> pass() {
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
            LOG.log(Level.WARNING, "outbox event " + row.getUUID("event_id") + " not published (attempt "
              + (row.getInteger("attempts") + 1) + ", retried with backoff): " + e);
            failures.add(conn.preparedQuery(FAILED).execute(Tuple.of(seq, String.valueOf(e))));
          }
        }
        return Future.all(failures).compose(v -> markDelivered(conn, delivered))
          .map(v -> new Pass(rows.size(), delivered.size()));
      }));
  }

  private void report(AsyncResult<?> result) {
    if (result.failed()) {
      Level level = failing ? Level.FINE : Level.WARNING;
      LOG.log(level, "outbox relay pass failed, retrying every " + pollMillis + " ms: " + result.cause().getMessage());
    } else if (failing) {
      LOG.info("outbox relay passes succeed again");
    }
    failing = result.failed();
  }

  private void purge() {
    if (!stopped) {
      purgeDelivered(RETENTION_DAYS)
        .onFailure(t -> LOG.log(Level.WARNING, "outbox purge failed, next try in an hour: " + t.getMessage()));
    }
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

  private record Pass(int selected, int published) {
  }
}
