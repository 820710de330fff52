package io.kinetic.kernel.outbox;

import io.kinetic.kernel.bus.BusServer;
import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.log.LogApi;
import io.kinetic.kernel.pg.PgPools;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A context's event log on this node: the {@link OutboxRelay} that takes committed outbox rows
 * into the log, the {@link EventLog} endpoints ({@code <source>.log.read|status|forget}), and
 * retention (10 s after start, then hourly). Deploy exactly one instance per node for each
 * context that publishes events, before the context's own verticles.
 *
 * <p>Stopping, it first stops serving (a consumer's read then finds no handler, which it takes
 * quietly as passing) and lets the reads it is serving finish, then closes its pool: a read that
 * asked for a connection of the closed pool ("Pool closed") used to be an error line at every clean stop.
 */
public final class EventLogVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(EventLogVerticle.class.getName());
  private static final long PURGE_DELAY_MILLIS = 10_000;
  private static final long PURGE_EVERY_MILLIS = 3_600_000;
  private static final String SOURCES = "kinetic.event-logs";
  /** The log's connections: one relay pass at a time, and the reads of the consumers of this log. */
  static final int LOG_POOL_SIZE = 4;
  /** How long a stop waits for the requests being served before it closes the pool anyway. */
  static final long DRAIN_MILLIS = 3_000;

  private final String source;
  private final String pgUrl;
  private final int poolSize;
  private final AppConfig.Outbox settings;
  private Pool pool;
  private OutboxRelay relay;
  private long purgeTimer = -1;
  private final List<MessageConsumer<Object>> endpoints = new ArrayList<>();
  private int serving;
  private Promise<Void> drained;

  /**
   * {@code source} is the context's name and schema. The log has a pool of its own
   * ({@code kinetic-<source>-log}, at most {@value #LOG_POOL_SIZE} connections): shared by name with
   * the context's, the first deployed (this one) fixed its size for both, so a context's own pool
   * size (e.g. the checkout's 24) was silently 8, and the relay and the consumers' reads queued with
   * the context's requests for the same connections.
   */
  public EventLogVerticle(String source, String pgUrl, int poolSize, AppConfig.Outbox settings) {
    this.source = source;
    this.pgUrl = pgUrl;
    this.poolSize = poolSize;
    this.settings = settings;
  }

  @Override
  public Future<?> start() {
    pool = PgPools.forTask(vertx, pgUrl, Math.min(poolSize, LOG_POOL_SIZE), source, "log");
    var log = new EventLog(pool, source);
    endpoints.add(BusServer.serve(vertx, LogApi.read(source), (q, caller) -> counted(() -> log.read(q))));
    endpoints.add(BusServer.serve(vertx, LogApi.status(source), (q, caller) -> counted(log::status)));
    endpoints.add(BusServer.serve(vertx, LogApi.forget(source), (q, caller) -> counted(() -> log.forget(q))));
    relay = new OutboxRelay(vertx, pool, source, settings.batchSize(), settings.pollMillis());
    relay.start();
    vertx.sharedData().getLocalMap(SOURCES).put(source, Boolean.TRUE);
    purgeTimer = vertx.setPeriodic(PURGE_DELAY_MILLIS, PURGE_EVERY_MILLIS, id -> log.purge(settings.retentionDays(),
        settings.retentionIgnoresConsumers())
      .onSuccess(n -> {
        if (n > 0) {
          LOG.info("purged " + n + " events older than " + settings.retentionDays() + " days from the " + source + " log");
        }
      })
      .onFailure(t -> LOG.log(Level.WARNING, source + " log purge failed, next try in an hour: " + t.getMessage())));
    return Future.succeededFuture();
  }

  /** The contexts whose event log runs on this node, by name. */
  public static List<String> sourcesOn(Vertx vertx) {
    return vertx.sharedData().<String, Boolean>getLocalMap(SOURCES).keySet().stream().sorted().toList();
  }

  /** A request served on this verticle's context, counted until it completes. */
  private <T> Future<T> counted(Supplier<Future<T>> request) {
    serving++;
    Future<T> result;
    try {
      result = request.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result.andThen(ar -> {
      if (--serving == 0 && drained != null) {
        drained.tryComplete();
      }
    });
  }

  @Override
  public Future<?> stop() {
    vertx.sharedData().getLocalMap(SOURCES).remove(source);
    vertx.cancelTimer(purgeTimer);
    if (relay != null) {
      relay.stop();
    }
    // no new reads, the ones being served finish (or the drain times out): then the pool closes
    drained = Promise.promise();
    Future<Void> unregistered = Future.all(endpoints.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
    return unregistered.eventually(() -> {
      if (serving == 0) {
        drained.tryComplete();
      }
      long timer = vertx.setTimer(DRAIN_MILLIS, id -> drained.tryComplete());
      return drained.future().andThen(ar -> vertx.cancelTimer(timer));
    }).eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
