package io.kinetic.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs {@link BaselineVerticle} once per core until SIGTERM. With {@code --port 0} (the default) the
 * instances share one free port; {@code --runtime-file} receives {@code {"port", "instanceId"}} once
 * it listens, and {@code /health} answers the same instanceId, so the caller can check that it
 * measures this process.
 */
public final class BaselineServer {

  private static final String USAGE = "usage: BaselineServer --pg-url postgresql://user@host:port/db"
      + " [--port 0] [--runtime-file FILE] [--table catalog.product] [--instances <cores>]";
  // The table name is spliced into SQL, so only plain (schema-qualified) identifiers are accepted.
  private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

  private BaselineServer() {
  }

  public static void main(String[] argv) throws Exception {
    String pgUrl;
    int port;
    String table;
    int instances;
    String runtimeFile;
    try {
      Args args = Args.parse(argv, Set.of("pg-url", "port", "table", "instances", "runtime-file"), Set.of());
      pgUrl = args.require("pg-url");
      port = args.intValue("port", 0);
      runtimeFile = args.get("runtime-file", null);
      table = args.get("table", "catalog.product");
      instances = args.intValue("instances", Runtime.getRuntime().availableProcessors());
      if (!TABLE.matcher(table).matches()) {
        throw new IllegalArgumentException("invalid --table " + table);
      }
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    String instanceId = UUID.randomUUID().toString();
    int bound;
    try {
      vertx.deployVerticle(() -> new BaselineVerticle(pgUrl, port, table, instanceId),
          new DeploymentOptions().setInstances(instances)).await(60, TimeUnit.SECONDS);
      bound = (Integer) vertx.sharedData().getLocalMap(BaselineVerticle.MAP).get("port");
      if (runtimeFile != null) {
        Files.writeString(Path.of(runtimeFile), new JsonObject().put("port", bound).put("instanceId", instanceId).encode());
      }
    } catch (Exception e) {
      System.err.println("baseline failed to start: " + e);
      vertx.close().await(10, TimeUnit.SECONDS);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        vertx.close().await(10, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // exiting anyway
      }
    }));
    System.out.printf("baseline listening on :%d (%d instances, table %s, instance %s)%n", bound, instances, table, instanceId);
  }
}
