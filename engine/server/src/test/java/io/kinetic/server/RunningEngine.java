package io.kinetic.server;

import io.kinetic.kernel.testing.TestServices;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * One real engine per test JVM, on the shared test PostgreSQL/Redis, with a small demo catalogue.
 * Public for the browser tests in io.kinetic.server.web.
 */
public final class RunningEngine {

  public static final String ADMIN_EMAIL = "root-admin@kinetic.test";
  public static final String ADMIN_PASSWORD = "a-long-admin-password-1";
  private static Engine engine;
  private static Vertx clientVertx;
  private static WebClient client;

  private RunningEngine() {
  }

  /** The engine's HTTP port, starting the engine on first use. */
  public static synchronized int httpPort() throws Exception {
    client();
    return engine.httpPort();
  }

  public static synchronized WebClient client() throws Exception {
    if (engine == null) {
      var services = TestServices.get();
      Map<String, String> env = new HashMap<>();
      env.put("COMMERCE_CONFIG_DIR", TestServices.configDir().toString());
      env.put("COMMERCE_PG_URL", services.pgUrl());
      env.put("COMMERCE_REDIS_URL", services.redisUrl());
      env.put("COMMERCE_JWT_SECRET", "engine-test-secret-0123456789-0123456789");
      env.put("COMMERCE_AUTH_PASSWORD_ITERATIONS", "1000");
      env.put("COMMERCE_HTTP_PORT", "0");
      env.put("COMMERCE_HTTP_INSTANCES", "2");
      env.put("COMMERCE_CATALOG_SEED_PRODUCTS", "40");
      env.put("COMMERCE_EMBEDDED_DATA_DIR", Files.createTempDirectory("kinetic-engine-test").toString());
      env.put("COMMERCE_ADMIN_EMAIL", ADMIN_EMAIL);
      env.put("COMMERCE_ADMIN_PASSWORD", ADMIN_PASSWORD);
      engine = Engine.start(env);
      clientVertx = Vertx.vertx();
      client = WebClient.create(clientVertx, new WebClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        clientVertx.close();
        engine.stop();
      }));
    }
    return client;
  }
}
