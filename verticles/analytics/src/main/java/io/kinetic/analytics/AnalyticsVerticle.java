package io.kinetic.analytics;

import io.kinetic.kernel.outbox.Pipelining;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.BusServer;
import io.kinetic.kernel.contract.analytics.AnalyticsApi;
import io.kinetic.kernel.outbox.LogConsumer;
import io.kinetic.kernel.pg.PgPools;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.logging.Logger;

/**
 * Runs the analytics' three consumers (the checkout's log into the sales rollups, the cart's into
 * the funnel, the catalog's into the product directory), each with its own checkpoint, and serves
 * {@link AnalyticsApi#DASHBOARD}. Expects the {@code analytics} schema to be migrated.
 */
public class AnalyticsVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(AnalyticsVerticle.class.getName());
  private static final int ATTEMPTS_BEFORE_PARKING = 5;
  /** Events per pass at least: a long catch-up (a generated history) pays the pass's own round trips less often. */
  private static final int MIN_BATCH = 1000;

  private final AnalyticsSettings settings;
  private Pool pool;
  private List<LogConsumer> consumers = List.of();

  AnalyticsVerticle(AnalyticsSettings settings) {
    this.settings = settings;
  }

  @Override
  public Future<?> start() {
    pool = PgPools.create(vertx, settings.pgUrl(), settings.poolSize(), AnalyticsModule.SCHEMA);
    var bus = new BusClient(vertx, settings.busTimeoutMillis(), new BusClient.Routing(true, settings.busTimeoutMillis()));
    var products = new ProductDirectory(bus);
    var salesPipelining = new Pipelining(SalesRollups.CONSUMER);
    var sales = new SalesRollups(products, salesPipelining);
    LogConsumer salesConsumer = consumer(bus, SalesRollups.CONSUMER, SalesRollups.SOURCE, salesPipelining.handler(sales));
    var cartsPipelining = new Pipelining(FunnelRollups.CONSUMER);
    consumers = List.of(salesConsumer,
      consumer(bus, FunnelRollups.CONSUMER, FunnelRollups.SOURCE, cartsPipelining.handler(new FunnelRollups(cartsPipelining))),
      consumer(bus, ProductDirectory.CONSUMER, ProductDirectory.SOURCE, products::apply));
    var dashboard = new DashboardService(pool, bus, settings.defaultCurrency(), settings.currencies(),
      () -> salesConsumer.head() < 0 ? -1 : Math.max(0, salesConsumer.head() - salesConsumer.position()));
    return BusServer.serve(vertx, AnalyticsApi.DASHBOARD, dashboard::dashboard).completion()
      .compose(v -> Future.all(consumers.stream().map(LogConsumer::start).toList()));
  }

  private LogConsumer consumer(BusClient bus, String name, String source, LogConsumer.Handler handler) {
    var outbox = settings.outbox();
    return new LogConsumer(vertx, pool, bus, name, source, handler, Math.max(MIN_BATCH, outbox.batchSize()), outbox.pollMillis(),
      ATTEMPTS_BEFORE_PARKING, (tx, oldestKept) -> {
        LOG.warning("the " + source + " log no longer keeps the events before position " + oldestKept
          + ": " + name + " continues there; the figures miss what was in between");
        return Future.succeededFuture(oldestKept - 1);
      }).relaxCommits(); // figures in this schema only: redone from the logs if lost
  }

  @Override
  public Future<?> stop() {
    Future<?> stopped = Future.all(consumers.stream().map(LogConsumer::stop).toList());
    return stopped.eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
