package io.kinetic.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went during a scenario's measurement window, read from Linux's
 * {@code /proc} at the window's start and end: the server under load (the engine, or the baseline;
 * by pid), PostgreSQL (every {@code postgres} process: the embedded server's or the service's),
 * Redis ({@code redis-server*}), the load generator itself, and the rest of the machine. Answers
 * the question "what bounds the figure" in every run: with all cores busy the figure is
 * bound by CPU, and the groups' milliseconds per unit (an order, a request) say whose; with cores
 * left idle it is bound by waits (locks, commits, round trips). On a machine without {@code /proc}
 * the sample is empty and the result says so.
 */
final class CpuShare {

  /** Busy share of all cores at or above which a run counts as CPU-bound. */
  static final double CPU_BOUND = 0.9;
  static final List<String> GROUPS = List.of("server", "postgres", "redis", "load", "other");

  /** Ticks per group (and the machine's busy and total ticks, all cores) at one instant. */
  record Snapshot(long nanos, long busy, long total, Map<Long, Long> pidTicks, Map<Long, String> pidGroup) {
  }

  private final CompletableFuture<Snapshot[]> window;

  private CpuShare(CompletableFuture<Snapshot[]> window) {
    this.window = window;
  }

  /**
   * Samples at {@code startNanos} and {@code endNanos} (System.nanoTime) on a daemon thread of its own;
   * {@code serverPid}: the process under load, or 0 when unknown (it then counts as "other").
   */
  static CpuShare during(long startNanos, long endNanos, long serverPid) {
    var window = new CompletableFuture<Snapshot[]>();
    long self = ProcessHandle.current().pid();
    Thread sampler = new Thread(() -> {
      try {
        sleepUntil(startNanos);
        Snapshot first = take(serverPid, self);
        sleepUntil(endNanos);
        window.complete(new Snapshot[] {first, take(serverPid, self)});
      } catch (Exception e) {
        window.completeExceptionally(e);
      }
    }, "cpu-share");
    sampler.setDaemon(true);
    sampler.start();
    return new CpuShare(window);
  }

  /**
   * The window's figures for {@code units} done in it ({@code unit}: "order", "request"), or null when
   * the window is not over within a few seconds or {@code /proc} could not be read.
   */
  JsonObject result(double units, String unit) {
    try {
      Snapshot[] both = window.get(5, TimeUnit.SECONDS);
      return between(both[0], both[1], units, unit, cores());
    } catch (Exception e) {
      return null;
    }
  }

  static JsonObject between(Snapshot a, Snapshot b, double units, String unit, int cores) {
    if (a.total() <= 0 || b.total() <= a.total()) {
      return null;
    }
    double seconds = (b.nanos() - a.nanos()) / 1e9;
    double ticksPerSecond = ticksPerSecond();
    Map<String, Long> groups = new LinkedHashMap<>();
    GROUPS.forEach(g -> groups.put(g, 0L));
    long grouped = 0;
    for (var e : b.pidTicks().entrySet()) {
      String group = b.pidGroup().get(e.getKey());
      if (group == null) {
        continue;
      }
      // a process started in the window counts from zero; one that ended in it is lost (rare: pooled connections)
      long delta = Math.max(0, e.getValue() - a.pidTicks().getOrDefault(e.getKey(), 0L));
      groups.merge(group, delta, Long::sum);
      grouped += delta;
    }
    long busy = b.busy() - a.busy();
    groups.put("other", Math.max(0, busy - grouped));
    double busyShare = (double) busy / (b.total() - a.total());
    var out = new JsonObject().put("window_s", Result.round(seconds, 1)).put("cores", cores)
        .put("busy", Result.round(busyShare, 3)).put("unit", unit)
        .put("bound", busyShare >= CPU_BOUND ? "cpu" : "waits");
    var perGroup = new JsonObject();
    groups.forEach((group, ticks) -> {
      double cpuSeconds = ticks / ticksPerSecond;
      perGroup.put(group, new JsonObject().put("cores", Result.round(cpuSeconds / seconds, 2))
          .put("ms_per_unit", units <= 0 ? null : Result.round(cpuSeconds * 1000 / units, 3)));
    });
    return out.put("groups", perGroup);
  }

