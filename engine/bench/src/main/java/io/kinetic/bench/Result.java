package io.kinetic.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/**
 * Outcome of one load run; {@link #toJson()} is the contract read by {@link Report}: {@code name,
 * rps, p50_ms, p99_ms, errors, requests}, {@code reads} and {@code writes} (the same numbers per
 * group, when the scenario has writes), {@code timeline} (2xx responses per second from the start
 * of the warm-up) and {@code warmup_s}.
 */
record Result(String name, Stats all, Stats reads, Stats writes, List<Long> timeline, int warmupSeconds) {

  /** Throughput and latency of one group of requests inside the measurement window. */
  record Stats(double rps, double p50Ms, double p99Ms, double p999Ms, double maxMs, long errors, long requests) {

    JsonObject toJson() {
      return new JsonObject()
          .put("rps", round(rps, 1))
          .put("p50_ms", round(p50Ms, 3))
          .put("p99_ms", round(p99Ms, 3))
          .put("errors", errors)
          .put("requests", requests);
    }

    String humanLine(String label) {
      return String.format(Locale.ROOT,
          "%s: %.1f req/s, p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms, errors %d of %d requests",
          label, rps, p50Ms, p99Ms, p999Ms, maxMs, errors, requests);
    }
  }

  double rps() {
    return all.rps();
  }

  long errors() {
    return all.errors();
  }

  long requests() {
    return all.requests();
  }

  JsonObject toJson() {
    JsonObject json = all.toJson().put("name", name);
    if (reads != null) {
      json.put("reads", reads.toJson()).put("writes", writes.toJson());
    }
    return json.put("timeline", new JsonArray(List.copyOf(timeline))).put("warmup_s", warmupSeconds);
  }

  String humanLine(int connections, String duration) {
    String line = all.humanLine(name) + String.format(Locale.ROOT, " (%d connections, %s)", connections, duration);
    if (reads != null) {
      line += System.lineSeparator() + reads.humanLine("  reads") + System.lineSeparator() + writes.humanLine("  writes");
    }
    return line;
  }

  static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
