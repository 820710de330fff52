package io.kinetic.recommendations;

import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.BusServer;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.bus.Endpoint;
import io.kinetic.kernel.contract.recommendations.RecommendationsApi;
import io.kinetic.kernel.outbox.LogConsumer;
import io.kinetic.kernel.outbox.Pipelining;
import io.kinetic.kernel.pg.PgPools;
import io.kinetic.kernel.redis.RedisClients;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.logging.Logger;

/**
 * Serves {@link RecommendationsApi} from models in memory on this verticle's event loop. At start:
 * the catalogue from the catalog's export, the models rebuilt from the kept events and orders,
 * then the admin's settings ({@link SettingsStore}), the endpoints and the consumers of the
 * catalog's and the checkout's event logs. In cluster mode every node learns every stored event
 * and order once ({@link ClusterLearning}). Prunes
 * events older than {@code recommendations.retentionDays} every hour.
 */
public class RecommendationsVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(RecommendationsVerticle.class.getName());
  private static final long PRUNE_MILLIS = 3_600_000;
  private static final int PRUNE_BATCH = 10_000;

  private final RecommendationSettings settings;
  private Pool pool;
  private RedisAPI redis;
  private LogConsumer catalogConsumer;
  private LogConsumer orderConsumer;
  private long pruneTimer = -1;
  private SettingsStore settingsStore;
  private EaseTraining ease;
  private ClusterLearning cluster;

  RecommendationsVerticle(RecommendationSettings settings) {
    this.settings = settings;
  }

  @Override
  public Future<?> start() {
    pool = PgPools.create(vertx, settings.pgUrl(), settings.poolSize(), RecommendationsModule.SCHEMA);
    redis = RedisClients.pipelined(vertx, settings.redisUrl(), settings.redisPoolSize(), RecommendationsModule.SCHEMA);
    var bus = new BusClient(vertx, settings.busTimeoutMillis());
    var models = new Models(settings);
    var catalog = new CatalogProjection(models.content, settings.defaultCurrency());
    var latency = new LatencyRecorder();
    var recommender = new Recommender(models, catalog, latency, new AbTest(settings.abSplitPercent()),
      settings.defaultLocale(), settings.defaultCurrency());
    java.util.function.Consumer<Set<UUID>> changed = recommender::invalidate;
    cluster = new ClusterLearning(vertx, models, changed);
    var ingestion = new EventIngestion(pool, new IngestLimiter(redis, settings.sessionBatchesPerMinute(),
      settings.ipBatchesPerMinute()), models, changed, settings, cluster);
    var catalogFeed = new CatalogFeed(bus, catalog, changed, recommender::invalidateAll, cluster);
    var purchases = new CustomerPurchases(pool);
    var ordersPipelining = new Pipelining(OrderFeed.CONSUMER);
    var orderFeed = new OrderFeed(models, changed, cluster, purchases::forget, ordersPipelining);
    var reports = new RecommenderReports(vertx, pool, models, catalog, latency, settings);
    ease = new EaseTraining(vertx, models, () -> reports.signals(settings.retentionDays()), recommender::invalidateAll,
      settings.neighbours());
    settingsStore = new SettingsStore(vertx, pool, ModelChoices.defaults(settings.abSplitPercent()), recommender::apply);
    var outbox = settings.outbox();
    catalogConsumer = new LogConsumer(vertx, pool, bus, CatalogFeed.CONSUMER, CatalogFeed.SOURCE, catalogFeed::apply,
      outbox.batchSize(), outbox.pollMillis(), 3, (tx, oldest) -> catalogFeed.reload());
    orderConsumer = new LogConsumer(vertx, pool, bus, OrderFeed.CONSUMER, OrderFeed.SOURCE, ordersPipelining.handler(orderFeed),
      outbox.batchSize(), outbox.pollMillis(), 3, (tx, oldest) -> Future.succeededFuture(oldest - 1));
    // the other nodes' notices are kept from before the export until the models are rebuilt
    return cluster.start()
      .compose(v -> catalogFeed.loadAtStart(vertx))
      .compose(position -> pool.withTransaction(tx -> catalogCheckpoint(tx, position)))
      .compose(v -> ModelRebuild.run(pool, models, orderFeed, settings, cluster.pendingIds()))
      .map(rebuilt -> {
        cluster.live(rebuilt);
        return null;
      })
      .compose(v -> settingsStore.start())
      .compose(v -> Future.all(List.of(
        serve(RecommendationsApi.RECORD_EVENTS, (q, caller) -> ingestion.record(q)),
        serve(RecommendationsApi.RECOMMEND, (q, caller) -> {
          RecommendRequests.check(q);
          return purchases.of(q.customerId()).map(bought -> recommender.recommend(q, bought));
        }),
        serve(RecommendationsApi.GET_REPORT, (q, caller) -> reports.report(q)),
        serve(RecommendationsApi.GET_SETTINGS, (q, caller) -> Future.succeededFuture(settingsStore.current())),
        serve(RecommendationsApi.SET_SETTINGS, (q, caller) -> settingsStore.set(q, caller)))))
      .compose(v -> catalogConsumer.start())
      .compose(v -> orderConsumer.start())
      .onSuccess(v -> {
        // in the background: the other models serve meanwhile
        ease.start();
        prune();
        pruneTimer = vertx.setPeriodic(PRUNE_MILLIS, id -> prune());
      });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(pruneTimer);
    if (settingsStore != null) {
      settingsStore.stop();
    }
    if (ease != null) {
      ease.stop();
    }
    if (cluster != null) {
      cluster.stop();
    }
    if (redis != null) {
      redis.close();
    }
    Future<Void> consumers = Future.all(catalogConsumer == null ? Future.succeededFuture() : catalogConsumer.stop(),
      orderConsumer == null ? Future.succeededFuture() : orderConsumer.stop()).mapEmpty();
    return consumers.eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }

  /**
   * The catalog consumer continues after the export. In cluster mode the checkpoint is shared: it
   * never moves forward here (the other nodes' consumer may not have applied the events this
   * export already holds, and they learn them only through it); re-applying is harmless.
   */
  private Future<Void> catalogCheckpoint(io.vertx.sqlclient.SqlConnection tx, long exported) {
    if (!vertx.isClustered()) {
      return LogConsumer.setCheckpoint(tx, CatalogFeed.CONSUMER, CatalogFeed.SOURCE, exported);
    }
    return tx.preparedQuery("SELECT position FROM event_checkpoint WHERE consumer = $1 AND source = $2 FOR UPDATE")
      .execute(Tuple.of(CatalogFeed.CONSUMER, CatalogFeed.SOURCE))
      .compose(rows -> rows.size() > 0 && rows.iterator().next().getLong(0) <= exported
        ? Future.<Void>succeededFuture()
        : LogConsumer.setCheckpoint(tx, CatalogFeed.CONSUMER, CatalogFeed.SOURCE, exported));
  }

  private void prune() {
    pool.preparedQuery(RecommendationsSql.PRUNE_EVENTS).execute(Tuple.of(settings.retentionDays(), PRUNE_BATCH))
      .compose(events -> pool.preparedQuery(RecommendationsSql.PRUNE_ORDERS).execute(Tuple.of(settings.retentionDays(), PRUNE_BATCH))
        .map(orders -> events.rowCount() + orders.rowCount()))
      .onSuccess(n -> {
        if (n > 0) {
          LOG.info("pruned " + n + " behaviour events and order lines older than " + settings.retentionDays() + " days");
        }
      })
      .onFailure(t -> LOG.warning("behaviour event pruning failed, will retry: " + t.getMessage()));
  }

  private <Q, R> Future<Void> serve(Endpoint<Q, R> endpoint, BiFunction<Q, Caller, Future<R>> action) {
    return BusServer.serve(vertx, endpoint, action).completion();
  }
}
