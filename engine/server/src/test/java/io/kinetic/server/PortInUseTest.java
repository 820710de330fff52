package io.kinetic.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.config.ConfigException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A port the engine must listen on is taken by another process: the start fails at once with a
 * message naming the port and the variable that moves it, and nothing embedded was started
 * (the embedded PostgreSQL would have created its data directory).
 */
class PortInUseTest {

  @Test
  void aTakenHttpPortStopsTheStartBeforeTheEmbeddedServices() throws Exception {
    try (var taken = listener()) {
      Map<String, String> env = embeddedEnv();
      env.put("COMMERCE_HTTP_PORT", String.valueOf(taken.getLocalPort()));

      var failure = assertThrows(ConfigException.class, () -> Engine.start(env));

      assertTrue(failure.getMessage().contains("port " + taken.getLocalPort() + " "), failure.getMessage());
      assertTrue(failure.getMessage().contains("COMMERCE_HTTP_PORT"), failure.getMessage());
      assertFalse(Files.exists(Path.of(env.get("COMMERCE_EMBEDDED_DATA_DIR"), "pg")), "no embedded PostgreSQL was started");
    }
  }

  @Test
  void aTakenEmbeddedPostgresPortIsNamedToo() throws Exception {
    try (var taken = listener()) {
      Map<String, String> env = embeddedEnv();
      env.put("COMMERCE_EMBEDDED_PG_PORT", String.valueOf(taken.getLocalPort()));

      var failure = assertThrows(ConfigException.class, () -> Engine.start(env));

      assertTrue(failure.getMessage().contains("port " + taken.getLocalPort() + " "), failure.getMessage());
      assertTrue(failure.getMessage().contains("COMMERCE_EMBEDDED_PG_PORT"), failure.getMessage());
      assertFalse(Files.exists(Path.of(env.get("COMMERCE_EMBEDDED_DATA_DIR"), "pg")), "no embedded PostgreSQL was started");
    }
  }

  /** The default start: no PostgreSQL or Redis URL, so the embedded servers would start (on free ports). */
  private static Map<String, String> embeddedEnv() throws Exception {
    Map<String, String> env = EngineEnv.extra("port-admin@kinetic.test", "port-admin-password");
    env.remove("COMMERCE_PG_URL");
    env.remove("COMMERCE_REDIS_URL");
    env.put("COMMERCE_EMBEDDED_PG_PORT", "0");
    env.put("COMMERCE_EMBEDDED_REDIS_PORT", "0");
    return env;
  }

  /** Another server listening on a free loopback port, as another engine would. */
  private static ServerSocket listener() throws Exception {
    var socket = new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    return socket;
  }
}
