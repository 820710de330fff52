package io.kinetic.server;

import io.kinetic.catalog.seed.DemoCatalog;
import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.ContextModule;
import io.kinetic.kernel.config.ConfigLoader;
import io.kinetic.kernel.id.InstanceId;
import io.kinetic.kernel.pg.PgPools;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The running engine: infrastructure, demo data on first start, the verticles in dependency order
 * (services first, the gateway last, so no request arrives before its handler exists), the first
 * admin, and {@code data/runtime.json} telling scripts where everything is.
 */
public final class Engine {

  private static final Logger LOG = Logger.getLogger(Engine.class.getName());

  private final Infrastructure infrastructure;
  private final String gatewayDeployment;
  private final int httpPort;
  private final java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();

  private Engine(Infrastructure infrastructure, String gatewayDeployment, int httpPort) {
    this.infrastructure = infrastructure;
    this.gatewayDeployment = gatewayDeployment;
    this.httpPort = httpPort;
  }

  /**
   * Starts everything; blocking. Throws with a clear message when anything fails to start; a
   * taken HTTP port fails first, before any embedded service starts ({@link PortCheck}).
   */
  public static Engine start(Map<String, String> env) throws Exception {
    long started = System.nanoTime();
    var http = ConfigLoader.load(env).http();
    PortCheck.requireFree(http.host(), http.port(), "http.port");
    Infrastructure infra = Infrastructure.start(env);
    try {
      AppConfig config = infra.config();
      seedIfEmpty(infra);
      for (ContextModule module : Modules.SERVICES) {
        deploy(infra, module);
      }
      new AdminBootstrap(infra.vertx(), config, env).run();
      Console.step("starting HTTP on port " + config.http().port());
      String gateway = deploy(infra, Modules.EDGE);
      int port = boundPort(infra, config.http().port());
      var engine = new Engine(infra, gateway, port);
      engine.writeRuntimeFile();
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      LOG.info("engine started in " + millis + " ms");
      Console.step("ready in " + millis + " ms");
      Console.step("storefront  http://localhost:" + port + "/");
      Console.step("admin       http://localhost:" + port + "/admin/");
      Console.step("REST API    http://localhost:" + port + "/api/v1/openapi.yaml");
      Console.step("GraphQL     http://localhost:" + port + "/graphql");
      Console.step("press Ctrl-C to stop");
      return engine;
    } catch (Exception e) {
      infra.stop();
      throw e;
    }
  }

  public int httpPort() {
    return httpPort;
  }

  public AppConfig config() {
    return infrastructure.config();
  }

  /** For tests in this package (e.g. to look at the cluster this node joined). */
  Vertx vertx() {
    return infrastructure.vertx();
  }

  /**
   * Graceful stop: the gateway goes first (stops accepting, lets in-flight requests finish while
   * the services they wait on are still there), then the services and pools, then the embedded servers.
   */
  public void stop() {
    if (!stopping.compareAndSet(false, true)) {
      return; // stopped, or stopping on another thread (a stop signal, then the JVM's exit)
    }
    Console.step("stopping");
    try {
      infrastructure.vertx().undeploy(gatewayDeployment)
        .await(infrastructure.config().shutdown().graceSeconds() + 2L, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warning("the gateway did not drain in time: " + e.getMessage());
    }
    infrastructure.stop();
    try {
      Files.deleteIfExists(runtimeFile());
    } catch (IOException e) {
      LOG.warning("cannot delete " + runtimeFile() + ": " + e.getMessage());
    }
    Console.step("stopped");
  }

  private static void seedIfEmpty(Infrastructure infra) throws Exception {
    int products = infra.config().catalog().seedProducts();
    if (products == 0) {
      return;
    }
    var pool = PgPools.forTask(infra.vertx(), infra.config().pg().url(), 4, "catalog", "seed");
    try {
      int seeded = DemoCatalog.seedIfEmpty(infra.vertx(), pool, products, infra.config().cart().currencies(),
        done -> Console.progress("seeding demo catalogue", done, products)).await(10, TimeUnit.MINUTES);
      if (seeded > 0) {
        LOG.info("seeded the demo catalogue with " + seeded + " products");
      }
    } finally {
      pool.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** A context's start (migrations aside) takes seconds; on a small machine under load, much longer. */
  private static final long DEPLOY_SECONDS = 180;

  private static String deploy(Infrastructure infra, ContextModule module) throws Exception {
    String id = module.deploy(infra.vertx(), infra.config()).await(DEPLOY_SECONDS, TimeUnit.SECONDS);
    LOG.info("deployed the " + module.name() + " context");
    return id;
  }

  private static int boundPort(Infrastructure infra, int configured) {
    Object port = infra.vertx().sharedData().getLocalMap("gateway").get("port");
    return port instanceof Integer p ? p : configured;
  }

  private Path runtimeFile() {
    return Path.of(infrastructure.config().embedded().dataDir(), "runtime.json");
  }

  /** The random id of this engine process, answered by {@code /health/live} and {@code /health/ready}. */
  public String instanceId() {
    return InstanceId.of(infrastructure.vertx());
  }

  /**
   * Where scripts (bench, smoke tests) find the running engine and its stores; {@code instanceId}
   * lets them check that what answers on {@code httpPort} is this process.
   */
  private void writeRuntimeFile() throws IOException {
    var config = infrastructure.config();
    var json = new JsonObject()
      .put("instanceId", instanceId())
      .put("pid", ProcessHandle.current().pid())
      .put("httpPort", httpPort)
      .put("pgUrl", config.pg().url())
      .put("redisUrl", config.redis().url())
      .put("embedded", infrastructure.embedded());
    Files.createDirectories(runtimeFile().getParent());
    Files.writeString(runtimeFile(), json.encodePrettily(), StandardCharsets.UTF_8);
  }

}
