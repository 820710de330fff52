package io.kinetic.server;

import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.config.ConfigException;
import io.kinetic.kernel.config.ConfigLoader;
import io.kinetic.kernel.contract.ContextModule;
import io.kinetic.kernel.contract.Contracts;
import io.kinetic.kernel.embedded.EmbeddedServices;
import io.kinetic.kernel.pg.Migrations;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * What every command needs before verticles run: the validated configuration, PostgreSQL and
 * Redis (the configured ones, or embedded ones when no URL is set), a Vert.x instance (clustered
 * when configured) with the message codecs registered, and every module's schema migrated.
 */
final class Infrastructure {

  private static final Logger LOG = Logger.getLogger(Infrastructure.class.getName());

  private final AppConfig config;
  private final EmbeddedServices embedded;
  private final Vertx vertx;

  private Infrastructure(AppConfig config, EmbeddedServices embedded, Vertx vertx) {
    this.config = config;
    this.embedded = embedded;
    this.vertx = vertx;
  }

  /** Blocking: runs on the main thread before the engine serves anything. */
  static Infrastructure start(Map<String, String> env) throws Exception {
    JsonObject json = ConfigLoader.loadJson(env);
    AppConfig config = AppConfig.from(json);
    Path dataDir = Path.of(config.embedded().dataDir());
    if (Files.isDirectory(dataDir.resolve(Secrets.DIRECTORY))) {
      Secrets.secure(dataDir);
    }
    EmbeddedServices embedded = null;
    if (!config.pg().configured() || !config.redis().configured()) {
      if (config.cluster().enabled()) {
        throw new ConfigException("pg.url", "cluster mode needs a shared PostgreSQL and Redis: set COMMERCE_PG_URL and COMMERCE_REDIS_URL");
      }
      // a killed engine's servers first: they may hold the (fixed) ports checked next
      EmbeddedServices.stopLeftOvers(dataDir, !config.pg().configured(), !config.redis().configured());
      if (!config.pg().configured()) {
        PortCheck.requireFree("127.0.0.1", config.embedded().pgPort(), "embedded.pgPort");
      }
      if (!config.redis().configured()) {
        PortCheck.requireFree("127.0.0.1", config.embedded().redisPort(), "embedded.redisPort");
      }
      embedded = new EmbeddedServices();
      if (!config.pg().configured()) {
        Console.step("starting embedded PostgreSQL (data in " + dataDir.resolve("pg").toAbsolutePath() + ")");
        json.getJsonObject("pg").put("url", embedded.startPostgres(dataDir.resolve("pg"), config.embedded().pgPort()));
      }
      if (!config.redis().configured()) {
        Console.step("starting embedded Redis (data in " + dataDir.resolve("redis").toAbsolutePath() + ")");
        json.getJsonObject("redis").put("url", embedded.startRedis(config.embedded().redisPort(), dataDir.resolve(EmbeddedServices.REDIS_OWNER_FILE),
          dataDir.resolve("redis")));
      }
    } else {
      LOG.info("using the configured PostgreSQL and Redis; nothing embedded is started");
    }
    if (config.auth().jwtSecret().isEmpty()) {
      json.getJsonObject("auth").put("jwtSecret", Secrets.generated(dataDir, "jwt-secret", 48));
      LOG.warning("COMMERCE_JWT_SECRET is not set: using a generated secret kept in " + dataDir.resolve("secrets")
        + "; set COMMERCE_JWT_SECRET in production (and on every cluster node)");
    }
    config = AppConfig.from(json);
    try {
      Vertx vertx = createVertx(config);
      vertx.exceptionHandler(new UnhandledFailures());
      Contracts.register(vertx, Modules.contracts());
      var infrastructure = new Infrastructure(config, embedded, vertx);
      infrastructure.migrate();
      return infrastructure;
    } catch (Exception e) {
      if (embedded != null) {
        embedded.close();
      }
      throw e;
    }
  }

  AppConfig config() {
    return config;
  }

  Vertx vertx() {
    return vertx;
  }

  boolean embedded() {
    return embedded != null;
  }

  /** Closes Vert.x (undeploying every verticle, each finishing its in-flight work), then the embedded servers. */
  void stop() {
    try {
      vertx.close().await(config.shutdown().graceSeconds() + 5L, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warning("Vert.x did not close in time: " + e.getMessage());
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private void migrate() throws Exception {
    for (ContextModule module : Modules.all()) {
      if (!module.ownsSchema()) {
        continue;
      }
      Console.step("migrating schema " + module.name());
      Migrations.migrateBlocking(config.pg().url(), module.name());
    }
    String autovacuum = autovacuumWarning(config.pg().url());
    if (autovacuum != null) {
      LOG.warning(autovacuum);
    }
  }

  /**
   * What to tell the operator when the PostgreSQL server runs with {@code autovacuum} off (null when
   * it is on, or cannot be asked): the engine's queues (outboxes, mails, event logs) then keep their
   * dead rows, and the planner works on statistics that never change (a freshly loaded catalogue
   * read as an empty table: a product read took over a second).
   */
  static String autovacuumWarning(String pgUrl) {
    var jdbc = io.kinetic.kernel.pg.PgPools.jdbc(pgUrl);
    try (var connection = java.sql.DriverManager.getConnection(jdbc.url(), jdbc.user(), jdbc.password());
         var rows = connection.createStatement().executeQuery("SHOW autovacuum")) {
      return rows.next() && "off".equalsIgnoreCase(rows.getString(1))
        ? "PostgreSQL runs with autovacuum off: the engine's queue tables (outboxes, event logs, mails) keep their dead rows"
          + " and the planner's statistics are never refreshed, so reads and writes slow down as the shop runs; turn"
          + " autovacuum on (postgresql.conf), or VACUUM ANALYZE the database on a schedule"
        : null;
    } catch (java.sql.SQLException e) {
      return null; // said by what needs the database
    }
  }

  private static Vertx createVertx(AppConfig config) throws Exception {
    var options = new VertxOptions().setPreferNativeTransport(true);
    var builder = Vertx.builder().with(options);
    if (config.http().metrics()) {
      var metrics = new MicrometerMetricsOptions()
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
        // PostgreSQL and Redis connections are measured by their pools and clients (tagged with
        // namespace, the pool's name); untagged net-client gauges would collide between them
        .addDisabledMetricsCategory(MetricsDomain.NET_CLIENT)
        .addLabels(Label.NAMESPACE)
        .setEnabled(true);
      if (!config.http().busMetrics()) {
        // per-message counters and gauges of every bus address, looked up on each message (about
        // 5 % of an add to cart): for debugging a deployment (http.busMetrics), not for every shop
        metrics.addDisabledMetricsCategory(MetricsDomain.EVENT_BUS);
      }
      options.setMetricsOptions(metrics);
      builder.withMetrics(new MicrometerMetricsFactory());
    }
    if (!config.cluster().enabled()) {
      return builder.build();
    }
    var cluster = new HazelcastClusterManager(ClusterConfig.hazelcast(config.cluster()));
    if (!config.cluster().host().isEmpty()) {
      options.getEventBusOptions().setHost(config.cluster().host());
    }
    options.getEventBusOptions().setPort(config.cluster().busPort());
    Console.step("joining the cluster " + config.cluster().name() + (config.cluster().members().isEmpty()
      ? " (multicast discovery)" : " (members " + String.join(", ", config.cluster().members()) + ")"));
    return builder.withClusterManager(cluster).buildClustered().await(60, java.util.concurrent.TimeUnit.SECONDS);
  }

}
