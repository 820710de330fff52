package io.kinetic.kernel.outbox;

import io.kinetic.kernel.contract.log.LogApi;
import io.kinetic.kernel.bus.Headers;
import io.kinetic.kernel.contract.log.LogAppended;
import io.kinetic.kernel.pg.Transactions;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.shareddata.Shareable;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes committed outbox rows into the event log: gives each a position (see
 * {@code V0_3__event_log.sql} for why a reader that has seen position p has seen every position
 * below it), then publishes them on the bus as a low-latency wake-up.
 *
 * <p><b>The log is the truth, the bus is a hint.</b> After the positions commit, each event is
 * published on its {@link EventTypes#address} (for in-memory listeners such as caches) and one
 * {@link LogAppended} on {@link io.kinetic.kernel.contract.log.LogApi#appended}. A listener that misses a publication
 * (not registered, another node down) loses nothing that matters: durable consumers read the log
 * from their checkpoint ({@link LogConsumer}).
 *
 * <p><b>One relay per node and schema,</b> run by that schema's {@link EventLogVerticle}; several
 * nodes may relay one schema, they take turns on the head lock. Writers call {@link #poke(Vertx, String)}
 * after a commit; rows committed elsewhere are picked up within {@code pollMillis}. A poke within
 * {@code pollMillis / 20} (at most {@value #MAX_LINGER_MILLIS} ms) of the start of a pass that logged events waits for the rest of that time, so under load one
 * pass logs the events of many commits (and wakes the consumers once for them all).
 */
public final class OutboxRelay implements Shareable {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
  private static final String REGISTRY = "kinetic.outbox.relays";
  /** The longest a poke waits for the next pass. */
  private static final long MAX_LINGER_MILLIS = 50;

  private final Vertx vertx;
  private final Pool pool;
  private final String source;
  private final int batchSize;
  private final long pollMillis;
  private final Linger linger;
  private final AtomicBoolean requested = new AtomicBoolean();
  private final Set<String> undecodable = ConcurrentHashMap.newKeySet();
  private Context context;
  private long pollTimer = -1;
  private boolean running;
  private boolean again;
  private boolean failing;
  /** A commit here poked since the last pass began: the next pass skips the look for unlogged rows. */
  private volatile boolean news;
  private volatile boolean stopped;

  public OutboxRelay(Vertx vertx, Pool pool, String source, int batchSize, long pollMillis) {
    this.vertx = vertx;
    this.pool = pool;
    this.source = source;
    this.batchSize = batchSize;
    this.pollMillis = pollMillis;
    this.linger = new Linger(vertx, Math.min(MAX_LINGER_MILLIS, pollMillis / 20));
  }

  /** Wakes this node's relay of {@code source} after a commit; does nothing when none runs here. */
  public static void poke(Vertx vertx, String source) {
    Object relay = vertx.sharedData().getLocalMap(REGISTRY).get(source);
    if (relay instanceof OutboxRelay r) {
      r.poke();
    }
  }

  /** Starts polling on the caller's context and registers this relay as the node's relay of its source. */
  public void start() {
    context = vertx.getOrCreateContext();
    vertx.sharedData().getLocalMap(REGISTRY).put(source, this);
    pollTimer = vertx.setPeriodic(pollMillis, id -> request());
    request();
  }

  /** Stops polling; a pass in flight finishes, nothing starts after it. */
  public void stop() {
    stopped = true;
    vertx.sharedData().getLocalMap(REGISTRY).remove(source, this);
    vertx.cancelTimer(pollTimer);
    linger.reset();
  }

  /** Relays soon, on the relay's own context; cheap to call from any thread after every commit. */
  public void poke() {
    news = true;
    request();
  }

  /** A pass soon (a poke, or the poll: that one first looks whether any row is unlogged). */
  private void request() {
    if (stopped || context == null || !requested.compareAndSet(false, true)) {
      return;
    }
    context.runOnContext(v -> {
      requested.set(false);
      wake();
    });
  }

  /**
   * A pass now, or when the linger after the start of the last pass is over if that pass logged
   * events (one timer at a time; a monotonic clock, so a wall-clock step cannot stretch the wait).
   */
  private void wake() {
    if (!stopped) {
      linger.wake(running, this::run); // while running: noted as "again", the pass that follows lingers in turn
    }
  }

  /** One pass, for tests and tools: completes with the number of events it took into the log. */
  public Future<Integer> relayOnce() {
    return pass(true).map(List::size);
  }

  private void run() {
    if (stopped) {
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    boolean look = !news;
    news = false;
    linger.passStarted();
    pass(look).onComplete(ar -> {
      running = false;
      report(ar);
      linger.passEnded(ar.succeeded() && !ar.result().isEmpty());
      if (ar.succeeded() && ar.result().size() == batchSize) {
        news = true;
        run(); // a backlog: on without pause
      } else if (again) {
        wake();
      }
    });
  }

  /**
   * {@code look}: first look (without a lock) whether any row is unlogged, as the poll does; a pass
   * after a poke or a full batch knows there likely is, and saves that statement (under load it is
   * one of every pass: the partial index of unlogged rows holds the entries of rows logged since the
   * last vacuum, so it is not free).
   */
  private Future<List<Row>> pass(boolean look) {
    Future<Boolean> any = look ? pool.preparedQuery(EventLogSql.ANY_UNLOGGED).execute().map(r -> r.iterator().next().getBoolean(0))
      : Future.succeededFuture(true);
    return any.compose(some -> some
      ? Transactions.run(pool, conn -> conn.preparedQuery(EventLogSql.LOCK_HEAD).execute().compose(head -> {
        long from = head.iterator().next().getLong(0);
        return conn.preparedQuery(EventLogSql.LOG).execute(Tuple.of(batchSize, from)).compose(logged -> {
          List<Row> rows = new ArrayList<>(logged.size());
          logged.forEach(rows::add);
          rows.sort(Comparator.comparingLong(r -> r.getLong("position")));
          return Future.succeededFuture(rows);
        });
      })).onSuccess(this::publish)
      : Future.succeededFuture(List.of()));
  }

  /** After the commit: every event on its address, then one wake-up for the log's consumers. */
  private void publish(List<Row> rows) {
    if (rows.isEmpty()) {
      return;
    }
    var bus = vertx.eventBus();
    for (Row row : rows) {
      String type = row.getString("event_type");
      DomainEvent event;
      try {
        event = EventTypes.decode(row.getUUID("event_id"), type, row.getString("payload"));
      } catch (RuntimeException e) {
        if (undecodable.add(type)) {
          LOG.warning("events of type " + type + " are logged but not published on the bus: " + e.getMessage());
        }
        continue;
      }
      var options = new DeliveryOptions()
        .addHeader(Headers.EVENT_ID, row.getUUID("event_id").toString())
        .addHeader(Headers.POSITION, Long.toString(row.getLong("position")));
      String correlation = row.getString("correlation");
      if (correlation != null) {
        options.addHeader(Headers.CORRELATION_ID, correlation);
      }
      bus.publish(EventTypes.address(type), event, options);
    }
    long head = rows.get(rows.size() - 1).getLong("position");
    bus.publish(LogApi.appended(source), new LogAppended(source, head));
  }

  private void report(AsyncResult<?> result) {
    if (result.failed()) {
      // a pass the stop overtook (its pool closes) is no news
      Level level = failing || stopped ? Level.FINE : Level.WARNING;
      LOG.log(level, source + " outbox relay pass failed, retrying every " + pollMillis + " ms: " + result.cause().getMessage());
    } else if (failing) {
      LOG.info(source + " outbox relay passes succeed again");
    }
    failing = result.failed();
  }
}
