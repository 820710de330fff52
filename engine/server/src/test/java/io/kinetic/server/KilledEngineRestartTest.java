package io.kinetic.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.embedded.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A newcomer's engine killed with {@code kill -9} on the default, fixed embedded ports: its
 * PostgreSQL and Redis stay up holding those ports, and the next start on the same data directory
 * stops them (saying so) and starts, instead of refusing the ports as another server's.
 */
class KilledEngineRestartTest {

  @Test
  void aKilledEngineOnFixedPortsStartsAgain() throws Exception {
    var env = EngineEnv.embedded("admin@killed.example", "killed-admin-password-1", FreePorts.find(), FreePorts.find());
    Path data = Path.of(env.get("COMMERCE_EMBEDDED_DATA_DIR"));
    try (EngineProcess first = EngineProcess.start(env, Map.of()).awaitReady(Duration.ofSeconds(180))) {
      first.kill(); // kill -9: no shutdown hook, its PostgreSQL and Redis keep their ports
    }
    Files.deleteIfExists(data.resolve("runtime.json")); // left by the killed one
    Files.move(data.resolve("engine.log"), data.resolve("killed-engine.log"));
    try (EngineProcess second = EngineProcess.start(env, Map.of()).awaitReady(Duration.ofSeconds(180))) {
      String log = Files.readString(data.resolve("engine.log"));
      assertTrue(log.contains("stopping the embedded PostgreSQL") && log.contains("stopping the embedded Redis"),
        "the killed engine's servers were stopped, and said so: " + log);
    }
  }
}
