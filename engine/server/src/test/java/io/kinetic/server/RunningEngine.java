package io.kinetic.server;

import io.vertx.core.Vertx;
import io.kinetic.gateway.ContractCheck;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
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

  /** The engine's {@code runtime.json}, in its own data directory. */
  public static synchronized Path runtimeFile() throws Exception {
    client();
    return Path.of(engine.config().embedded().dataDir(), "runtime.json");
  }

  /** The PostgreSQL the engine uses (tests acting as another node write to it directly). */
  public static synchronized String pgUrl() throws Exception {
    client();
    return engine.config().pg().url();
  }

  /** The engine's Vert.x (its event bus: a test acting as another context asks over it). */
  public static synchronized Vertx engineVertx() throws Exception {
    client();
    return engine.vertx();
  }

  public static synchronized WebClient client() throws Exception {
    if (engine == null) {
      Map<String, String> env = EngineEnv.of(ADMIN_EMAIL, ADMIN_PASSWORD);
      env.put("COMMERCE_HTTP_INSTANCES", "2");
      env.put("COMMERCE_CATALOG_SEED_PRODUCTS", "40");
      // orders up to 100 million (CheckoutGraphQlTest places one of 60 million EUR; OrderOperationsTest's
      // TOTAL_TOO_LARGE passes it); the default is Stripe's 999,999.99
      env.put("COMMERCE_CHECKOUT_MAX_ORDER_TOTAL", "10000000000");
      engine = Engine.start(env);
      clientVertx = Vertx.vertx();
      client = WebClient.create(clientVertx, new WebClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
      // every response to an operation of the served contract is checked against it
      ContractCheck.install(clientVertx, client, engine.httpPort());
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        clientVertx.close();
        engine.stop();
      }));
    }
    return client;
  }
}
