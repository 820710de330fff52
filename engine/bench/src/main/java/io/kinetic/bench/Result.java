package io.kinetic.bench;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** Outcome of one load run; {@link #toJson()} is the contract read by {@link Report}. */
record Result(String name, double rps, double p50Ms, double p99Ms, double p999Ms, double maxMs,
    long errors, long requests) {

  JsonObject toJson() {
    return new JsonObject()
        .put("name", name)
        .put("rps", round(rps, 1))
        .put("p50_ms", round(p50Ms, 3))
        .put("p99_ms", round(p99Ms, 3))
        .put("errors", errors)
        .put("requests", requests);
  }

  String humanLine(int connections, String duration) {
    return String.format(Locale.ROOT,
        "%s: %.1f req/s, p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms, errors %d of %d requests"
            + " (%d connections, %s)",
        name, rps, p50Ms, p99Ms, p999Ms, maxMs, errors, requests, connections, duration);
  }

  static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
