package io.kinetic.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuShareTest {

  @Test
  void groupsTheWindowsTicksAndSaysWhatBoundsTheFigure() {
    // 10 s on 2 cores at 100 ticks a second: 2,000 ticks in all, 1,900 busy
    var start = new CpuShare.Snapshot(0, 1_000, 5_000, Map.of(1L, 100L, 2L, 50L, 3L, 10L, 4L, 0L),
        Map.of(1L, "server", 2L, "postgres", 3L, "redis", 4L, "load"));
    var end = new CpuShare.Snapshot(10_000_000_000L, 2_900, 7_000, Map.of(1L, 800L, 2L, 650L, 3L, 60L, 4L, 100L, 5L, 40L),
        Map.of(1L, "server", 2L, "postgres", 3L, "redis", 4L, "load", 5L, "postgres"));

    JsonObject cpu = CpuShare.between(start, end, 1_000, "order", 2);

    assertEquals(0.95, cpu.getDouble("busy"));
    assertEquals("cpu", cpu.getString("bound"));
    JsonObject groups = cpu.getJsonObject("groups");
    assertEquals(0.7, groups.getJsonObject("server").getDouble("cores"));
    assertEquals(7.0, groups.getJsonObject("server").getDouble("ms_per_unit"));
    // a backend that started in the window counts from zero
    assertEquals(6.4, groups.getJsonObject("postgres").getDouble("ms_per_unit"));
    assertEquals(0.5, groups.getJsonObject("redis").getDouble("ms_per_unit"));
    assertEquals(1.0, groups.getJsonObject("load").getDouble("ms_per_unit"));
    assertEquals(4.1, groups.getJsonObject("other").getDouble("ms_per_unit"), "busy ticks no group took");
    assertEquals("checkout: CPU 95 % busy (2 cores), ms per order: server 7.00 postgres 6.40 redis 0.50 load 1.00 other 4.10:"
        + " bound by CPU", CpuShare.humanLine("checkout", cpu));
  }

  @Test
  void idleCoresMeanTheFigureIsBoundByWaits() {
    var start = new CpuShare.Snapshot(0, 0, 0 + 1, Map.of(), Map.of());
    var end = new CpuShare.Snapshot(10_000_000_000L, 1_000, 2_001, Map.of(1L, 900L), Map.of(1L, "server"));
    JsonObject cpu = CpuShare.between(start, end, 0, "request", 2);
    assertEquals("waits", cpu.getString("bound"));
    assertNull(cpu.getJsonObject("groups").getJsonObject("server").getValue("ms_per_unit"), "no unit done: no figure per unit");
    assertTrue(CpuShare.humanLine("search", cpu).endsWith("bound by waits (locks, commits, round trips)"));
  }

  @Test
  void namesTheProcessesOfTheStores() {
    assertEquals("server", CpuShare.group(10, "java", 10, 20));
    assertEquals("load", CpuShare.group(20, "java", 10, 20));
    assertEquals("postgres", CpuShare.group(30, "postgres", 10, 20));
    assertEquals("redis", CpuShare.group(31, "redis-server-6.", 10, 20));
    assertNull(CpuShare.group(32, "java", 10, 20));
  }

  @Test
  void readsAProcessStatLineWhateverItsName() {
    // a name with spaces and parentheses; utime 1234 and stime 56 are the 14th and 15th fields
    var parsed = CpuShare.parse("4242 (we) (ird name) S 1 4242 4242 0 -1 4194560 999 0 7 0 1234 56 0 0 20 0 31 0 5 0 0");
    assertEquals("we) (ird name", parsed.comm());
    assertEquals(1290, parsed.ticks());
    assertEquals(1290, CpuShare.parse("1 (postgres) R 1 1 1 0 -1 0 0 0 0 0 1234 56 0 0 20 0 1 0 5 0 0").ticks());
    assertNull(CpuShare.parse("garbage"));
    assertNull(CpuShare.parse("1 (short) R 1"));
    assertTrue(CpuShare.cores() >= 1);
  }

  @Test
  void readsThisMachine() throws Exception {
    if (!Files.isReadable(Path.of("/proc/stat"))) {
      return; // not Linux
    }
    long self = ProcessHandle.current().pid();
    var snapshot = CpuShare.take(0, self);
    assertTrue(snapshot.total() > 0 && snapshot.busy() > 0);
    assertEquals("load", snapshot.pidGroup().get(self));
    assertTrue(snapshot.pidTicks().get(self) > 0, "this JVM has used CPU");
    // the fields read are the CPU times (at 100 ticks a second), not neighbouring counters
    long jdkMillis = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toMillis();
    long procMillis = snapshot.pidTicks().get(self) * 10;
    assertTrue(Math.abs(jdkMillis - procMillis) < 1_000, "/proc says " + procMillis + " ms, the JDK " + jdkMillis + " ms");
  }
}
