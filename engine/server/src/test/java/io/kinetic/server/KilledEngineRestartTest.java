package io.kinetic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.embedded.FreePorts;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A newcomer's engine killed with {@code kill -9} on the default, fixed embedded ports: its
 * PostgreSQL and Redis stay up holding those ports, and the next start on the same data directory
 * stops them (saying so) and starts, instead of refusing the ports as another server's. A guest's
 * cart outlives it: the embedded Redis keeps its data in the data directory.
 */
class KilledEngineRestartTest {

  private static final String ADMIN = "admin@killed.example";
  private static final String PASSWORD = "killed-admin-password-1";

  @Test
  void aKilledEngineOnFixedPortsStartsAgainWithItsGuestCarts() throws Exception {
    var env = EngineEnv.embedded(ADMIN, PASSWORD, FreePorts.find(), FreePorts.find());
    Path data = Path.of(env.get("COMMERCE_EMBEDDED_DATA_DIR"));
    Vertx vertx = Vertx.vertx();
    try {
      String token;
      String variant;
      try (EngineProcess first = EngineProcess.start(env, Map.of()).awaitReady(Duration.ofSeconds(180))) {
        var shop = new Shop(client(vertx, first), ADMIN, PASSWORD);
        variant = Shop.variantId(shop.product("PUBLISHED", 10), 0);
        token = shop.add(null, variant, 2).getHeader("X-Cart-Token");
        assertNotNull(token);
        Thread.sleep(1_500); // the append-only file is written every second
        first.kill(); // kill -9: no shutdown hook, its PostgreSQL and Redis keep their ports
      }
      Files.deleteIfExists(data.resolve("runtime.json")); // left by the killed one
      Files.move(data.resolve("engine.log"), data.resolve("killed-engine.log"));
      EngineProcess stopped;
      try (EngineProcess second = EngineProcess.start(env, Map.of()).awaitReady(Duration.ofSeconds(180))) {
        stopped = second;
        String log = Files.readString(data.resolve("engine.log"));
        assertTrue(log.contains("stopping the embedded PostgreSQL") && log.contains("stopping the embedded Redis"),
          "the killed engine's servers were stopped, and said so: " + log);
        var shop = new Shop(client(vertx, second), ADMIN, PASSWORD);
        var cart = shop.cart(token);
        assertEquals(200, cart.statusCode(), "the guest's cart outlived the restart: " + cart.bodyAsString());
        assertEquals(2, Shop.line(cart, variant).getInteger("quantity"), cart.bodyAsString());
      } // SIGTERM: the engine stops cleanly
      // the engine handled the signal itself (StopSignals): the JVM's own handling ends with 143
      assertEquals(0, stopped.exitStatus(), "a clean stop on SIGTERM exits 0");
      // its log keeps its last lines (the JDK's shutdown closed the handlers before they were written)
      String log = Files.readString(data.resolve("engine.log"));
      assertTrue(log.contains("embedded Redis stopped") && log.contains("embedded PostgreSQL stopped"),
        "the last lines of a clean stop are logged: " + log.substring(Math.max(0, log.length() - 2000)));
      // and a clean stop is no error (the event logs' readers polling as their pool closed were) and
      // no warning: the embedded servers stop after the engine, not under it (their libraries' own
      // shutdown hooks stopped them while the engine drained: "the database system is shutting down")
      String stop = log.substring(log.lastIndexOf("[kinetic] stopping"));
      assertTrue(!stop.contains("\"level\":\"SEVERE\"") && !stop.contains("\"level\":\"WARNING\""),
        "no error or warning while stopping: " + stop);
    } finally {
      vertx.close();
    }
  }

  private static WebClient client(Vertx vertx, EngineProcess engine) {
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
  }
}
