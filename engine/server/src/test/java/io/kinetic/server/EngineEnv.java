package io.kinetic.server;

import io.kinetic.kernel.testing.TestServices;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment a test engine starts with: the shared test PostgreSQL and Redis, fast password
 * hashing, a random HTTP port, its own data directory, and the given first admin. Tests add what
 * they need on top (instances, cluster mode, seeding).
 */
final class EngineEnv {

  /** Logical Redis databases of the extra engines: 2 to 8 and 11 to 15 (0 is the shared engine's, 9 and 10 are taken by tests). */
  private static final java.util.concurrent.atomic.AtomicInteger NEXT_REDIS_DB = new java.util.concurrent.atomic.AtomicInteger(2);

  private EngineEnv() {
  }

  static Map<String, String> of(String adminEmail, String adminPassword) throws Exception {
    var services = TestServices.get();
    Map<String, String> env = base(adminEmail, adminPassword);
    env.put("COMMERCE_PG_URL", services.pgUrl());
    env.put("COMMERCE_REDIS_URL", services.redisUrl());
    return env;
  }

  /** {@link #of} without the stores (and without starting the shared test services). */
  private static Map<String, String> base(String adminEmail, String adminPassword) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("COMMERCE_CONFIG_DIR", TestServices.configDir().toString());
    env.put("COMMERCE_JWT_SECRET", "engine-test-secret-0123456789-0123456789");
    env.put("COMMERCE_AUTH_PASSWORD_ITERATIONS", "1000");
    env.put("COMMERCE_HTTP_PORT", "0");
    env.put("COMMERCE_EMBEDDED_DATA_DIR", Files.createTempDirectory("kinetic-engine-test").toString());
    env.put("COMMERCE_ADMIN_EMAIL", adminEmail);
    env.put("COMMERCE_ADMIN_PASSWORD", adminPassword);
    // the test classes register many customers from 127.0.0.1 (the limit itself is tested in identity)
    env.put("COMMERCE_AUTH_REGISTER_MAX_PER_IP", "100000");
    // and open many guest carts from it (the limit itself is tested in ProbeFindingsTest)
    env.put("COMMERCE_CART_NEW_GUEST_CARTS_PER_MINUTE", "10000000");
    // the suite runs its classes in parallel on two cores while races put 100 checkouts in flight at
    // once: a request may queue longer than the default 5 s there, and on a slow day longer than 15 s
    // (tests that need a short one set it)
    env.put("COMMERCE_BUS_TIMEOUT_MILLIS", "30000");
    return env;
  }

  /**
   * A second engine in the same JVM as {@link RunningEngine}: one instance per verticle, no
   * metrics (the default Micrometer registry is process-wide) and no seeding. Starts the shared
   * engine first, so that its demo catalogue is seeded.
   */
  static Map<String, String> extra(String adminEmail, String adminPassword) throws Exception {
    return extra(adminEmail, adminPassword, TestServices.get().newDatabase("engine"), freshRedis());
  }

  /**
   * Makes {@code env} an engine taking payments with Stripe at {@code apiBase} (a fake Stripe API):
   * the secret key and the webhook's signing secret (environment only, as in production), the
   * publishable key and the API base (config keys {@code stripe.*}).
   */
  static Map<String, String> withStripe(Map<String, String> env, String apiBase, String secretKey, String webhookSecret) {
    env.put("COMMERCE_STRIPE_SECRET_KEY", secretKey);
    env.put("COMMERCE_STRIPE_WEBHOOK_SECRET", webhookSecret);
    env.put("COMMERCE_STRIPE_PUBLISHABLE_KEY", "pk_test_" + secretKey.substring(secretKey.lastIndexOf('_') + 1));
    env.put("COMMERCE_STRIPE_API_BASE", apiBase);
    env.put("COMMERCE_STRIPE_JS_URL", apiBase + "/v3/"); // the fake's Stripe.js, for the storefront's Payment Element
    return env;
  }

  /** A logical Redis database no other engine of this JVM uses, emptied (a service Redis keeps old runs' keys). */
  static String freshRedis() throws Exception {
    int next = NEXT_REDIS_DB.getAndIncrement();
    // 2 to 8, then 11 to 15 (9 and 10 are taken by tests; Redis has 16 databases)
    int db = next <= 8 ? next : next + 2;
    if (db > 15) {
      throw new IllegalStateException("more extra engines than Redis databases 2 to 8 and 11 to 15: give tests their own");
    }
    String url = TestServices.get().redisUrl(db);
    var vertx = io.vertx.core.Vertx.vertx();
    try {
      io.vertx.redis.client.RedisAPI.api(io.vertx.redis.client.Redis.createClient(vertx, url))
        .flushdb(java.util.List.of()).await(10, java.util.concurrent.TimeUnit.SECONDS);
    } finally {
      vertx.close().await(10, java.util.concurrent.TimeUnit.SECONDS);
    }
    return url;
  }

  /**
   * {@link #extra(String, String)} on the given stores (several nodes of one cluster share them).
   * An engine sharing the database or Redis of {@link RunningEngine} would take part in its
   * outboxes, event logs and reservation publishing, and the shared engine's caches would miss
   * what it relayed.
   */
  static Map<String, String> extra(String adminEmail, String adminPassword, String pgUrl, String redisUrl) throws Exception {
    // the shared engine first: it seeds its demo catalogue only into an empty catalog
    RunningEngine.httpPort();
    return single(of(adminEmail, adminPassword), pgUrl, redisUrl);
  }

  /**
   * An engine on stores of its own that no other engine uses (a test's own embedded PostgreSQL and
   * Redis), set up as {@link #extra(String, String, String, String)}; neither the shared engine
   * nor the shared test services are started.
   */
  static Map<String, String> standalone(String adminEmail, String adminPassword, String pgUrl, String redisUrl) throws Exception {
    return single(base(adminEmail, adminPassword), pgUrl, redisUrl);
  }

  /**
   * An engine on its embedded PostgreSQL and Redis, on the given fixed ports (as the defaults are),
   * set up as {@link #standalone}; neither the shared engine nor the shared test services are started.
   */
  static Map<String, String> embedded(String adminEmail, String adminPassword, int pgPort, int redisPort) throws Exception {
    Map<String, String> env = single(base(adminEmail, adminPassword), null, null);
    env.remove("COMMERCE_PG_URL");
    env.remove("COMMERCE_REDIS_URL");
    env.put("COMMERCE_EMBEDDED_PG_PORT", Integer.toString(pgPort));
    env.put("COMMERCE_EMBEDDED_REDIS_PORT", Integer.toString(redisPort));
    return env;
  }

  /** {@code env} on the given stores, one instance per verticle, no metrics, no seeded products. */
  private static Map<String, String> single(Map<String, String> env, String pgUrl, String redisUrl) {
    env.put("COMMERCE_PG_URL", pgUrl);
    env.put("COMMERCE_REDIS_URL", redisUrl);
    env.put("COMMERCE_HTTP_INSTANCES", "1");
    env.put("COMMERCE_CATALOG_INSTANCES", "1");
    env.put("COMMERCE_HTTP_METRICS", "false");
    env.put("COMMERCE_CATALOG_SEED_PRODUCTS", "0");
    return env;
  }
}
