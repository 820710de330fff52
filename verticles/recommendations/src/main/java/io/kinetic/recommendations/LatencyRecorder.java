package io.kinetic.recommendations;

import io.kinetic.kernel.contract.recommendations.RecommenderReport;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The serving time of the last recommendations on this node, for p50/p99: all of them (the last
 * {@value #SIZE}), and per model and A/B arm (the last {@value #PER_MODEL} of the requests that a
 * row of the model answered in the arm). Per node: each node only knows what it served.
 */
final class LatencyRecorder {

  private static final int SIZE = 10_000;
  private static final int PER_MODEL = 2_000;

  /** A ring of the last {@code nanos.length} times. */
  private static final class Ring {
    final long[] nanos;
    long count;

    Ring(int size) {
      nanos = new long[size];
    }

    void add(long elapsed) {
      nanos[(int) (count++ % nanos.length)] = elapsed;
    }

    RecommenderReport.Latency summary() {
      int n = (int) Math.min(count, nanos.length);
      if (n == 0) {
        return new RecommenderReport.Latency(0, 0, 0);
      }
      long[] sorted = Arrays.copyOf(nanos, n);
      Arrays.sort(sorted);
      return new RecommenderReport.Latency(count, sorted[(int) (n * 0.50)] / 1e6, sorted[Math.min(n - 1, (int) (n * 0.99))] / 1e6);
    }
  }

  private final Ring all = new Ring(SIZE);
  private final Map<String, Ring> byModel = new HashMap<>();

  void record(long elapsedNanos) {
    all.add(elapsedNanos);
  }

  /** One request's time, also counted for each model (and the arm) that served one of its rows. */
  void record(long elapsedNanos, String arm, Set<String> models) {
    all.add(elapsedNanos);
    for (String model : models) {
      // models are a handful of names, arms two: the map stays small
      byModel.computeIfAbsent(key(model, arm), k -> new Ring(PER_MODEL)).add(elapsedNanos);
    }
  }

  RecommenderReport.Latency summary() {
    return all.summary();
  }

  /** The summaries per model and arm, by {@link #key}. */
  Map<String, RecommenderReport.Latency> byModel() {
    var out = new HashMap<String, RecommenderReport.Latency>();
    byModel.forEach((k, ring) -> out.put(k, ring.summary()));
    return out;
  }

  static String key(String model, String arm) {
    return model + "/" + (arm == null ? "" : arm);
  }
}
