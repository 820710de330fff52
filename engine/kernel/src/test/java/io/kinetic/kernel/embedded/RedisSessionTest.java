package io.kinetic.kernel.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A Ctrl-C typed in a terminal goes to the whole foreground process group: the embedded Redis, started
 * by its library as a plain child, was in the engine's and shut down while the engine drained. It now
 * runs in a session (and so a process group) of its own, as one process the engine started.
 */
class RedisSessionTest {

  @Test
  void theEmbeddedRedisIsNotInTheEnginesProcessGroup() throws Exception {
    Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/stat"))
      && (Files.isExecutable(Path.of("/usr/bin/setsid")) || Files.isExecutable(Path.of("/bin/setsid"))), "Linux with setsid");
    try (var services = new EmbeddedServices()) {
      String url = services.startRedis(0);
      // every embedded Redis this JVM runs (other test classes start servers of their own meanwhile,
      // all through EmbeddedServices): each the binary itself, each leading a group of its own
      List<ProcessHandle> redis = ProcessHandle.current().children().filter(p -> Orphans.runs(p, "redis-server")).toList();
      assertTrue(redis.size() >= 1, "Redis runs as a child of this JVM");
      long engineGroup = group(ProcessHandle.current().pid());
      for (ProcessHandle server : redis) {
        long group;
        try {
          group = group(server.pid());
        } catch (java.nio.file.NoSuchFileException stoppedMeanwhile) {
          continue; // another test class's server, stopped since the listing
        }
        assertTrue(server.info().command().orElse("redis-server-").contains("redis-server-"), "the binary itself runs, not the wrapper");
        assertNotEquals(engineGroup, group, "Redis has a process group of its own");
        assertEquals(server.pid(), group, "it leads it (its own session)");
      }
      assertTrue(url.startsWith("redis://127.0.0.1:"));
    }
  }

  /** The process group of {@code pid} (the fifth field of /proc/<pid>/stat). */
  private static long group(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
  }
}
