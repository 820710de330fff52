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

  private EngineEnv() {
  }

  static Map<String, String> of(String adminEmail, String adminPassword) throws Exception {
    var services = TestServices.get();
    Map<String, String> env = new HashMap<>();
    env.put("COMMERCE_CONFIG_DIR", TestServices.configDir().toString());
    env.put("COMMERCE_PG_URL", services.pgUrl());
    env.put("COMMERCE_REDIS_URL", services.redisUrl());
    env.put("COMMERCE_JWT_SECRET", "engine-test-secret-0123456789-0123456789");
    env.put("COMMERCE_AUTH_PASSWORD_ITERATIONS", "1000");
    env.put("COMMERCE_HTTP_PORT", "0");
    env.put("COMMERCE_EMBEDDED_DATA_DIR", Files.createTempDirectory("kinetic-engine-test").toString());
    env.put("COMMERCE_ADMIN_EMAIL", adminEmail);
    env.put("COMMERCE_ADMIN_PASSWORD", adminPassword);
    return env;
  }

  /**
   * A second engine in the same JVM as {@link RunningEngine}: one instance per verticle, no
   * metrics (the default Micrometer registry is process-wide) and no seeding. Starts the shared
   * engine first, so that its demo catalogue is seeded.
   */
  static Map<String, String> extra(String adminEmail, String adminPassword) throws Exception {
    // the shared engine first: it seeds its demo catalogue only into an empty catalog, so a
    // product this one creates first would leave the storefront tests without their catalogue
    RunningEngine.httpPort();
    Map<String, String> env = of(adminEmail, adminPassword);
    env.put("COMMERCE_HTTP_INSTANCES", "1");
    env.put("COMMERCE_CATALOG_INSTANCES", "1");
    env.put("COMMERCE_HTTP_METRICS", "false");
    env.put("COMMERCE_CATALOG_SEED_PRODUCTS", "0");
    return env;
  }
}
