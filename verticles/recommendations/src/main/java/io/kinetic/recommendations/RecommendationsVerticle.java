package io.kinetic.recommendations;

import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.BusServer;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.bus.Endpoint;
import io.kinetic.kernel.contract.recommendations.RecommendationsApi;
import io.kinetic.kernel.outbox.LogConsumer;
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
 * then the endpoints and the consumers of the catalog's and the checkout's event logs. Prunes
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

  RecommendationsVerticle(RecommendationSettings settings) {
    this.settings = settings;
  }

  @Override
  public Future<?> start() {
    pool = PgPools.create(vertx, settings.pgUrl(), settings.poolSize(), RecommendationsModule.SCHEMA);
    redis = RedisClients.create(vertx, settings.redisUrl(), settings.redisPoolSize(), RecommendationsModule.SCHEMA);
    var bus = new BusClient(vertx, settings.busTimeoutMillis());
    var models = new Models(settings);
    var catalog = new CatalogProjection(models.content, settings.defaultCurrency());
    var latency = new LatencyRecorder();
    var recommender = new Recommender(models, catalog, latency, new AbTest(settings.abSplitPercent()),
      settings.defaultLocale(), settings.defaultCurrency());
    java.util.function.Consumer<Set<UUID>> changed = recommender::invalidate;
    var ingestion = new EventIngestion(pool, new IngestLimiter(redis, settings.sessionBatchesPerMinute(),
      settings.ipBatchesPerMinute()), models, changed, settings);
    var catalogFeed = new CatalogFeed(bus, catalog, changed, recommender::invalidateAll);
    var orderFeed = new OrderFeed(models, changed);
    var reports = new RecommenderReports(vertx, pool, models, catalog, latency, settings);
    var outbox = settings.outbox();
    catalogConsumer = new LogConsumer(vertx, pool, bus, CatalogFeed.CONSUMER, CatalogFeed.SOURCE, catalogFeed::apply,
      outbox.batchSize(), outbox.pollMillis(), 3, (tx, oldest) -> catalogFeed.reload());
    orderConsumer = new LogConsumer(vertx, pool, bus, OrderFeed.CONSUMER, OrderFeed.SOURCE, orderFeed::apply,
      outbox.batchSize(), outbox.pollMillis(), 3, (tx, oldest) -> Future.succeededFuture(oldest - 1));
    return catalogFeed.loadAtStart(vertx)
      .compose(position -> pool.withTransaction(tx -> LogConsumer.setCheckpoint(tx, CatalogFeed.CONSUMER, CatalogFeed.SOURCE, position)))
      .compose(v -> ModelRebuild.run(pool, models, orderFeed, settings))
      .compose(v -> Future.all(List.of(
        serve(RecommendationsApi.RECORD_EVENTS, (q, caller) -> ingestion.record(q)),
        serve(RecommendationsApi.RECOMMEND, (q, caller) -> {
          RecommendRequests.check(q);
          return Future.succeededFuture(recommender.recommend(q));
        }),
        serve(RecommendationsApi.GET_REPORT, (q, caller) -> reports.report(q)))))
      .compose(v -> catalogConsumer.start())
      .compose(v -> orderConsumer.start())
      .onSuccess(v -> {
        prune();
        pruneTimer = vertx.setPeriodic(PRUNE_MILLIS, id -> prune());
      });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(pruneTimer);
    if (redis != null) {
      redis.close();
    }
    Future<Void> consumers = Future.all(catalogConsumer == null ? Future.succeededFuture() : catalogConsumer.stop(),
      orderConsumer == null ? Future.succeededFuture() : orderConsumer.stop()).mapEmpty();
    return consumers.eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
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