  /** One line for people: "CPU 97 % busy (2 cores), ms per order: server 6.1, postgres 5.0, ...: bound by CPU". */
  static String humanLine(String scenario, JsonObject cpu) {
    var line = new StringBuilder(String.format(java.util.Locale.ROOT, "%s: CPU %.0f %% busy (%d cores), ms per %s:",
        scenario, cpu.getDouble("busy") * 100, cpu.getInteger("cores"), cpu.getString("unit")));
    JsonObject groups = cpu.getJsonObject("groups");
    for (String group : GROUPS) {
      JsonObject g = groups.getJsonObject(group);
      if (g != null && g.getValue("ms_per_unit") != null) {
        line.append(String.format(java.util.Locale.ROOT, " %s %.2f", group, g.getDouble("ms_per_unit")));
      }
    }
    return line.append("cpu".equals(cpu.getString("bound")) ? ": bound by CPU"
        : ": cores left idle, bound by waits (locks, commits, round trips)").toString();
  }

  static Snapshot take(long serverPid, long selfPid) throws IOException {
    long nanos = System.nanoTime();
    Path stat = Path.of("/proc/stat");
    if (!Files.isReadable(stat)) {
      return new Snapshot(nanos, 0, 0, Map.of(), Map.of());
    }
    String[] cpu = Files.readAllLines(stat).get(0).trim().split("\\s+");
    long busy = 0;
    long total = 0;
    // user nice system idle iowait irq softirq; steal (time the hypervisor gave to others) is neither
    // ours to use nor idle, so it counts in neither: on a VM with steal the busy share stays the share
    // of the CPU the machine had
    for (int i = 1; i < cpu.length && i <= 7; i++) {
      long v = Long.parseLong(cpu[i]);
      total += v;
      if (i != 4 && i != 5) {
        busy += v;
      }
    }
    Map<Long, Long> ticks = new HashMap<>();
    Map<Long, String> groups = new HashMap<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (name.isEmpty() || !name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        long pid = Long.parseLong(name);
        String line;
        try {
          line = Files.readString(p.resolve("stat"));
        } catch (IOException | RuntimeException gone) {
          continue; // ended meanwhile
        }
        ProcStat parsed = parse(line);
        String group = parsed == null ? null : group(pid, parsed.comm(), serverPid, selfPid);
        if (group == null) {
          continue;
        }
        ticks.put(pid, parsed.ticks());
        groups.put(pid, group);
      }
    }
    return new Snapshot(nanos, busy, total, ticks, groups);
  }

  /** A process's name and its CPU ticks (user + system) from its {@code /proc/<pid>/stat} line. */
  record ProcStat(String comm, long ticks) {
  }

  /**
   * Parses a {@code /proc/<pid>/stat} line: "pid (comm) state ppid ... utime stime ...", where comm may
   * hold spaces and parentheses (so it ends at the last ')'); utime and stime are the 14th and 15th
   * fields. Null when the line is not one.
   */
  static ProcStat parse(String line) {
    int open = line.indexOf('(');
    int close = line.lastIndexOf(')');
    if (open < 0 || close < open || close + 2 > line.length()) {
      return null;
    }
    String[] rest = line.substring(close + 2).trim().split(" ");
    if (rest.length < 13) {
      return null;
    }
    return new ProcStat(line.substring(open + 1, close), Long.parseLong(rest[11]) + Long.parseLong(rest[12]));
  }

  /** The machine's CPUs as /proc/stat counts them (its "cpuN" lines): the cores the busy share is of. */
  static int cores() {
    try {
      long n = Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.matches("cpu\\d+ .*")).count();
      return n > 0 ? (int) n : Runtime.getRuntime().availableProcessors();
    } catch (IOException | RuntimeException e) {
      return Runtime.getRuntime().availableProcessors();
    }
  }

  static String group(long pid, String comm, long serverPid, long selfPid) {
    if (pid == serverPid) {
      return "server";
    }
    if (pid == selfPid) {
      return "load";
    }
    if (comm.equals("postgres") || comm.startsWith("postgres:")) {
      return "postgres";
    }
    if (comm.startsWith("redis-server")) {
      return "redis";
    }
    return null;
  }

  /** USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK); overridable for an odd kernel. */
  private static double ticksPerSecond() {
    return Double.parseDouble(System.getProperty("kinetic.clockTicks", "100"));
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long wait;
    while ((wait = nanos - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(Math.min(wait, 1_000_000_000L));
    }
  }
}
