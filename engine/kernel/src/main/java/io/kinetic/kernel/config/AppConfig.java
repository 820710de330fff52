package io.kinetic.kernel.config;

import io.vertx.core.json.JsonObject;

/**
 * The whole configuration, loaded once at start by {@link ConfigLoader} and validated: a bad value
 * throws {@link ConfigException} naming the key. {@code raw} keeps the merged JSON so verticles can
 * be deployed with it (and rebuild this record with {@link #from(JsonObject)}).
 */
public record AppConfig(
  String profile,
  Http http,
  Pg pg,
  RedisSettings redis,
  Embedded embedded,
  Bus bus,
  Auth auth,
  Catalog catalog,
  GraphQl graphql,
  Outbox outbox,
  Cluster cluster,
  Shutdown shutdown,
  JsonObject raw) {

  /** {@code metricsToken} comes only from the environment (COMMERCE_HTTP_METRICS_TOKEN); empty: none. */
  public record Http(String host, int port, int instances, int maxBodyBytes, boolean metrics, String metricsToken) {
  }

  /** {@code url} empty: the embedded PostgreSQL is started. */
  public record Pg(String url, int poolSize) {
    public boolean configured() {
      return !url.isEmpty();
    }
  }

  /** {@code url} empty: the embedded Redis is started. */
  public record RedisSettings(String url, int poolSize) {
    public boolean configured() {
      return !url.isEmpty();
    }
  }

  public record Embedded(String dataDir, int pgPort, int redisPort) {
  }

  public record Bus(long timeoutMillis) {
  }

  /** {@code jwtSecret} comes only from the environment (COMMERCE_JWT_SECRET) or the data directory. */
  public record Auth(String issuer, long accessTtlSeconds, long refreshTtlSeconds, int passwordIterations,
                     int loginMaxFailures, long loginWindowSeconds, String jwtSecret) {
  }

  public record Catalog(int instances, int cacheSize, int seedProducts, String defaultLocale, String defaultCurrency) {
  }

  /**
   * Per-request GraphQL limits: depth, cost ({@code maxComplexity}), selected fields and parser
   * tokens of the document, and the size of the response; introspection and the GraphiQL IDE
   * are off unless enabled (the dev profile enables both).
   */
  public record GraphQl(int maxDepth, int maxComplexity, int maxFields, int maxTokens, int maxResponseBytes,
                        boolean introspection, boolean graphiql) {
  }

  public record Outbox(long pollMillis, int batchSize) {
  }

  /** Clustered event bus (Hazelcast); {@code host} is the address to bind, empty for the default. */
  public record Cluster(boolean enabled, String host) {
  }

  /** How long in-flight work may take to finish after SIGTERM. */
  public record Shutdown(int graceSeconds) {
  }

  public static AppConfig from(JsonObject json) {
    var http = new ConfigReader(json, "http");
    var pg = new ConfigReader(json, "pg");
    var redis = new ConfigReader(json, "redis");
    var embedded = new ConfigReader(json, "embedded");
    var bus = new ConfigReader(json, "bus");
    var auth = new ConfigReader(json, "auth");
    var catalog = new ConfigReader(json, "catalog");
    var graphql = new ConfigReader(json, "graphql");
    var outbox = new ConfigReader(json, "outbox");
    var cluster = new ConfigReader(json, "cluster");
    var shutdown = new ConfigReader(json, "shutdown");
    String secret = json.getJsonObject("auth").getString("jwtSecret", "");
    if (!secret.isEmpty() && secret.length() < 32) {
      throw new ConfigException("auth.jwtSecret", "must be at least 32 characters (set COMMERCE_JWT_SECRET)");
    }
    String metricsToken = json.getJsonObject("http").getString("metricsToken", "");
    if (!metricsToken.isEmpty() && metricsToken.length() < 16) {
      throw new ConfigException("http.metricsToken", "must be at least 16 characters (set COMMERCE_HTTP_METRICS_TOKEN)");
    }
    String currency = catalog.string("defaultCurrency");
    if (!io.kinetic.kernel.money.Money.isCurrency(currency)) {
      throw new ConfigException("catalog.defaultCurrency", "must be an ISO 4217 code, got " + currency);
    }
    return new AppConfig(
      json.getString("profile", "default"),
      new Http(http.string("host"), http.integer("port", 0, 65535), http.integer("instances", 0, 256),
        http.integer("maxBodyBytes", 1024, 64 * 1024 * 1024), http.bool("metrics"), metricsToken),
      new Pg(pg.url("url", "postgresql", "postgres"), pg.integer("poolSize", 1, 1000)),
      new RedisSettings(redis.url("url", "redis", "rediss"), redis.integer("poolSize", 1, 1000)),
      new Embedded(embedded.string("dataDir"), embedded.integer("pgPort", 1, 65535), embedded.integer("redisPort", 1, 65535)),
      new Bus(bus.number("timeoutMillis", 100, 600_000)),
      new Auth(auth.string("issuer"), auth.number("accessTtlSeconds", 30, 900), auth.number("refreshTtlSeconds", 60, 31_536_000),
        auth.integer("passwordIterations", 1_000, 10_000_000), auth.integer("loginMaxFailures", 1, 1000),
        auth.number("loginWindowSeconds", 1, 86_400), secret),
      new Catalog(catalog.integer("instances", 0, 256), catalog.integer("cacheSize", 0, 10_000_000),
        catalog.integer("seedProducts", 0, 10_000_000), catalog.string("defaultLocale"), currency),
      new GraphQl(graphql.integer("maxDepth", 2, 100), graphql.integer("maxComplexity", 10, 1_000_000),
        graphql.integer("maxFields", 10, 10_000), graphql.integer("maxTokens", 100, 1_000_000),
        graphql.integer("maxResponseBytes", 1024, 256 * 1024 * 1024), graphql.bool("introspection"), graphql.bool("graphiql")),
      new Outbox(outbox.number("pollMillis", 10, 3_600_000), outbox.integer("batchSize", 1, 10_000)),
      new Cluster(cluster.bool("enabled"), cluster.string("host")),
      new Shutdown(shutdown.integer("graceSeconds", 0, 300)),
      json);
  }

  /** Event-loop instances to deploy for a setting where 0 means "one per core". */
  public static int instances(int setting) {
    return setting > 0 ? setting : Runtime.getRuntime().availableProcessors();
  }
}
