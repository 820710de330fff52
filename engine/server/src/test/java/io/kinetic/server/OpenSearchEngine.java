package io.kinetic.server;

import io.kinetic.gateway.ContractCheck;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.Map;
import java.util.UUID;

/**
 * One engine per test JVM with the OpenSearch backend ({@code COMMERCE_OPENSEARCH_URL} on the
 * {@link OpenSearchTestNode}), on a database of its own with the demo taxonomy and a few demo
 * products, and an index alias of its own. Same first admin as {@link RunningEngine}.
 */
final class OpenSearchEngine {

  private static Engine engine;
  private static WebClient client;
  private static String alias;

  private OpenSearchEngine() {
  }

  static synchronized WebClient client() throws Exception {
    String url = OpenSearchTestNode.url();
    if (engine == null) {
      alias = "kinetic-test-" + UUID.randomUUID().toString().substring(0, 8);
      Map<String, String> env = EngineEnv.extra(RunningEngine.ADMIN_EMAIL, RunningEngine.ADMIN_PASSWORD);
      env.put("COMMERCE_OPENSEARCH_URL", url);
      env.put("COMMERCE_OPENSEARCH_INDEX", alias);
      // a search OpenSearch cannot answer fails the test instead of being answered by PostgreSQL
      env.put("COMMERCE_OPENSEARCH_FALLBACK", "false");
      env.put("COMMERCE_CATALOG_SEED_PRODUCTS", "40");
      env.put("COMMERCE_HTTP_INSTANCES", "2");
      engine = Engine.start(env);
      Vertx vertx = Vertx.vertx();
      client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
      ContractCheck.install(vertx, client, engine.httpPort());
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        vertx.close();
        engine.stop();
      }));
    }
    return client;
  }

  static synchronized int httpPort() throws Exception {
    client();
    return engine.httpPort();
  }

  /** The node's URL and the alias this engine searches. */
  static String url() {
    return OpenSearchTestNode.url();
  }

  static synchronized String alias() throws Exception {
    client();
    return alias;
  }
}
