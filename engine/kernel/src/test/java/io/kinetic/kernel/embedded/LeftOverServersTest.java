package io.kinetic.kernel.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine killed with {@code kill -9} leaves its embedded PostgreSQL (daemonized) and Redis (a
 * child) running. The next start on the same data directory stops them and starts afresh, instead
 * of waiting a minute for a PostgreSQL that cannot lock its data directory; while the owning
 * engine still runs, the start fails at once naming it.
 */
class LeftOverServersTest {

  @TempDir
  Path data;

  private static void pretendOwner(Path ownerFile, long owner) throws IOException {
    String[] parts = Files.readString(ownerFile, StandardCharsets.UTF_8).trim().split("\\s+");
    Files.writeString(ownerFile, owner + " " + parts[1] + "\n", StandardCharsets.UTF_8);
  }

  /** The engine to kill: starts both servers on the data directory of its argument, says so, and waits. */
  public static final class KilledEngine {
    public static void main(String[] args) throws Exception {
      Path data = Path.of(args[0]);
      var services = new EmbeddedServices();
      services.startPostgres(data.resolve("pg"), 0);
      services.startRedis(0, data.resolve("redis.owner"));
      System.out.println("ready");
      System.out.flush();
      Thread.sleep(TimeUnit.MINUTES.toMillis(5));
    }
  }

  @Test
  void theServersOfAKilledEngineAreStoppedAndTheNextStartWorks() throws Exception {
    Path pg = data.resolve("pg");
    Path redisOwner = data.resolve("redis.owner");
    Process engine = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
      "-cp", System.getProperty("java.class.path"), KilledEngine.class.getName(), data.toString())
      .redirectErrorStream(true).redirectOutput(data.resolve("engine.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(data.resolve("engine.log")) || !Files.readString(data.resolve("engine.log")).contains("ready")) {
      assertTrue(engine.isAlive() && System.nanoTime() < deadline, () -> "the engine did not start: " + log());
      Thread.sleep(200);
    }
    ProcessHandle oldPostmaster = Orphans.postmaster(pg);
    assertNotNull(oldPostmaster);
    long oldRedis = Long.parseLong(Files.readString(redisOwner).trim().split("\\s+")[1]);
    assertTrue(ProcessHandle.of(oldRedis).map(ProcessHandle::isAlive).orElse(false), "the owner file names the Redis");
    // kill -9: no shutdown hook runs, both servers stay up
    engine.destroyForcibly();
    assertTrue(engine.waitFor(30, TimeUnit.SECONDS));
    assertTrue(oldPostmaster.isAlive());

    var next = new EmbeddedServices();
    long started = System.nanoTime();
    try {
      String url = next.startPostgres(pg, 0);
      next.startRedis(0, redisOwner);
      assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(50), "no minute-long wait");
      assertFalse(oldPostmaster.isAlive(), "the left-over PostgreSQL was stopped");
      assertFalse(ProcessHandle.of(oldRedis).map(ProcessHandle::isAlive).orElse(false), "the left-over Redis was stopped");
      ProcessHandle newPostmaster = Orphans.postmaster(pg);
      assertNotNull(newPostmaster);
      assertNotEquals(oldPostmaster.pid(), newPostmaster.pid());
      int port = URI.create(url).getPort();
      try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "postgres");
           var rs = c.createStatement().executeQuery("select 1")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getInt(1));
      }
    } finally {
      next.close();
      engine.destroyForcibly();
    }
  }

  private String log() {
    try {
      return Files.readString(data.resolve("engine.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  @Test
  void aDataDirectoryAnotherRunningEngineUsesIsRefusedAtOnce() throws Exception {
    Path pg = data.resolve("pg");
    var running = new EmbeddedServices();
    Process otherEngine = new ProcessBuilder("sleep", "120").start();
    try {
      running.startPostgres(pg, 0);
      pretendOwner(pg.resolve(EmbeddedServices.OWNER_FILE), otherEngine.pid());
      var second = new EmbeddedServices();
      IOException refused = assertThrows(IOException.class, () -> second.startPostgres(pg, 0));
      assertTrue(refused.getMessage().contains("another running engine (pid " + otherEngine.pid() + ")"), refused.getMessage());
      assertTrue(Orphans.postmaster(pg).isAlive(), "the running engine's PostgreSQL is left alone");
    } finally {
      otherEngine.destroyForcibly();
      running.close();
    }
  }
}
